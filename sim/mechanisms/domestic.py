"""Domestic politics: public support, political will, audience costs and elections.

Public support falls with casualties and costs times the public's sensitivity (Mueller 1973;
Gartner 2008), jumps with a rally effect when the state is attacked, rises with territory
gained, and drifts back toward its baseline (so the rally decays). Leaders' will follows
support as far as the regime makes them accountable (Putnam 1988: the win-set depends on
the domestic level). Audience costs (Fearon 1994) raise the price of signing claims away the
longer and more hawkishly a leader has fought, and fade in peace. Elections can replace a
leadership whose war has lost public
support; the new one's will moves toward the public's mood, so political will shifts with
elections.
"""

from __future__ import annotations

import numpy as np

ACCOUNTABILITY = {"democracy": 0.8, "hybrid": 0.45, "autocracy": 0.15}


def update_support(
    support: np.ndarray,
    baseline: np.ndarray,
    loss_rate: np.ndarray,
    drain_rate: np.ndarray,
    territory_gain: np.ndarray,
    casualty_sensitivity: np.ndarray,
    cost_sensitivity: np.ndarray,
    casualty_weight: float,
    cost_weight: float,
    territory_weight: float,
    reversion: float,
) -> np.ndarray:
    change = (
        -casualty_weight * casualty_sensitivity * loss_rate
        - cost_weight * cost_sensitivity * drain_rate
        + territory_weight * territory_gain
        + reversion * (baseline - support)
    )
    return np.clip(support + change, 0.0, 1.0)


def update_will(will: np.ndarray, support: np.ndarray, accountability: np.ndarray, speed: float) -> np.ndarray:
    """Will follows support in proportion to how accountable leaders are."""
    return np.clip(will + speed * accountability * (support - will), 0.0, 1.0)


def audience_cost(
    previous: np.ndarray, fighting: np.ndarray, hawkishness: np.ndarray, rate: float, fade: float, cap: float
) -> np.ndarray:
    """Audience costs as a stock (Fearon 1994): each month of fighting adds to the public cost
    of backing down, more with a hawkish public; the stock fades when the guns are silent and
    a new leadership starts from zero (Croco 2011)."""
    grown = previous + rate * fighting * (0.5 + hawkishness) - fade * previous * (1 - fighting)
    return np.clip(grown, 0.0, cap)


def election(support: float, will: float, threshold: float, swing: float, noise: float) -> tuple[bool, float]:
    """Return (incumbent replaced, new will).

    An incumbent whose war has lost support (below `threshold`, with noise) is replaced; the
    new leadership's will moves `swing` of the way toward the public's support for the war.
    """
    if support + noise >= threshold:
        return False, will
    # a new leadership, not culpable for the war, moves toward the public mood (Croco 2011)
    return True, float(np.clip(will + swing * (support - will), 0.0, 1.0))
