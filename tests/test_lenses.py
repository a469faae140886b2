"""Decision lenses: the contract every lens keeps, then scripted views showing the theories differ.

The shared tests are parametrized over the registry (the Axelrod pattern: every strategy
passes the same suite), so a new lens is tested as soon as it is registered.
"""

from __future__ import annotations

import dataclasses
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.lenses import LENS_CHOICES, LENSES, Action, Decision, Lens, Perception, View, get_lens
from sim.mechanisms.outcomes import Phase
from sim.model import ConflictModel
from sim.phases import perceive

TALKING = {Action.NEGOTIATE, Action.CEASEFIRE, Action.CONCEDE}
LIVE_PHASES = [Phase.CRISIS, Phase.WAR, Phase.TALKS, Phase.CEASEFIRE]  # lenses decide only these
fast = settings(max_examples=60, deadline=None)

# A month of a war that is going nowhere in particular: no deal, not ripe, nobody exhausted.
DEFAULTS = dict(
    state="A",
    opponent="B",
    phase=Phase.WAR,
    month=10,
    months_at_war=10,
    months_in_phase=10,
    belief=0.5,
    expected_advance=0.0,
    share_held=0.5,
    cost=0.2,
    ripe=False,
    ripeness_reason="not ripe: front still moving (+0.030 in 4 months)",
    recent_shift=0.0,
    deal_value=None,
    reservation=0.3,
    credibility=0.2,
    credibility_needed=0.35,
    blocking_issue=None,
    will=0.6,
    support=0.6,
    threat=0.4,
    trust=0.3,
    military_ratio=0.8,
    force_ratio=1.0,
    democracy=False,
    opponent_democracy=False,
)
FALLBACK = {"int": 0, "float": 0.0, "bool": False, "str": ""}  # for View fields added later


def _default(field: dataclasses.Field):
    if field.name in DEFAULTS:
        return DEFAULTS[field.name]
    kind = str(field.type)
    return None if "None" in kind else FALLBACK.get(kind, None)


BASE = View(**{f.name: _default(f) for f in dataclasses.fields(View)})


def view(**changes) -> View:
    """BASE with some fields changed; `reservation` follows belief - cost unless given."""
    v = dataclasses.replace(BASE, **changes)
    if "reservation" not in changes:
        v = dataclasses.replace(v, reservation=v.belief - v.cost)
    return v


def decide(lens: str, v: View, seed: int = 0) -> Decision:
    return get_lens(lens).decide(v, np.random.default_rng(seed))


STRATEGIES = dict(
    phase=st.sampled_from(LIVE_PHASES),
    month=st.integers(0, 240),
    months_at_war=st.integers(0, 240),
    months_in_phase=st.integers(0, 60),
    belief=st.floats(0.01, 0.99),
    expected_advance=st.floats(-1.0, 1.0),
    share_held=st.floats(0.0, 1.0),
    cost=st.floats(0.0, 3.0),
    ripe=st.booleans(),
    ripeness_reason=st.sampled_from(["ripe: hurting stalemate", "not ripe: moving"]),
    recent_shift=st.floats(-0.3, 0.3),
    decisive=st.booleans(),
    deal_value=st.none() | st.floats(0.0, 1.0),
    reservation=st.floats(-3.0, 1.0),
    credibility=st.floats(0.0, 1.0),
    credibility_needed=st.floats(0.0, 1.0),
    blocking_issue=st.none() | st.sampled_from(["territory", "neutrality"]),
    will=st.floats(0.0, 1.0),
    support=st.floats(0.0, 1.0),
    threat=st.floats(0.0, 1.0),
    trust=st.floats(0.0, 1.0),
    military_ratio=st.floats(0.0, 2.0),
    force_ratio=st.floats(0.0, 5.0),
    democracy=st.booleans(),
    opponent_democracy=st.booleans(),
)
views = st.builds(View, **{f.name: STRATEGIES.get(f.name, st.just(_default(f))) for f in dataclasses.fields(View)})


