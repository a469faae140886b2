"""Model v2 mechanisms, each a pure function tested without a model.

Combat: the front moves continuously with the force ratio and the defender's edge; an attack
culminates as its supply lines lengthen; armies break under concentrated losses; fighting
reveals the balance of forces and the front. Bargaining: claims are reference points (costly,
not vetoes), the Nash package sits inside both reserves, linked issues trade, a mediator's
side payment closes a small gap, credibility rises with trust and institutions and falls with
a shift in power. Domestic: audience costs build in war and fade in peace. Third parties:
entry is likelier with troops and a threatened protégé, rarer against a nuclear power.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.mechanisms import alliances, bargaining, combat, domestic

unit = st.floats(0.0, 1.0)


class TestFront:
    @given(st.floats(0.05, 20), st.floats(0.05, 20))
    def test_push_is_continuous_monotone_and_bounded(self, a, b):
        push = combat.front_push(a, b)
        assert -1 <= push <= 1
        assert combat.front_push(a * 1.01, b) >= push
        assert combat.front_push(b, a) == pytest.approx(-push)

    def test_no_dead_zone_a_small_edge_moves_the_front_a_little(self):
        assert 0 < combat.front_push(1.1, 1.0) < 0.1
        assert combat.front_push(1.0, 1.0) == 0.0

    def test_the_defenders_edge_turns_a_small_superiority_into_a_stalemate_or_worse(self):
        attacker = combat.combat_power(1.0, 1.2, 1.0, False, 1.5)
        defender = combat.combat_power(1.0, 1.0, 1.0, True, 1.5)
        assert combat.front_push(attacker, defender) < 0
        assert combat.front_push(combat.combat_power(1.0, 3.0, 1.0, False, 1.5), defender) > 0.5

    def test_a_broken_army_loses_ground_to_an_equal_one(self):
        broken = combat.combat_power(1.0, 1.0, 0.35, True, 1.5)
        assert combat.front_push(combat.combat_power(1.0, 1.0, 1.0, False, 1.5), broken) > 0.4


def conquest(ratio: float, gradient: float, months: int = 400) -> float:
    """Where the front ends when A attacks B from an even line with a `ratio` edge, both sides
    attacking: the share of B's pre-war ground A takes (the combat mechanism alone)."""
    territory = start = 0.5
    for _ in range(months):
        reach = [combat.supply_reach(x, gradient) for x in combat.advance_depth(territory, start)]
        push = combat.front_push(ratio * reach[0], reach[1])
        territory = min(max(territory + combat.front_shift(push, 0.12, 1.0, 1.0), 0.0), 1.0)
    return combat.advance_depth(territory, start)[0]


class TestSupplyLines:
    def test_depth_is_the_share_of_the_rivals_prewar_ground_taken(self):
        assert combat.advance_depth(0.5, 0.5) == (0.0, 0.0)
        assert combat.advance_depth(0.75, 0.5) == pytest.approx((0.5, 0.0))
        assert combat.advance_depth(0.1, 0.2) == pytest.approx((0.0, 0.5))

    @given(unit, unit)
    def test_reach_falls_linearly_from_the_base(self, depth, gradient):
        reach = combat.supply_reach(depth, gradient)
        assert 1.0 - gradient - 1e-12 <= reach <= 1.0
        assert combat.supply_reach(0.0, gradient) == 1.0
        assert combat.supply_reach(min(depth + 0.1, 1.0), gradient) <= reach

    def test_a_modest_edge_culminates_short_of_conquest_a_large_one_does_not(self):
        # the front stops where the attacker's edge is used up: 1.2 * (1 - 0.3 * depth) = 1
        assert conquest(1.2, 0.3) == pytest.approx((1 - 1 / 1.2) / 0.3, abs=0.02)
        assert conquest(2.0, 0.3) == 1.0
        # ablation: without the gradient the same modest edge takes everything
        assert conquest(1.2, 0.0) == 1.0


