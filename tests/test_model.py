"""ConflictModel: reproducibility, overrides, horizons, invariants, tables and Mesa integration."""

from __future__ import annotations

import gc
import weakref

import mesa
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from sim.lenses import LENS_CHOICES, LENSES, Action
from sim.mechanisms.outcomes import Outcome, Phase
from sim.model import ConflictModel
from sim.scenario import available_scenarios, load_scenario

SHIPPED = sorted(available_scenarios())
PHASES = {str(p) for p in Phase}
OUTCOMES = {str(o) for o in Outcome}


def run(**kwargs) -> ConflictModel:
    kwargs.setdefault("scenario", "ukraine_2025")
    kwargs.setdefault("lens", "realism")
    kwargs.setdefault("rng", 7)
    return ConflictModel(**kwargs).run()


@pytest.fixture(scope="module")
def default_run() -> ConflictModel:
    return run(steps=36, stop_at_outcome=False)


def test_the_default_model_runs(default_run):
    m = default_run
    assert m.steps == 36
    assert not m.running
    assert m.final_outcome in set(Outcome)
    assert {type(a).__name__ for a in m.agents} == {"State", "Public", "Alliance"}


def test_same_seed_same_history():
    first, second = run(), run()
    assert_frame_equal(first.model_table(), second.model_table())
    assert_frame_equal(first.agent_table(), second.agent_table())
    assert_frame_equal(first.event_table(), second.event_table())
    assert first.final_outcome == second.final_outcome


def test_different_seed_different_history():
    a = run(rng=7, steps=24, stop_at_outcome=False)
    b = run(rng=8, steps=24, stop_at_outcome=False)
    assert not a.model_table().equals(b.model_table())


def test_a_numpy_generator_works_as_the_seed():
    a = run(rng=np.random.default_rng(3), steps=12)
    b = run(rng=np.random.default_rng(3), steps=12)
    assert_frame_equal(a.model_table(), b.model_table())


def test_parameter_overrides_take_effect():
    m = ConflictModel(scenario="ukraine_2025", lens="realism", rng=7, concession_decay=0.2)
    assert m.params.concession_decay == 0.2
    assert ConflictModel(scenario="ukraine_2025", rng=7).params.concession_decay != 0.2


def test_scenario_overrides_take_effect():
    m = ConflictModel(scenario="ukraine_2025", rng=7, **{"states.Russia.will": 0.9})
    russia = next(s for s in m.states if s.name == "Russia")
    assert russia.will == 0.9
    assert m.spec.states[m.world.index["Russia"]].will == 0.9
    assert m.model_table()["will_a"].iloc[0] == 0.9  # Russia is side A of the primary dispute
    base = ConflictModel(scenario="ukraine_2025", rng=7)
    assert next(s for s in base.states if s.name == "Russia").will != 0.9


def test_overrides_change_the_run():
    """Turning every source of noise off changes the history; a seed no longer matters."""
    quiet = dict(
        front_noise=0.0,
        combat_noise=0.0,
        fog=0.0,
        shock_rate=0.0,
        ceasefire_hazard=0.0,
        entanglement_rate=0.0,
        expansion_rate=0.0,
        decision_temperature=0.001,  # best responses
        mediated_rounds=1.0,  # a package every month
        direct_rounds=1.0,
    )
    war = dict(scenario="ukraine_2022", lens="realism", steps=6, stop_at_outcome=False)
    a = run(rng=1, **war, **quiet)
    b = run(rng=2, **war, **quiet)
    noisy = run(rng=1, **war)
    assert not a.model_table().equals(noisy.model_table())
    cols = ["territory", "military_a", "military_b", "belief_a", "belief_b"]
    pd.testing.assert_frame_equal(a.model_table()[cols], b.model_table()[cols])


@pytest.mark.parametrize("horizon", [1, 5, 13])
def test_the_horizon_is_honoured(horizon):
    m = run(steps=horizon, stop_at_outcome=False)
    assert m.steps == horizon and not m.running
    assert m.model_table()["step"].tolist() == list(range(horizon + 1))


