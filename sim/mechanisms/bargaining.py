"""Bargaining: Fearon's range, red lines, ripeness, concession timing and credibility.

Fearon (1995): with p = A's chance of winning and costs c_A, c_B (shares of the stake), any
split x (A's share) in (p - c_A, p + c_B) beats war for both. Here each side uses its own
belief, so the range is [p_A - c_A, 1 - p_B + c_B] and is empty under mutual optimism
(p_A + p_B > 1 + c_A + c_B). Issues carry red lines (the minimum share a side must get);
indivisible issues go wholly to one side, and red lines summing above one leave no deal
(Mearsheimer's "incompatible demands"). Zartman (2000): talks open only when the conflict is
ripe, after a mutually hurting stalemate or a decisive shift. A concession's goodwill decays
with the war's age, v(t) = v0 exp(-lambda t). A deal is signed only if credible: trust plus
monitoring, demilitarised zones and third-party guarantees (Fortna 2004; Walter 2002), minus
the expected shift in power (Powell 2006).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Deal:
    """A's share of each issue, and each side's value of the whole package."""

    shares: tuple[float, ...]
    value_a: float
    value_b: float


def bargaining_range(p_a: float, p_b: float, c_a: float, c_b: float) -> tuple[float, float]:
    """Shares x for A that both prefer to war: [p_a - c_a, 1 - p_b + c_b] (may be empty)."""
    return p_a - c_a, 1.0 - p_b + c_b


def mutual_optimism(p_a: float, p_b: float, c_a: float, c_b: float) -> bool:
    """True when both sides' beliefs leave no split they both prefer to fighting."""
    return p_a + p_b > 1.0 + c_a + c_b


def blocking_issues(red_a: np.ndarray, red_b: np.ndarray, divisible: np.ndarray) -> list[int]:
    """Issues whose red lines cannot both be met."""
    clash = np.where(divisible, red_a + red_b > 1.0 + 1e-9, (red_a > 0.5) & (red_b > 0.5))
    return [int(k) for k in np.flatnonzero(clash)]


def find_deal(
    salience: np.ndarray,
    divisible: np.ndarray,
    red_a: np.ndarray,
    red_b: np.ndarray,
    lo: float,
    hi: float,
) -> Deal | None:
    """The package both sides accept, splitting the surplus evenly; None if there is none.

    Indivisible issues go to the side whose red line demands them (0.5 each when neither
    does); divisible issues move together between their red-line bounds until A's value sits
    at the middle of what both red lines and the bargaining range allow.
    """
    if blocking_issues(red_a, red_b, divisible):
        return None
    weight = salience / salience.sum()
    fixed = np.where(red_a > 0.5, 1.0, np.where(red_b > 0.5, 0.0, 0.5))
    low = np.where(divisible, red_a, fixed)
    high = np.where(divisible, 1.0 - red_b, fixed)
    u_min, u_max = float(weight @ low), float(weight @ high)
    lo_ok, hi_ok = max(lo, u_min), min(hi, u_max)
    if lo_ok > hi_ok:
        return None
    target = 0.5 * (lo_ok + hi_ok)
    t = 0.0 if u_max - u_min < 1e-12 else (target - u_min) / (u_max - u_min)
    shares = low + t * (high - low)
    value_a = float(weight @ shares)
    return Deal(tuple(float(x) for x in shares), value_a, 1.0 - value_a)


def ripeness(
    front: Sequence[float], window: int, stalemate_tolerance: float, decisive_shift: float
) -> tuple[bool, str]:
    """Is the conflict ripe for talks? Returns the verdict and the reason with its numbers."""
    if len(front) <= window:
        return False, f"not ripe: only {len(front) - 1} months of fighting observed"
    recent = front[-window - 1 :]
    moved = recent[-1] - recent[0]
    if abs(moved) >= decisive_shift:
        return True, f"ripe: decisive shift, front moved {moved:+.3f} in {window} months"
    spread = max(recent) - min(recent)
    if spread <= stalemate_tolerance:
        return True, f"ripe: hurting stalemate, front moved {spread:.3f} in {window} months"
    return False, f"not ripe: front still moving ({moved:+.3f} in {window} months)"


def concession_goodwill(value: float, months_at_war: float, decay: float) -> float:
    """v(t) = v0 exp(-lambda t): the same concession is worth less the later it comes."""
    return value * math.exp(-decay * months_at_war)


def hardened(
    red_lines: np.ndarray,
    divisible: np.ndarray,
    territorial: np.ndarray,
    audience_cost: float,
    territorial_hardening: float,
) -> np.ndarray:
    """Red lines after audience costs: divisible demands already made grow firmer, territorial
    ones faster (homeland territory is seen as indivisible: Toft 2003; Hassner 2003)."""
    extra = audience_cost * (1.0 + territorial_hardening * territorial)
    return np.where(divisible & (red_lines > 0), np.minimum(1.0, red_lines + extra), red_lines)


def credibility(
    trust: float,
    monitoring: bool,
    dmz: bool,
    guarantee: float,
    power_shift: float,
    institution_weight: float,
    monitoring_credibility: float,
    dmz_credibility: float,
    guarantee_credibility: float,
    power_shift_penalty: float,
) -> float:
    """How far a side believes the other will keep a deal, in [0, 1]."""
    institutions = monitoring * monitoring_credibility + dmz * dmz_credibility + guarantee * guarantee_credibility
    raw = trust + institution_weight * institutions - power_shift_penalty * abs(power_shift)
    return float(min(1.0, max(0.0, raw)))


def ceasefire_breakdown(
    base: float,
    monitoring: bool,
    dmz: bool,
    threat: float,
    trust: float,
    monitoring_protection: float,
    dmz_protection: float,
) -> float:
    """Monthly chance a ceasefire collapses (Fortna 2004: monitors and DMZs make peace last)."""
    hazard = base * (1 - monitoring_protection * monitoring) * (1 - dmz_protection * dmz)
    return float(min(1.0, hazard * (0.5 + threat) * (1.5 - trust)))