class TestWhatFightingReveals:
    def test_without_the_front_signal_the_balance_of_forces_is_all_a_side_sees(self):
        assert combat.revealed_odds(0.7, -0.05, 0.1, 0.0) == 0.7

    def test_a_front_that_does_not_move_reads_as_an_even_war(self):
        # a 0.7 favourite stalled by a dug-in defender learns it is less sure to prevail
        assert combat.revealed_odds(0.7, 0.0, 0.1, 0.3) == pytest.approx(0.7 * 0.7 + 0.3 * 0.5)

    def test_a_front_pushed_at_full_speed_reads_as_victory_one_running_back_as_defeat(self):
        assert combat.revealed_odds(0.5, 0.1, 0.1, 1.0) == 1.0
        assert combat.revealed_odds(0.5, -0.3, 0.1, 1.0) == 0.0  # clipped at a rout

    @given(unit, st.floats(-0.2, 0.2), unit)
    def test_it_is_a_probability_rising_with_the_ground_gained(self, balance, shift, weight):
        odds = combat.revealed_odds(balance, shift, 0.1, weight)
        assert 0.0 <= odds <= 1.0
        assert combat.revealed_odds(balance, shift + 0.01, 0.1, weight) >= odds


class TestBreakpoints:
    def test_concentrated_losses_break_an_army_spread_ones_do_not(self):
        assert combat.breaks(0.25, 1.0, 0.6, 0.2, 0.08)
        assert not combat.breaks(0.1, 1.0, 0.6, 0.2, 0.08)

    def test_collapsed_will_breaks_an_army_without_losses(self):
        assert combat.breaks(0.0, 1.0, 0.05, 0.2, 0.08)

    @given(unit)
    def test_expected_duration_is_longest_when_evenly_matched(self, p):
        assert combat.expected_duration(p, 12) <= combat.expected_duration(0.5, 12) + 1e-12


def package(
    claim_a=(0.0,), claim_b=(0.0,), w_a=(1.0,), w_b=(1.0,), divisible=(True,), reserve=(0.0, 0.0), pen=0.5, pay=0.0
):
    k = len(claim_a)
    return bargaining.nash_package(
        np.array(w_a) / sum(w_a),
        np.array(w_b) / sum(w_b),
        np.array(claim_a),
        np.array(claim_b),
        np.full(k, pen),
        np.full(k, pen),
        np.array(divisible),
        np.full(k, 0.5),
        reserve[0],
        reserve[1],
        side_payment=pay,
    )


class TestPackages:
    def test_equal_sides_split_a_divisible_issue_evenly(self):
        deal = package(reserve=(0.3, 0.3))
        assert deal is not None and deal.shares[0] == pytest.approx(0.5, abs=0.02)

    @settings(max_examples=60)
    @given(st.floats(-0.2, 0.7), st.floats(-0.2, 0.7), st.floats(0, 1), st.floats(0, 1))
    def test_a_package_gives_both_at_least_their_reserve_or_there_is_none(self, ra, rb, ca, cb):
        deal = package(claim_a=(ca,), claim_b=(cb,), reserve=(ra, rb))
        if deal is not None:
            assert deal.value_a >= ra - 1e-9 and deal.value_b >= rb - 1e-9
        else:  # no split of the issue gives both their reserve (checked on a fine grid)
            x = np.linspace(0, 1, 2001)
            ua = x - 0.5 * np.maximum(0, ca - x)
            ub = (1 - x) - 0.5 * np.maximum(0, cb - (1 - x))
            assert not np.any((ua >= ra + 1e-3) & (ub >= rb + 1e-3))

    def test_claims_are_costly_reference_points_not_vetoes(self):
        """Incompatible claims (0.7 + 0.7) shrink what a deal is worth, yet a deal can exist."""
        soft = package(claim_a=(0.7,), claim_b=(0.7,), reserve=(0.2, 0.2), pen=0.2)
        assert soft is not None and soft.value_a < 0.5
        assert package(claim_a=(0.7,), claim_b=(0.7,), reserve=(0.45, 0.45), pen=0.5) is None

    def test_linked_issues_trade_what_each_values_less(self):
        deal = package(claim_a=(0, 0), claim_b=(0, 0), w_a=(0.8, 0.2), w_b=(0.2, 0.8), reserve=(0.6, 0.6))
        assert deal is not None
        assert deal.shares[0] > 0.9 and deal.shares[1] < 0.1  # A takes what it values, B the other

    def test_an_indivisible_issue_goes_wholly_to_one_side(self):
        deal = package(
            claim_a=(0, 0), claim_b=(0, 0), w_a=(0.5, 0.5), w_b=(0.5, 0.5), divisible=(True, False), reserve=(0.3, 0.3)
        )
        assert deal.shares[1] in (0.0, 1.0)

    def test_a_mediators_side_payment_closes_a_small_gap(self):
        assert package(reserve=(0.55, 0.5)) is None
        deal = package(reserve=(0.55, 0.5), pay=0.1)
        assert deal is not None and deal.payment_a + deal.payment_b <= 0.1 + 1e-9

    def test_relative_gains_discount_a_deal_where_the_rival_gains_more(self):
        assert bargaining.relative(0.4, 0.6, 0.5) == pytest.approx(0.3)
        assert bargaining.relative(0.6, 0.4, 0.5) == 0.6


