"""Realism: relative power and survival first.

Assumes an anarchic system where states cannot rely on promises (Waltz 1979; Mearsheimer
2001). Alliance expansion and guarantees to a rival read as threats; concessions read as
weakness; institutions are cheap talk; leaders bargain only from strength (after a decisive
shift in their favour) or from exhaustion, and otherwise fight for the ground they expect to
win. Names: offensive/defensive realism, balance of power.
"""

from __future__ import annotations

import numpy as np

from sim.lenses.base import Action, Decision, Lens, Perception, View, accept_deal
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
    # decision thresholds (documented in docs/model.md, "Lenses")
    STRIKE_THREAT, STRIKE_BELIEF = 0.55, 0.6  # preventive war: threatened and confident
    CONCEDE_FORCES = 0.6  # yields on an issue only with forces below this share
    WALK_OUT_GAIN = 0.1  # leaves talks if fighting promises this much
    ARMISTICE_AFTER = 6  # months of talks before settling for an armistice
    RESUME_GAIN, RESUME_WILL = 0.15, 0.5  # breaks a ceasefire if fighting promises this much
    LOCK_IN_GAIN = 0.15  # after a favourable shift, talks unless fighting promises more
    STOP_LOSS = -0.25  # accepts a stalemate only when fighting on costs this much
    SURVIVAL_THREAT, SURVIVAL_BELIEF = 0.8, 0.35  # escalates when threatened and losing

    def decide(self, view: View, rng: np.random.Generator) -> Decision:
        v = view
        numbers = f"p={v.belief:.2f}, holds {v.share_held:.2f}, cost {v.cost:.2f}, threat {v.threat:.2f}"
        deal = accept_deal(v)
        if deal:
            return deal
        if v.phase is Phase.CRISIS:
            if v.threat >= self.STRIKE_THREAT and v.belief >= self.STRIKE_BELIEF:
                why = f"window of opportunity: threat {v.threat:.2f} and p={v.belief:.2f} favour striking first"
                return Decision(Action.ATTACK, why)
            return Decision(Action.HOLD, f"balance and arm: {numbers}")
        if v.exhausted:
            state = f"exhausted (will {v.will:.2f}, forces {v.military_ratio:.0%})"
            if v.blocking_issue is not None and v.military_ratio < self.CONCEDE_FORCES:
                return Decision(Action.CONCEDE, f"{state}: yields on {v.blocking_issue}", v.blocking_issue)
            if v.ripe or v.phase is not Phase.WAR:
                return Decision(Action.CEASEFIRE, f"{state}: {v.ripeness_reason}")
        gain = f"expected gain from fighting {v.expected_gain:+.2f}"
        if v.phase is Phase.TALKS:
            if v.expected_gain > self.WALK_OUT_GAIN and v.will > 0.5:
                return Decision(Action.FIGHT, f"walk out: the battlefield promises more ({gain})")
            if v.months_in_phase >= self.ARMISTICE_AFTER:
                why = (
                    f"armistice after {v.months_in_phase} months of talks: no deal within red lines "
                    f"and credibility {v.credibility:.2f}"
                )
                return Decision(Action.CEASEFIRE, why)
            return Decision(Action.NEGOTIATE, f"keep talking while fighting: no acceptable deal yet, {numbers}")
        if v.phase is Phase.CEASEFIRE:
            if v.expected_gain > self.RESUME_GAIN and v.will > self.RESUME_WILL:
                return Decision(Action.FIGHT, f"resume the war: {gain}, {numbers}")
            return Decision(Action.CEASEFIRE, f"hold the line: {gain} is too small")
        if v.ripe and v.decisive and v.recent_shift > 0 and v.expected_gain < self.LOCK_IN_GAIN:
            why = f"lock in gains from strength after a shift of {v.recent_shift:+.3f} ({gain}): {v.ripeness_reason}"
            return Decision(Action.NEGOTIATE, why)
        if v.ripe and v.expected_gain < self.STOP_LOSS:
            return Decision(Action.CEASEFIRE, f"no gain left in fighting ({gain}): {v.ripeness_reason}")
        if v.threat >= self.SURVIVAL_THREAT and v.belief < self.SURVIVAL_BELIEF and v.will > 0.5:
            return Decision(Action.ESCALATE, f"survival at stake: threat {v.threat:.2f}, p={v.belief:.2f}")
        return Decision(Action.FIGHT, f"fight on for relative gains: {numbers}")
