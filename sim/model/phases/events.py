"""Scheduled events from the scenario's timeline, and seeded random shocks.

Each handler applies one kind of event to the world and returns the reason for the log.
Concessions call on the receiver's lens: a theory that reads a concession as weakness raises
its belief of winning; one that reads it as an opening softens its own claims and trusts more.
Either way the goodwill decays with the war's age, v(t) = v0 exp(-lambda t).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.mechanisms.bargaining import concession_goodwill
from sim.scenario import EventSpec

if TYPE_CHECKING:
    from sim.model import ConflictModel
    from sim.model.world import Dispute


def dispute_between(model: ConflictModel, x: int, y: int | None) -> Dispute | None:
    for d in model.world.disputes:
        if {d.a, d.b} == {x, y} or (y is None and x in (d.a, d.b)):
            return d
    return None


def concede(model: ConflictModel, d: Dispute, state: int, issue: int, new_claim: float) -> str:
    """`state` lowers its claim on `issue`; the receiver reacts through its lens."""
    p, w = model.params, model.world
    claims = d.red_lines(state)
    old = float(claims[issue])
    claims[issue] = min(old, new_claim)
    d.last_concession[state] = model.steps
    receiver = d.opponent(state)
    goodwill = concession_goodwill(p.concession_value, d.months_at_war, p.concession_decay)
    reading = model.lenses[receiver].assumptions(p).concession_reading
    if reading >= 0:
        other = d.red_lines(receiver)
        other[:] = np.where(d.divisible, np.maximum(0.0, other - reading * goodwill), other)
        w.trust[receiver, state] = min(1.0, w.trust[receiver, state] + reading * goodwill)
        w.audience[receiver] = max(0.0, w.audience[receiver] - reading * goodwill)
        response = f"{w.names[receiver]} reciprocates: its claims soften by {reading * goodwill:.2f}"
    else:
        bump = -reading * goodwill
        if receiver == d.a:
            d.belief_a = min(0.99, d.belief_a + bump)
        else:
            d.belief_b = min(0.99, d.belief_b + bump)
        response = f"{w.names[receiver]} reads weakness: its belief of winning rises by {bump:.2f}"
    return (
        f"{w.names[state]} concedes on {d.issue_names[issue]} ({old:.2f} -> {claims[issue]:.2f}) "
        f"after {d.months_at_war} months of war; goodwill {goodwill:.2f} = "
        f"{p.concession_value:.2f}·exp(-{p.concession_decay:.3f}·{d.months_at_war}); {response}"
    )


def apply_event(model: ConflictModel, e: EventSpec) -> tuple[str, str | None, str]:
    """Apply one scheduled event; returns (actor, target, reason)."""
    w = model.world
    alliances = {a.name: a for a in w.alliances}
    actor = w.index.get(e.actor)
    target = w.index.get(e.target) if e.target else None
    note = f" ({e.note})" if e.note else ""
    if e.kind == "election":
        return e.actor, None, model.hold_election(actor) + note
    if e.kind == "shock":
        w.military[actor] *= max(0.0, 1.0 + e.value)
        return e.actor, None, f"shock: forces change by {e.value:+.0%}{note}"
    if e.kind == "aid":
        alliances[e.actor].aid = max(0.0, e.value)
        return e.actor, e.target, f"military aid set to {e.value:.3f} of forces per month{note}"
    if e.kind == "pressure":
        alliances[e.actor].pressure = float(np.clip(e.value, 0.0, 1.0))
        return e.actor, e.target, f"aid now conditioned on accepting a deal (pressure {e.value:.2f}){note}"
    if e.kind == "join":
        a = alliances[e.actor]
        a.members.add(target)
        a.candidates.discard(target)
        return e.actor, e.target, f"{e.target} joins {e.actor}: the alliance moves closer to its rivals{note}"
    if e.kind == "enter":
        a = alliances[e.actor]
        a.protects.add(target)
        a.fights, a.commitment = True, float(np.clip(e.value, 0.0, 1.0)) or a.commitment
        return (
            e.actor,
            e.target,
            f"{e.actor} enters the war on {e.target}'s side ({a.commitment:.0%} of its forces){note}",
        )
    if e.kind == "guarantee":
        a = alliances[e.actor]
        a.protects.add(target)
        a.guarantee, a.troops = float(np.clip(e.value, 0.0, 1.0)), e.troops
        d = dispute_between(model, target, None)
        a.lines[target] = d.share_of(target) if d is not None else 1.0
        troops = "with troops on the ground" if e.troops else "without troops"
        return e.actor, e.target, f"guarantee of strength {a.guarantee:.2f} to {e.target}, {troops}{note}"
    d = dispute_between(model, actor, target)
    if d is None:  # the schema refuses such events; a world built by hand just skips them
        return e.actor, e.target, f"{e.kind} skipped: no dispute between {e.actor} and {e.target}{note}"
    if e.kind == "concession":
        issue = d.issue_names.index(e.issue) if e.issue in d.issue_names else 0
        return e.actor, e.target, concede(model, d, actor, issue, e.value) + note
    if e.kind in ("monitoring", "dmz"):
        setattr(d, e.kind, e.value > 0)
        return e.actor, e.target, f"{e.kind} {'agreed' if e.value > 0 else 'withdrawn'}{note}"
    raise ValueError(f"unknown event kind {e.kind!r}")  # pragma: no cover - schema forbids it


def random_shocks(model: ConflictModel) -> list[tuple[str, str]]:
    """Seeded shocks: a battlefield surprise or an economic crisis hits a state."""
    w, p = model.world, model.params
    hit = model.rng.random(w.n) < p.shock_rate
    size = model.rng.normal(0.0, 0.08, w.n)
    out = []
    for i in np.flatnonzero(hit):
        w.military[i] *= 1.0 + size[i]
        w.support[i] = float(np.clip(w.support[i] + size[i], 0.0, 1.0))
        out.append((w.names[i], f"random shock: forces and support change by {size[i]:+.0%}"))
    return out
