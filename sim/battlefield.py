"""The battlefield phase: wars starting, Lanchester attrition, the front, beliefs, regeneration.

Glue between the combat mechanism (`sim.mechanisms.combat`, the maths) and the world's
arrays, for `ConflictModel.step()`'s combat phase; beliefs outside fighting live here too, so
that everything about who is likely to win is in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.lenses import Action
from sim.mechanisms import combat as combat_mech
from sim.mechanisms.outcomes import Phase
from sim.world import Dispute

if TYPE_CHECKING:
    from sim.model import ConflictModel


def strengths(w, d: Dispute) -> tuple[float, float]:
    """Square-law fighting strengths of the dispute's two sides."""
    return (
        combat_mech.fighting_strength(w.quality[d.a], w.military[d.a]),
        combat_mech.fighting_strength(w.quality[d.b], w.military[d.b]),
    )


def true_odds(w, d: Dispute) -> float:
    return combat_mech.win_probability(*strengths(w, d))


def init_beliefs(model: ConflictModel, d: Dispute) -> None:
    """Each side starts from the true chance of winning, biased by its own optimism."""
    w = model.world
    p = true_odds(w, d)
    d.belief_a = float(np.clip(p + w.optimism[d.a], 0.01, 0.99))
    d.belief_b = float(np.clip(1 - p + w.optimism[d.b], 0.01, 0.99))


def peacetime_beliefs(model: ConflictModel, d: Dispute) -> None:
    """Without fighting, beliefs track the visible balance of forces, still biased by optimism."""
    p, w = model.params, model.world
    truth = true_odds(w, d)
    rate = 0.5 * p.belief_learning
    d.belief_a = combat_mech.update_belief(d.belief_a, truth + w.optimism[d.a], rate)
    d.belief_b = combat_mech.update_belief(d.belief_b, 1 - truth + w.optimism[d.b], rate)


def _actions(decisions, d: Dispute) -> tuple[Action, Action]:
    return decisions[(d.index, d.a)].action, decisions[(d.index, d.b)].action


def combat(model: ConflictModel, decisions) -> None:
    p, w = model.params, model.world
    w.loss_rate[:] = 0.0
    w.drain_rate[:] = 0.0
    for d in w.disputes:
        d.last_shift = 0.0
        if not d.active:
            continue
        acts = _actions(decisions, d)
        if d.phase is Phase.CRISIS and Action.ATTACK in acts:
            attacker = d.a if acts[0] is Action.ATTACK else d.b
            start_war(model, d, attacker)
        if not d.fighting:
            continue
        if Action.ESCALATE in acts:
            d.intensity = min(1.0, d.intensity + p.escalation_step)
        else:
            d.intensity += p.deescalation * (d.base_intensity - d.intensity)
        fight(model, d)
    regenerate(model)


def start_war(model: ConflictModel, d: Dispute, attacker: int) -> None:
    w = model.world
    victim = d.opponent(attacker)
    d.phase, d.months_in_phase, d.intensity = Phase.WAR, 0, d.base_intensity
    model.broken.add((attacker, victim))
    w.support[victim] = min(1.0, w.support[victim] + w.rally[victim])
    w.support[attacker] = min(1.0, w.support[attacker] + 0.5 * w.rally[attacker])
    model.log(w.names[attacker], w.names[victim], "war", f"{w.names[attacker]} attacks: the crisis becomes a war")


def fight(model: ConflictModel, d: Dispute) -> None:
    """One month of Lanchester attrition, front movement, costs and battlefield learning."""
    p, w, rng = model.params, model.world, model.rng
    intensity = d.intensity * (p.talks_intensity if d.phase is Phase.TALKS else 1.0)
    strength_a, strength_b = strengths(w, d)
    alpha, beta = combat_mech.fire_rates(w.quality[d.a], w.quality[d.b], strength_a, strength_b, p.defense_advantage)
    z = rng.standard_normal(5)  # fire noise A, fire noise B, front, fog A, fog B
    scale = p.attrition_rate * intensity
    before_a, before_b = w.military[d.a], w.military[d.b]
    after_a, after_b = combat_mech.lanchester_step(
        before_a,
        before_b,
        scale * alpha * np.exp(p.combat_noise * z[1]),
        scale * beta * np.exp(p.combat_noise * z[0]),
    )
    for s, before, after in ((d.a, before_a, after_a), (d.b, before_b, after_b)):
        loss = before - after
        w.loss_rate[s] += loss / max(before, 1e-9)
        w.military[s] = after
        drain = p.war_drain * intensity * w.resources0[s]
        w.drain_rate[s] += drain / max(w.resources[s], 1e-9)
        w.resources[s] = max(0.0, w.resources[s] - drain)
        w.manpower[s] = max(0.0, w.manpower[s] - 0.5 * loss / max(w.military0[s], 1e-9))
        w.war_costs[s] += loss / w.military0[s] + drain / w.resources0[s]
    shift = combat_mech.front_shift(
        strength_a, strength_b, p.defense_advantage, intensity, p.front_speed, p.front_noise * z[2]
    )
    before = d.territory
    d.territory = float(np.clip(d.territory + shift, 0.0, 1.0))
    d.last_shift = d.territory - before
    d.front.append(d.territory)
    truth = combat_mech.win_probability(strength_a, strength_b)
    bias = p.optimism_persistence * w.optimism[[d.a, d.b]]  # motivated reading of the battlefield
    d.belief_a = combat_mech.update_belief(d.belief_a, truth + bias[0] + p.fog * z[3], p.belief_learning)
    d.belief_b = combat_mech.update_belief(d.belief_b, 1 - truth + bias[1] + p.fog * z[4], p.belief_learning)
    d.months_at_war += 1


def regenerate(model: ConflictModel) -> None:
    """Economies recover toward peacetime; states at war replenish forces as far as their
    resources and manpower allow (mobilisation)."""
    p, w = model.params, model.world
    w.resources[:] = np.minimum(w.resources0, w.resources + p.recovery * w.resources0)
    at_war = np.zeros(w.n, dtype=bool)
    for d in w.disputes:
        if d.active and d.fighting:
            at_war[[d.a, d.b]] = True
    capacity = np.clip(w.resources / w.resources0, 0.0, 1.0) * np.clip(w.manpower, 0.0, 1.0)
    w.military[:] = w.military + at_war * p.recovery * w.military0 * capacity
