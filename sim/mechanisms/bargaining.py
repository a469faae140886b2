"""Bargaining: Fearon's range, claims as reference points, the Nash package, credibility.

Fearon (1995): with p = A's chance of winning and costs c_A, c_B (shares of the stake), any
split x in (p - c_A, p + c_B) beats war for both. Each side uses its own belief, so the range
is empty under mutual optimism (p_A + p_B > 1 + c_A + c_B): private information can make war.

Red lines are not vetoes but reference points (Levy 1996; Kahneman & Tversky 1979): signing
away part of a claim costs `penalty` times the shortfall on top of the share lost, and the
penalty grows with audience costs (Fearon 1994) and for homeland territory (Toft 2003).
Several issues are bargained as one package: each side weighs them by its own salience, so
linked issues can be traded (Fearon 1995 on issue linkage; Goddard 2006: indivisibility is
made, not given). A mediator proposes the package that maximises the Nash product of the two
surpluses over each side's value of no deal (Nash 1950), on the Pareto frontier traced by
weighting the sides' utilities.

A deal is only worth its credibility: with probability kappa it is kept, otherwise the other
side reneges and the war resumes from worse (Powell 2006; Walter 2002; Fortna 2004). So a
side accepts x iff kappa*U(x) + (1 - kappa)*(V_war - betrayal) >= V_war.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

SATISFIED_RIVAL = 0.3  # share of the reneging risk left when the rival holds its war aims
LAMBDAS = np.linspace(0.02, 0.98, 25)  # weights on A's utility that trace the Pareto frontier
SEGMENT = np.linspace(0.1, 0.9, 9)  # points inside each segment between two vertices
MAX_INDIVISIBLE = 6  # indivisible issues whose every allocation is tried (2**6 packages each)


@dataclass(frozen=True)
class Deal:
    """A's share of each issue, and each side's value of the whole package (stake units)."""

    shares: tuple[float, ...]
    value_a: float
    value_b: float
    payment_a: float = 0.0  # side payment from the mediator to A (stake units), included in value_a
    payment_b: float = 0.0
    raw_a: float = 0.0  # A's value before weighing relative gains (side payment included)
    raw_b: float = 0.0


def bargaining_range(p_a: float, p_b: float, c_a: float, c_b: float) -> tuple[float, float]:
    """Shares x for A that both prefer to war: [p_a - c_a, 1 - p_b + c_b] (may be empty)."""
    return p_a - c_a, 1.0 - p_b + c_b


def mutual_optimism(p_a: float, p_b: float, c_a: float, c_b: float) -> bool:
    """True when both sides' beliefs leave no split they both prefer to fighting."""
    return p_a + p_b > 1.0 + c_a + c_b


def weights(salience: np.ndarray) -> np.ndarray:
    """Issue weights that sum to one (a side's whole stake is 1)."""
    total = float(np.sum(salience))
    return salience / total if total > 0 else np.full_like(salience, 1.0 / len(salience))


