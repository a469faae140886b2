"""Realism: relative power and survival first.

Assumes an anarchic system where states cannot rely on promises (Waltz 1979; Mearsheimer
2001). Alliance expansion and guarantees to a rival read as threats; concessions read as
weakness; institutions are cheap talk; leaders bargain only from strength (after a decisive
shift in their favour) or from exhaustion, and otherwise fight for the ground they expect to
win. Names: offensive/defensive realism, balance of power.
"""

from __future__ import annotations

import numpy as np

from sim.lenses.base import Action, Decision, Lens, Perception, View
from sim.mechanisms.outcomes import Phase


class Realism(Lens):
    name = "realism"
    classifier = {"stochastic": False, "theory": "realism", "sources": ["Waltz 1979", "Mearsheimer 2001"]}
    perception = Perception(
        alliance_weight=1.0,
        institution_weight=0.5,
        cost_weight=0.7,
        public_weight=0.5,
        concession_reading=-0.25,
        democratic_peace=1.0,
    )

    def decide(self, view: View, rng: np.random.Generator) -> Decision:
        v = view
        numbers = f"p={v.belief:.2f}, holds {v.share_held:.2f}, cost {v.cost:.2f}, threat {v.threat:.2f}"
        if v.phase is Phase.CRISIS:
            if v.deal_acceptable:
                return Decision(Action.NEGOTIATE, f"deal worth {v.deal_value:.2f} ≥ fighting {v.reservation:.2f}; credible at {v.credibility:.2f}")
            if v.threat >= 0.55 and v.belief >= 0.6:
                return Decision(Action.ATTACK, f"window of opportunity: threat {v.threat:.2f} and p={v.belief:.2f} favour striking first")
            return Decision(Action.HOLD, f"balance and arm: {numbers}")
        if v.deal_acceptable and (v.ripe or v.phase in (Phase.TALKS, Phase.CEASEFIRE)):
            return Decision(Action.NEGOTIATE, f"accept: deal worth {v.deal_value:.2f} ≥ fighting {v.reservation:.2f}, credibility {v.credibility:.2f}")
        if v.exhausted:
            if v.blocking_issue is not None and v.military_ratio < 0.6:
                return Decision(Action.CONCEDE, f"exhausted (will {v.will:.2f}, forces {v.military_ratio:.0%}): yields on {v.blocking_issue}", v.blocking_issue)
            if v.ripe or v.phase is not Phase.WAR:
                return Decision(Action.CEASEFIRE, f"exhausted (will {v.will:.2f}, forces {v.military_ratio:.0%}): {v.ripeness_reason}")
        if v.phase is Phase.TALKS:
            if v.expected_gain > 0.1 and v.will > 0.5:
                return Decision(Action.FIGHT, f"walk out: the battlefield promises more ({v.expected_gain:+.2f})")
            if v.months_in_phase >= 6:
                return Decision(Action.CEASEFIRE, f"armistice after {v.months_in_phase} months of talks: no deal within red lines and credibility {v.credibility:.2f}")
            return Decision(Action.NEGOTIATE, f"keep talking while fighting: no acceptable deal yet, {numbers}")
        if v.phase is Phase.CEASEFIRE:
            if v.expected_gain > 0.15 and v.will > 0.5:
                return Decision(Action.FIGHT, f"resume: expected gain {v.expected_gain:+.2f} from {numbers}")
            return Decision(Action.CEASEFIRE, f"hold the line: expected gain {v.expected_gain:+.2f} too small")
        if v.ripe and v.recent_shift > 0 and v.expected_gain < 0.15:
            return Decision(Action.NEGOTIATE, f"lock in gains from strength after a shift of {v.recent_shift:+.3f} (further gain only {v.expected_gain:+.2f}): {v.ripeness_reason}")
        if v.ripe and v.expected_gain < -0.25:
            return Decision(Action.CEASEFIRE, f"no gain left in fighting ({v.expected_gain:+.2f}): {v.ripeness_reason}")
        if v.threat >= 0.8 and v.belief < 0.35 and v.will > 0.5:
            return Decision(Action.ESCALATE, f"survival at stake: threat {v.threat:.2f}, p={v.belief:.2f}")
        return Decision(Action.FIGHT, f"fight on for relative gains: {numbers}")
