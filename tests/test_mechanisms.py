"""The pure mechanism functions: the theory's equations and the bounds the model relies on.

One class per module in `sim/mechanisms/`. Hypothesis checks invariants (probabilities and
shares stay in their ranges, monotonicity) over the whole input space; worked examples check
the equations themselves (Lanchester's invariant, Fearon's range, Richardson's equilibrium).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sim.mechanisms import alliances, bargaining, combat, domestic, perception
from sim.params import Params

unit = st.floats(0.0, 1.0, allow_nan=False)
positive = st.floats(0.01, 100.0, allow_nan=False)
force = st.floats(0.0, 100.0, allow_nan=False)
DEFAULTS = Params()
fast = settings(max_examples=40, deadline=None)


class TestCombat:
    @pytest.mark.parametrize(("a", "b", "alpha", "beta"), [(1.0, 0.8, 1.0, 1.0), (0.7, 1.0, 1.5, 0.6)])
    def test_square_law_invariant_is_conserved_for_small_dt(self, a, b, alpha, beta):
        """alpha*A^2 - beta*B^2 stays put while both sides fight; Euler error shrinks with dt."""

        def drift(dt: float, t_end: float = 0.3) -> float:
            x, y = a, b
            start = alpha * x * x - beta * y * y
            for _ in range(round(t_end / dt)):
                x, y = combat.lanchester_step(x, y, alpha, beta, dt)
            assert x > 0 and y > 0  # still fighting: the law applies
            return abs(alpha * x * x - beta * y * y - start) / abs(start)

        coarse, fine = drift(1e-2), drift(1e-4)
        assert fine < 1e-4
        assert fine < coarse / 10  # first-order convergence toward exact conservation

    @settings(max_examples=25, deadline=None)
    @given(
        a=st.floats(0.5, 2.0),
        b=st.floats(0.5, 2.0),
        alpha=st.floats(0.5, 2.0),
        beta=st.floats(0.5, 2.0),
    )
    def test_the_square_law_winner_is_the_side_left_standing(self, a, b, alpha, beta):
        lhs, rhs = alpha * a * a, beta * b * b
        assume(abs(lhs - rhs) > 0.1 * max(lhs, rhs))  # not a near-draw
        winner = combat.square_law_winner(a, b, alpha, beta)
        x, y = a, b
        for _ in range(20_000):
            if x == 0 or y == 0:
                break
            x, y = combat.lanchester_step(x, y, alpha, beta, 1e-3)
        assert (x > 0, y > 0) == ((True, False) if winner == 0 else (False, True))

    def test_winner_flips_exactly_at_the_threshold(self):
        # alpha*A^2 = 4*3^2 = 36 = 9*2^2 = beta*B^2 exactly
        assert combat.square_law_winner(3.0, 2.0, 4.0, 9.0) == -1
        assert combat.square_law_winner(3.0, 2.0, 4.0, 9.0) == combat.square_law_winner(2.0, 3.0, 9.0, 4.0)
        up, down = math.nextafter(3.0, 4.0), math.nextafter(3.0, 2.0)
        assert combat.square_law_winner(up, 2.0, 4.0, 9.0) == 0
        assert combat.square_law_winner(down, 2.0, 4.0, 9.0) == 1
        # a force twice as good beats one 1.41 times as large, but not one 1.42 times as large
        assert combat.square_law_winner(1.0, 1.41, 2.0, 1.0) == 0
        assert combat.square_law_winner(1.0, 1.42, 2.0, 1.0) == 1

    @fast
    @given(a=force, b=force)
    def test_win_probability_is_a_symmetric_probability(self, a, b):
        p = combat.win_probability(a, b)
        assert 0.0 <= p <= 1.0
        assert p + combat.win_probability(b, a) == pytest.approx(1.0)

    @fast
    @given(a=force)
    def test_win_probability_is_even_at_parity(self, a):
        assert combat.win_probability(a, a) == 0.5

    @fast
    @given(a=positive, b=positive, extra=st.floats(0.01, 10))
    def test_more_force_means_a_better_chance(self, a, b, extra):
        assert combat.win_probability(a + extra, b) >= combat.win_probability(a, b)

    def test_fighting_strength_is_quality_times_forces_squared(self):
        # Lanchester: doubling forces is worth quadrupling quality
        assert combat.fighting_strength(1.0, 2.0) == combat.fighting_strength(4.0, 1.0) == 4.0
        assert combat.win_probability(combat.fighting_strength(1.0, 2.0), combat.fighting_strength(4.0, 1.0)) == 0.5

    @fast
    @given(belief=st.floats(0.01, 0.99), signal=st.floats(-1.0, 2.0), learning=unit)
    def test_update_belief_stays_a_probability(self, belief, signal, learning):
        assert 0.01 <= combat.update_belief(belief, signal, learning) <= 0.99

    @fast
    @given(belief=st.floats(0.01, 0.99), signal=st.floats(0.01, 0.99), learning=st.floats(0.0, 1.0))
    def test_update_belief_moves_toward_the_signal(self, belief, signal, learning):
        new = combat.update_belief(belief, signal, learning)
        assert min(belief, signal) - 1e-12 <= new <= max(belief, signal) + 1e-12
        assert abs(new - signal) <= abs(belief - signal) + 1e-12

    @fast
    @given(seed=st.integers(0, 2**32 - 1))
    def test_fighting_makes_the_two_sides_beliefs_converge(self, seed):
        """Wagner/Slantchev: noisy battlefield signals of one truth erode mutual optimism."""
        rng = np.random.default_rng(seed)
        truth = 0.6  # A's true chance
        belief_a, belief_b = 0.9, 0.8  # A thinks 0.9, B thinks it has 0.8: sum 1.7
        fog, learning = DEFAULTS.fog, DEFAULTS.belief_learning

        def gap() -> float:  # disagreement about A's chance
            return abs(belief_a - (1.0 - belief_b))

        start = gap()
        late = []
        for month in range(60):
            noise = rng.normal(0.0, fog, 2)
            belief_a = combat.update_belief(belief_a, truth + noise[0], learning)
            belief_b = combat.update_belief(belief_b, 1 - truth + noise[1], learning)
            if month >= 48:
                late.append(gap())
        assert np.mean(late) < start / 4


issues = st.integers(1, 4)


@st.composite
def bargaining_problem(draw):
    n = draw(issues)
    divisible = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    salience = np.array(draw(st.lists(st.floats(0.05, 2.0), min_size=n, max_size=n)))
    red_line = st.one_of(st.floats(0.0, 0.6), st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]))
    red_a = np.array(draw(st.lists(red_line, min_size=n, max_size=n)))
    red_b = np.array(draw(st.lists(red_line, min_size=n, max_size=n)))
    lo = draw(st.floats(-0.5, 1.0))
    hi = lo + draw(st.floats(-0.2, 1.0))  # mostly a range, sometimes mutual optimism
    return salience, divisible, red_a, red_b, lo, hi


class TestBargaining:
    @fast
    @given(p=unit, c_a=st.floats(0.0, 1.0), c_b=st.floats(0.0, 1.0))
    def test_consistent_beliefs_give_a_range_as_wide_as_the_costs(self, p, c_a, c_b):
        lo, hi = bargaining.bargaining_range(p, 1.0 - p, c_a, c_b)
        assert hi - lo == pytest.approx(c_a + c_b)
        assert lo - 1e-12 <= p <= hi + 1e-12  # the war's expected split is always inside
        assert not bargaining.mutual_optimism(p, 1.0 - p, c_a, c_b)

    @fast
    @given(p_a=unit, p_b=unit, c_a=st.floats(0.0, 0.5), c_b=st.floats(0.0, 0.5))
    def test_mutual_optimism_is_exactly_an_empty_range(self, p_a, p_b, c_a, c_b):
        assume(abs(p_a + p_b - 1.0 - c_a - c_b) > 1e-9)
        lo, hi = bargaining.bargaining_range(p_a, p_b, c_a, c_b)
        optimism = bargaining.mutual_optimism(p_a, p_b, c_a, c_b)
        assert optimism == (p_a + p_b > 1.0 + c_a + c_b)
        assert optimism == (lo > hi)

    def test_mutual_optimism_example(self):
        assert bargaining.mutual_optimism(0.7, 0.6, 0.1, 0.1)  # 1.3 > 1.2
        assert not bargaining.mutual_optimism(0.6, 0.5, 0.1, 0.1)  # 1.1 < 1.2

    RIPE = dict(window=4, stalemate_tolerance=0.02, decisive_shift=0.05)

    @fast
    @given(v0=st.floats(0.0, 1.0), t=st.floats(0.0, 120.0), decay=st.floats(0.0, 1.0))
    def test_concession_goodwill_decays_exponentially(self, v0, t, decay):
        assert bargaining.concession_goodwill(v0, t, decay) == pytest.approx(v0 * math.exp(-decay * t))
        assert bargaining.concession_goodwill(v0, t + 6, decay) <= bargaining.concession_goodwill(v0, t, decay)

    def test_an_early_concession_is_worth_more_than_a_late_one(self):
        early = bargaining.concession_goodwill(0.3, 2, 0.05)
        late = bargaining.concession_goodwill(0.3, 46, 0.05)
        assert bargaining.concession_goodwill(0.3, 0, 0.05) == 0.3
        assert early > 3 * late

    CRED = dict(
        institution_weight=1.0,
        monitoring_credibility=0.2,
        dmz_credibility=0.15,
        guarantee_credibility=0.25,
        power_shift_penalty=2.0,
    )

    def test_monitors_and_dmzs_make_ceasefires_last(self):
        def hazard(monitoring=False, dmz=False):
            return bargaining.ceasefire_breakdown(0.06, monitoring, dmz, 0.5, 0.3, 0.5, 0.4)

        assert hazard(monitoring=True) < hazard()
        assert hazard(dmz=True) < hazard()
        assert hazard(True, True) < min(hazard(True), hazard(dmz=True))

    @fast
    @given(base=unit, threat=unit, trust=unit, mp=unit, dp=unit)
    def test_ceasefire_breakdown_is_a_probability(self, base, threat, trust, mp, dp):
        for mon in (False, True):
            assert 0.0 <= bargaining.ceasefire_breakdown(base, mon, True, threat, trust, mp, dp) <= 1.0


arrays = st.lists(st.floats(0.0, 100.0), min_size=1, max_size=5)


class TestPerception:
    @fast
    @given(own=arrays, data=st.data())
    def test_capability_share_is_a_share(self, own, data):
        rival = data.draw(st.lists(st.floats(0.0, 100.0), min_size=len(own), max_size=len(own)))
        own, rival = np.array(own), np.array(rival)
        share = perception.capability_share(own, rival)
        assert np.all((share >= 0) & (share <= 1))
        assert np.allclose(share + perception.capability_share(rival, own), 1.0)

    def test_capability_share_is_even_at_parity(self):
        share = perception.capability_share(np.array([1.0, 0.0, 3.0]), np.array([1.0, 0.0, 3.0]))
        assert np.all(share == 0.5)
        assert perception.capability_share(np.array([1.0]), np.array([3.0]))[0] == pytest.approx(0.75)

    def test_trust_lost_in_a_month_takes_over_a_year_to_rebuild(self):
        p = DEFAULTS
        t = np.array([0.5])
        after = perception.update_trust(t, np.zeros(1), np.ones(1), p.trust_gain, p.trust_loss)
        months = 0
        while after[0] < 0.5:
            after = perception.update_trust(after, np.ones(1), np.zeros(1), p.trust_gain, p.trust_loss)
            months += 1
        assert months > 12
        # monitoring speeds the rebuilding
        faster, fast_months = (
            perception.update_trust(t, np.zeros(1), np.ones(1), p.trust_gain, p.trust_loss),
            0,
        )
        while faster[0] < 0.5:
            boost = np.array([p.monitoring_trust_boost])
            faster = perception.update_trust(faster, boost, np.zeros(1), p.trust_gain, p.trust_loss)
            fast_months += 1
        assert fast_months < months

    @fast
    @given(
        trust=unit,
        kept=st.floats(0.0, 5.0),
        broken=st.sampled_from([0.0, 1.0]),
        gain=st.floats(0.0, 0.5),
        loss=unit,
    )
    def test_trust_stays_in_unit_interval(self, trust, kept, broken, gain, loss):
        out = perception.update_trust(np.array([trust]), np.array([kept]), np.array([broken]), gain, loss)
        assert 0.0 <= out[0] <= 1.0

    @fast
    @given(prev=unit, target=unit, weight=unit)
    def test_smoothing_moves_part_way_toward_the_evidence(self, prev, target, weight):
        out = perception.smooth(np.array(prev), np.array(target), weight)
        assert min(prev, target) - 1e-12 <= out <= max(prev, target) + 1e-12
        assert perception.smooth(np.array(prev), np.array(target), 0.0) == pytest.approx(prev)
        assert perception.smooth(np.array(prev), np.array(target), 1.0) == pytest.approx(target)

    @fast
    @given(
        share=st.floats(0.0, 1.5),
        pressure=st.floats(0.0, 1.5),
        reassure=unit,
        pw=st.floats(0.0, 2.0),
        aw=st.floats(0.0, 2.0),
    )
    def test_threat_target_is_clipped(self, share, pressure, reassure, pw, aw):
        out = perception.threat_target(np.array(share), np.array(pressure), np.array(reassure), pw, np.array(aw))
        assert 0.0 <= out <= 1.0

    def test_alliance_pressure_raises_threat_and_reassurance_lowers_it(self):
        def threat(pressure, reassure=0.0, alliance_weight=1.0):
            return float(
                perception.threat_target(
                    np.array(0.5),
                    np.array(pressure),
                    np.array(reassure),
                    0.6,
                    np.array(alliance_weight),
                )
            )

        assert threat(0.5) > threat(0.0)
        assert threat(0.5, alliance_weight=0.4) < threat(0.5)
        assert threat(0.5, reassure=0.3) < threat(0.5)
        assert threat(0.5, reassure=1.0) == 0.0

    def test_richardson_is_stable_when_fatigue_outweighs_reaction(self):
        k, l, a, b, g, h = 0.2, 0.3, 0.5, 0.4, 0.1, 0.05  # noqa: E741 - Richardson's names
        assert a * b > k * l
        x_star = (b * g + k * h) / (a * b - k * l)
        y_star = (a * h + l * g) / (a * b - k * l)
        for x, y in [(0.0, 0.0), (5.0, 3.0)]:
            for _ in range(400):
                x, y = perception.richardson_step(x, y, k, l, a, b, g, h)
            assert x == pytest.approx(x_star, rel=1e-6)
            assert y == pytest.approx(y_star, rel=1e-6)

    def test_richardson_runs_away_when_reaction_outweighs_fatigue(self):
        k, l, a, b = 0.3, 0.3, 0.1, 0.1  # noqa: E741 - Richardson's names
        assert k * l > a * b
        x, y = 1.0, 1.0
        history = []
        for _ in range(200):
            x, y = perception.richardson_step(x, y, k, l, a, b, 0.01, 0.01)
            history.append(x + y)
        assert history[-1] > 1e6
        assert all(later > earlier for earlier, later in zip(history, history[1:], strict=False))

    @fast
    @given(threat_ab=unit, threat_ba=unit)
    def test_the_models_arms_race_is_stable_at_any_threat_with_default_parameters(self, threat_ab, threat_ba):
        """With the default reaction and fatigue, k*l < a*b for every threat level."""
        p = DEFAULTS
        k, l = p.arms_reaction * threat_ab, p.arms_reaction * threat_ba  # noqa: E741
        assert k * l < p.arms_fatigue**2
        x = y = 1.0
        for _ in range(2000):
            x, y = perception.richardson_step(
                x, y, k, l, p.arms_fatigue, p.arms_fatigue, p.arms_fatigue, p.arms_fatigue
            )
        assert x < 1e3 and y < 1e3

    @fast
    @given(x=st.floats(0.0, 10.0), y=st.floats(0.0, 10.0), k=unit, g=st.floats(-1.0, 1.0))
    def test_richardson_forces_never_go_negative(self, x, y, k, g):
        nx, ny = perception.richardson_step(x, y, k, k, 1.0, 1.0, g, g)
        assert nx >= 0 and ny >= 0


SUPPORT_KW = dict(casualty_weight=0.6, cost_weight=0.3, territory_weight=1.5, reversion=0.05)


def support_after(loss=0.0, drain=0.0, gain=0.0, support=0.6, baseline=0.6, sens=0.5):
    out = domestic.update_support(
        np.array([support]),
        np.array([baseline]),
        np.array([loss]),
        np.array([drain]),
        np.array([gain]),
        np.array([sens]),
        np.array([sens]),
        **SUPPORT_KW,
    )
    return float(out[0])


class TestDomestic:
    def test_support_falls_with_losses_and_rises_with_territory_gained(self):
        assert support_after(loss=0.05) < support_after()
        assert support_after(drain=0.05) < support_after()
        assert support_after(gain=0.02) > support_after()
        assert support_after(loss=0.05, sens=0.9) < support_after(loss=0.05, sens=0.1)

    def test_support_drifts_back_toward_its_baseline(self):
        assert support_after(support=0.9, baseline=0.6) < 0.9
        assert support_after(support=0.3, baseline=0.6) > 0.3

    @fast
    @given(
        loss=st.floats(0.0, 5.0),
        drain=st.floats(0.0, 5.0),
        gain=st.floats(-1.0, 1.0),
        support=unit,
        baseline=unit,
        sens=unit,
    )
    def test_support_is_bounded(self, loss, drain, gain, support, baseline, sens):
        assert 0.0 <= support_after(loss, drain, gain, support, baseline, sens) <= 1.0

    @fast
    @given(will=unit, support=unit, low=st.floats(0.0, 0.5), high=st.floats(0.5, 1.0), speed=unit)
    def test_accountable_leaders_follow_their_public_more_closely(self, will, support, low, high, speed):
        def after(acc):
            return float(domestic.update_will(np.array([will]), np.array([support]), np.array([acc]), speed)[0])

        assert abs(after(high) - support) <= abs(after(low) - support) + 1e-12
        assert 0.0 <= after(high) <= 1.0

    def test_democracies_are_more_accountable_than_autocracies(self):
        acc = domestic.ACCOUNTABILITY
        assert acc["democracy"] > acc["hybrid"] > acc["autocracy"] >= 0

    @fast
    @given(support=unit, will=unit, threshold=unit, swing=unit, noise=st.floats(-0.2, 0.2))
    def test_elections_replace_only_a_leadership_that_lost_support(self, support, will, threshold, swing, noise):
        replaced, new = domestic.election(support, will, threshold, swing, noise)
        assert replaced == (support + noise < threshold)
        if not replaced:
            assert new == will
        else:
            assert min(will, support) - 1e-12 <= new <= max(will, support) + 1e-12
            assert abs(new - support) <= abs(will - support) + 1e-12

    def test_a_war_weary_public_elects_a_less_resolute_leadership(self):
        replaced, new = domestic.election(support=0.3, will=0.8, threshold=0.45, swing=0.35, noise=0.0)
        assert replaced and new < 0.8


class TestAlliances:
    @fast
    @given(rate=unit, threat=st.floats(0.0, 2.0), cohesion=unit)
    def test_admission_chance_is_a_probability(self, rate, threat, cohesion):
        assert 0.0 <= alliances.admission_chance(rate, threat, cohesion) <= 1.0

    def test_threatened_candidates_are_admitted_more_readily(self):
        assert alliances.admission_chance(0.02, 0.8, 0.7) > alliances.admission_chance(0.02, 0.2, 0.7)
        assert alliances.admission_chance(0.02, 0.0, 0.7) == 0.0