def test_stop_at_outcome_stops_and_false_runs_on_to_the_horizon():
    # with collapse_will = 1 any side at war has collapsed: victory in the first month
    stopped = run(scenario="ukraine_2022", steps=8, collapse_will=1.0)
    assert stopped.outcome is Outcome.VICTORY
    assert stopped.steps == stopped.outcome_step == 1
    assert not stopped.running
    full = run(scenario="ukraine_2022", steps=8, collapse_will=1.0, stop_at_outcome=False)
    assert full.steps == 8
    assert full.outcome is Outcome.VICTORY and full.outcome_step == 1  # the outcome is kept
    assert full.model_table()["outcome"].iloc[-1] == "victory"
    assert len(full.model_table()) == 9


def test_run_n_twice_runs_2n_months():
    m = ConflictModel(scenario="security_dilemma", rng=1, stop_at_outcome=False)
    m.run(4)
    assert m.steps == 4
    m.run(4)
    assert m.steps == 8


def check_world(m: ConflictModel) -> None:
    w = m.world
    for name in ("military", "resources", "manpower"):
        arr = getattr(w, name)
        assert np.all(np.isfinite(arr)) and np.all(arr >= 0), name
    for name in ("trust", "threat", "support", "will"):
        arr = getattr(w, name)
        assert np.all((arr >= 0) & (arr <= 1)), name
    for d in w.disputes:
        assert 0.0 <= d.territory <= 1.0
        assert 0.0 <= d.intensity <= 1.0
        assert 0.0 <= d.belief_a <= 1.0 and 0.0 <= d.belief_b <= 1.0
        assert isinstance(d.phase, Phase)
        assert d.outcome is None or isinstance(d.outcome, Outcome)
        assert all(0.0 <= x <= 1.0 for x in d.front)
    assert m.outcome is None or isinstance(m.outcome, Outcome)
    if m.outcome is not None:
        assert m.outcome_step is not None and m.outcome_step <= m.steps
    assert 0.0 <= m.escalation_risk <= 1.0
    assert 0.0 <= m.tension <= 1.0


@pytest.mark.parametrize("scenario", SHIPPED)
@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), lens=st.sampled_from(LENS_CHOICES))
def test_invariants_hold_every_month(scenario, seed, lens):
    m = ConflictModel(scenario=scenario, lens=lens, rng=seed)
    check_world(m)
    while m.running:
        m.step()
        check_world(m)
    table = m.model_table()
    assert set(table["phase"]) <= PHASES
    assert set(table["outcome"].dropna()) <= OUTCOMES
    for col in ("territory", "trust_ab", "threat_ab", "will_a", "support_b"):
        assert table[col].between(0, 1).all(), col
    agents = m.agent_table()
    states = agents[agents["kind"] == "state"]
    for col in ("military", "resources", "manpower"):
        assert (states[col] >= 0).all(), col
    for col in ("will", "support", "threat", "trust"):
        assert states[col].between(0, 1).all(), col
    events = m.event_table()
    assert events["reason"].str.strip().str.len().gt(0).all()
    assert events["kind"].str.len().gt(0).all()
    assert events["step"].between(0, m.steps).all()


def test_the_model_is_freed_after_use():
    m = run(steps=6, stop_at_outcome=False)
    m.agent_table()
    ref = weakref.ref(m)
    del m
    gc.collect()
    assert ref() is None


def test_batch_run_gives_one_row_per_run_with_its_outcome():
    rows = mesa.batch_run(
        ConflictModel,
        parameters={"scenario": "security_dilemma", "lens": ["realism", "liberalism"]},
        rng=[1, 2],
        max_steps=20,
        number_processes=1,
        display_progress=False,
    )
    frame = pd.DataFrame(rows)
    assert frame["RunId"].nunique() == 4  # with agent reporters Mesa gives rows per agent; one run each
    rows = frame.drop_duplicates("RunId").to_dict("records")
    assert len(rows) == 4 and "outcome" in frame.columns
    assert set(frame["outcome"]) <= OUTCOMES
    assert set(frame["lens"]) == {"realism", "liberalism"}
    assert (frame["Step"] <= 20).all()
    for row in rows:  # the batch runs are the runs one gets directly
        m = ConflictModel(scenario=row["scenario"], lens=row["lens"], rng=row.get("rng", row.get("seed")))
        while m.running and m.steps < 20:
            m.step()
        assert row["outcome"] == str(m.final_outcome)
        assert row["territory"] == pytest.approx(m.primary.territory)
        assert row["Step"] == m.steps


