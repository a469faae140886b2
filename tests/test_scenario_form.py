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
from sim.dashboard.form import ScenarioForm, sections
from sim.params import Params
from sim.scenario import DisputeSpec, Scenario, StateSpec, load_scenario, resolve_path, validate
from sim.tomlwrite import dumps, edit, leading_comments


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
    edited = edit(text, data)
    spec, problems = check(edited)
    assert problems == (  # the messages are those the rewritten file gave before comments were kept
        "edited.toml: states.0.will: Input should be less than or equal to 1\n"
        "edited.toml: disputes.0.stakes.1: expected a number, got 'lots'"
    )
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
    assert check(dumps(data, leading_comments(text)))[1] == problems  # and a new file says the same


def test_every_shipped_scenario_survives_the_form_unchanged():
    from sim.scenario import available_scenarios, load_scenario

    for name in available_scenarios():
        text = resolve_path(name).read_text()
        again = dumps(tomllib.loads(text), leading_comments(text))
        assert validate(tomllib.loads(again), name) == load_scenario(name), name
        assert edit(text, tomllib.loads(text)) == text, name  # nothing changed: the very same file


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines only in `before`, lines only in `after`), in order."""
    import difflib

    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "#" in line]


def test_editing_one_value_keeps_every_comment_and_changes_only_that_value(tmp_path):
    """The download after changing Russia's will in ukraine_2025: the same file, sources and all,
    with one number changed in its line (the line's own comment kept), and it loads as the edit."""
    text = resolve_path("ukraine_2025").read_text()
    out = edit(text, sf.set_in(tomllib.loads(text), ("states", 0, "will"), 0.8))
    gone, added = changed_lines(text, out)
    assert gone == ['will = 0.75            # leadership committed to its stated war aims (article: "red lines")']
    assert added == ['will = 0.8             # leadership committed to its stated war aims (article: "red lines")']
    assert comment_lines(out) == [added[0] if line == gone[0] else line for line in comment_lines(text)]
    file = tmp_path / "ukraine_2025.toml"
    file.write_text(out)
    original = load_scenario("ukraine_2025")
    states = [original.states[0].model_copy(update={"will": 0.8}), *original.states[1:]]
    assert load_scenario(file) == original.model_copy(update={"states": states})


@pytest.mark.parametrize("name", ["ukraine_2022", "cuba_1962", "korea_1950", "security_dilemma"])
def test_every_comment_of_a_shipped_file_survives_an_edit(name):
    text = resolve_path(name).read_text()
    data = tomllib.loads(text)
    will = data["states"][-1].get("will")
    data = sf.set_in(data, ("states", len(data["states"]) - 1, "will"), 0.25 if will != 0.25 else 0.35)
    out = edit(text, data)
    gone, added = changed_lines(text, out)
    assert len(added) == 1 and "will = 0." in added[0] and len(gone) == (1 if will is not None else 0)
    assert set(comment_lines(text)) - set(gone) <= set(comment_lines(out))
    assert tomllib.loads(out) == data


def test_added_removed_and_reset_fields_and_rows_are_written_the_rest_kept():
    text = resolve_path("ukraine_2025").read_text()
    start = tomllib.loads(text)
    lines = text.splitlines()
    first, second = [i for i, line in enumerate(lines) if line == "[[states]]"][:2]
    russia = comment_lines("\n".join(lines[first:second]))  # the comments of the row removed below
    support = [c for c in comment_lines(text) if c.startswith("support = 0.65 ")]
    events = comment_lines("\n".join(lines[lines.index("[[events]]") :]))
    edits = [
        (("states", 0, "public", "support"), None, support, []),  # back to its default
        (("params", "fog"), 0.3, [], ["[params]", "fog = 0.3"]),  # a new table
        (("states",), [*start["states"], {"name": "Belarus", "military": 0.1}], [], ["[[states]]"]),
        (("states",), start["states"][1:], russia, []),  # a row removed, with its comments
        (("events",), [], events, []),  # every row removed: the key goes (its default), with their comments
    ]
    for path, value, comments_gone, added_include in edits:
        data = sf.set_in(start, path, value)
        out = edit(text, data)
        assert tomllib.loads(out) == {k: v for k, v in data.items() if v not in (None, [])}, path
        assert [c for c in comment_lines(text) if c not in comment_lines(out)] == comments_gone, path
        assert comment_lines(out) == [c for c in comment_lines(text) if c not in comments_gone], path
        gone, added = changed_lines(text, out)
        assert all(a in added for a in added_include), (path, added)
        assert not [a for a in added if "#" in a], path  # no comment rewritten
    row = dict(start["states"][0], name="Russia")
    assert edit(text, sf.set_in(start, ("states", 0), row)) == text  # the same value: nothing changes


def test_a_scenario_not_from_a_file_is_written_as_a_new_file():
    data = {"name": "made", "steps": 3, "states": [{"name": "A", "military": 1.0, "public": {"support": 0.5}}]}
    assert edit("", data) == dumps(data)
    assert dumps(data) == (
        'name = "made"\nsteps = 3\n\n[[states]]\nname = "A"\nmilitary = 1.0\n\n[states.public]\nsupport = 0.5\n'
    )
    assert dumps(data, ["# a header"]).startswith("# a header\n\nname = ")
    plain = 'name = "made"\nsteps = 3\n'  # an upload without comments keeps its own layout too
    assert edit(plain, dict(data, states=[])) == plain  # an empty list is the default: left out
    with_row = edit(plain, dict(data, states=[{"name": "B"}]))
    assert edit(with_row, dict(data, states=[])) == plain  # a row added and removed: the file as it was


def test_the_form_writes_its_change_into_the_files_own_text():
    """The form's own path (not just the writer): one input changed, the rest of the file kept."""
    text = resolve_path("ukraine_2025").read_text()
    written: list[str] = []

    @solara.component
    def Page():
        current, set_current = solara.use_state(text)

        def on_text(new: str) -> None:
            written.append(new)
            set_current(new)

        return ScenarioForm(current, on_text, "", EDITED_NAME)

    box, rc = solara.render(Page(), handle_error=False)
    try:
        rc.find(attributes={"data-path": "states.0.military"}).widget.v_model = "0.9"
    finally:
        rc.close()
    gone, added = changed_lines(text, written[-1])
    assert (gone, added) == (["military = 1.0"], ["military = 0.9"])


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
