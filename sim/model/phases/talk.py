"""Talks, ceasefires and endings: the decisions of both sides applied together.

- Both sides accept the package on the table: it is signed. A package in which one side gives up
  at least `imposed_loss` of its whole stake, measured against what it holds, is recorded as
  imposed terms (victory); otherwise it is a settlement. A deal can move the front (a withdrawal or a handover).
- A side accepts the rival's terms: capitulation, a victory with the rival's terms.
- Neither side attacks (both want the guns silent, or the only side still fighting already holds
  its war aims): a ceasefire, an interim arrangement that defers the core issues. If the loser's
  army broke in the last weeks and the winner holds its aims, the fighting ended in a victory.
- A ceasefire is a place to talk, not a countdown: it ends in a deal, in war again (a side
  resumes; spoilers and incidents, `ceasefire_breakdown`, cut trust and make both sides choose
  again whether to answer them), or it is frozen when it has
  held `frozen_after` months, or at the horizon, without agreement (Fortna 2004; Fazal 2013).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.lenses import Action
from sim.mechanisms import bargaining
from sim.mechanisms.outcomes import Outcome, Phase, collapsed
from sim.model.phases.fight import attacking
from sim.model.world import Dispute

if TYPE_CHECKING:
    from sim.model import ConflictModel

DRIVEN_OUT = 0.01  # a side holding less than this share of the region holds none of it (a tolerance)


def set_phase(model: ConflictModel, d: Dispute, phase: Phase, reason: str) -> None:
    if d.phase is phase:
        return
    w = model.world
    d.phase, d.months_in_phase = phase, 0
    if phase is Phase.WAR:
        d.front = [d.territory]
    model.log(w.names[d.a], w.names[d.b], f"phase:{phase}", reason)


def bargain(model: ConflictModel, decisions) -> None:
    for d in model.world.disputes:
        if d.active:
            d.months_in_phase += 1
            resolve(model, d, decisions[(d.index, d.a)].action, decisions[(d.index, d.b)].action)


def resolve(model: ConflictModel, d: Dispute, act_a: Action, act_b: Action) -> None:
    p, w = model.params, model.world
    a = model.assessments[d.index]
    names = w.names
    if d.phase is Phase.WAR and d.months_at_war < p.opening_campaign:
        return  # the opening campaign is fought as planned before anyone can stop it
    if act_a is Action.NEGOTIATE and act_b is Action.NEGOTIATE and a.deal is not None:
        sign(model, d, a)
        return
    for s, act in ((d.a, act_a), (d.b, act_b)):
        if act is Action.CONCEDE and d.fighting:
            impose(model, d, winner=d.opponent(s), how=f"{names[s]} accepts {names[d.opponent(s)]}'s terms")
            return
    if d.fighting:
        if not attacking(d, d.a, act_a) and not attacking(d, d.b, act_b):
            stop_fighting(model, d, act_a, act_b)
        elif a.deal is not None and Action.NEGOTIATE in (act_a, act_b):
            set_phase(
                model,
                d,
                Phase.TALKS,
                "talks while fighting: a package both prefer to war is on the table, but not yet trusted by both",
            )
        elif d.phase is Phase.TALKS:
            set_phase(model, d, Phase.WAR, "talks stall: no package on the table both would accept")
    elif d.phase is Phase.CEASEFIRE:
        av = a.views[0]
        hazard = bargaining.ceasefire_breakdown(
            p.ceasefire_hazard,
            d.monitoring,
            d.dmz,
            float(min(w.trust[d.a, d.b], w.trust[d.b, d.a])),
            abs(av.forecast_shift),
            p.monitoring_protection,
            p.dmz_protection,
        )
        resumed = [names[s] for s, act in ((d.a, act_a), (d.b, act_b)) if act is Action.FIGHT and attacking(d, s, act)]
        if resumed:
            model.broken.add((d.a, d.b))
            set_phase(
                model, d, Phase.WAR, f"the ceasefire collapses: {' and '.join(resumed)} resumes the war; trust falls"
            )
        elif model.rng.random() < hazard:
            # an incident does not restart the war by itself: trust falls and both leaderships
            # must choose again, with fresh reasons, whether to answer it (Fortna 2004)
            model.broken.add((d.a, d.b))
            for s in (d.a, d.b):
                model.shocks.pop((d.index, s), None)
            model.log(
                names[d.a],
                names[d.b],
                "incident",
                f"an incident on the ceasefire line (monthly risk {hazard:.1%}): trust falls and both sides "
                "weigh whether to answer it",
            )


def stop_fighting(model: ConflictModel, d: Dispute, act_a: Action, act_b: Action) -> None:
    """The guns fall silent. A military victory if one side holds its war aims and the other's
    army broke in the last weeks or it lost most of what it held when the war began (Reiter 2009)."""
    p, w = model.params, model.world
    start = (d.war_start_territory, 1.0 - d.war_start_territory)
    for side, s in ((0, d.a), (1, d.b)):
        loser = d.opponent(s)
        held_by_loser = 1.0 - d.share_of(s)
        lost = start[1 - side] - held_by_loser
        driven_out = held_by_loser < DRIVEN_OUT and lost > DRIVEN_OUT
        routed = held_by_loser <= (1.0 - p.decisive_loss) * start[1 - side] and (
            lost >= p.decisive_ground or driven_out
        )
        broke_recently = model.steps - d.last_break[1 - side] <= 2
        gained = d.share_of(s) > start[side]
        if gained and d.share_of(s) >= d.aims[side] - 0.02 and (broke_recently or routed):
            how = (
                "its army broke"
                if broke_recently
                else f"it lost {1 - held_by_loser / max(start[1 - side], 1e-9):.0%} of the ground it held"
            )
            set_phase(model, d, Phase.CEASEFIRE, f"the guns fall silent: {w.names[loser]} is beaten ({how})")
            finish(
                model,
                d,
                Outcome.VICTORY,
                f"victory for {w.names[s]}: its war aims are taken by force and {w.names[loser]} is beaten ({how})",
                winner=s,
            )
            return
    set_phase(
        model,
        d,
        Phase.CEASEFIRE,
        "ceasefire: neither side attacks any more; the core issues are deferred "
        f"({w.names[d.a]} holds {d.territory:.0%} of the disputed territory)",
    )


def sign(model: ConflictModel, d: Dispute, a) -> None:
    p, w = model.params, model.world
    deal = a.deal
    shares = np.array(deal.shares)
    holding = np.where(d.front_linked, d.territory, d.status_quo)  # A's shares as things stand
    d.deal = tuple(shares)
    if a.institutions_offered:
        d.monitoring = d.dmz = True
    moved = ""
    if d.front_linked.any():
        line = float(shares[d.front_linked].mean())
        if abs(line - d.territory) > 0.005 and d.territorial[d.front_linked].any():  # a line on the map
            how = "withdrawal" if line < d.territory else "handover"
            moved = f"; the line moves from {d.territory:.0%} to {line:.0%} ({how})"
        d.territory = line
    terms = ", ".join(f"{n} {x:.2f}" for n, x in zip(d.issue_names, shares, strict=True))
    extras = " + ".join(x for x, on in (("monitoring", d.monitoring), ("DMZ", d.dmz)) if on) or "no institutions"
    loss_a = float(bargaining.weights(d.salience_a) @ (holding - shares))
    loss_b = float(bargaining.weights(d.salience_b) @ (shares - holding))
    if max(loss_a, loss_b) >= p.imposed_loss:  # one side gives up much of what it holds: imposed terms
        winner = d.b if loss_a > loss_b else d.a
        impose(model, d, winner, f"a one-sided deal ({terms}; {extras}){moved}", shares=shares)
        return
    set_phase(model, d, Phase.SETTLED, f"agreement signed ({terms}; {extras}){moved}")
    finish(model, d, Outcome.SETTLEMENT, f"settlement: shares to {w.names[d.a]}: {terms}; {extras}{moved}")


def impose(model: ConflictModel, d: Dispute, winner: int, how: str, shares: np.ndarray | None = None) -> None:
    """The loser accepts terms: the winner's claims on every issue, or a package that amounts to them."""
    w = model.world
    if shares is None:
        side = d.side(winner)
        own_claims = d.red_a if side == 0 else d.red_b
        terms_for_winner = np.where(
            d.front_linked, np.maximum(d.aims[side], d.share_of(winner)), np.maximum(own_claims, 1.0)
        )
        shares = terms_for_winner if side == 0 else 1.0 - terms_for_winner
        if d.front_linked.any():
            d.territory = float(shares[d.front_linked].mean())
    d.deal = tuple(float(x) for x in shares)
    terms = ", ".join(f"{n} {x:.2f}" for n, x in zip(d.issue_names, shares, strict=True))
    set_phase(model, d, Phase.SETTLED, f"imposed terms: {how}")
    finish(
        model,
        d,
        Outcome.VICTORY,
        f"victory for {w.names[winner]} with imposed terms ({how}; shares to {w.names[d.a]}: {terms})",
        winner=winner,
    )


