"""Small seeded ensembles: outcome shares with Wilson intervals, for tests, reports and the app.

Large experiments belong to `brink batch`; this is the in-memory helper for a few hundred runs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from sim.columns import tidy
from sim.mechanisms.outcomes import Outcome
from sim.model import ConflictModel


def run_one(scenario: Any, lens: str | None, seed: int, steps: int | None = None, **overrides: Any) -> dict:
    """Run one model and return its outcome row (final metrics included)."""
    m = ConflictModel(scenario, lens=lens, rng=seed, steps=steps, **overrides).run()
    last = m.recorder.rows[-1]
    return {
        "seed": seed,
        "lens": m.lens_name,
        "outcome": str(m.final_outcome),
        "outcome_step": m.outcome_step,
        "steps": m.steps,
        "mean_tension": float(pd.Series([r["tension"] for r in m.recorder.rows]).mean()),
        "final_territory": last["territory"],
        "final_trust": min(last["trust_ab"], last["trust_ba"]),
        "talks_months": sum(r["phase"] == "talks" for r in m.recorder.rows),
    }


def run_ensemble(
    scenario: Any,
    lens: str | None = None,
    seeds: range | list[int] = range(50),
    steps: int | None = None,
    **overrides: Any,
) -> pd.DataFrame:
    """One outcome row per seed (`run_one`), with the documented column types (sim.columns)."""
    return tidy(pd.DataFrame([run_one(scenario, lens, s, steps, **overrides) for s in seeds]))


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a binomial share (better than Wald near 0 and 1)."""
    if n == 0:
        return 0.0, 1.0
    phat = successes / n
    denom = 1 + z * z / n
    centre = (phat + z * z / (2 * n)) / denom
    half = z * math.sqrt(phat * (1 - phat) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def outcome_shares(runs: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """One row per outcome: count, share and Wilson 95% interval.

    With `by` (e.g. `["lens"]`), one block of rows per group, the group's columns first and its
    number of runs in `n`.
    """
    if by:
        columns = [*by, "outcome", "count", "n", "share", "ci_low", "ci_high"]
        blocks = [
            outcome_shares(rows).assign(n=len(rows), **dict(zip(by, key, strict=True)))
            for key, rows in runs.groupby(list(by), sort=False)
        ]
        return pd.concat(blocks, ignore_index=True)[columns] if blocks else pd.DataFrame(columns=columns)
    n = len(runs)
    rows = []
    for outcome in Outcome:
        k = int((runs["outcome"] == outcome).sum())
        lo, hi = wilson_interval(k, n)
        rows.append({"outcome": str(outcome), "count": k, "share": k / n if n else 0.0, "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)
