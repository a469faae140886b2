"""The battlefield: wars starting, weekly Lanchester attrition, the front, breakpoints, beliefs.

Glue between the combat mechanism (`sim.mechanisms.combat`, the maths) and the world's arrays.
A side attacks while it fights on and holds less than its war aim; otherwise it defends its
ground and gets the defender's advantage. Each month is fought in four weekly steps, so a
short war can end within its first month. Beliefs outside fighting live here too, so that
everything about who is likely to win is in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.lenses import Action
from sim.mechanisms import combat as mech
from sim.mechanisms.outcomes import Phase
from sim.model.forces import side_forces, true_odds
from sim.model.world import Dispute

if TYPE_CHECKING:
    from sim.model import ConflictModel

WEEKS = 4
ATTACKING = (Action.FIGHT, Action.ESCALATE, Action.NEGOTIATE, Action.ATTACK)


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
    d.belief_a = mech.update_belief(d.belief_a, truth + w.optimism[d.a], rate)
    d.belief_b = mech.update_belief(d.belief_b, 1 - truth + w.optimism[d.b], rate)


def attacking(d: Dispute, state: int, action: Action) -> bool:
    """A side attacks while it fights on and holds less than it fights for."""
    return action in ATTACKING and d.share_of(state) < d.aims[d.side(state)] - 1e-9


def combat(model: ConflictModel, decisions) -> None:
    p, w = model.params, model.world
    w.loss_rate[:] = 0.0
    w.drain_rate[:] = 0.0
    for d in w.disputes:
        d.last_shift = 0.0
        if not d.active:
            continue
        acts = decisions[(d.index, d.a)].action, decisions[(d.index, d.b)].action
        if d.phase is Phase.CRISIS and Action.ATTACK in acts:
            start_war(model, d, d.a if acts[0] is Action.ATTACK else d.b)
        if d.phase in (Phase.CRISIS, Phase.CEASEFIRE):
            peacetime_beliefs(model, d)
        if not d.fighting:
            continue
        for act in acts:
            if act is Action.ESCALATE:
                d.intensity = min(1.0, d.intensity + p.escalation_step)
                d.escalations += 1
        if Action.ESCALATE not in acts:
            d.intensity += p.deescalation * (d.base_intensity - d.intensity)
        postures = (attacking(d, d.a, acts[0]), attacking(d, d.b, acts[1]))
        fight(model, d, postures)
    regenerate(model)


def start_war(model: ConflictModel, d: Dispute, attacker: int) -> None:
    w = model.world
    victim = d.opponent(attacker)
    d.phase, d.months_in_phase, d.intensity = Phase.WAR, 0, d.base_intensity
    d.war_start_territory = d.territory
    model.broken.add((attacker, victim))
    w.support[victim] = min(1.0, w.support[victim] + w.rally[victim])
    w.support[attacker] = min(1.0, w.support[attacker] + 0.5 * w.rally[attacker])
    model.log(w.names[attacker], w.names[victim], "war", f"{w.names[attacker]} attacks: the crisis becomes a war")


def _week(model: ConflictModel, d: Dispute, postures: tuple[bool, bool], intensity: float) -> None:
    """One week of aimed fire and front movement."""
    p, w, rng = model.params, model.world, model.rng
    dt = 1.0 / WEEKS
    forces = [side_forces(w, d, d.a), side_forces(w, d, d.b)]
    defending = (postures[1] and not postures[0], postures[0] and not postures[1])
    q = (w.quality[d.a] * d.effectiveness[0], w.quality[d.b] * d.effectiveness[1])
    fire = [q[k] * (p.defense_advantage if defending[k] else 1.0) for k in range(2)]
    z = rng.standard_normal(3)
    k = p.attrition_rate * intensity
    after_a, after_b = mech.lanchester_step(
        forces[0],
        forces[1],
        k * fire[0] * np.exp(p.combat_noise * z[1]),
        k * fire[1] * np.exp(p.combat_noise * z[0]),
        dt,
    )
    for side, state, before, after in ((0, d.a, forces[0], after_a), (1, d.b, forces[1], after_b)):
        loss = before - after
        share_own = w.military[state] / max(before, 1e-9)  # co-belligerents take their share of losses
        w.military[state] = max(0.0, w.military[state] - loss * share_own)
        for al in w.alliances:
            if al.fights and state in al.protects and d.opponent(state) not in al.members:
                for m in al.members:
                    if m != state:
                        w.military[m] = max(
                            0.0, w.military[m] - loss * al.commitment * w.military[m] / max(before, 1e-9)
                        )
        w.loss_rate[state] += loss / max(before, 1e-9)
        w.manpower[state] = max(
            0.0, w.manpower[state] - p.manpower_cost * loss * share_own / max(w.military0[state], 1e-9)
        )
        w.war_costs[state] += loss * share_own / max(w.military0[state], 1e-9)
        d.weekly_losses[side].append((loss, before))
        del d.weekly_losses[side][: -p.break_window]
        check_break(model, d, side, state)
    # each side's power on the front, as far as its supply lines reach into the rival's ground
    depth = mech.advance_depth(d.territory, d.war_start_territory)
    reach = [mech.supply_reach(x, p.supply_gradient) for x in depth]
    power = [mech.combat_power(q[i] * reach[i], forces[i], 1.0, defending[i], p.defense_advantage) for i in range(2)]
    push = mech.front_push(power[0], power[1]) if any(postures) else 0.0
    if not postures[0] and push > 0 or not postures[1] and push < 0:
        push *= 0.5  # a defender only wins back ground by local counter-attacks
    rout = p.rout_speed if (d.effectiveness < 1.0).any() else 1.0
    shift = mech.front_shift(push, p.front_speed * rout, intensity, dt, p.front_noise * z[2])
    d.territory = float(np.clip(d.territory + shift, 0.0, 1.0))


def check_break(model: ConflictModel, d: Dispute, side: int, state: int) -> None:
    """An army breaks under concentrated losses or collapsed will, and recovers in `rally_weeks`."""
    p, w = model.params, model.world
    if d.effectiveness[side] < 1.0:
        d.broken_weeks[side] -= 1
        if d.broken_weeks[side] <= 0:
            d.effectiveness[side] = 1.0
            d.weekly_losses[side].clear()
        return
    window = d.weekly_losses[side]
    lost = sum(x for x, _ in window)
    if mech.breaks(lost, window[0][1], float(w.will[state]), p.break_loss, p.collapse_will):
        d.effectiveness[side] = p.broken_effectiveness
        d.broken_weeks[side] = p.rally_weeks
        d.last_break[side] = model.steps
        model.log(
            w.names[state],
            w.names[d.opponent(state)],
            "break",
            f"{w.names[state]}'s army breaks: it lost {lost / max(window[0][1], 1e-9):.0%} of its forces in "
            f"{len(window)} weeks (breakpoint {p.break_loss:.0%}); "
            f"it fights at {p.broken_effectiveness:.0%} until it recovers",
        )


def fight(model: ConflictModel, d: Dispute, postures: tuple[bool, bool]) -> None:
    """One month: four weeks of fighting, then costs, coercion from the air and learning."""
    p, w, rng = model.params, model.world, model.rng
    intensity = d.intensity * (p.talks_intensity if d.phase is Phase.TALKS else 1.0)
    before = d.territory
    for _ in range(WEEKS):
        _week(model, d, postures, intensity)
    d.last_shift = d.territory - before
    d.front.append(d.territory)
    for s in (d.a, d.b):
        drain = p.war_drain * intensity * w.resources0[s]
        w.drain_rate[s] += drain / max(w.resources[s], 1e-9)
        w.resources[s] = max(0.0, w.resources[s] - drain)
        w.war_costs[s] += drain / max(w.resources0[s], 1e-9)
    if d.air:  # one-sided coercion: costs fall on the side without air cover (Pape 1996)
        target = d.b if d.air > 0 else d.a
        hit = abs(d.air) * p.air_coercion
        w.resources[target] = max(0.0, w.resources[target] - hit * w.resources0[target])
        w.support[target] = max(0.0, w.support[target] - 0.5 * hit)
    truth = mech.revealed_odds(true_odds(w, d), d.last_shift, p.front_speed * intensity, p.front_signal)
    z = rng.standard_normal(2)
    bias = p.optimism_persistence * w.optimism[[d.a, d.b]]  # motivated reading of the battlefield
    d.belief_a = mech.update_belief(d.belief_a, truth + bias[0] + p.fog * z[0], p.belief_learning)
    d.belief_b = mech.update_belief(d.belief_b, 1 - truth + bias[1] + p.fog * z[1], p.belief_learning)
    d.months_at_war += 1


def regenerate(model: ConflictModel) -> None:
    """Economies recover; states at war replenish forces from what capacity they have left:
    resources and mobilisable manpower, not toward their pre-war size."""
    p, w = model.params, model.world
    w.resources[:] = np.minimum(w.resources0, w.resources + p.recovery * w.resources0)
    at_war = np.zeros(w.n, dtype=bool)
    for d in w.disputes:
        if d.active and d.fighting:
            at_war[[d.a, d.b]] = True
    capacity = np.clip(w.resources / w.resources0, 0.0, 1.0) * np.clip(w.manpower, 0.0, 1.0)
    w.military[:] = w.military + at_war * p.recovery * w.military0 * capacity
