"""The later phases: bargaining and ceasefires, alliances and guarantees, the outcome check.

Talks open only when the conflict is ripe and both sides choose to talk; a deal is signed
when one exists inside both red lines and the bargaining range and both find it credible;
a ceasefire without a deal can break down (more often without monitors or a DMZ) or, if it
holds long enough, freeze the conflict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.lenses import Action
from sim.mechanisms import alliances as alliance_mech
from sim.mechanisms.bargaining import ceasefire_breakdown
from sim.mechanisms.outcomes import Outcome, Phase, collapsed
from sim.timeline import concede
from sim.world import Dispute

if TYPE_CHECKING:
    from sim.model import ConflictModel

TALKING = (Action.NEGOTIATE, Action.CEASEFIRE, Action.CONCEDE)


def set_phase(model: ConflictModel, d: Dispute, phase: Phase, reason: str) -> None:
    if d.phase is phase:
        return
    w = model.world
    d.phase, d.months_in_phase = phase, 0
    if phase is Phase.WAR:
        d.front = [d.territory]  # fighting resumes: ripeness must be earned again
    model.log(w.names[d.a], w.names[d.b], f"phase:{phase}", reason)


def bargain(model: ConflictModel, decisions) -> None:
    p, w = model.params, model.world
    for d in w.disputes:
        if not d.active:
            continue
        d.months_in_phase += 1
        a = model.assessments[d.index]
        acts = (decisions[(d.index, d.a)], decisions[(d.index, d.b)])
        for s, dec in zip((d.a, d.b), acts, strict=True):
            if dec.action is Action.CONCEDE and dec.issue in d.issue_names:
                k = d.issue_names.index(dec.issue)
                # an indivisible issue cannot be half-conceded: yielding gives it up
                new = max(0.0, float(d.red_lines(s)[k]) - p.concession_step) if d.divisible[k] else 0.0
                model.log(w.names[s], w.names[d.opponent(s)], "concession", concede(model, d, s, k, new))
        act_a, act_b = acts[0].action, acts[1].action
        both_talk = act_a is Action.NEGOTIATE and act_b is Action.NEGOTIATE
        if both_talk and a.deal is not None and min(a.credibility) >= p.credibility_threshold:
            sign_deal(model, d, a)
            continue
        if d.phase is Phase.WAR:
            if a.ripe and act_a in TALKING and act_b in TALKING:
                if Action.NEGOTIATE in (act_a, act_b):
                    set_phase(model, d, Phase.TALKS, f"talks open while fighting goes on: {a.ripeness_reason}")
                else:
                    set_phase(model, d, Phase.CEASEFIRE, f"both sides stop fighting: {a.ripeness_reason}")
        elif d.phase is Phase.TALKS:
            if Action.FIGHT in (act_a, act_b) or Action.ESCALATE in (act_a, act_b):
                set_phase(model, d, Phase.WAR, "talks collapse: a side returns to the battlefield")
            elif Action.CEASEFIRE in (act_a, act_b):
                set_phase(model, d, Phase.CEASEFIRE, "armistice: fighting stops with the core dispute unresolved")
            elif d.months_in_phase > p.talks_patience:
                set_phase(model, d, Phase.WAR, f"talks collapse after {p.talks_patience} months without a deal")
        elif d.phase is Phase.CEASEFIRE:
            hazard = ceasefire_breakdown(
                p.ceasefire_hazard,
                d.monitoring,
                d.dmz,
                float(max(w.threat[d.a, d.b], w.threat[d.b, d.a])),
                float(min(w.trust[d.a, d.b], w.trust[d.b, d.a])),
                p.monitoring_protection,
                p.dmz_protection,
            )
            violated = model.rng.random() < hazard
            if violated or Action.FIGHT in (act_a, act_b):
                model.broken.add((d.a, d.b))
                why = f"breakdown (monthly hazard {hazard:.3f})" if violated else "a side resumes fighting"
                set_phase(model, d, Phase.WAR, f"ceasefire broken: {why}; trust falls")


def sign_deal(model: ConflictModel, d: Dispute, a) -> None:
    w = model.world
    d.deal = a.deal.shares
    terms = ", ".join(f"{n} {x:.2f}" for n, x in zip(d.issue_names, d.deal, strict=True))
    extras = " + ".join(x for x, on in (("monitoring", d.monitoring), ("DMZ", d.dmz)) if on) or "no institutions"
    set_phase(model, d, Phase.SETTLED, f"agreement signed ({terms}; {extras}); credibility {min(a.credibility):.2f}")
    finish(model, d, Outcome.SETTLEMENT, f"settlement: shares to {w.names[d.a]}: {terms}")


def alliances(model: ConflictModel) -> None:
    p, w = model.params, model.world
    risk = 0.0
    for al in w.alliances:
        backing = float(np.mean(w.will[sorted(al.members)]))  # aid follows the members' political will
        for s in sorted(al.protects):
            w.military[s] += backing * alliance_mech.aid_delivered(al.aid, al.cohesion, w.military0[s])
        for c in sorted(al.candidates):
            chance = alliance_mech.admission_chance(p.expansion_rate, float(w.threat[c].max()), al.cohesion)
            if model.rng.random() < chance:
                al.members.add(c)
                al.candidates.discard(c)
                model.log(
                    al.name,
                    w.names[c],
                    "join",
                    f"{w.names[c]} admitted (threat {w.threat[c].max():.2f}, chance {chance:.3f}): "
                    "rivals read it as encroachment",
                )
        for d in w.disputes:
            if not (d.active and d.fighting):
                continue
            for s in (d.a, d.b):
                if s in al.protects and d.opponent(s) not in al.members and al.guarantee > 0:
                    h = alliance_mech.entanglement_hazard(
                        p.entanglement_rate, al.guarantee, al.troops, d.intensity, al.cohesion
                    )
                    risk = max(risk, h)
                    if model.rng.random() < h:
                        finish(
                            model,
                            d,
                            Outcome.ESCALATION,
                            f"{al.name} is drawn into the war on {w.names[s]}'s side "
                            f"(monthly entanglement risk {h:.3f})",
                        )
    model.escalation_risk = risk


def check_outcomes(model: ConflictModel) -> None:
    p, w = model.params, model.world
    for d in w.disputes:
        if not d.active:
            continue
        if d.fighting and d.intensity >= p.escalation_intensity:
            finish(
                model,
                d,
                Outcome.ESCALATION,
                f"intensity {d.intensity:.2f} ≥ {p.escalation_intensity:.2f}: the war widens",
            )
            continue
        for s in (d.a, d.b):
            why = collapsed(
                w.military[s], w.military0[s], w.will[s], d.share_of(s), p.collapse_military, p.collapse_will
            )
            if why and d.fighting:
                set_phase(model, d, Phase.SETTLED, f"{w.names[s]} collapses: {why}")
                finish(model, d, Outcome.VICTORY, f"victory for {w.names[d.opponent(s)]}: {w.names[s]} {why}")
                break
        if d.active and d.phase is Phase.CEASEFIRE and d.months_in_phase >= p.frozen_after:
            finish(
                model,
                d,
                Outcome.FROZEN,
                f"frozen: ceasefire held {d.months_in_phase} months with the core dispute unresolved",
            )


def finish(model: ConflictModel, d: Dispute, outcome: Outcome, reason: str) -> None:
    w = model.world
    d.outcome, d.outcome_step, d.outcome_reason = outcome, model.steps, reason
    model.log(w.names[d.a], w.names[d.b], f"outcome:{outcome}", reason)
    if d.index == 0 and model.outcome is None:
        model.outcome, model.outcome_step = outcome, model.steps
