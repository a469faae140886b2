"""Perception and domestic politics: threat, trust, arms races, publics, audiences, elections.

Glue between the world's arrays and the pure mechanisms (`sim.mechanisms.perception`,
`sim.mechanisms.domestic`), one function per step of `ConflictModel.step()`. Claims drift
toward the line held the longer it holds (reference points, Levy 1996); audience costs build up
while fighting and fade in peace (Fearon 1994); a new leadership starts without them and with
its claims nearer the line (Croco 2011; Goemans 2000).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.mechanisms import domestic, perception
from sim.mechanisms.outcomes import Phase

if TYPE_CHECKING:
    from sim.model import ConflictModel


def alliance_pressure(model: ConflictModel, state: int, rival: int) -> float:
    """How far alliances that `state` is not in have moved onto `rival`'s side."""
    total = 0.0
    for a in model.world.alliances:
        if state in a.members:
            continue
        ties = {"member": a.members, "protected": a.protects, "candidate": a.candidates}
        tie = next((kind for kind, states in ties.items() if rival in states), None)
        if tie:
            total += perception.encroachment(tie, a.credibility, a.cohesion, a.guarantee, a.troops)
    return min(total, 1.5)


def reassurance(model: ConflictModel, state: int) -> float:
    """Threat removed by the strongest credible promise protecting `state`."""
    w = model.world
    levels = [a.guarantee * a.credibility for a in w.alliances if state in a.protects]
    levels += [a.credibility for a in w.alliances if state in a.members]
    return model.params.reassurance * max(levels, default=0.0)


def update_threat(model: ConflictModel, weight: float) -> None:
    """Move each disputing state's threat toward this month's evidence by `weight`.

    Scalar arithmetic on purpose: two numbers per dyad, where numpy's call overhead would dominate
    (the formula is `perception.threat_target`'s, which the tests pin)."""
    p, w = model.params, model.world
    cap = w.quality * w.military
    for d in w.disputes:
        for i, j in ((d.a, d.b), (d.b, d.a)):
            alliance_weight = model.assumptions[i].alliance_weight
            total = float(cap[i] + cap[j])
            share = float(cap[j]) / total if total > 0 else 0.5
            alliance_w = (
                p.threat_alliance_weight * alliance_weight * (1 - (1 - min(alliance_weight, 1.0)) * w.trust[i, j])
            )
            buildup = max(0.0, w.military[j] / max(w.military0[j], 1e-9) - 1.0)  # Richardson: arming read as intent
            hostility = p.war_threat * d.fighting_intensity + p.threat_buildup_weight * buildup
            raw = p.threat_power_weight * share + alliance_w * alliance_pressure(model, i, j) + hostility
            target = min(max(raw * (1.0 - reassurance(model, i)), 0.0), 1.0)
            w.threat[i, j] = (1.0 - weight) * w.threat[i, j] + weight * target


def perceive(model: ConflictModel) -> None:
    p, w = model.params, model.world
    update_threat(model, p.threat_smoothing)
    kept = np.zeros_like(w.trust)
    broken = np.zeros_like(w.trust)
    for i, j in model.broken:
        broken[i, j] = broken[j, i] = 1.0
    model.broken = set()
    growth = np.array([a.trust_growth for a in model.assumptions])
    for d in w.disputes:
        for i, j in ((d.a, d.b), (d.b, d.a)):
            if d.phase in (Phase.CEASEFIRE, Phase.SETTLED):  # promises being kept
                kept[i, j] = growth[i] * (p.monitoring_trust_boost if d.monitoring else 1.0)
        if d.active and d.phase in (Phase.CRISIS, Phase.CEASEFIRE):
            arms_race(model, d)
    w.trust[:] = perception.update_trust(w.trust, kept, broken, p.trust_gain, p.trust_loss)
    np.fill_diagonal(w.trust, 1.0)


