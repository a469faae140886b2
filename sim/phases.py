"""The first monthly phases: events, perception, domestic politics and decisions.

Glue between the model's arrays and the pure mechanisms (the combat phase is in
`sim.battlefield`; bargaining, alliances and the outcome check in `sim.talks`). Each function
reads and writes `model.world` for one phase of `ConflictModel.step()`,
calling the mechanism functions (which hold the maths) and logging reasons with numbers.
Random draws happen in a fixed order so a seed reproduces a run exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim import battlefield, timeline
from sim.assess import assess, guarantee_for, view_for
from sim.lenses import Decision
from sim.mechanisms import domestic, perception
from sim.mechanisms.outcomes import Phase
from sim.world import Dispute

if TYPE_CHECKING:
    from sim.model import ConflictModel

WAR_THREAT = 0.18  # threat added by fighting at full intensity (0.3 x the power weight before)


# --- 1. scheduled events --------------------------------------------------------------------
def scheduled_events(model: ConflictModel) -> None:
    for e in model.spec.events:
        if e.month == model.steps:
            actor, target, reason = timeline.apply_event(model, e)
            model.log(actor, target, e.kind, reason)
    for actor, reason in timeline.random_shocks(model):
        model.log(actor, None, "shock", reason)


# --- 2. perception and trust ----------------------------------------------------------------
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
    return model.params.reassurance * guarantee_for(model.world, state)


def update_threat(model: ConflictModel, weight: float) -> None:
    """Move each disputing state's threat toward this month's evidence by `weight`."""
    p, w = model.params, model.world
    cap = w.quality * w.military
    for d in w.disputes:
        for i, j in ((d.a, d.b), (d.b, d.a)):
            lens = model.lenses[i].perception
            share = float(perception.capability_share(cap[i], cap[j]))
            alliance_w = (
                p.threat_alliance_weight * lens.alliance_weight * (1 - (1 - lens.alliance_weight) * w.trust[i, j])
            )
            buildup = max(0.0, w.military[j] / w.military0[j] - 1.0)  # Richardson: arming is read as intent
            hostility = WAR_THREAT * d.fighting_intensity + p.threat_buildup_weight * buildup
            target = float(
                perception.threat_target(
                    share,
                    alliance_pressure(model, i, j),
                    reassurance(model, i),
                    p.threat_power_weight,
                    alliance_w,
                    hostility,
                )
            )
            if w.democracy[i] and w.democracy[j]:
                target *= lens.democratic_peace
            w.threat[i, j] = perception.smooth(w.threat[i, j], target, weight)


def perceive(model: ConflictModel) -> None:
    p, w = model.params, model.world
    update_threat(model, p.threat_smoothing)
    kept = np.zeros_like(w.trust)
    broken = np.zeros_like(w.trust)
    for i, j in model.broken:
        broken[i, j] = broken[j, i] = 1.0
    model.broken = set()
    for d in w.disputes:
        for i, j in ((d.a, d.b), (d.b, d.a)):
            if d.phase in (Phase.CEASEFIRE, Phase.TALKS, Phase.SETTLED):  # promises being kept
                kept[i, j] = p.monitoring_trust_boost if d.monitoring else 1.0
        if d.active and d.phase in (Phase.CRISIS, Phase.CEASEFIRE):
            arms_race(model, d)
            battlefield.peacetime_beliefs(model, d)
    w.trust[:] = perception.update_trust(w.trust, kept, broken, p.trust_gain, p.trust_loss)
    np.fill_diagonal(w.trust, 1.0)


def arms_race(model: ConflictModel, d: Dispute) -> None:
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


# --- 3. domestic politics -------------------------------------------------------------------
def domestic_politics(model: ConflictModel) -> None:
    p, w = model.params, model.world
    gain = np.zeros(w.n)
    for d in w.disputes:
        gain[d.a] += d.last_shift
        gain[d.b] -= d.last_shift
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
    weights = np.array([lens.perception.public_weight for lens in model.lenses])
    w.will[:] = domestic.update_will(w.will, w.support, w.accountability * weights, p.will_adjustment)
    due = (w.election_interval > 0) & (w.next_election == model.steps)
    for i in np.flatnonzero(due):
        model.log(w.names[i], None, "election", hold_election(model, int(i)))
        w.next_election[i] += w.election_interval[i]


def hold_election(model: ConflictModel, i: int) -> str:
    """Hold an election in state `i` now; returns the reason for the log."""
    p, w = model.params, model.world
    before = float(w.will[i])
    replaced, after = domestic.election(
        float(w.support[i]), before, p.election_threshold, p.election_swing, float(model.rng.normal(0, 0.05))
    )
    if not replaced:
        return (
            f"incumbent re-elected with war support {w.support[i]:.2f} ≥ {p.election_threshold:.2f}; "
            f"will stays {before:.2f}"
        )
    w.will[i] = after
    for d in w.disputes:
        if i in (d.a, d.b) and before > 0:
            reds = d.red_lines(i)
            reds[:] = np.where(d.divisible, reds * min(1.0, after / before), reds)
    return (
        f"leadership replaced: war support {w.support[i]:.2f} < {p.election_threshold:.2f}; "
        f"political will {before:.2f} -> {after:.2f}, "
        f"divisible red lines scaled by {min(1.0, after / before):.2f}"
    )


# --- 4. decisions ---------------------------------------------------------------------------
def decide(model: ConflictModel) -> dict[tuple[int, int], Decision]:
    """Every state decides from the same snapshot; nothing changes until all have decided."""
    p, w = model.params, model.world
    model.assessments = {}
    decisions = {}
    for d in w.disputes:
        if not d.active:
            continue
        a = assess(w, d, p, model.lenses, model.steps)
        model.assessments[d.index] = a
        for s in (d.a, d.b):
            decision = model.lenses[s].decide(view_for(w, d, a, s, p, model.steps), model.rng)
            previous = model.decisions.get((d.index, s))
            if previous is None or previous.action is not decision.action:
                model.log(
                    w.names[s],
                    w.names[d.opponent(s)],
                    f"decision:{decision.action}",
                    f"({model.lenses[s].name}) {decision.reason}",
                )
            decisions[(d.index, s)] = decision
    return decisions
