"""Write TOML: the standard library reads it (`tomllib`) but cannot write it.

Enough for scenarios and overrides: strings, numbers, booleans, arrays, tables and arrays of
tables, nested as a scenario nests them (`[[states]]` with its `[states.public]`,
`[[disputes]]` with its `[[disputes.issues]]`). TOML has no null: `None` values are left
out, which is what a scenario file does for a field at its default.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

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


def _write_table(out: list[str], path: list[str], table: Mapping[str, Any]) -> None:
    """Plain keys first (TOML reads every key after a header as part of that table), then tables."""
    for key, value in table.items():
        if value is not None and not isinstance(value, Mapping) and not _is_table_array(value):
            out.append(f"{toml_key(key)} = {toml_value(value)}")
    for key, value in table.items():
        dotted = ".".join(toml_key(k) for k in (*path, key))
        if isinstance(value, Mapping):
            out += ["", f"[{dotted}]"]
            _write_table(out, [*path, key], value)
        elif _is_table_array(value):
            for item in value:
                out += ["", f"[[{dotted}]]"]
                _write_table(out, [*path, key], item)


def dumps(data: Mapping[str, Any], header: Sequence[str] = ()) -> str:
    """`data` as a TOML document, after `header` (comment lines, written as they are)."""
    out = list(header)
    if out:
        out.append("")
    _write_table(out, [], data)
    return "\n".join(out).strip("\n") + "\n"


def leading_comments(text: str) -> list[str]:
    """The `#` lines at the top of a TOML text (a scenario's background and sources)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines
