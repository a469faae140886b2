"""Lenses: one decision calculus, two sets of assumptions (the Axelrod pattern).

A shared base test every lens must pass (identity, determinism, options fit the phase, reasons
agree with their numbers, pickling), scripted views that show each assumption at work, and
ablations: set an assumption equal across the two theories and the difference it makes is gone.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import fields, replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.lenses import LENS_CHOICES, LENSES, Action, Assumptions, View, get_lens
from sim.lenses.calculus import (
    ceasefire_value,
    choose,
    deal_credibility,
    deal_value,
    logit_pick,
    option_values,
    war_value,
)
from sim.mechanisms.outcomes import Phase
from sim.params import Params

P = Params()
OPTIONS = {
    Phase.CRISIS: {Action.HOLD, Action.ATTACK, Action.NEGOTIATE},
    Phase.WAR: {Action.FIGHT, Action.CEASEFIRE, Action.CONCEDE, Action.ESCALATE, Action.NEGOTIATE},
    Phase.TALKS: {Action.FIGHT, Action.CEASEFIRE, Action.CONCEDE, Action.ESCALATE, Action.NEGOTIATE},
    Phase.CEASEFIRE: {Action.CEASEFIRE, Action.FIGHT, Action.NEGOTIATE},
}


def view(**changes) -> View:
    """A plain view of a balanced war, changed where a test says."""
    base = dict(
        state="Red",
        opponent="Blue",
        phase=Phase.WAR,
        month=6,
        months_at_war=6,
        months_in_phase=6,
        belief=0.5,
        held=0.5,
        aim=1.0,
        rival_aim=1.0,
        rival_held=0.5,
        territory_weight=1.0,
        win_value=1.0,
        lose_value=-0.2,
        line_value=0.45,
        status_quo_value=0.45,
        concede_value=-0.3,
        monthly_cost=0.03,
        trade_cost=0.0,
        public_cost=0.0,
        duration=12.0,
        horizon=12.0,
        forecast_shift=0.0,
        trust=0.3,
        institutions=0.0,
        guarantee=0.0,
        incident_risk=0.2,
        deal=None,
        deal_value=None,
        deal_rival_value=None,
        pressure=0.0,
        resolve=0.6,
        rival_resolve=0.6,
        rival_nuclear=False,
        escalation_room=0.3,
        threat=0.4,
        will=0.6,
        support=0.6,
        broken=False,
        rival_broken=False,
    )
    base.update(changes)
    return View(**base)


def assumptions(lens: str, **changes) -> Assumptions:
    return replace(get_lens(lens).assumptions(P), **changes)


# --- the shared base test ------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(LENSES))
class TestEveryLens:
    def test_identity(self, name):
        lens = get_lens(name)
        assert lens.name == name and LENSES[name] is type(lens)
        assert lens.classifier["theory"] == name and lens.classifier["sources"]
        assert name in LENS_CHOICES

    def test_assumptions_come_from_params(self, name):
        a = get_lens(name).assumptions(P)
        for f in fields(a):
            assert getattr(a, f.name) == getattr(P, f"{f.name}_{name}")
        changed = get_lens(name).assumptions(P.model_copy(update={f"cost_weight_{name}": 2.5}))
        assert changed.cost_weight == 2.5

    @pytest.mark.parametrize("phase", list(OPTIONS))
    def test_options_fit_the_phase(self, name, phase):
        v = view(phase=phase, deal_value=0.5, deal_rival_value=0.5)
        assert set(option_values(v, get_lens(name).assumptions(P), P)) == OPTIONS[phase]

    @settings(max_examples=40, deadline=None)
    @given(seed=st.integers(0, 2**32 - 1), belief=st.floats(0.01, 0.99), held=st.floats(0, 1))
    def test_same_seed_same_decision_and_a_reason_that_matches_its_numbers(self, name, seed, belief, held):
        v = view(belief=belief, held=held, deal_value=0.4, deal_rival_value=0.5)
        first = get_lens(name).decide(v, P, np.random.default_rng(seed))
        again = get_lens(name).decide(v, P, np.random.default_rng(seed))
        assert first == again
        assert_reason_matches(first)

    def test_pickles(self, name):
        lens = get_lens(name)
        assert pickle.loads(pickle.dumps(lens)).name == name


def assert_reason_matches(decision) -> None:
    """The sentence never contradicts the numbers behind it."""
    values = {Action(k): v for k, v in decision.values.items()}
    chosen = values[decision.action]
    best = max(values.values())
    if "although" in decision.reason:  # a noisy choice says so (values are rounded to 4 places)
        assert chosen <= best
    else:
        assert chosen >= best - 1e-4
        quoted = [float(x) for x in re.findall(r"\(([+-]\d+\.\d+)\)", decision.reason)]
        assert all(x <= chosen + 0.005 for x in quoted), (decision.reason, values)


def test_unknown_lens_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose one of: realism, liberalism, mixed"):
        get_lens("constructivism")


# --- the logit rule ------------------------------------------------------------------------------
def test_logit_picks_the_best_option_when_cold_and_spreads_when_hot():
    values = {Action.FIGHT: 0.3, Action.CEASEFIRE: 0.2}
    picks = [logit_pick(values, 0.001, u) for u in np.linspace(0, 0.999, 200)]
    assert set(picks) == {Action.FIGHT}
    picks = [logit_pick(values, 10.0, u) for u in np.linspace(0, 0.999, 200)]
    assert 0.4 < picks.count(Action.FIGHT) / 200 < 0.6


# --- each assumption at work, and its ablation -------------------------------------------------
def test_relative_gains_make_realism_value_a_lopsided_deal_less():
    v = view(deal_value=0.35, deal_rival_value=0.65)
    real, lib = assumptions("realism"), assumptions("liberalism")
    assert deal_value(v, real, P, war_value(v, real)) < deal_value(v, lib, P, war_value(v, lib))
    same = assumptions("realism", relative_gains=lib.relative_gains)
    fight = war_value(v, same)
    lib_same = assumptions(
        "liberalism",
        cost_weight=same.cost_weight,
        trade_weight=same.trade_weight,
        public_weight=same.public_weight,
        institution_weight=same.institution_weight,
        power_foresight=same.power_foresight,
    )
    assert deal_value(v, same, P, fight) == pytest.approx(deal_value(v, lib_same, P, war_value(v, lib_same)))


def test_institutions_make_promises_credible_under_liberalism_more_than_realism():
    bare, monitored = view(), view(institutions=0.35)
    for lens in ("realism", "liberalism"):
        a = assumptions(lens)
        assert deal_credibility(monitored, a, P) > deal_credibility(bare, a, P)
    gain = {
        lens: deal_credibility(monitored, assumptions(lens), P) - deal_credibility(bare, assumptions(lens), P)
        for lens in ("realism", "liberalism")
    }
    assert gain["liberalism"] > gain["realism"]
    equal = assumptions("realism", institution_weight=P.institution_weight_liberalism)
    assert deal_credibility(monitored, equal, P) == pytest.approx(
        deal_credibility(monitored, assumptions("liberalism"), P)
    )


def test_lost_trade_is_a_cost_of_war_only_under_liberalism():
    calm, trading = view(), view(trade_cost=0.02)
    assert war_value(trading, assumptions("realism")) == war_value(calm, assumptions("realism"))
    assert war_value(trading, assumptions("liberalism")) < war_value(calm, assumptions("liberalism"))
    ablated = assumptions("liberalism", trade_weight=0.0)
    assert war_value(trading, ablated) == war_value(calm, ablated)


def test_power_foresight_makes_a_declining_realist_fear_a_pause():
    declining = view(forecast_shift=0.1)
    real, lib = assumptions("realism"), assumptions("liberalism")
    drop = {n: ceasefire_value(view(), a, P) - ceasefire_value(declining, a, P) for n, a in (("r", real), ("l", lib))}
    assert drop["r"] > drop["l"] > 0
    same = assumptions("realism", power_foresight=lib.power_foresight)
    assert ceasefire_value(view(), same, P) - ceasefire_value(declining, same, P) == pytest.approx(drop["l"])


def test_costs_weigh_more_under_liberalism_so_it_stops_sooner():
    costly = view(monthly_cost=0.05)
    real, lib = assumptions("realism"), assumptions("liberalism")
    gap = {n: ceasefire_value(costly, a, P) - war_value(costly, a) for n, a in (("r", real), ("l", lib))}
    assert gap["l"] > gap["r"]


def test_patron_pressure_pushes_a_client_toward_the_deal():
    v = view(deal_value=0.3, deal_rival_value=0.5)
    a = assumptions("realism")
    free, pressed = option_values(v, a, P), option_values(replace(v, pressure=0.2), a, P)
    assert pressed[Action.NEGOTIATE] == free[Action.NEGOTIATE]
    assert pressed[Action.FIGHT] < free[Action.FIGHT] and pressed[Action.CEASEFIRE] < free[Action.CEASEFIRE]


def test_the_nuclear_shadow_caps_escalation():
    a = assumptions("realism")
    assert (
        option_values(view(rival_nuclear=True), a, P)[Action.ESCALATE]
        < option_values(view(), a, P)[Action.ESCALATE] - 0.5
    )


def test_a_deal_broken_in_a_crisis_leaves_the_standoff_not_a_war():
    """In the nuclear shadow a war is ruinous. A deal offered in a crisis is still worth taking:
    if the rival reneges, the sides are back in the standoff, not at war. The same numbers in a
    war (reneging means fighting again) leave the deal worth less than the line held."""
    a = assumptions("realism")
    ruinous = dict(monthly_cost=0.3, lose_value=-2.0, deal_value=0.55, deal_rival_value=0.55, trust=0.1)
    crisis = option_values(view(phase=Phase.CRISIS, **ruinous), a, P)
    assert crisis[Action.NEGOTIATE] > crisis[Action.HOLD] > crisis[Action.ATTACK]
    at_war = option_values(view(**ruinous), a, P)
    assert at_war[Action.NEGOTIATE] < crisis[Action.NEGOTIATE] - 0.5
    assert at_war[Action.NEGOTIATE] < at_war[Action.CEASEFIRE]


def test_a_hopeless_broken_side_accepts_terms_before_one_with_a_chance():
    a = assumptions("realism")
    hopeless = view(
        belief=0.03,
        lose_value=-0.1,
        concede_value=-0.15,
        monthly_cost=0.2,
        status_quo_value=-0.5,
        line_value=-0.5,
        incident_risk=1.0,
    )
    values = option_values(hopeless, a, P)
    assert max(values, key=values.get) is Action.CONCEDE
    values = option_values(view(), a, P)
    assert max(values, key=values.get) is not Action.CONCEDE


def test_reasons_name_the_assumption_that_tipped_the_choice():
    """A deal the realist refuses only because it weighs the rival's gain: the reason says so."""
    v = view(
        deal_value=0.40, deal_rival_value=0.60, trust=0.9, status_quo_value=0.42, line_value=0.2, monthly_cost=0.02
    )
    decision = choose(
        v, get_lens("realism"), P.model_copy(update={"decision_temperature": 0.001}), np.random.default_rng(0)
    )
    liberal = choose(
        v, get_lens("liberalism"), P.model_copy(update={"decision_temperature": 0.001}), np.random.default_rng(0)
    )
    assert liberal.action is Action.NEGOTIATE and decision.action is not Action.NEGOTIATE
    assert decision.tipped_by == "relative_gains" and "realism: it weighs what the rival gains" in decision.reason