def check_outcomes(model: ConflictModel) -> None:
    p, w = model.params, model.world
    for d in w.disputes:
        if not d.active:
            continue
        if d.fighting and d.intensity >= p.escalation_intensity and d.escalations >= 3:
            finish(
                model,
                d,
                Outcome.ESCALATION,
                f"deliberate escalation drives intensity to {d.intensity:.2f}: the war widens",
            )
            continue
        if d.fighting:
            for s in (d.a, d.b):
                why = collapsed(w.military[s], w.military0[s], w.will[s], p.collapse_military, p.collapse_will)
                if why:
                    winner = d.opponent(s)
                    set_phase(model, d, Phase.SETTLED, f"{w.names[s]} collapses: {why}")
                    finish(
                        model,
                        d,
                        Outcome.VICTORY,
                        f"victory for {w.names[winner]}: {w.names[s]} collapses ({why})",
                        winner,
                    )
                    break
        if (
            d.active
            and d.phase is Phase.CEASEFIRE
            and (d.months_in_phase >= p.frozen_after or model.steps >= model.horizon)
        ):
            finish(
                model,
                d,
                Outcome.FROZEN,
                f"frozen: the ceasefire has held {d.months_in_phase} months without agreement on the core issues",
            )


def finish(model: ConflictModel, d: Dispute, outcome: Outcome, reason: str, winner: int | None = None) -> None:
    w = model.world
    d.outcome, d.outcome_step, d.outcome_reason, d.winner = outcome, model.steps, reason, winner
    model.log(w.names[d.a], w.names[d.b], f"outcome:{outcome}", reason)
    if d.index == 0 and model.outcome is None:
        model.outcome, model.outcome_step = outcome, model.steps