def arms_race(model: ConflictModel, d) -> None:
    """Richardson: each side arms against the other's forces in proportion to its threat."""
    p, w = model.params, model.world
    x, y = w.military[d.a], w.military[d.b]
    w.military[d.a], w.military[d.b] = perception.richardson_step(
        x,
        y,
        p.arms_reaction * w.threat[d.a, d.b],
        p.arms_reaction * w.threat[d.b, d.a],
        p.arms_fatigue,
        p.arms_fatigue,
        p.arms_fatigue * w.military0[d.a],
        p.arms_fatigue * w.military0[d.b],
    )


def domestic_politics(model: ConflictModel) -> None:
    p, w = model.params, model.world
    gain = np.zeros(w.n)
    fighting = np.zeros(w.n)
    for d in w.disputes:
        gain[d.a] += d.last_shift
        gain[d.b] -= d.last_shift
        if d.active and d.fighting:
            fighting[[d.a, d.b]] = 1.0
    w.support[:] = domestic.update_support(
        w.support,
        w.support0,
        w.loss_rate,
        w.drain_rate,
        gain,
        w.casualty_sensitivity,
        w.cost_sensitivity,
        p.casualty_weight,
        p.cost_weight,
        p.territory_weight,
        p.support_reversion,
    )
    weights = np.array([a.public_weight for a in model.assumptions])
    w.will[:] = domestic.update_will(w.will, w.support, w.accountability * np.minimum(weights, 1.0), p.will_adjustment)
    w.audience[:] = domestic.audience_cost(
        w.audience, fighting, w.hawkishness, p.audience_cost_rate, p.audience_cost_fade, p.audience_cost_cap
    )
    drift_claims(model)
    due = (w.election_interval > 0) & (w.next_election == model.steps)
    for i in np.flatnonzero(due):
        model.log(w.names[i], None, "election", hold_election(model, int(i)))
        w.next_election[i] += w.election_interval[i]


def initial_audience_costs(model: ConflictModel) -> None:
    """A war already under way has built up its audience costs: months at war x hawkishness."""
    p, w = model.params, model.world
    for d in w.disputes:
        for s in (d.a, d.b):
            built = p.audience_cost_rate * d.months_at_war * (0.5 + w.hawkishness[s])
            w.audience[s] = max(w.audience[s], min(p.audience_cost_cap, built))


def drift_claims(model: ConflictModel, rate: float | None = None) -> None:
    """Territorial claims drift toward the line held: the line becomes the reference point."""
    p, w = model.params, model.world
    rate = p.reference_drift if rate is None else rate
    for d in w.disputes:
        if not d.active:
            continue
        held = np.array([d.territory, 1.0 - d.territory])
        for claims, h in ((d.red_a, held[0]), (d.red_b, held[1])):
            movable = d.front_linked & d.divisible
            claims[:] = np.where(movable, claims + rate * (h - claims), claims)


def hold_election(model: ConflictModel, i: int) -> str:
    """Hold an election in state `i` now; returns the reason for the log."""
    p, w = model.params, model.world
    before = float(w.will[i])
    replaced, after = domestic.election(
        float(w.support[i]), before, p.election_threshold, p.election_swing, float(model.rng.normal(0, 0.05))
    )
    if not replaced:
        return (
            f"the government is re-elected: war support {w.support[i]:.2f} is above the "
            f"{p.election_threshold:.2f} it needs; political will stays {before:.2f}"
        )
    w.will[i] = after
    w.audience[i] = 0.0  # the new leadership is not bound by its predecessor's public pledges
    for d in w.disputes:
        if i in (d.a, d.b):
            held = d.share_of(i)
            claims = d.red_lines(i)
            claims[:] = np.where(d.front_linked & d.divisible, 0.5 * (claims + held), claims)
    return (
        f"a new leadership takes over: war support {w.support[i]:.2f} fell below {p.election_threshold:.2f}; "
        f"political will {before:.2f} -> {after:.2f}; audience costs reset and territorial claims move "
        "halfway to the line held (Croco 2011)"
    )