class TestCredibility:
    @given(unit, unit, unit, st.floats(-0.5, 0.5))
    def test_credibility_is_a_probability(self, trust, inst, guarantee, shift):
        assert 0 <= bargaining.credibility(trust, inst, guarantee, shift, 1.0, 0.3, 3.0, 0.4) <= 1

    def test_trust_and_institutions_raise_it_a_shift_against_the_side_lowers_it(self):
        base = bargaining.credibility(0.2, 0.0, 0.0, 0.0, 1.0, 0.3, 3.0, 0.4)
        assert bargaining.credibility(0.6, 0.0, 0.0, 0.0, 1.0, 0.3, 3.0, 0.4) > base
        assert bargaining.credibility(0.2, 0.35, 0.0, 0.0, 1.0, 0.3, 3.0, 0.4) > base
        assert bargaining.credibility(0.2, 0.0, 0.0, 0.1, 1.0, 0.3, 3.0, 0.4) < base
        assert bargaining.credibility(0.2, 0.0, 0.0, -0.1, 1.0, 0.3, 3.0, 0.4) == base  # a rising side fears nothing

    def test_a_satisfied_rival_is_more_credible(self):
        assert bargaining.credibility(0.2, 0, 0, 0, 1, 0.3, 3, 0.4, rival_satisfied=True) > bargaining.credibility(
            0.2, 0, 0, 0, 1, 0.3, 3, 0.4
        )

    def test_ceasefires_break_more_often_without_monitors_or_trust(self):
        bare = bargaining.ceasefire_breakdown(0.02, False, False, 0.1, 0.0, 0.5, 0.4)
        assert bargaining.ceasefire_breakdown(0.02, True, True, 0.1, 0.0, 0.5, 0.4) < bare
        assert bargaining.ceasefire_breakdown(0.02, False, False, 0.9, 0.0, 0.5, 0.4) < bare
        assert bargaining.ceasefire_breakdown(0.02, False, False, 0.1, 0.2, 0.5, 0.4) > bare


class TestAudienceCosts:
    def test_they_build_while_fighting_fade_in_peace_and_are_capped(self):
        h = np.zeros(2)
        for _ in range(200):
            h = domestic.audience_cost(h, np.array([1.0, 0.0]), np.array([0.5, 0.5]), 0.02, 0.03, 1.0)
        assert h[0] == pytest.approx(1.0) and h[1] == 0.0
        faded = domestic.audience_cost(h, np.zeros(2), np.array([0.5, 0.5]), 0.02, 0.03, 1.0)
        assert faded[0] < h[0]

    def test_hawkish_publics_build_them_faster(self):
        h = domestic.audience_cost(np.zeros(2), np.ones(2), np.array([0.1, 0.9]), 0.02, 0.03, 1.0)
        assert h[1] > h[0]


class TestEntry:
    args = dict(rate=0.03, guarantee=1.0, credibility=0.8, intensity=0.6, will=0.6, nuclear_restraint=0.3)

    def test_troops_on_the_ground_are_the_tripwire(self):
        h = lambda troops: alliances.entry_hazard(troops=troops, danger=0.5, opponent_nuclear=False, **self.args)  # noqa: E731
        assert h(True) > 3 * h(False)

    def test_a_protege_losing_covered_ground_draws_the_guarantor_in(self):
        h = lambda danger: alliances.entry_hazard(troops=True, danger=danger, opponent_nuclear=False, **self.args)  # noqa: E731
        assert h(1.0) > h(0.0) > 0

    def test_the_nuclear_shadow_restrains_entry(self):
        free = alliances.entry_hazard(troops=True, danger=0.5, opponent_nuclear=False, **self.args)
        assert alliances.entry_hazard(troops=True, danger=0.5, opponent_nuclear=True, **self.args) < 0.5 * free

    def test_no_guarantee_no_entry(self):
        args = {**self.args, "guarantee": 0.0}
        assert alliances.entry_hazard(troops=True, danger=1.0, opponent_nuclear=False, **args) == 0.0

    def test_a_patron_presses_in_proportion_to_its_pressure_and_aid(self):
        assert alliances.patron_pressure(0.0, 0.02, 0.3) == 0.0
        assert alliances.patron_pressure(0.5, 0.02, 0.3) > alliances.patron_pressure(0.5, 0.005, 0.3) > 0
