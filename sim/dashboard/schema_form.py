"""The scenario form, read off the schema: which input each field gets, with its label, bounds,
description and default, and how a typed value goes into the scenario's TOML data.

Nothing here lists a scenario field by hand: `form_fields(model)` walks a pydantic model's
fields (`sim.scenario.Scenario`, `sim.specs`, `Params`, `HistorySpec`), so a field added to the
schema appears in the form by itself. The data edited is the TOML table as read by `tomllib`
(only what the file sets; a field left empty takes the schema's default), and it is checked
by the same function as an upload and `brink check` (`sim.dashboard.editor.check`). Solara
components: `sim.dashboard.form`.
"""

from __future__ import annotations

import copy
import types
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

# kinds of input
BOOL, NUMBER, TEXT, CHOICE, NAMES, PAIR, MODEL, MODELS = "bool number text choice names pair model models".split()
NESTED = (MODEL, MODELS)
SPARSE_OVER = 20  # a table with more fields (the parameters) lists only those the file sets


@dataclass(frozen=True)
class FormField:
    """One schema field as the form shows it."""

    name: str
    kind: str
    description: str
    required: bool
    default: Any  # None when required or when the default is "not set"
    integer: bool = False
    bounds: str = ""  # "0 to 1", "> 0, ≤ 1,000,000"
    choices: tuple[str, ...] = ()
    model: type[BaseModel] | None = None  # the table (MODEL) or the items' table (MODELS)
    optional: bool = False  # None is allowed: an empty input leaves the key out
    numeric: bool = False  # a pair of numbers (else of names)

    @property
    def label(self) -> str:
        words = self.name.replace("_", " ")
        return f"{words} ({self.bounds})" if self.bounds else words


def _unwrap(tp: Any) -> tuple[Any, list[Any], bool]:
    """(the type without Optional and Annotated, the constraint objects found, None allowed?)."""
    optional = False
    if get_origin(tp) in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        optional = len(args) < len(get_args(tp))
        tp = args[0]
    meta: list[Any] = []
    while get_origin(tp) is Annotated:
        tp, *extra = get_args(tp)
        for m in extra:
            meta += getattr(m, "metadata", [m])  # a FieldInfo keeps its constraints in .metadata
    return tp, meta, optional


def _number(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 1e5 else f"{x:g}"


def bounds_text(meta: list[Any]) -> str:
    """The range the schema enforces, in words: `0 to 1`, `> 0, ≤ 1,000,000`, `≥ 1`."""
    found = {k: getattr(m, k) for m in meta for k in ("ge", "gt", "le", "lt") if getattr(m, k, None) is not None}
    if "ge" in found and "le" in found:
        return f"{_number(found['ge'])} to {_number(found['le'])}"
    signs = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<"}
    return ", ".join(f"{signs[k]} {_number(v)}" for k, v in found.items())


def _kind(tp: Any) -> tuple[str, dict[str, Any]]:
    if tp is bool:
        return BOOL, {}
    if tp in (int, float):
        return NUMBER, {"integer": tp is int}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return CHOICE, {"choices": tuple(str(e.value) for e in tp)}
    if get_origin(tp) is Literal:
        return CHOICE, {"choices": tuple(str(a) for a in get_args(tp))}
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return MODEL, {"model": tp}
    if get_origin(tp) in (list, tuple):
        item, meta, _ = _unwrap(get_args(tp)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            return MODELS, {"model": item}
        if get_origin(tp) is tuple:  # a pair of numbers or names: (A, B)
            numeric = item in (int, float)
            return PAIR, {"integer": item is int, "numeric": numeric, "bounds": bounds_text(meta) if numeric else ""}
        return NAMES, {}
    return TEXT, {}


def form_fields(model: type[BaseModel]) -> list[FormField]:
    """Every field of `model`, in the schema's order, as the form shows it."""
    out = []
    for name, info in model.model_fields.items():
        tp, meta, optional = _unwrap(info.annotation)
        kind, extra = _kind(tp)
        extra.setdefault("bounds", bounds_text([*info.metadata, *meta]) if kind == NUMBER else "")
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        if isinstance(default, Enum):
            default = default.value
        if isinstance(default, BaseModel) or default is PydanticUndefined:
            default = None
        out.append(
            FormField(name, kind, info.description or "", info.is_required(), default, optional=optional, **extra)
        )
    return out


# --- the TOML data: read a field, write a field -------------------------------------------------

Path = tuple[str | int, ...]


def get_in(data: Any, path: Path, default: Any = None) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return default
    return data


def set_in(data: dict, path: Path, value: Any) -> dict:
    """A copy of `data` with the value at `path` set; None removes the key (the field takes its default)."""
    out = copy.deepcopy(data)
    node = out
    for key, after in zip(path[:-1], path[1:], strict=True):
        if isinstance(node, dict) and not isinstance(node.get(key), dict | list):
            node[key] = [] if isinstance(after, int) else {}
        node = node[key]
    if value is None and isinstance(node, dict):
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value
    return out


def shown(value: Any) -> str:
    """A value as typed in a text box: numbers as written, a list of names comma-separated."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # as TOML writes it
    if isinstance(value, list | tuple):
        return ", ".join(shown(v) for v in value)
    return str(value)


def parsed(text: str, field: FormField) -> Any:
    """A typed value as it goes into the TOML data. Text that is not a number stays text, so the
    check reports it exactly as `brink check` reports such a file ("expected a number, got 'x'")."""
    text = text.strip()
    if field.kind == NAMES:
        return [t.strip() for t in text.split(",") if t.strip()]
    if not text:
        return None
    if field.kind == NUMBER or field.numeric:
        for convert in (int, float):
            try:
                return convert(text)
            except ValueError:
                continue
    return text


def item_label(item: Any, index: int) -> str:
    """A row of a list (a state, an event) as the list's chooser names it."""
    if not isinstance(item, dict):
        return f"{index + 1}"
    if item.get("name"):
        return f"{index + 1}. {item['name']}"
    if isinstance(item.get("sides"), list):
        return f"{index + 1}. " + " vs ".join(map(str, item["sides"]))
    plain = [f"{k} {shown(v)}" for k, v in item.items() if not isinstance(v, dict | list)][:3]
    return f"{index + 1}. " + (", ".join(plain) or "(new)")


def problems_at(problems: str, source: str) -> dict[Path, list[str]]:
    """The check's messages (`source: states.0.military: Input should be…`) by field path."""
    out: dict[Path, list[str]] = {}
    for line in problems.splitlines():
        loc, _, message = line.removeprefix(f"{source}: ").partition(": ")
        if message:
            path = tuple(int(p) if p.isdigit() else p for p in loc.split("."))
            out.setdefault(path, []).append(message)
    return out


def messages_under(problems: dict[Path, list[str]], path: Path) -> list[str]:
    """The messages about the field at `path` and anything inside it."""
    n = len(path)
    return [m for p, ms in problems.items() if p[:n] == path for m in ms]
