"""Scenario files: every shipped one loads and runs; bad ones fail loudly, naming file and field."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from sim.lenses import LENS_CHOICES
from sim.model import ConflictModel
from sim.scenario import (
    Scenario,
    ScenarioError,
    apply_override,
    available_scenarios,
    load_scenario,
    read_toml,
)

SHIPPED = sorted(available_scenarios())

MINI_STATE_A = """\
[[states]]
name = "A"
military = 1.0
will = 0.6
{state0}
"""

MINI = (
    """\
name = "mini"
description = "two states, one dispute"
steps = 6
default_lens = "realism"
{top}

"""
    + MINI_STATE_A
    + """
[[states]]
name = "B"
military = 1.0
regime = "democracy"

[[alliances]]
name = "Pact"
members = ["{member}"]

[[disputes]]
sides = ["A", "{side}"]
phase = "war"
{dispute}
  [[disputes.issues]]
  name = "territory"
  territorial = true
  red_line_a = 0.4
  red_line_b = 0.3

[[events]]
month = 2
kind = "shock"
actor = "{actor}"
value = -0.1
{tail}
"""
)


def write(
    tmp_path: Path,
    top="",
    state0="",
    member="A",
    side="B",
    dispute="",
    actor="A",
    tail="",
    swap: dict[str, str] | None = None,
) -> Path:
    """The mini scenario with lines added in place, and `swap` replacing existing text."""
    text = MINI.format(top=top, state0=state0, member=member, side=side, dispute=dispute, actor=actor, tail=tail)
    for old, new in (swap or {}).items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(path: Path) -> str:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert str(path) in message, "the error must name the file"
    return message


def test_the_mini_scenario_is_valid(tmp_path):
    s = load_scenario(write(tmp_path))
    assert [st.name for st in s.states] == ["A", "B"]
    m = ConflictModel(scenario=write(tmp_path), rng=1, steps=3, stop_at_outcome=False).run()
    assert m.steps == 3


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_scenario_validates_and_runs(name):
    scenario = load_scenario(name)
    assert isinstance(scenario, Scenario) and scenario.name
    assert load_scenario(available_scenarios()[name]) == scenario  # by name or by path alike
    for lens in LENS_CHOICES:
        m = ConflictModel(scenario=name, lens=lens, rng=3, steps=3, stop_at_outcome=False).run()
        assert m.steps == 3
        assert len(m.model_table()) == 4  # the initial state plus three months


def test_there_are_shipped_scenarios_including_the_default():
    assert "ukraine_2025" in SHIPPED
    assert "security_dilemma" in SHIPPED


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"top": "colour = 'red'"}, "colour"),
        ({"state0": "colour = 'red'"}, "states.0.colour"),
        ({"dispute": "colour = 'red'"}, "disputes.0.colour"),
        ({"state0": "[states.public]\nvolume = 3"}, "states.0.public.volume"),
    ],
)
def test_unknown_keys_are_rejected(tmp_path, kwargs, field):
    message = error_for(write(tmp_path, **kwargs))
    assert f"{field}: unknown key" in message


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"state0": 'resources = "lots"'}, "states.0.resources"),
        ({"swap": {"steps = 6": 'steps = "ten"'}}, "steps"),
        ({"dispute": "monitoring = 3"}, "disputes.0.monitoring"),
        ({"dispute": 'stakes = [1.0, "high"]'}, "disputes.0.stakes.1"),
        ({"swap": {'phase = "war"': 'phase = "peace"'}}, "disputes.0.phase"),
        ({"state0": 'regime = "theocracy"'}, "states.0.regime"),
    ],
)
def test_wrong_types_are_rejected(tmp_path, kwargs, field):
    assert f"{field}:" in error_for(write(tmp_path, **kwargs))


@pytest.mark.parametrize("literal", ["nan", "inf", "-inf", "+inf"])
@pytest.mark.parametrize(
    ("where", "field"),
    [("state0", "states.0.resources"), ("top", "params.fog"), ("dispute", "disputes.0.intensity")],
)
def test_nan_and_inf_are_rejected(tmp_path, literal, where, field):
    key = field.rsplit(".", 1)[1]
    snippet = f"{key} = {literal}"
    if where == "top":
        snippet = f"[params]\n{key} = {literal}"
        path = write(tmp_path, tail=snippet)
    else:
        path = write(tmp_path, **{where: snippet})
    message = error_for(path)
    assert f"{field}:" in message


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"swap": {"will = 0.6": "will = 1.5"}}, "states.0.will"),
        ({"swap": {"military = 1.0": "military = 0"}}, "states.0.military"),
        ({"swap": {"military = 1.0": "military = -1.0"}}, "states.0.military"),
        ({"dispute": "territory_held = 1.2"}, "disputes.0.territory_held"),
        ({"swap": {"steps = 6": "steps = 0"}}, "steps"),
        ({"tail": "[params]\nconcession_decay = 2.0"}, "params.concession_decay"),
        ({"tail": "[params]\ncost_horizon = 0"}, "params.cost_horizon"),
    ],
)
def test_out_of_range_values_are_rejected(tmp_path, kwargs, field):
    assert f"{field}:" in error_for(write(tmp_path, **kwargs))


@pytest.mark.parametrize(
    ("kwargs", "where", "name"),
    [
        ({"member": "Atlantis"}, "alliances.0.members", "Atlantis"),
        ({"side": "Atlantis"}, "disputes.0.sides", "Atlantis"),
        ({"actor": "Atlantis"}, "events.0.actor", "Atlantis"),
    ],
)
def test_unknown_states_are_rejected(tmp_path, kwargs, where, name):
    message = error_for(write(tmp_path, **kwargs))
    assert where in message and name in message


def test_a_state_cannot_dispute_with_itself(tmp_path):
    assert "disputes.0.sides" in error_for(write(tmp_path, side="A"))


def test_duplicate_state_names_are_rejected(tmp_path):
    path = write(tmp_path, tail='[[states]]\nname = "A"\nmilitary = 2.0')
    message = error_for(path)
    assert "states.2.name: duplicate state name 'A'" in message


def test_unknown_lens_is_rejected(tmp_path):
    message = error_for(write(tmp_path, state0='lens = "constructivism"'))
    assert "states.0.lens" in message and "constructivism" in message
    message = error_for(write(tmp_path, swap={'default_lens = "realism"': 'default_lens = "constructivism"'}))
    assert "default_lens" in message


def test_concession_event_must_name_an_issue(tmp_path):
    tail = '[[events]]\nmonth = 3\nkind = "concession"\nactor = "A"\ntarget = "B"\nissue = "oil"'
    message = error_for(write(tmp_path, tail=tail))
    assert "events.1.issue" in message and "oil" in message


@pytest.mark.parametrize(
    ("tail", "field", "needs"),
    [
        ('[[events]]\nmonth = 3\nkind = "election"\nactor = "Pact"', "events.1.actor", "a state"),
        ('[[events]]\nmonth = 3\nkind = "join"\nactor = "A"\ntarget = "B"', "events.1.actor", "an alliance"),
        ('[[events]]\nmonth = 3\nkind = "guarantee"\nactor = "Pact"\nvalue = 1.0', "events.1.target", "target state"),
    ],
)
def test_events_need_the_right_kind_of_actor(tmp_path, tail, field, needs):
    """An election held by an alliance or a state admitting members fails at load, not mid-run."""
    message = error_for(write(tmp_path, tail=tail))
    assert field in message and needs in message


def test_malformed_toml_is_rejected(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('name = "x"\n[[states]\nname = ', encoding="utf-8")
    message = error_for(path)
    assert "not valid TOML" in message
    with pytest.raises(ScenarioError, match="broken.toml"):
        read_toml(path)


@pytest.mark.parametrize(
    ("drop", "field"),
    [
        ("military = 1.0\nwill = 0.6", "states.0.military"),
        ('sides = ["A", "B"]', "disputes.0.sides"),
    ],
)
def test_missing_required_fields_are_rejected(tmp_path, drop, field):
    path = write(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert drop in text
    path.write_text(text.replace(drop, "", 1), encoding="utf-8")
    message = error_for(path)
    assert f"{field}: Field required" in message


def test_a_scenario_needs_two_states_and_a_dispute(tmp_path):
    path = tmp_path / "lonely.toml"
    path.write_text('name = "lonely"\n[[states]]\nname = "A"\nmilitary = 1.0\n', encoding="utf-8")
    message = error_for(path)
    assert "states:" in message and "disputes:" in message


def test_every_error_is_reported_at_once(tmp_path):
    message = error_for(
        write(
            tmp_path,
            state0="colour = 'red'",
            dispute="intensity = -1",
            swap={"will = 0.6": "will = 1.5"},
        )
    )
    assert "states.0.will" in message and "states.0.colour" in message
    assert "disputes.0.intensity" in message


def test_missing_files_and_unknown_names_are_rejected(tmp_path):
    with pytest.raises(ScenarioError, match="nowhere.toml"):
        load_scenario(tmp_path / "nowhere.toml")
    with pytest.raises(ScenarioError, match="ukraine_2025"):  # lists the choices
        load_scenario("atlantis_2030")


def test_a_bad_scenario_stops_the_model_before_it_starts(tmp_path):
    path = write(tmp_path, swap={"will = 0.6": "will = 1.5"})
    with pytest.raises(ScenarioError, match="states.0.will"):
        ConflictModel(scenario=path)


# --- overrides ---------------------------------------------------------------------------------


@pytest.fixture
def raw():
    return read_toml(available_scenarios()["ukraine_2025"])


def test_override_by_name_and_by_index(raw):
    names = [s["name"] for s in raw["states"]]
    by_name = copy.deepcopy(raw)
    apply_override(by_name, "states.Russia.will", 0.9)
    by_index = copy.deepcopy(raw)
    apply_override(by_index, f"states.{names.index('Russia')}.will", 0.9)
    assert by_name == by_index
    assert by_name["states"][names.index("Russia")]["will"] == 0.9
    others = [s for s in by_name["states"] if s["name"] != "Russia"]
    assert others == [s for s in raw["states"] if s["name"] != "Russia"]


def test_override_nested_tables_and_negative_index(raw):
    apply_override(raw, "states.-1.public.support", 0.2)
    assert raw["states"][-1]["public"]["support"] == 0.2
    apply_override(raw, "disputes.0.issues.territory.red_line_a", 0.5)
    assert raw["disputes"][0]["issues"][0]["red_line_a"] == 0.5
    apply_override(raw, "states__Ukraine__will", 0.4)  # keyword-argument spelling
    assert next(s for s in raw["states"] if s["name"] == "Ukraine")["will"] == 0.4


def test_a_bare_parameter_name_means_params(raw):
    apply_override(raw, "concession_decay", 0.2)
    assert raw["params"]["concession_decay"] == 0.2
    assert load_scenario("ukraine_2025", {"concession_decay": 0.2}).params.concession_decay == 0.2


@pytest.mark.parametrize(
    ("dotted", "mentions"),
    [("states.Atlantis.will", "Atlantis"), ("states.17.will", "17"), ("steps.months", "steps")],
)
def test_bad_override_paths_are_rejected(raw, dotted, mentions):
    with pytest.raises(ScenarioError) as info:
        apply_override(raw, dotted, 0.5)
    assert mentions in str(info.value)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"states.Russia.will": 1.5}, "states.0.will"),
        ({"concession_decay": -0.1}, "params.concession_decay"),
        ({"concession_decay": float("nan")}, "params.concession_decay"),
        ({"states.Russia.regime": "theocracy"}, "states.0.regime"),
        ({"params.no_such_thing": 1.0}, "params.no_such_thing"),
        ({"no_such_thing": 1.0}, "no_such_thing"),
    ],
)
def test_overrides_that_make_the_scenario_invalid_are_rejected(overrides, field):
    with pytest.raises(ScenarioError) as info:
        load_scenario("ukraine_2025", overrides)
    assert f"{field}:" in str(info.value)
    with pytest.raises(ScenarioError):
        ConflictModel(scenario="ukraine_2025", **overrides)


def test_overriding_a_loaded_scenario_leaves_the_original_alone():
    base = load_scenario("ukraine_2025")
    changed = load_scenario(base, {"states.Russia.will": 0.9})
    assert changed.states[0].will == 0.9
    assert base.states[0].will != 0.9
    assert load_scenario(base) is base


def test_content_hash_follows_the_content():
    base = load_scenario("ukraine_2025")
    assert base.content_hash() == load_scenario("ukraine_2025").content_hash()
    assert load_scenario(base, {"states.Russia.will": 0.9}).content_hash() != base.content_hash()
    assert load_scenario(base, {"concession_decay": 0.2}).content_hash() != base.content_hash()
    same = load_scenario(base, {"states.Russia.will": base.states[0].will})
    assert same.content_hash() == base.content_hash()