def test_the_agents_table_has_one_row_per_agent_per_step(default_run):
    m = default_run
    agents = m.agent_table()
    n_agents = len(m.agents)
    assert n_agents == len(m.states) + len(m.publics) + len(m.alliance_agents)
    assert len(agents) == (m.steps + 1) * n_agents
    assert not agents.duplicated(["step", "agent_id"]).any()
    ids = {a.unique_id for a in m.agents}
    for _, group in agents.groupby("step"):
        assert set(group["agent_id"]) == ids
    assert agents.groupby("kind")["agent_id"].nunique().to_dict() == {
        "state": len(m.states),
        "public": len(m.publics),
        "alliance": len(m.alliance_agents),
    }
    # the last row of each state is what the model holds now
    last = agents[(agents["step"] == m.steps) & (agents["kind"] == "state")].set_index("name")
    for s in m.states:
        assert last.loc[s.name, "military"] == pytest.approx(s.military)
        assert last.loc[s.name, "will"] == pytest.approx(s.will)


@pytest.mark.parametrize("lens", LENS_CHOICES)
def test_decision_events_name_the_deciding_lens(lens):
    m = run(lens=lens, steps=24, stop_at_outcome=False)
    lens_of = {s.name: s.lens.name for s in m.states}
    events = m.event_table()
    decisions = events[events["kind"].str.startswith("decision:")]
    assert len(decisions) > 0
    for _, e in decisions.iterrows():
        assert e["reason"].startswith(f"({lens_of[e['actor']]})"), e["reason"]
        assert e["kind"].split(":", 1)[1] in {str(a) for a in Action}


def test_mixed_keeps_each_states_scenario_lens_and_a_named_lens_applies_to_all():
    spec = load_scenario("ukraine_2025")
    assert len({s.lens for s in spec.states if s.lens}) > 1  # the scenario really mixes lenses
    mixed = ConflictModel(scenario="ukraine_2025", lens="mixed", rng=1)
    for state, s in zip(mixed.states, spec.states, strict=True):
        if s.lens is not None:
            assert state.lens.name == s.lens
    assert [lens.name for lens in mixed.lenses] == [s.lens.name for s in mixed.states]
    if spec.default_lens == "mixed":
        default = ConflictModel(scenario="ukraine_2025", rng=1)
        assert [s.lens.name for s in default.states] == [s.lens.name for s in mixed.states]
    for name in LENSES:
        m = ConflictModel(scenario="ukraine_2025", lens=name, rng=1)
        assert {s.lens.name for s in m.states} == {name}
        assert set(m.agent_table()["lens"].dropna()) == {name}


def test_an_unknown_lens_is_refused():
    with pytest.raises(ValueError, match="constructivism"):
        ConflictModel(scenario="ukraine_2025", lens="constructivism")


def test_an_unset_first_election_falls_one_interval_after_the_start():
    overrides = {"states.Blue.public.election_interval": 6, "states.Blue.public.next_election": 0}
    m = ConflictModel("security_dilemma", rng=1, steps=13, stop_at_outcome=False, **overrides).run()
    elections = m.event_table().query("kind == 'election' and actor == 'Blue'")["step"].tolist()
    assert elections == [6, 12]


def test_in_memory_tables_have_the_same_column_types_as_the_files(default_run):
    """The tables a notebook gets from the model carry the documented types (sim.columns)."""
    from sim.columns import OUTCOME_DTYPE, STRING_DTYPE

    model_df, events = default_run.model_table(), default_run.event_table()
    assert model_df["outcome"].dtype == OUTCOME_DTYPE
    assert events["kind"].dtype == STRING_DTYPE and events["reason"].dtype == STRING_DTYPE