@pytest.mark.parametrize("name", sorted(LENSES))
class TestEveryLens:
    def test_identity(self, name):
        lens = LENSES[name]()
        assert isinstance(lens, Lens)
        assert lens.name == name
        assert isinstance(lens.classifier, dict) and lens.classifier
        assert isinstance(lens.perception, Perception)
        assert get_lens(name).name == name
        assert name in LENS_CHOICES

    def test_perception_weights_are_sane(self, name):
        p = LENSES[name].perception
        for field in ("alliance_weight", "institution_weight", "cost_weight", "public_weight"):
            assert getattr(p, field) >= 0, field
        assert 0.0 <= p.democratic_peace <= 1.0
        assert -1.0 <= p.concession_reading <= 1.0

    @fast
    @given(v=views, seed=st.integers(0, 2**32 - 1))
    def test_decide_returns_a_reasoned_decision_and_leaves_the_view_alone(self, name, v, seed):
        lens = LENSES[name]()
        before = dataclasses.replace(v)
        decision = lens.decide(v, np.random.default_rng(seed))
        assert isinstance(decision, Decision)
        assert isinstance(decision.action, Action)
        assert isinstance(decision.reason, str) and decision.reason.strip()
        assert v == before
        assert lens.decide(v, np.random.default_rng(seed)) == decision  # deterministic per seed
        if not lens.classifier.get("stochastic", True):
            assert lens.decide(v, np.random.default_rng(seed + 1)) == decision

    @fast
    @given(v=views)
    def test_actions_fit_the_phase(self, name, v):
        decision = decide(name, v)
        if decision.action is Action.ATTACK:
            assert v.phase is Phase.CRISIS  # only a crisis can be turned into a war
        if decision.action is Action.CONCEDE:
            assert decision.issue is not None and decision.issue == v.blocking_issue

    def test_the_view_is_frozen(self, name):
        v = view()
        with pytest.raises(dataclasses.FrozenInstanceError):
            v.belief = 0.9  # type: ignore[misc]
        decide(name, v)
        assert v == view()

    @fast
    @given(
        v=views.filter(lambda v: v.phase is not Phase.CRISIS),
        exhaustion=st.sampled_from(["will", "forces", "both"]),
    )
    def test_an_exhausted_side_in_a_ripe_conflict_seeks_talks_or_a_ceasefire(self, name, v, exhaustion):
        if exhaustion in ("will", "both"):
            v = dataclasses.replace(v, will=0.2)
        if exhaustion in ("forces", "both"):
            v = dataclasses.replace(v, military_ratio=0.4)
        v = dataclasses.replace(v, ripe=True)
        assert v.exhausted
        assert decide(name, v).action in TALKING

    def test_in_a_calm_crisis_a_credible_acceptable_deal_is_taken(self, name):
        v = view(
            phase=Phase.CRISIS,
            months_at_war=0,
            threat=0.3,
            belief=0.5,
            cost=0.3,
            deal_value=0.45,
            credibility=0.6,
        )
        assert v.deal_acceptable
        assert decide(name, v).action is Action.NEGOTIATE

    @pytest.mark.parametrize("phase", [Phase.WAR, Phase.TALKS, Phase.CEASEFIRE])
    def test_a_ripe_conflict_with_a_credible_acceptable_deal_is_settled(self, name, phase):
        v = view(
            phase=phase,
            ripe=True,
            ripeness_reason="ripe: hurting stalemate",
            deal_value=0.5,
            credibility=0.6,
            belief=0.5,
            cost=0.2,
        )
        assert v.deal_acceptable
        assert decide(name, v).action is Action.NEGOTIATE

    def test_pickles(self, name):
        lens = LENSES[name]()
        clone = pickle.loads(pickle.dumps(lens))
        assert type(clone) is type(lens) and clone.name == name
        v = view(threat=0.85, belief=0.3, will=0.7)
        assert clone.decide(v, np.random.default_rng(1)) == lens.decide(v, np.random.default_rng(1))


# A crisis in which striking first looks tempting, yet a credible deal beats fighting.
TEMPTING_CRISIS = view(
    phase=Phase.CRISIS,
    months_at_war=0,
    threat=0.7,
    belief=0.65,
    cost=0.3,
    deal_value=0.5,
    credibility=0.6,
)


@pytest.mark.parametrize(
    "name",
    sorted(LENSES),
)
def test_in_a_crisis_every_lens_takes_a_credible_deal_worth_more_than_war(name):
    assert TEMPTING_CRISIS.deal_acceptable
    assert TEMPTING_CRISIS.deal_value > TEMPTING_CRISIS.reservation
    assert decide(name, TEMPTING_CRISIS).action is Action.NEGOTIATE


