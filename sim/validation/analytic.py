"""Analytic limits: formal results the full model must reproduce with other mechanisms off.

Every check builds a minimal two-state scenario (`checks.dyad`), switches the unrelated
mechanisms off through ordinary parameters (noise, fog, shocks, regeneration, front movement,
collapse thresholds), runs the real `ConflictModel` month by month and compares what it did
with the closed-form result:

- Lanchester (1916), square law for aimed fire: the survivors of the stronger side,
  A_T = sqrt(A0^2 - (beta/alpha) B0^2), and the winner flips at alpha A0^2 = beta B0^2.
- Fearon (1995), the bargaining range (p - c_A, p + c_B): with complete information a
  settlement inside the range comes at once; with private information (optimism) the range is
  empty, war starts, and fighting makes beliefs converge until a deal inside the range is signed
  (Wagner 2000; Slantchev 2003).
- Richardson (1960): dx/dt = k y - a x + g, dy/dt = l x - b y + h is stable iff ab > kl, with
  equilibrium x* = (b g + k h)/(ab - kl); runaway otherwise.

Zartman's ripeness and Putnam's two-level game need ensembles: `sim.validation.comparative`.
`CHECKS` registers all five by name.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from sim.model import ConflictModel
from sim.validation import comparative
from sim.validation.checks import Check, dyad

# Everything that is not the mechanism under test, switched off.
QUIET = {
    "combat_noise": 0.0,
    "front_noise": 0.0,
    "fog": 0.0,
    "shock_rate": 0.0,
    "recovery": 0.0,
}
LANCHESTER_TOL = 0.03  # relative error allowed from monthly Euler steps
RICHARDSON_TOL = 0.02


def _run(spec, seed: int = 0, steps: int | None = None, stop: bool = True) -> ConflictModel:
    return ConflictModel(spec, rng=seed, steps=steps, stop_at_outcome=stop).run()


# --- Lanchester ------------------------------------------------------------------------------
LANCHESTER_RATE = 0.05 * 0.5  # attrition_rate x intensity: the monthly k of dA/dt = -k B


def lanchester_duel(a0: float, b0: float, qa: float = 1.0, qb: float = 1.0, months: int = 59) -> tuple[float, float]:
    """Forces left after `months` of aimed fire at constant intensity, nothing else moving."""
    a, b = lanchester_path(a0, b0, qa, qb, months)
    return a[-1], b[-1]


def lanchester_path(
    a0: float, b0: float, qa: float = 1.0, qb: float = 1.0, months: int = 59
) -> tuple[list[float], list[float]]:
    """Both sides' forces month by month (month 0 first) in the model's duel."""
    params = {
        **QUIET,
        "front_speed": 0.0,
        "defense_advantage": 1.0,  # no defender's fire bonus: pure square law
        "attrition_rate": 0.05,
        "war_drain": 0.0,
        "escalation_step": 0.0,
        "collapse_military": 0.0,
        "collapse_will": 0.0,
        "break_loss": 1.0,  # no breakpoints: pure attrition
        "opening_campaign": 600,  # nobody stops to talk within the duel
    }
    spec = dyad(
        "lanchester",
        params,
        {"military": a0, "quality": qa},
        {"military": b0, "quality": qb},
        {"phase": "war", "intensity": 0.5},
        steps=months,
    )
    t = _run(spec, stop=False).model_table()
    return [float(x) for x in t["military_a"]], [float(x) for x in t["military_b"]]


def lanchester_checks() -> list[Check]:
    out = []
    for a0, b0, qa, qb in ((1.0, 0.8, 1.0, 1.0), (1.0, 0.6, 1.0, 2.0)):
        expected = math.sqrt(a0**2 - (qb / qa) * b0**2)
        a_t, b_t = lanchester_duel(a0, b0, qa, qb)
        err = abs(a_t - expected) / expected
        out.append(
            Check(
                "analytic",
                f"Lanchester square law: survivors (A0={a0}, B0={b0}, β/α={qb / qa:g})",
                f"A_T = √(A0² − (β/α)·B0²) = {expected:.3f}, B_T = 0 (±{LANCHESTER_TOL:.0%})",
                f"A_T = {a_t:.3f}, B_T = {b_t:.3f} (error {err:.1%})",
                err <= LANCHESTER_TOL and b_t < 1e-9,
                "Lanchester 1916",
                {"expected": expected, "a_t": a_t, "b_t": b_t, "error": err, "a0": a0, "b0": b0, "qa": qa, "qb": qb},
            )
        )
    flips = []
    for b0 in (0.98, 1.02):  # 2% either side of the threshold alpha*A0^2 = beta*B0^2
        a_t, b_t = lanchester_duel(1.0, b0)
        flips.append("A" if a_t > b_t else "B")
    out.append(
        Check(
            "analytic",
            "Lanchester square law: the winner flips at αA0² = βB0²",
            "A wins at B0 = 0.98·A0, B wins at B0 = 1.02·A0",
            f"{flips[0]} wins at 0.98, {flips[1]} wins at 1.02",
            flips == ["A", "B"],
            "Lanchester 1916",
            {"winners": flips},
        )
    )
    return out


# --- Fearon ----------------------------------------------------------------------------------
def fearon_run(optimism: float) -> dict:
    """Two equal realist states in a crisis; `optimism` is each side's private overestimate."""
    params = {
        **QUIET,
        "threat_power_weight": 2.0,  # threat 1.0: a confident side strikes
        "optimism_persistence": 0.0,  # optimism is private information that fighting reveals
        "direct_rounds": 1.0,  # a package is on the table every month
        "decision_temperature": 0.001,  # (nearly) best responses: the closed form has no noise
    }
    spec = dyad(
        "fearon",
        params,
        {"optimism": optimism},
        {"optimism": optimism},
        {"phase": "crisis", "trust": 0.9, "stakes": [2.0, 2.0]},
        steps=60,
    )
    m = _run(spec)
    t = m.model_table().set_index("step")
    war = t.index[t["phase"].isin(["war", "talks"])]
    step = m.outcome_step
    row = t.loc[step] if step is not None else t.iloc[-1]
    gap0 = float(t.loc[0, "belief_a"] + t.loc[0, "belief_b"] - 1)
    share = m.primary.deal[0] if m.primary.deal else float("nan")
    return {
        "outcome": str(m.final_outcome),
        "month": step,
        "war_months": len(war),
        "gap0": gap0,
        "gap_end": float(row["belief_a"] + row["belief_b"] - 1),
        "lo": float(row["range_lo"]),
        "hi": float(row["range_hi"]),
        "deal": float(share),
        "gaps": [float(x) for x in (t["belief_a"] + t["belief_b"] - 1)],
        "widths": [float(x) for x in (t["range_hi"] - t["range_lo"])],  # NaN at month 0
    }


