"""Dotted-path overrides of a scenario's raw TOML table (`--set`, `ConflictModel(**overrides)`).

Applied before validation, so a bad value is reported by the schema with its field path.
"""

from __future__ import annotations

import tomllib
from typing import Any

from sim.errors import ScenarioError
from sim.params import Params


def parse_value(text: str) -> Any:
    """Read a `--set` value as TOML (numbers, booleans, strings, lists), else a bare string."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


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
    if key.lstrip("-").isdigit():
        idx = int(key)
        if -len(items) <= idx < len(items):
            return idx
    for idx, item in enumerate(items):
        if isinstance(item, dict) and item.get("name") == key:
            return idx
    raise ScenarioError(f"--set: no item {key!r} at {where}")