def test_unknown_lens_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="realism"):
        get_lens("constructivism")


# --- the theories differ ------------------------------------------------------------------------


class TestRealismVersusLiberalism:
    def test_realism_escalates_when_threatened_and_losing_liberalism_does_not(self):
        v = view(threat=0.85, belief=0.3, will=0.7)
        assert decide("realism", v).action is Action.ESCALATE
        assert decide("liberalism", v).action is not Action.ESCALATE

    def test_liberalism_concedes_when_its_democratic_public_is_weary_realism_fights_on(self):
        v = view(democracy=True, support=0.3, will=0.5, blocking_issue="territory")
        lib = decide("liberalism", v)
        assert lib.action is Action.CONCEDE and lib.issue == "territory"
        assert decide("realism", v).action is Action.FIGHT

    def test_a_weary_autocratic_public_does_not_make_liberalism_concede(self):
        v = view(democracy=False, support=0.3, will=0.5, blocking_issue="territory")
        assert decide("liberalism", v).action is not Action.CONCEDE

    def test_liberalism_stops_when_costs_outweigh_gains_realism_fights_on(self):
        v = view(ripe=True, ripeness_reason="ripe: hurting stalemate", expected_advance=0.1, cost=0.2)
        assert -0.25 < v.expected_gain <= 0
        assert decide("liberalism", v).action in {Action.NEGOTIATE, Action.CEASEFIRE}
        assert decide("realism", v).action is Action.FIGHT

    def test_realism_bargains_from_strength_after_a_decisive_shift(self):
        v = view(
            ripe=True,
            ripeness_reason="ripe: decisive shift",
            recent_shift=0.08,
            decisive=True,
            expected_advance=0.3,
            cost=0.2,
            deal_value=0.4,
        )
        assert 0 < v.expected_gain < 0.15
        assert decide("realism", v).action is Action.NEGOTIATE
        assert decide("liberalism", v).action is Action.FIGHT
        # a stalemate with bearable costs is no reason for a realist to talk
        stalemate = dataclasses.replace(v, decisive=False, recent_shift=0.004, ripeness_reason="ripe: stalemate")
        assert decide("realism", stalemate).action is Action.FIGHT

    def test_two_democracies_keep_the_peace_under_liberalism_only(self):
        v = view(
            phase=Phase.CRISIS,
            months_at_war=0,
            threat=0.9,
            belief=0.7,
            democracy=True,
            opponent_democracy=True,
        )
        assert decide("liberalism", v).action is Action.HOLD
        assert decide("realism", v).action is Action.ATTACK
        autocrat = dataclasses.replace(v, opponent_democracy=False)
        assert decide("liberalism", autocrat).action is Action.ATTACK

    def test_realism_resumes_a_ceasefire_war_it_expects_to_win_liberalism_holds(self):
        v = view(phase=Phase.CEASEFIRE, ripe=True, expected_advance=0.5, cost=0.2, will=0.7)
        assert decide("realism", v).action is Action.FIGHT
        assert decide("liberalism", v).action is Action.CEASEFIRE

    def test_perception_filters_differ_as_the_theories_say(self):
        real, lib = LENSES["realism"].perception, LENSES["liberalism"].perception
        assert lib.alliance_weight < real.alliance_weight  # alliances read as less threatening
        assert lib.institution_weight > real.institution_weight  # institutions make promises credible
        assert lib.cost_weight > real.cost_weight
        assert lib.public_weight > real.public_weight
        assert lib.concession_reading > 0 > real.concession_reading  # reciprocity vs weakness
        assert lib.democratic_peace < real.democratic_peace == 1.0

    def test_liberalism_reads_the_same_alliance_as_less_of_a_threat(self):
        """Red faces Blue, a Pact candidate: the alliance's share of Red's threat by lens."""

        def red_threat(lens: str, alliances: bool) -> float:
            overrides = {} if alliances else {"alliances": []}
            m = ConflictModel(scenario="security_dilemma", lens=lens, rng=1, **overrides)
            perceive(m)  # one month of perception, nothing else
            red, blue = m.world.index["Red"], m.world.index["Blue"]
            return float(m.world.threat[red, blue])

        from_alliance = {lens: red_threat(lens, True) - red_threat(lens, False) for lens in ("realism", "liberalism")}
        assert from_alliance["realism"] > from_alliance["liberalism"] > 0
