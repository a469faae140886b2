"""The dashboard's scenario form, without a browser: generated from the schema, every field with
its bounds and description, values written to TOML and checked with `brink check`'s messages.
(In the browser: tests/test_app_browser.py, `test_scenario_form_...`.)"""

from __future__ import annotations

import json
import tomllib

import pytest
import solara
from pydantic import BaseModel
from typer.testing import CliRunner

from sim.cli import app as cli_app
from sim.dashboard import schema_form as sf
from sim.dashboard.editor import EDITED_NAME, EditorView, check
from sim.dashboard.form import sections
from sim.params import Params
from sim.scenario import DisputeSpec, Scenario, StateSpec, resolve_path, validate
from sim.tomlwrite import dumps, leading_comments


def tables(model: type[BaseModel] = Scenario) -> list[type[BaseModel]]:
    """The scenario's table models, found through the form's own reading of the schema."""
    out = [model]
    for field in sf.form_fields(model):
        if field.model is not None and field.model not in out:
            out += [m for m in tables(field.model) if m not in out]
    return out


def test_the_form_reaches_every_field_of_every_table_with_its_description():
    found = tables()
    assert {m.__name__ for m in found} >= {"StateSpec", "PublicSpec", "AllianceSpec", "DisputeSpec", "IssueSpec"}
    assert {"EventSpec", "Params", "HistorySpec"} <= {m.__name__ for m in found}
    for model in found:
        fields = sf.form_fields(model)
        assert [f.name for f in fields] == list(model.model_fields)  # nothing listed by hand, nothing left out
        assert all(f.description for f in fields), [f.name for f in fields if not f.description]
    assert sections() == ["scenario", "params", "states", "alliances", "disputes", "events", "history"]


def test_a_field_added_to_the_schema_appears_in_the_form():
    class Grown(StateSpec):
        morale: float = 0.5

    assert [f.name for f in sf.form_fields(Grown)][-1] == "morale"


def test_inputs_follow_the_fields_types_bounds_and_defaults():
    state = {f.name: f for f in sf.form_fields(StateSpec)}
    assert (state["will"].kind, state["will"].bounds, state["will"].default) == (sf.NUMBER, "0 to 1", 0.6)
    assert state["military"].required and state["military"].bounds == "> 0, ≤ 1,000,000"
    assert state["regime"].choices == ("democracy", "hybrid", "autocracy") and state["regime"].default == "hybrid"
    assert state["nuclear"].kind == sf.BOOL and state["public"].kind == sf.MODEL
    assert state["lens"].optional and state["lens"].label == "lens"
    dispute = {f.name: f for f in sf.form_fields(DisputeSpec)}
    assert dispute["sides"].kind == sf.PAIR and not dispute["sides"].numeric
    assert dispute["stakes"].numeric and dispute["stakes"].bounds == "> 0, ≤ 1,000,000"
    assert dispute["issues"].kind == sf.MODELS
    steps = next(f for f in sf.form_fields(Scenario) if f.name == "steps")
    assert steps.integer and steps.label == "steps (1 to 10000)"
    assert len(sf.form_fields(Params)) > sf.SPARSE_OVER  # the parameters list only what a file sets


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [("0.5", sf.NUMBER, 0.5), ("3", sf.NUMBER, 3), ("", sf.NUMBER, None), ("abc", sf.NUMBER, "abc"),
     ("Russia, Belarus ", sf.NAMES, ["Russia", "Belarus"]), (" x ", sf.TEXT, "x")],
)  # fmt: skip
def test_typed_text_goes_into_the_data_as_toml_would_hold_it(typed, kind, value):
    field = sf.FormField("f", kind, "", False, None)
    assert sf.parsed(typed, field) == value


def test_writing_a_field_creates_missing_tables_and_an_empty_one_returns_to_the_default():
    data = {"states": [{"name": "A"}]}
    grown = sf.set_in(data, ("states", 0, "public", "support"), 0.7)
    assert grown["states"][0]["public"] == {"support": 0.7} and "public" not in data["states"][0]
    assert sf.set_in(grown, ("states", 0, "public", "support"), None)["states"][0]["public"] == {}
    assert sf.set_in({}, ("params", "fog"), 0.2) == {"params": {"fog": 0.2}}


def test_the_form_shows_brink_checks_own_messages(tmp_path):
    """A value typed in the form is checked as `brink check` checks the same file."""
    text = resolve_path("security_dilemma").read_text()
    data = sf.set_in(tomllib.loads(text), ("states", 0, "will"), 1.5)
    data = sf.set_in(data, ("disputes", 0, "stakes"), [1.0, "lots"])
    edited = dumps(data, leading_comments(text))
    spec, problems = check(edited)
    assert spec is None
    file = tmp_path / EDITED_NAME
    file.write_text(edited)
    result = CliRunner().invoke(cli_app, ["check", str(file), "--json"])
    (cli_error,) = [r["error"] for r in json.loads(result.output)["files"]]
    assert problems == cli_error.replace(str(file), EDITED_NAME)
    where = sf.problems_at(problems, EDITED_NAME)
    assert where[("states", 0, "will")] == ["Input should be less than or equal to 1"]
    assert sf.messages_under(where, ("disputes", 0, "stakes")) == ["expected a number, got 'lots'"]
    assert edited.startswith(text.splitlines()[0])  # the file's background comment is kept


def test_every_shipped_scenario_survives_the_form_unchanged():
    from sim.scenario import available_scenarios, load_scenario

    for name in available_scenarios():
        text = resolve_path(name).read_text()
        again = dumps(tomllib.loads(text), leading_comments(text))
        assert validate(tomllib.loads(again), name) == load_scenario(name), name


def test_the_editor_view_marks_the_field_and_lists_the_message():
    box, rc = solara.render(EditorView(), handle_error=False)
    try:
        will = rc.find(attributes={"data-path": "states.0.will"}).widget
        assert will.label == "will (0 to 1)" and "political will" in will.hint
        will.v_model = "1.5"
        assert rc.find(attributes={"data-path": "states.0.will"}).widget.error_messages == [
            "Input should be less than or equal to 1"
        ]
        assert "edited.toml: states.0.will" in rc.find(class_="brink-editor-error").widget.children[0]
        rc.find(attributes={"data-path": "states.0.will"}).widget.v_model = "0.9"
        rc.find(class_="brink-editor-ok").assert_single()
    finally:
        rc.close()
