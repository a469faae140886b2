"""The balance of forces in a dispute: who is in the theatre, their square-law strengths, the
true chance of prevailing now, and the chance a side forecasts for `cost_horizon` months on."""

from __future__ import annotations

import numpy as np

from sim.mechanisms import combat
from sim.model.world import Dispute, World
from sim.params import Params


def side_forces(w: World, d: Dispute, state: int) -> float:
    """A side's forces in the theatre: its own plus its co-belligerents' committed share."""
    total = float(w.military[state])
    for al in w.alliances:
        if al.fights and state in al.protects and d.opponent(state) not in al.members:
            total += al.commitment * float(sum(w.military[m] for m in al.members if m != state))
    return total


def strengths(w: World, d: Dispute, forces: tuple[float, float] | None = None) -> tuple[float, float]:
    fa, fb = forces or (side_forces(w, d, d.a), side_forces(w, d, d.b))
    return (
        combat.fighting_strength(w.quality[d.a] * d.effectiveness[0], fa),
        combat.fighting_strength(w.quality[d.b] * d.effectiveness[1], fb),
    )


def true_odds(w: World, d: Dispute) -> float:
    return combat.win_probability(*strengths(w, d))


def forecast_odds(w: World, d: Dispute, p: Params) -> float:
    """A's chance of prevailing `cost_horizon` months on, if this month's trends go on."""
    fa, fb = side_forces(w, d, d.a), side_forces(w, d, d.b)
    trend = []
    for s, f in ((d.a, fa), (d.b, fb)):
        capacity = np.clip(w.resources[s] / w.resources0[s], 0, 1) * np.clip(w.manpower[s], 0, 1)
        inflow = p.recovery * w.military0[s] * capacity * (1.0 if d.fighting else 0.0)
        aid = sum(al.aid * w.military0[s] for al in w.alliances if s in al.protects)
        loss = w.loss_rate[s] * w.military[s]
        trend.append(max(0.0, f + p.cost_horizon * (inflow + aid - loss)))
    return combat.win_probability(*strengths(w, d, (trend[0], trend[1])))
