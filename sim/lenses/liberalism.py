"""Liberalism: institutions, interdependence and domestic accountability.

Assumes that states can cooperate when institutions make commitments credible (Keohane
1984), that costs of war and lost welfare count (Keohane & Nye 1977), and that democratic
publics constrain leaders (Doyle 1986; Russett & Oneal 2001). Monitoring, demilitarised
zones and guarantees make deals credible; a rival's concession is an opening to reciprocate;
two democracies barely threaten each other; leaders bargain as soon as the costs of fighting
outweigh what it can still win. Names: neoliberal institutionalism, democratic peace.
"""

from __future__ import annotations

import numpy as np

from sim.lenses.base import Action, Decision, Lens, Perception, View, accept_deal
from sim.mechanisms.outcomes import Phase


class Liberalism(Lens):
    name = "liberalism"
    classifier = {
        "stochastic": False,
        "theory": "liberalism",
        "sources": ["Keohane 1984", "Russett & Oneal 2001"],
    }
    perception = Perception(
        alliance_weight=0.4,
        institution_weight=1.0,
        cost_weight=1.4,
        public_weight=1.0,
        concession_reading=1.0,
        democratic_peace=0.3,
    )
    # decision thresholds (documented in docs/model.md, "Lenses")
    STRIKE_THREAT, STRIKE_BELIEF = 0.8, 0.65  # war only against an unrestrained, severe threat
    WEARY_SUPPORT = 0.35  # a democratic public below this support constrains its leaders
    ARMISTICE_AFTER = 4  # months of talks before settling for an armistice
    LAST_RESORT_THREAT, LAST_RESORT_BELIEF = 0.9, 0.3  # escalates only in extremis

    def decide(self, view: View, rng: np.random.Generator) -> Decision:
        v = view
        numbers = f"p={v.belief:.2f}, holds {v.share_held:.2f}, cost {v.cost:.2f}"
        deal = accept_deal(v)
        if deal:
            return deal
        if v.phase is Phase.CRISIS:
            peaceful_pair = v.democracy and v.opponent_democracy
            if not peaceful_pair and v.threat >= self.STRIKE_THREAT and v.belief >= self.STRIKE_BELIEF:
                return Decision(Action.ATTACK, f"no institution restrains a threat of {v.threat:.2f}; p={v.belief:.2f}")
            return Decision(Action.HOLD, f"keep talking: threat {v.threat:.2f}, trust {v.trust:.2f}")
        weary = v.democracy and v.support < self.WEARY_SUPPORT
        if (v.exhausted or weary) and v.blocking_issue is not None:
            why = f"costs outweigh the issue (support {v.support:.2f}, will {v.will:.2f}): yields on {v.blocking_issue}"
            return Decision(Action.CONCEDE, why, v.blocking_issue)
        if v.phase is Phase.TALKS:
            if v.months_in_phase >= self.ARMISTICE_AFTER:
                why = f"armistice after {v.months_in_phase} months of talks without a credible deal: stop the killing"
                return Decision(Action.CEASEFIRE, why)
            why = f"keep talking (credibility {v.credibility:.2f} vs {v.credibility_needed:.2f} needed)"
            return Decision(Action.NEGOTIATE, why)
        if v.phase is Phase.CEASEFIRE:
            if v.deal_value is not None:
                return Decision(Action.NEGOTIATE, f"ceasefire holds; pursue a deal (credibility {v.credibility:.2f})")
            return Decision(Action.CEASEFIRE, f"keep the ceasefire: fighting would cost {v.cost:.2f}")
        if v.ripe and (v.expected_gain <= 0 or weary or v.exhausted):
            why = f"costs outweigh gains ({v.expected_gain:+.2f}): propose talks; {v.ripeness_reason}"
            return Decision(Action.NEGOTIATE, why)
        if v.threat >= self.LAST_RESORT_THREAT and v.belief < self.LAST_RESORT_BELIEF and v.will > 0.6:
            return Decision(Action.ESCALATE, f"no credible restraint left: threat {v.threat:.2f}, p={v.belief:.2f}")
        if not v.ripe:
            return Decision(Action.FIGHT, f"no way out yet, {v.ripeness_reason}: {numbers}")
        return Decision(Action.FIGHT, f"fighting still pays ({v.expected_gain:+.2f}): {numbers}")
