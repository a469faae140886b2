"""Each month's shared snapshot of a dispute, and each side's lens-filtered view of it.

States decide simultaneously from the same snapshot (decide, then apply). The `Assessment`
holds what both sides face: expected costs, the bargaining range, the best deal, ripeness.
`view_for` turns it into what one state sees through its lens.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.lenses import Lens, View
from sim.mechanisms import bargaining, combat
from sim.mechanisms.domestic import audience_cost
from sim.params import Params
from sim.world import Dispute, World


@dataclass(frozen=True)
class Assessment:
    cost: tuple[float, float]  # lens-weighted expected costs of fighting on (A, B)
    range: tuple[float, float]  # A's shares both prefer to war
    red_a: np.ndarray  # red lines after audience costs
    red_b: np.ndarray
    blocking: list[int]
    deal: bargaining.Deal | None
    credibility: tuple[float, float]
    ripe: bool
    ripeness_reason: str


def guarantee_for(world: World, state: int) -> float:
    """Strongest guarantee protecting `state`, weighted by the guarantor's credibility."""
    levels = [a.guarantee * a.credibility for a in world.alliances if state in a.protects]
    levels += [a.credibility for a in world.alliances if state in a.members]
    return max(levels, default=0.0)


def expected_cost(world: World, d: Dispute, state: int, p: Params, lens: Lens) -> float:
    """Cost of fighting on for `cost_horizon` months at the dispute's base intensity."""
    opp = d.opponent(state)
    own_strength = combat.fighting_strength(world.quality[state], world.military[state])
    opp_strength = combat.fighting_strength(world.quality[opp], world.military[opp])
    _, opp_fire = combat.fire_rates(
        world.quality[state], world.quality[opp], own_strength, opp_strength, p.defense_advantage
    )
    intensity = max(d.intensity, d.base_intensity)
    loss_rate = p.attrition_rate * intensity * opp_fire * world.military[opp] / max(world.military[state], 1e-9)
    drain = p.war_drain * intensity * world.resources0[state] / max(world.resources[state], 1e-9)
    cost = combat.war_cost(loss_rate, drain, float(world.will[state]), p.cost_horizon)
    return cost * lens.perception.cost_weight / d.stakes[d.side(state)]


def assess(world: World, d: Dispute, p: Params, lenses: list[Lens], step: int) -> Assessment:
    la, lb = lenses[d.a], lenses[d.b]
    c_a, c_b = expected_cost(world, d, d.a, p, la), expected_cost(world, d, d.b, p, lb)
    lo, hi = bargaining.bargaining_range(d.belief_a, d.belief_b, c_a, c_b)
    hard = [
        audience_cost(d.months_at_war, float(world.hawkishness[s]), p.audience_cost_rate, p.audience_cost_cap)
        for s in (d.a, d.b)
    ]
    red_a = bargaining.hardened(d.red_a, d.divisible, d.territorial, hard[0], p.territorial_hardening)
    red_b = bargaining.hardened(d.red_b, d.divisible, d.territorial, hard[1], p.territorial_hardening)
    deal = bargaining.find_deal(d.salience, d.divisible, red_a, red_b, lo, hi)
    shift = abs(d.front[-1] - d.front[-2]) if len(d.front) > 1 else 0.0
    cred = tuple(
        bargaining.credibility(
            float(world.trust[s, d.opponent(s)]),
            d.monitoring,
            d.dmz,
            guarantee_for(world, s),
            shift,
            lens.perception.institution_weight,
            p.monitoring_credibility,
            p.dmz_credibility,
            p.guarantee_credibility,
            p.power_shift_penalty,
        )
        for s, lens in ((d.a, la), (d.b, lb))
    )
    if d.fighting:
        ripe, why = bargaining.ripeness(d.front, p.ripeness_window, p.stalemate_tolerance, p.decisive_shift)
    else:
        ripe, why = True, f"no fighting ({d.phase})"
    return Assessment(
        (c_a, c_b),
        (lo, hi),
        red_a,
        red_b,
        bargaining.blocking_issues(red_a, red_b, d.divisible),
        deal,
        cred,
        ripe,
        why,
    )


def view_for(world: World, d: Dispute, a: Assessment, state: int, p: Params, step: int) -> View:
    side = d.side(state)
    opp = d.opponent(state)
    belief = d.belief_a if side == 0 else d.belief_b
    cost = a.cost[side]
    reds = a.red_a if side == 0 else a.red_b
    cooling = step - d.last_concession.get(state, -10_000) < p.concession_cooldown
    own_blocks = [] if cooling else [k for k in a.blocking if reds[k] > 0]
    blocking = min(own_blocks, key=lambda k: d.salience[k]) if own_blocks else None
    value = None
    if a.deal is not None:
        value = a.deal.value_a if side == 0 else a.deal.value_b
    drift = p.front_speed * max(d.intensity, d.base_intensity) * p.cost_horizon * (2 * belief - 1)
    window = min(len(d.front) - 1, p.ripeness_window)
    shift = d.front[-1] - d.front[-1 - window] if window > 0 else 0.0
    own_force = world.quality[state] * world.military[state]
    opp_force = world.quality[opp] * world.military[opp]
    return View(
        state=world.names[state],
        opponent=world.names[opp],
        phase=d.phase,
        month=step,
        months_at_war=d.months_at_war,
        months_in_phase=d.months_in_phase,
        belief=belief,
        expected_advance=drift,
        share_held=d.share_of(state),
        cost=cost,
        ripe=a.ripe,
        ripeness_reason=a.ripeness_reason,
        recent_shift=shift if side == 0 else -shift,
        decisive=abs(shift) >= p.decisive_shift,
        deal_value=value,
        reservation=belief - cost,
        credibility=a.credibility[side],
        credibility_needed=p.credibility_threshold,
        blocking_issue=d.issue_names[blocking] if blocking is not None else None,
        will=float(world.will[state]),
        support=float(world.support[state]),
        threat=float(world.threat[state, opp]),
        trust=float(world.trust[state, opp]),
        military_ratio=float(world.military[state] / world.military0[state]),
        force_ratio=float(own_force / max(opp_force, 1e-9)),
        democracy=bool(world.democracy[state]),
        opponent_democracy=bool(world.democracy[opp]),
    )