def fearon_checks() -> list[Check]:
    full, private = fearon_run(0.0), fearon_run(0.3)
    inside = lambda r: r["lo"] <= r["deal"] <= r["hi"]  # noqa: E731
    converged = private["gap_end"] < private["gap0"] and all(
        b <= a + 1e-9 for a, b in zip(private["gaps"], private["gaps"][1:], strict=False)
    )
    return [
        Check(
            "analytic",
            "Fearon: complete information → settlement inside the range, no war",
            "settlement in month 1, 0 months of war, deal x ∈ (p − c_A, p + c_B)",
            f"{full['outcome']} in month {full['month']}, {full['war_months']} months of war, "
            f"x = {full['deal']:.3f} ∈ [{full['lo']:.3f}, {full['hi']:.3f}]",
            full["outcome"] == "settlement" and full["month"] == 1 and full["war_months"] == 0 and inside(full),
            "Fearon 1995",
            {k: v for k, v in full.items() if k not in ("gaps", "widths")},
        ),
        Check(
            "analytic",
            "Fearon: private information (optimism 0.3 each) → war, then a deal as beliefs converge",
            "range empty at first (p̂_A + p̂_B > 1 + c_A + c_B), war, belief gap falls every month, "
            "then settlement inside the range",
            f"belief gap {private['gap0']:.2f} → {private['gap_end']:.2f} over {private['war_months']} months "
            f"of fighting; {private['outcome']} in month {private['month']}, x = {private['deal']:.3f} "
            f"∈ [{private['lo']:.3f}, {private['hi']:.3f}]",
            private["outcome"] == "settlement" and private["war_months"] > 0 and converged and inside(private),
            "Fearon 1995; Wagner 2000; Slantchev 2003",
            private,
        ),
    ]


