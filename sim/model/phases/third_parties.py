"""Third parties: aid, alliance expansion, patrons pressing clients, guarantors entering a war.

A guarantor's entry is its own decision (`entry_hazard`): its will, the guarantee's strength
and scope, its credibility, troops at risk, how much covered ground its protégé has lost, and
the nuclear shadow. A guarantor that decides to enter widens the war: escalation. A patron
that conditions aid on talks (`pressure`) cuts aid while its client refuses the package on
the table (Pressman 2008).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.lenses import Action
from sim.mechanisms import alliances as mech
from sim.mechanisms.outcomes import Outcome
from sim.model.phases.talk import finish

if TYPE_CHECKING:
    from sim.model import ConflictModel


def refuses_deal(model: ConflictModel, state: int) -> bool:
    """Is `state` turning down a package on the table this month?"""
    for d in model.world.disputes:
        a = model.assessments.get(d.index)
        if d.active and state in (d.a, d.b) and a is not None and a.deal is not None:
            return model.decisions[(d.index, state)].action is not Action.NEGOTIATE
    return False


def alliances(model: ConflictModel) -> None:
    p, w = model.params, model.world
    risk = 0.0
    for al in w.alliances:
        backing = float(np.mean(w.will[sorted(al.members)]))  # aid follows the members' political will
        for s in sorted(al.protects):
            cut = al.pressure if refuses_deal(model, s) else 0.0
            w.military[s] += (1.0 - cut) * backing * mech.aid_delivered(al.aid, al.cohesion, w.military0[s])
        for c in sorted(al.candidates):
            chance = mech.admission_chance(p.expansion_rate, float(w.threat[c].max()), al.cohesion)
            if model.rng.random() < chance:
                al.members.add(c)
                al.candidates.discard(c)
                model.log(
                    al.name,
                    w.names[c],
                    "join",
                    f"{w.names[c]} is admitted (threat {w.threat[c].max():.2f}, "
                    f"chance {chance:.1%}): rivals read it as encroachment",
                )
        risk = max(risk, entries(model, al, backing))
    model.escalation_risk = risk


def entries(model: ConflictModel, al, backing: float) -> float:
    """Each month a guarantor weighs entering its protégé's war; returns the highest hazard."""
    p, w = model.params, model.world
    risk = 0.0
    if al.guarantee <= 0 or al.fights:
        return risk
    for d in w.disputes:
        if not (d.active and d.fighting):
            continue
        for s in (d.a, d.b):
            opp = d.opponent(s)
            if s not in al.protects or opp in al.members:
                continue
            covered = al.lines.get(s, 1.0) if al.scope == "held" else 1.0
            danger = float(np.clip((covered - d.share_of(s)) / max(covered, 1e-9), 0.0, 1.0))
            if al.scope == "held" and d.share_of(s) >= covered - 1e-9:
                danger = 0.0
            nuclear_rival = bool(w.nuclear[opp])
            h = mech.entry_hazard(
                p.entanglement_rate,
                al.guarantee,
                al.credibility,
                al.troops,
                d.intensity,
                backing,
                danger,
                nuclear_rival,
                p.nuclear_restraint,
            )
            if al.scope == "held" and danger == 0.0:
                h *= 0.2  # the covered line holds: the guarantor has little to defend
            risk = max(risk, h)
            if model.rng.random() < h:
                finish(
                    model,
                    d,
                    Outcome.ESCALATION,
                    f"{al.name} decides to enter the war on {w.names[s]}'s side: "
                    f"the war widens (monthly chance {h:.1%}; {w.names[s]} has lost {danger:.0%} of the ground "
                    f"the guarantee covers{', against a nuclear power' if nuclear_rival else ''})",
                )
    return risk