def issue_values(x: np.ndarray, w: np.ndarray, claim: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    """Per-issue value of receiving share `x`: the share, minus `penalty` x the claim signed away."""
    return w * (x - penalty * np.maximum(0.0, claim - x))


def package_values(
    shares: np.ndarray, w_a: np.ndarray, w_b: np.ndarray, claim_a, claim_b, pen_a, pen_b
) -> tuple[float, float]:
    """Each side's value of a package of A's shares."""
    va = issue_values(shares, w_a, claim_a, pen_a).sum()
    vb = issue_values(1.0 - shares, w_b, claim_b, pen_b).sum()
    return float(va), float(vb)


def relative(own: float, rival: float, relative_gains: float) -> float:
    """Grieco (1988): a state that weighs relative gains dislikes deals where the rival gains more."""
    return own - relative_gains * max(0.0, rival - own)


def candidate_shares(divisible: np.ndarray, claim_a: np.ndarray, claim_b: np.ndarray, held: np.ndarray) -> np.ndarray:
    """Kinks of the piecewise-linear utilities, per issue: where an optimum can sit."""
    c = np.stack(
        [np.zeros_like(claim_a), np.ones_like(claim_a), claim_a, 1.0 - claim_b, held, np.full_like(claim_a, 0.5)], 1
    )
    return np.where(divisible[:, None], np.clip(c, 0.0, 1.0), np.where(c >= 0.5, 1.0, 0.0))


def frontier(
    w_a, w_b, claim_a, claim_b, pen_a, pen_b, divisible: np.ndarray, held: np.ndarray, reserves=(0.0, 0.0)
) -> np.ndarray:
    """Candidate packages (rows of A's shares) on the Pareto frontier.

    For every way of giving out the indivisible issues, the divisible ones are traced by
    weighting the two sides' utilities (the vertices) and by points inside each segment between
    consecutive vertices, where the Nash point of a linear frontier may lie.
    """
    cands = candidate_shares(divisible, claim_a, claim_b, held)  # (K, M)
    ua = issue_values(cands, w_a[:, None], claim_a[:, None], pen_a[:, None])
    ub = issue_values(1.0 - cands, w_b[:, None], claim_b[:, None], pen_b[:, None])
    lam = LAMBDAS[:, None, None]
    k = np.arange(cands.shape[0])
    vertices = cands[k, np.argmax(lam * ua + (1.0 - lam) * ub, axis=2)]  # (G, K)
    start, step = vertices[:-1], vertices[1:] - vertices[:-1]
    inner = (start[None] + SEGMENT[:, None, None] * step[None]).reshape(-1, len(k))
    # and the Nash point of each segment, where (u_a - r_a)(u_b - r_b) peaks if utilities are linear on it
    va = issue_values(vertices, w_a, claim_a, pen_a).sum(axis=1)
    vb = issue_values(1.0 - vertices, w_b, claim_b, pen_b).sum(axis=1)
    da, db = np.diff(va), np.diff(vb)
    sa, sb = va[:-1] - reserves[0], vb[:-1] - reserves[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        peak = np.where(np.abs(da * db) > 1e-12, -(da * sb + db * sa) / (2 * da * db), 0.5)
    peak = np.clip(np.nan_to_num(peak, nan=0.5), 0.0, 1.0)
    traced = np.concatenate([vertices, inner, start + peak[:, None] * step])
    whole = np.flatnonzero(~divisible)[:MAX_INDIVISIBLE]
    out = []
    for bits in itertools.product((0.0, 1.0), repeat=len(whole)):
        fixed = traced.copy()
        fixed[:, whole] = bits
        out.append(fixed)
    return np.unique(np.concatenate(out), axis=0)


def nash_package(
    w_a: np.ndarray,
    w_b: np.ndarray,
    claim_a: np.ndarray,
    claim_b: np.ndarray,
    pen_a: np.ndarray,
    pen_b: np.ndarray,
    divisible: np.ndarray,
    held: np.ndarray,
    reserve_a: float,
    reserve_b: float,
    relative_a: float = 0.0,
    relative_b: float = 0.0,
    side_payment: float = 0.0,
) -> Deal | None:
    """The package on the Pareto frontier with the largest Nash product of the two surpluses
    over `reserve_a`, `reserve_b`; None when no package gives both at least their reserve.

    A mediator "with muscle" can add up to `side_payment` (aid, reconstruction, recognition) to
    make up one side's shortfall (Touval & Zartman 1985): it goes to whichever side needs it.
    """
    packages = frontier(w_a, w_b, claim_a, claim_b, pen_a, pen_b, divisible, held, (reserve_a, reserve_b))
    raw_a = issue_values(packages, w_a, claim_a, pen_a).sum(axis=1)
    raw_b = issue_values(1.0 - packages, w_b, claim_b, pen_b).sum(axis=1)
    val_a = raw_a - relative_a * np.maximum(0.0, raw_b - raw_a)
    val_b = raw_b - relative_b * np.maximum(0.0, raw_a - raw_b)
    sa, sb = val_a - reserve_a, val_b - reserve_b
    pay_a, pay_b = np.maximum(0.0, -sa), np.maximum(0.0, -sb)
    ok = pay_a + pay_b <= side_payment + 1e-12
    if not ok.any():
        return None
    g = int(np.argmax(np.where(ok, (sa + pay_a + 1e-9) * (sb + pay_b + 1e-9), -np.inf)))
    return Deal(
        tuple(float(x) for x in packages[g]),
        float(val_a[g] + pay_a[g]),
        float(val_b[g] + pay_b[g]),
        float(pay_a[g]),
        float(pay_b[g]),
        float(raw_a[g] + pay_a[g]),
        float(raw_b[g] + pay_b[g]),
    )


def effective_reserve(war_value: float, credibility: float, betrayal_cost: float) -> float:
    """The least a deal must be worth to beat fighting on, given that it may not be kept:
    kappa*U + (1 - kappa)*(V - b) >= V  <=>  U >= V + b*(1 - kappa)/kappa."""
    kappa = max(credibility, 0.02)
    return war_value + betrayal_cost * (1.0 - kappa) / kappa


def credibility(
    trust: float,
    institutions: float,
    guarantee: float,
    power_shift: float,
    institution_weight: float,
    guarantee_credibility: float,
    power_shift_penalty: float,
    renege_base: float,
    rival_satisfied: bool = False,
) -> float:
    """How far a side believes the other will keep a deal, in [0, 1].

    The chance the rival reneges starts at `renege_base` for a rival it does not trust at all,
    falls with trust, falls with what monitors, a DMZ and a guarantor add (as far as the lens
    believes in them: Fortna 2004; Walter 2002), and rises with the forecast shift in power
    against this side (Powell 2006's commitment problem). A rival that already holds its war
    aims has little to gain by reneging: its promise is partly self-enforcing (Fearon 1995).
    """
    shield = max(0.0, 1.0 - institution_weight * (institutions + guarantee * guarantee_credibility))
    renege = (1.0 - trust) * renege_base * shield * (1.0 + power_shift_penalty * max(0.0, power_shift))
    renege *= SATISFIED_RIVAL if rival_satisfied else 1.0
    return float(min(1.0, max(0.0, 1.0 - renege)))


def concession_goodwill(value: float, months_at_war: float, decay: float) -> float:
    """v(t) = v0 exp(-lambda t): the same concession is worth less the later it comes."""
    return value * math.exp(-decay * months_at_war)


def ceasefire_breakdown(
    base: float,
    monitoring: bool,
    dmz: bool,
    trust: float,
    power_shift: float,
    monitoring_protection: float,
    dmz_protection: float,
) -> float:
    """Monthly chance a ceasefire collapses through spoilers and incidents (Fortna 2004: monitors
    and DMZs make peace last; shifts in power and low trust make it fragile)."""
    hazard = base * (1 - monitoring_protection * monitoring) * (1 - dmz_protection * dmz)
    return float(min(1.0, hazard * (1.5 - trust) * (1.0 + 5.0 * abs(power_shift))))
