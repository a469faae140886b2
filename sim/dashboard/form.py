"""The scenario form: every field the schema allows, as an input with its label, bounds and
description, checked live with the same messages as `brink check`.

The form is generated from the schema (`sim.dashboard.schema_form`): one section for the
scenario's own fields and one per table (parameters, states, alliances, disputes, events,
history); a list shows one row at a time, chosen by name, with Add and Remove. Only the open
section is built, so a world of sixty states costs one state's inputs. Every change is written
into the scenario's TOML in place (`sim.tomlwrite.edit`: the file's comments and layout are kept
for all the change leaves alone, a changed line keeps its trailing comment) and the check runs
on that text, so the form, the TOML view and the downloaded file are always the same scenario. CSS hooks:
`brink-field` with `data-path="states.0.military"`, `brink-form-*`.
"""

from __future__ import annotations

import html
import tomllib
from collections.abc import Callable
from typing import Any

import solara
from solara import v

from sim.dashboard.schema_form import (
    BOOL,
    CHOICE,
    MODELS,
    NESTED,
    PAIR,
    SPARSE_OVER,
    FormField,
    Path,
    form_fields,
    get_in,
    item_label,
    messages_under,
    parsed,
    problems_at,
    set_in,
    shown,
)
from sim.scenario import Scenario
from sim.tomlwrite import edit

OnChange = Callable[[Path, Any], None]
HINT = {"font-size": "12px", "color": "#555"}


def _dotted(path: Path) -> str:
    return ".".join(map(str, path))


def _hint(field: FormField) -> str:
    default = "" if field.required or field.default in (None, "", [], ()) else f" (default {shown(field.default)})"
    return (field.description or field.name.replace("_", " ")) + default


def _props(field: FormField, path: Path, errors: list[str], label: str) -> dict[str, Any]:
    """What every input shows: label with bounds, description as its hint, the check's messages."""
    return {
        "label": label,
        "hint": _hint(field),
        "persistent_hint": True,
        "error_messages": errors,
        "dense": True,
        "class_": f"brink-field brink-field-{field.name}",
        "attributes": {"data-path": _dotted(path)},  # lands on the <input>: a stable hook for tests
    }


@solara.component
def TypedText(field: FormField, path: Path, value: Any, errors: list[str], on_value, label: str):
    """A text box that keeps what is typed ("0." stays "0.") while the data holds the number."""
    text = shown(value)
    typed, set_typed = solara.use_state(text)
    # changed elsewhere (the TOML view, Remove): show the new value
    solara.use_effect(lambda: None if parsed(typed, field) == value else set_typed(text), [text])

    def typing(new: str | None) -> None:
        set_typed(new or "")
        on_value(parsed(new or "", field))

    return v.TextField(v_model=typed, on_v_model=typing, **_props(field, path, errors, label))


@solara.component
def FieldInput(field: FormField, path: Path, value: Any, problems: dict, on_change: OnChange):
    errors = messages_under(problems, path)
    common = _props(field, path, errors, field.label)
    if field.kind == BOOL:
        current = value if isinstance(value, bool) else bool(field.default)
        return v.Checkbox(v_model=current, on_v_model=lambda x: on_change(path, bool(x)), **common)
    if field.kind == CHOICE:
        items = ["", *field.choices] if field.optional else list(field.choices)
        current = value if value is not None else field.default
        return v.Select(v_model=current, items=items, on_v_model=lambda x: on_change(path, x or None), **common)
    if field.kind == PAIR:
        pair = list(value if isinstance(value, list) else field.default or ("", ""))

        def set_side(i: int, x: Any) -> None:
            pair[i] = "" if x is None else x
            on_change(path, list(pair))

        with solara.Div(classes=["brink-field-pair"]):
            for i, side in enumerate("AB"):
                TypedText(field, (*path, i), pair[i], errors, lambda x, i=i: set_side(i, x), f"{field.label}: {side}")
        return None
    return TypedText(field, path, value, errors, lambda x: on_change(path, x), field.label)


@solara.component
def Fields(fields: list[FormField], path: Path, data: dict, problems: dict, on_change: OnChange):
    """The plain inputs in a grid, then each nested table or list."""
    with solara.Div(classes=["brink-form-fields"]):
        for f in fields:
            if f.kind not in NESTED:
                where = (*path, f.name)
                FieldInput(f, where, get_in(data, where), problems, on_change).key(_dotted(where))
    for f in fields:
        if f.kind in NESTED:
            Nested(f, (*path, f.name), data, problems, on_change).key(_dotted((*path, f.name)))


