"""Write TOML: the standard library reads it (`tomllib`) but cannot write it; `tomlkit` does,
and keeps a file's comments and layout when it is changed.

`edit(text, data)` is `text` changed to hold `data`: what is unchanged stays as written, with
its comments and blank lines (a scenario file gives the source of every number in a comment);
a changed value is replaced in its line, keeping that line's trailing comment; a key that is
new is added, a key that is gone (or `None`, or an emptied list: TOML has no null, a field at
its default is left out) is removed. `dumps(data, header)` is a new document. Both are read
back with `tomllib` and must give `data`, so a scenario written here is the scenario meant.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, InlineTable, Item, Table

BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def toml_value(value: Any) -> str:
    """A Python value as an inline TOML value, as `--set path=VALUE` reads it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a TOML basic string: JSON's escapes are TOML's
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items() if v is not None) + "}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def toml_key(key: str) -> str:
    return key if BARE_KEY.match(key) else json.dumps(key)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _left_out(value: Any) -> bool:
    """TOML has no null: a field at its default (`None`, or a list emptied of its rows) is left
    out, so that adding a row and removing it again gives back the file as it was."""
    return value is None or (isinstance(value, list | tuple) and not value)


def _pruned(value: Any) -> Any:
    """`value` without the fields `_left_out` drops."""
    if isinstance(value, Mapping):
        return {k: _pruned(v) for k, v in value.items() if not _left_out(v)}
    if isinstance(value, list | tuple):
        return [_pruned(v) for v in value]
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal as TOML values: 1 and 1.0, or true and 1, are not the same value."""
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _plain(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _new_table(value: Mapping[str, Any]) -> Table:
    table = tomlkit.table()
    _sync(table, value)
    return table


def _replace(container: Any, key: str, value: Any) -> None:
    """Put a new value at `key`, keeping the line's trailing comment at the column it was at."""
    old = container[key]
    trivia = old.trivia if isinstance(old, Item) and not isinstance(old, Table | AoT) else None
    width = len(old.as_string()) if trivia is not None else 0
    container[key] = _pruned(value)
    new = container[key]
    if trivia is not None and trivia.comment and isinstance(new, Item) and hasattr(new, "trivia"):
        new.trivia.comment = trivia.comment
        new.trivia.comment_ws = " " * max(1, width + len(trivia.comment_ws) - len(new.as_string()))


def _sync_tables(aot: AoT, rows: list[Mapping[str, Any]]) -> None:
    """An array of tables made to hold `rows`: rows kept, changed, added or removed in place."""
    old = [_plain(t) for t in aot]
    if len(old) == len(rows):
        for table, row in zip(aot, rows, strict=True):
            _sync(table, row)
        return
    head = 0
    while head < min(len(old), len(rows)) and _same(old[head], rows[head]):
        head += 1
    tail = 0
    while tail < min(len(old), len(rows)) - head and _same(old[-1 - tail], rows[-1 - tail]):
        tail += 1
    for i in reversed(range(head, len(old) - tail)):
        del aot[i]
    for i, row in enumerate(rows[head : len(rows) - tail], start=head):
        table = _new_table(row)
        table.add(tomlkit.nl())  # a blank line before the next [[table]]
        aot.insert(i, table)


def _sync(container: Any, data: Mapping[str, Any]) -> None:
    """`container` (a document or table) made to hold `data`, changing only what differs."""
    for key in [k for k in container if _left_out(data.get(k)) and not _same(_plain(container[k]), data.get(k))]:
        del container[key]  # (an empty list the file itself wrote stays as written)
    for key, value in data.items():
        if _left_out(value):
            continue
        if key not in container:
            container[key] = _pruned(value)
            continue
        old = container[key]
        if _same(_plain(old), value):
            continue
        if isinstance(value, Mapping) and isinstance(old, Table | InlineTable | Container):
            _sync(old, value)
        elif _is_table_array(value) and isinstance(old, AoT):
            _sync_tables(old, list(value))
        else:
            _replace(container, key, value)


def _checked(out: str, data: Mapping[str, Any]) -> str | None:
    try:
        return out if _same(_pruned(tomllib.loads(out)), _pruned(data)) else None
    except tomllib.TOMLDecodeError:
        return None


def dumps(data: Mapping[str, Any], header: Sequence[str] = ()) -> str:
    """`data` as a new TOML document, after `header` (comment lines, written as they are)."""
    doc = tomlkit.document()
    _sync(doc, data)
    out = "\n".join([*header, *([""] if header else []), tomlkit.dumps(doc)]).strip("\n") + "\n"
    if _checked(out, data) is None:
        raise ValueError("cannot write this data as TOML that reads back the same")
    return out


def edit(text: str, data: Mapping[str, Any]) -> str:
    """`text` (a TOML document) changed to hold `data`, its comments and layout kept for all that
    did not change. A text that does not parse, or an edit that would not read back as `data`,
    gives a new document after the text's leading comment block (as `dumps`)."""
    try:
        doc = tomlkit.parse(text)
        _sync(doc, data)
        written = tomlkit.dumps(doc)
        if text.endswith("\n"):  # rows removed at the end leave their blank separator behind
            written = written.rstrip("\n") + "\n"
        out = _checked(written, data)
    except Exception:  # tomlkit's own errors, on text that tomllib may still read
        out = None
    return out if out is not None else dumps(data, leading_comments(text))


def leading_comments(text: str) -> list[str]:
    """The `#` lines at the top of a TOML text (a scenario's background and sources)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines
