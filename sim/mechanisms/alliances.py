"""Alliances and guarantees: expansion, aid, reassurance and entanglement.

Snyder (1984): a firm commitment trades the risk of abandonment for the risk of entrapment.
A guarantee lowers the protected state's threat at once (reassurance), but while the
protected state fights near the guarantor's troops each month carries a chance that the
guarantor is drawn in: the war widens (escalation). Candidates under threat seek membership
(balancing, Walt 1987) and are admitted at a rate set by the alliance's cohesion; each new
member or protected state on a rival's side raises that rival's threat (perception).
"""

from __future__ import annotations


def entanglement_hazard(rate: float, guarantee: float, troops: bool, intensity: float, cohesion: float) -> float:
    """Monthly chance a guarantor enters its protégé's war."""
    presence = 1.0 if troops else 0.2
    return float(min(1.0, rate * guarantee * presence * intensity * (0.5 + 0.5 * cohesion)))


def admission_chance(rate: float, candidate_threat: float, cohesion: float) -> float:
    """Monthly chance a threatened candidate is admitted."""
    return float(min(1.0, rate * candidate_threat * cohesion))


def aid_delivered(aid: float, cohesion: float, military: float) -> float:
    """Military aid arriving this month, as forces added (a share of the recipient's forces)."""
    return aid * (0.5 + 0.5 * cohesion) * military
