"""Perception: threat and trust (the security dilemma).

Threat follows Walt's balance of threat (1987): a rival's capability share plus how close a
rival alliance has moved (members, candidates and guarantees with troops on the rival's
side), smoothed over time. Jervis (1978): postures that cannot be told apart read as
threats, so alliance expansion raises the other side's threat even when meant defensively.
Trust is asymmetric: broken commitments destroy a share of it at once; kept commitments
rebuild it slowly, faster under monitoring ("rebuilding takes generations").
"""

from __future__ import annotations

import numpy as np

# How strongly each tie of a rival to an alliance counts as that alliance "moving closer".
TIE_WEIGHT = {"member": 1.0, "protected": 0.8, "candidate": 0.4}


def capability_share(own: np.ndarray, rival: np.ndarray) -> np.ndarray:
    """Rival's share of the dyad's capability, in [0, 1]."""
    total = own + rival
    return np.divide(rival, total, out=np.full_like(total, 0.5, dtype=float), where=total > 0)


def encroachment(tie: str, credibility: float, cohesion: float, guarantee: float, troops: bool) -> float:
    """How much one alliance tie of a rival counts as that alliance pressing on a state.

    `tie` is "member", "protected" or "candidate" (weights in TIE_WEIGHT); a guarantee with
    troops on the ground counts like membership ("NATO expansion by another name").
    """
    weight = TIE_WEIGHT[tie]
    if tie == "protected":
        weight *= (0.5 + 0.5 * guarantee) * (1.5 if troops else 1.0)
    return float(min(1.5, weight * credibility * (0.5 + 0.5 * cohesion)))


def threat_target(
    rival_share: np.ndarray,
    alliance_pressure: np.ndarray,
    reassurance: np.ndarray,
    power_weight: float,
    alliance_weight: np.ndarray,
    hostility: np.ndarray | float = 0.0,
) -> np.ndarray:
    """This month's evidence of threat, in [0, 1].

    `hostility` is direct evidence of intent: fighting, and a rival arming above its
    peacetime forces (Richardson: each side reads the other's build-up as a threat).
    """
    raw = power_weight * rival_share + alliance_weight * alliance_pressure + hostility
    return np.clip(raw * (1.0 - reassurance), 0.0, 1.0)


def smooth(previous: np.ndarray, target: np.ndarray, weight: float) -> np.ndarray:
    """Exponential smoothing: perceptions move toward new evidence, not jump to it."""
    return (1.0 - weight) * previous + weight * target


def update_trust(trust: np.ndarray, kept: np.ndarray, broken: np.ndarray, gain: float, loss: float) -> np.ndarray:
    """Asymmetric trust: `kept` (0..k, e.g. boosted by monitoring) and `broken` (0/1) per pair."""
    rebuilt = trust + gain * kept * (1.0 - trust)
    return np.clip(rebuilt * (1.0 - loss * broken), 0.0, 1.0)


def richardson_step(
    x: float,
    y: float,
    k: float,
    l: float,  # noqa: E741 - Richardson's own notation
    a: float,
    b: float,
    g: float,
    h: float,
    dt: float = 1.0,
) -> tuple[float, float]:
    """One Euler step of Richardson's arms race: dx = k*y - a*x + g, dy = l*x - b*y + h.

    Stable when a*b > k*l (fatigue outweighs reaction), runaway when k*l > a*b.
    """
    return max(0.0, x + dt * (k * y - a * x + g)), max(0.0, y + dt * (l * x - b * y + h))
