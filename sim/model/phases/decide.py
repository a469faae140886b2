"""Decisions: every state scores its options from the same snapshot, then the model applies them.

One `Assessment` per active dispute (`sim.model.view.assess`); each side's lens turns its view
into a `Decision`. Only a change of action is logged, with the sentence and the numbers.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sim.lenses import Decision
from sim.lenses.calculus import carry_shocks, choose
from sim.model.view import assess

if TYPE_CHECKING:
    from sim.model import ConflictModel


def decide(model: ConflictModel) -> dict[tuple[int, int], Decision]:
    """Every state decides from the same snapshot; nothing changes until all have decided."""
    p, w = model.params, model.world
    model.assessments = {}
    decisions = {}
    for d in w.disputes:
        if not d.active:
            continue
        a = assess(model, d)
        model.assessments[d.index] = a
        for s, view in zip((d.a, d.b), a.views, strict=True):
            lens = model.lenses[s]
            shocks = carry_shocks(model.shocks.get((d.index, s)), p.preference_persistence, model.rng)
            model.shocks[(d.index, s)] = shocks
            quick = choose(
                view, lens, p, model.rng, explain_choice=False, assumptions=model.assumptions[s], shocks=shocks
            )
            previous = model.decisions.get((d.index, s))
            decision = quick
            if model.explain_decisions and (previous is None or previous.action is not quick.action):
                decision = _explained(view, lens, p, quick, model.assumptions[s])
                model.log(
                    w.names[s],
                    w.names[d.opponent(s)],
                    f"decision:{decision.action}",
                    f"({lens.name}) {decision.reason}",
                    json.dumps(decision.values, sort_keys=True),
                )
            decisions[(d.index, s)] = decision
    return decisions


def _explained(view, lens, p, quick: Decision, a) -> Decision:
    from sim.lenses.calculus import explain

    values = {k: v for k, v in ((act, quick.values[str(act)]) for act in _actions(quick))}
    reason, tipped = explain(view, lens.name, a, p, quick.action, values)
    return Decision(quick.action, reason, values=quick.values, tipped_by=tipped)


def _actions(decision: Decision):
    from sim.lenses import Action

    return [Action(k) for k in decision.values]
