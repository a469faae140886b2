"""Alliances and third parties: expansion, aid, reassurance, entry into a war, patrons.

Snyder (1984): a firm commitment trades the risk of abandonment for the risk of entrapment.
A guarantee lowers the protected state's threat at once (reassurance). Whether a guarantor
enters its protégé's war is its own decision (Leeds 2003: about three in four commitments are
honoured): likelier with a firm, credible guarantee, troops on the ground that are being hit
(a tripwire, Schelling 1966), a resolute guarantor, and the protégé losing ground the guarantee
covers; much less likely against a nuclear power (Schelling 1966; Jervis 1989). Patrons can
press their clients: aid conditioned on accepting a deal (Pressman 2008). Candidates under
threat seek membership (balancing, Walt 1987).
"""

from __future__ import annotations


def entry_hazard(
    rate: float,
    guarantee: float,
    credibility: float,
    troops: bool,
    intensity: float,
    will: float,
    danger: float,
    opponent_nuclear: bool,
    nuclear_restraint: float,
) -> float:
    """Monthly chance a guarantor decides to enter its protégé's war.

    `danger` in [0, 1] is how much of the ground the guarantee covers the protégé has lost.
    """
    presence = 1.0 if troops else 0.2
    restraint = nuclear_restraint if opponent_nuclear else 1.0
    return float(
        min(1.0, rate * guarantee * credibility * presence * intensity * (0.5 + will) * (0.5 + danger) * restraint)
    )


def admission_chance(rate: float, candidate_threat: float, cohesion: float) -> float:
    """Monthly chance a threatened candidate is admitted."""
    return float(min(1.0, rate * candidate_threat * cohesion))


def aid_delivered(aid: float, cohesion: float, military: float) -> float:
    """Military aid arriving this month, as forces added (a share of the recipient's forces)."""
    return aid * (0.5 + 0.5 * cohesion) * military


def patron_pressure(pressure: float, aid: float, leverage: float) -> float:
    """What a client expects to lose (stake units) by refusing a deal its patron presses for."""
    return pressure * min(1.0, aid / 0.02) * leverage