# --- Richardson ------------------------------------------------------------------------------
def richardson_case(reaction: float, fatigue: float, months: int = 240) -> dict:
    """The model's arms race with threat held at 1 (k = l = reaction, a = b = fatigue)."""
    params = {
        **QUIET,
        "threat_smoothing": 0.0,  # threat stays at its initial value: linear Richardson
        "threat_power_weight": 2.0,  # equal forces: threat 2 x 0.5 = 1, so k = l = arms_reaction
        "arms_reaction": reaction,
        "arms_fatigue": fatigue,
        "direct_rounds": 0.0,  # no package on the table: the crisis goes on
        "war_cost_scale": 5.0,  # and war stays too costly to start
    }
    spec = dyad("richardson", params, dispute={"phase": "crisis", "trust": 0.0}, steps=months)
    m = _run(spec, stop=False)
    x = m.model_table()["military_a"].to_numpy()
    k = reaction * float(m.world.threat[0, 1])
    l_ = reaction * float(m.world.threat[1, 0])
    a = b = fatigue
    g = h = fatigue * 1.0
    expected = "stable" if a * b > k * l_ else "runaway"
    eq = (b * g + k * h) / (a * b - k * l_) if expected == "stable" else float("inf")
    simulated = "runaway" if x[-1] > 1.05 * x[-13] and x[-1] > 5.0 else "stable"
    err = abs(x[-1] - eq) / eq if expected == "stable" else 0.0
    ok = expected == simulated and (expected == "runaway" or err <= RICHARDSON_TOL)
    return {
        "k": k,
        "l": l_,
        "a": a,
        "b": b,
        "expected": expected,
        "simulated": simulated,
        "equilibrium": eq,
        "final": float(x[-1]),
        "error": err,
        "passed": ok,
    }


RICHARDSON_GRID = [(f * r, f) for f in (0.1, 0.3) for r in (0.5, 0.8, 1.25, 2.0)]


def richardson_checks(grid: Iterable[tuple[float, float]] = RICHARDSON_GRID) -> list[Check]:
    cases = [richardson_case(r, f) for r, f in grid]
    good = sum(c["passed"] for c in cases)
    default = richardson_case(0.04, 0.05, months=720)  # slow convergence (rate a - k = 0.01)
    by_ratio: dict[str, set[str]] = {}
    for c in cases:
        by_ratio.setdefault(c["simulated"], set()).add(f"{c['k'] * c['l'] / (c['a'] * c['b']):.2f}")
    lines = "; ".join(f"{cls} at kl/ab = {', '.join(sorted(r))}" for cls, r in sorted(by_ratio.items(), reverse=True))
    return [
        Check(
            "analytic",
            f"Richardson: stable iff ab > kl, runaway otherwise ({len(cases)}-point grid)",
            f"class matches the eigenvalues on every point; stable x_T = x* ± {RICHARDSON_TOL:.0%}",
            f"{good}/{len(cases)} match: {lines}",
            good == len(cases),
            "Richardson 1960",
            {"cases": cases},
        ),
        Check(
            "analytic",
            "Richardson: default parameters (arms_reaction 0.04, arms_fatigue 0.05)",
            f"stable, x* = (bg + kh)/(ab − kl) = {default['equilibrium']:.3f}",
            f"{default['simulated']}, x_T = {default['final']:.3f} (error {default['error']:.1%})",
            default["passed"],
            "Richardson 1960",
            default,
        ),
    ]


CHECKS: dict[str, Callable[..., list[Check]]] = {
    "lanchester": lanchester_checks,
    "fearon": fearon_checks,
    "richardson": richardson_checks,
    "zartman": lambda seeds=20: [comparative.zartman_check(seeds)],
    "putnam": lambda seeds=60: [comparative.putnam_check(max(seeds, 20))],  # fewer seeds cannot show it
}


def analytic_checks(seeds: int | None = None) -> list[Check]:
    """Every analytic check; `seeds` sizes the two ensemble checks (Zartman, Putnam)."""
    out = []
    for name, fn in CHECKS.items():
        out += fn(seeds) if seeds and name in ("zartman", "putnam") else fn()
    return out