@solara.component
def Nested(field: FormField, path: Path, data: dict, problems: dict, on_change: OnChange):
    top = len(path) == 1  # a section of its own: the section's button names it
    with solara.Div(classes=["brink-form-table", f"brink-form-{field.name}", *(["brink-form-top"] if top else [])]):
        name = "" if top else f"<b>{field.name.replace('_', ' ')}</b>: "
        solara.HTML(tag="div", unsafe_innerHTML=name + html.escape(field.description), classes=["brink-form-about"])
        if field.kind == MODELS:
            ListRows(field, path, data, problems, on_change)
        elif get_in(data, path) is None and field.optional:
            add = lambda: on_change(path, {})  # noqa: E731
            solara.Button(f"Add {field.name}", text=True, on_click=add, classes=["brink-form-add"])
        else:
            fields = form_fields(field.model)
            if len(fields) > SPARSE_OVER:
                SetFields(fields, path, data, problems, on_change)
            else:
                Fields(fields, path, data, problems, on_change)
            if field.optional:
                solara.Button(f"Remove {field.name}", text=True, on_click=lambda: on_change(path, None))


@solara.component
def ListRows(field: FormField, path: Path, data: dict, problems: dict, on_change: OnChange):
    """One row of a list at a time, chosen by name (rows with a problem are marked), Add, Remove."""
    rows = get_in(data, path) or []
    chosen, choose = solara.use_state(0)
    index = max(0, min(chosen, len(rows) - 1))
    items = [
        {"text": item_label(row, i) + ("  ⚠" if messages_under(problems, (*path, i)) else ""), "value": i}
        for i, row in enumerate(rows)
    ]

    def add() -> None:
        on_change(path, [*rows, {}])
        choose(len(rows))

    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, classes=["brink-form-rows"]):
        v.Select(
            v_model=index if rows else None,
            items=items,
            on_v_model=lambda i: choose(int(i)),
            label=f"{field.name} ({len(rows)})",
            dense=True,
            class_=f"brink-form-list brink-form-list-{field.name}",
        )
        solara.Button("Add", icon_name="mdi-plus", text=True, on_click=add, classes=["brink-form-add"])
        if rows:
            solara.Button(
                "Remove",
                icon_name="mdi-delete",
                text=True,
                on_click=lambda: on_change(path, rows[:index] + rows[index + 1 :]),
                classes=["brink-form-remove"],
            )
    for message in problems.get(path, []):  # about the list itself ("at least 2 items")
        solara.Error(message, dense=True, text=True)
    if rows:
        Fields(form_fields(field.model), (*path, index), data, problems, on_change).key(_dotted((*path, index)))


@solara.component
def SetFields(fields: list[FormField], path: Path, data: dict, problems: dict, on_change: OnChange):
    """A long table (the parameters): the fields the file sets, and a chooser to set another."""
    values = get_in(data, path) or {}
    unset = [f.name for f in fields if f.name not in values]
    with solara.Div(classes=["brink-form-fields"]):
        for f in fields:
            if f.name in values:
                with solara.Row(style={"align-items": "center"}).key(f.name):
                    FieldInput(f, (*path, f.name), values[f.name], problems, on_change)
                    back = lambda n=f.name: on_change((*path, n), None)  # noqa: E731 - back to the default
                    solara.Button(icon_name="mdi-close", text=True, on_click=back, classes=["brink-form-unset"])
    by_name = {f.name: f for f in fields}
    v.Select(
        v_model=None,
        items=[{"text": f"{n} ({by_name[n].bounds}): {by_name[n].description}", "value": n} for n in unset],
        label=f"set another: {len(unset)} keep their default",
        on_v_model=lambda n: n and on_change((*path, n), by_name[n].default),
        dense=True,
        class_="brink-form-set",
    ).key(f"set-{len(values)}")  # a fresh, empty chooser after each pick


def sections() -> list[str]:
    """`scenario` (the plain fields), then one section per table or list of the schema."""
    return ["scenario", *(f.name for f in form_fields(Scenario) if f.kind in NESTED)]


@solara.component
def ScenarioForm(text: str, on_text: Callable[[str], None], problems: str, source: str):
    section = solara.use_reactive("states")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        solara.Warning("The TOML text does not parse: fix it in the TOML view to use the form.", dense=True)
        return
    where = problems_at(problems, source)

    def on_change(path: Path, value: Any) -> None:
        on_text(edit(text, set_in(data, path, value)))

    names = sections()
    plain = {f.name for f in form_fields(Scenario)} - set(names)
    marked = {p[0] if p[0] in names else "scenario" for p in where if p[0] in names or p[0] in plain}
    with solara.Div(classes=["brink-form"]):
        solara.ToggleButtonsSingle(
            value=section.value,
            values=names,
            on_value=section.set,
            dense=True,
            classes=["brink-form-sections"],
        )
        if marked:
            solara.Text("problems in: " + ", ".join(sorted(marked)), style=HINT, classes=["brink-form-marked"])
        fields = form_fields(Scenario)
        if section.value == "scenario":
            Fields([f for f in fields if f.kind not in NESTED], (), data, where, on_change).key("scenario")
        else:
            field = next(f for f in fields if f.name == section.value)
            Nested(field, (field.name,), data, where, on_change).key(field.name)
