"""Dotted-path overrides of a scenario's raw TOML table (`--set`, `ConflictModel(**overrides)`).

Applied before validation, so a bad value is reported by the schema with its field path.
Values are read as one TOML value on one line: a newline would let a `--set` smuggle in (or
silently drop) whole tables, so it is refused, and so is nesting deeper than any scenario needs.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from sim.errors import ScenarioError
from sim.params import Params

MAX_DEPTH = 32  # nested arrays/tables; a scenario needs 4, and deep nesting exhausts the stack
_INDEX = re.compile(r"-?[0-9]+")  # ASCII digits only: "²".isdigit() is True, but int("²") fails


def nesting_depth(value: Any) -> int:
    """How deeply lists and dicts nest in `value` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list | tuple):
            depth += 1
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:  # no need to walk further
                return depth
            stack.extend((child, depth) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def check_depth(value: Any, where: str) -> Any:
    """`value`, or ScenarioError naming `where` if it nests deeper than MAX_DEPTH."""
    if nesting_depth(value) > MAX_DEPTH:
        raise ScenarioError(f"{where}: arrays or tables nested more than {MAX_DEPTH} deep")
    return value


def parse_value(text: str) -> Any:
    """Read a `--set` value as TOML (numbers, booleans, strings, lists), else a bare string.

    Raises:
        ScenarioError: the value spans lines, or nests too deeply.
    """
    if "\n" in text or "\r" in text:
        raise ScenarioError(f"value {text!r}: must be one line (one TOML value, not a table)")
    try:
        value = tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text
    except RecursionError:  # tomllib recurses per level and gives up long before the stack does
        value = None
    if value is None or nesting_depth(value) > MAX_DEPTH:
        raise ScenarioError(f"value {text[:20]!r}...: arrays or tables nested more than {MAX_DEPTH} deep")
    return value


def apply_override(raw: dict[str, Any], dotted: str, value: Any) -> None:
    """Set `raw[dotted.path] = value`; list items are picked by index or by their `name`.

    A bare key that names a mechanism parameter (`concession_decay`) means `params.<key>`.
    """
    keys = dotted.replace("__", ".").split(".")
    if len(keys) == 1 and keys[0] in Params.model_fields:
        keys = ["params", keys[0]]
    node: Any = raw
    for depth, key in enumerate(keys):
        last = depth == len(keys) - 1
        where = ".".join(keys[: depth + 1])
        if isinstance(node, list):
            idx = _list_index(node, key, where)
            if last:
                node[idx] = value
            else:
                node = node[idx]
        elif isinstance(node, dict):
            if last:
                node[key] = value
            else:
                node = node.setdefault(key, {})
        else:
            raise ScenarioError(f"--set {dotted}: {where} is not a table or list")


def _list_index(items: list[Any], key: str, where: str) -> int:
    if _INDEX.fullmatch(key):
        idx = int(key)
        if -len(items) <= idx < len(items):
            return idx
    for idx, item in enumerate(items):
        if isinstance(item, dict) and item.get("name") == key:
            return idx
    raise ScenarioError(f"--set: no item {key!r} at {where}")
