"""Global sensitivity analysis of a batch: which parameters drive P(frozen), P(settlement), ...

The batch ran a Sobol' (Saltelli) or Morris design (`sim.experiments.sampling`) with several
replicates per point. Here each point's outcome probabilities are estimated as the share of its
successful replicates ending in that outcome, per lens, and SALib (Herman & Usher 2017) turns
the design's outputs into indices:

- Sobol' (Sobol' 2001; Saltelli et al. 2010): `S1`, the share of the variance of P(outcome) due
  to a parameter alone, and `ST`, its share including all its interactions.
- Morris elementary effects (Morris 1991; Campolongo et al. 2007): `mu_star`, the mean absolute
  change of P(outcome) when the parameter moves across its range (a screening measure), and
  `sigma`, the spread of those changes (non-linearity or interactions).

The bootstrap confidence intervals are seeded from the experiment's seed, so the same batch
always gives the same table. The chart lives in `sensitivity_figures`; `sensitivity_figure` is
re-exported here for the batch report.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.atomic import replace_file
from sim.experiments.sampling import MORRIS_LEVELS, design_size, salib_problem
from sim.experiments.sensitivity_figures import lens_rank, sensitivity_figure

METHODS = ("sobol", "morris")
ANALYZED_OUTCOMES = ("frozen", "settlement", "escalation", "victory")
RANK_INDEX = {"sobol": "ST", "morris": "mu_star"}
SECOND_INDEX = {"sobol": "S1", "morris": "sigma"}
NUM_RESAMPLES = 200
COLUMNS = ["lens", "outcome", "parameter", "index", "value", "conf", "noise_floor"]
SENSITIVITY_FILE = "sensitivity.parquet"
# Varied when no bounds are given: four levers of the frozen-or-settled question (Fortna 2004;
# Fearon 1995; Zartman 2000), each over a range that includes its default.
DEFAULT_BOUNDS = {
    "ceasefire_hazard": (0.02, 0.15),
    "renege_base": (0.1, 0.6),
    "concession_decay": (0.01, 0.2),
    "war_drain": (0.01, 0.06),
}
DEFAULT_N = {"sobol": 16, "morris": 10}
DEFAULT_REPLICATES = 20
DEFAULT_SEED = 1

__all__ = [
    "ANALYZED_OUTCOMES",
    "DEFAULT_BOUNDS",
    "METHODS",
    "SENSITIVITY_FILE",
    "analyze",
    "design_fields",
    "noise_floor",
    "outcome_probabilities",
    "ranking",
    "sensitivity_figure",
    "write_sensitivity",
]


def _field(spec: Any, name: str, default: Any = None) -> Any:
    """A spec field from an ExperimentSpec or the dict of a resolved experiment.json."""
    if isinstance(spec, Mapping):
        return spec.get(name, default)
    return getattr(spec, name, default)


def design_fields(
    scenario: str,
    method: str,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    *,
    n: int | None = None,
    replicates: int | None = None,
    lenses: Sequence[str] | None = None,
    steps: int | None = None,
    seed: int | None = None,
) -> dict[str, Any]:
    """The ExperimentSpec fields `brink sensitivity SCENARIO` runs, with its defaults filled in."""
    name = Path(scenario).stem if scenario.endswith(".toml") else scenario
    fields: dict[str, Any] = {
        "name": f"{name}-{method}",
        "scenario": scenario,
        "sample": method,
        "n": n or DEFAULT_N[method],
        "bounds": dict(bounds or DEFAULT_BOUNDS),
        "replicates": replicates or DEFAULT_REPLICATES,
        "steps": steps,
        "seed": DEFAULT_SEED if seed is None else seed,
    }
    if lenses:
        fields["lenses"] = list(lenses)
    return fields


def design_of(spec: Any, method: str | None = None) -> tuple[str, dict[str, tuple[float, float]], int]:
    """(method, bounds, n) of a spec's sampling design; ValueError if it is not sobol/morris."""
    sample = _field(spec, "sample")
    method = method or sample
    if sample not in METHODS:
        name = _field(spec, "name", "this experiment")
        raise ValueError(
            f"experiment {name!r} was not sampled for sensitivity analysis (sample={sample!r}); "
            "run it with --sample sobol or --sample morris"
        )
    if method != sample:
        raise ValueError(f"--method {method}: the batch was sampled with {sample}, analyze it with --method {sample}")
    if _field(spec, "grid") or _field(spec, "ranges"):
        raise ValueError("a sensitivity design cannot be combined with --grid or --range")
    bounds = {k: (float(lo), float(hi)) for k, (lo, hi) in dict(_field(spec, "bounds") or {}).items()}
    if not bounds:
        raise ValueError("the experiment has no --bounds; nothing to analyze")
    return method, bounds, int(_field(spec, "n"))


def outcome_probabilities(outcomes: pd.DataFrame, n_points: int) -> pd.DataFrame:
    """P(outcome) per point and lens: shares of the successful replicates, ordered by point.

    Returns a frame indexed by (lens, point) with one column per outcome in ANALYZED_OUTCOMES
    plus `runs` (successful replicates). Failed runs (non-null `error`) are left out.

    Raises:
        ValueError: if a point of the design has no successful run for some lens.
    """
    ok = outcomes if "error" not in outcomes else outcomes[outcomes["error"].isna()]
    lenses = sorted(outcomes["lens"].astype(str).unique())
    if not lenses:
        raise ValueError("the batch has no runs")
    counts = pd.crosstab([ok["lens"].astype(str), ok["point"].astype(int)], ok["outcome"].astype(str))
    full = pd.MultiIndex.from_product([lenses, range(n_points)], names=["lens", "point"])
    counts = counts.reindex(index=full, columns=sorted(set(counts.columns) | set(ANALYZED_OUTCOMES)), fill_value=0)
    runs = counts.sum(axis=1)
    if (runs == 0).any():
        missing = [f"point {p} ({lens})" for lens, p in runs.index[runs == 0]]
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise ValueError(
            f"no successful run at {', '.join(missing[:5])}{more}: the design needs every point "
            "(see the error column of outcomes.parquet, or rerun with --resume)"
        )
    probs = counts[list(ANALYZED_OUTCOMES)].div(runs, axis=0)
    probs["runs"] = runs
    return probs


def _design_matrix(outcomes: pd.DataFrame, names: Sequence[str], n_points: int, spec: Any) -> np.ndarray:
    """The values each point actually ran with (Morris needs them), in point order."""
    if all(name in outcomes for name in names):
        x = outcomes.groupby("point")[list(names)].first().reindex(range(n_points))
        if not x.isna().any().any():
            return x.to_numpy(dtype=float)
    points = spec.points() if hasattr(spec, "points") else None
    if points is None or len(points) != n_points:
        raise ValueError("cannot recover the design's parameter values: outcomes lack the parameter columns")
    return np.array([[float(p[name]) for name in names] for p in points])


def analyze(outcomes: pd.DataFrame, spec: Any, method: str | None = None, *, seed: int | None = None) -> pd.DataFrame:
    """Sobol' or Morris indices of P(outcome) for each lens and outcome, as a tidy frame.

    Args:
        outcomes: one row per run, as in outcomes.parquet (point, lens, outcome, error and one
            column per varied parameter).
        spec: the ExperimentSpec (or experiment.json dict) whose `sample`, `bounds` and `n`
            define the design.
        method: "sobol" or "morris"; must match the design (default: the design's).
        seed: seeds SALib's bootstrap (default: the experiment's seed).

    Returns:
        Columns lens, outcome, parameter, index (S1/ST or mu_star/sigma), value, conf and
        noise_floor (what replicate noise alone would give, see `noise_floor`). Outcomes
        whose probability is the same at every point (e.g. never happens) carry no information
        and are left out.

    Raises:
        ValueError: not a sobol/morris design, a design of another size, or a point without any
            successful run.
    """
    method, bounds, n = design_of(spec, method)
    problem = salib_problem(bounds)
    n_points = design_size(method, len(bounds), n)
    seen = outcomes["point"].nunique() if len(outcomes) else 0
    if len(outcomes) and (outcomes["point"].min() < 0 or outcomes["point"].max() >= n_points):
        raise ValueError(f"outcomes have points outside the {method} design of {n_points} points")
    if seen < n_points:
        raise ValueError(
            f"the {method} design has {n_points} points but only {seen} have runs; finish it with --resume"
        )
    probs = outcome_probabilities(outcomes, n_points)
    seed = int(_field(spec, "seed", 0) or 0) if seed is None else seed
    x = _design_matrix(outcomes, problem["names"], n_points, spec) if method == "morris" else None
    rows: list[dict[str, Any]] = []
    for lens, frame in probs.groupby(level="lens", sort=True):
        for outcome in ANALYZED_OUTCOMES:
            y = frame[outcome].to_numpy(dtype=float)
            if np.ptp(y) == 0:
                continue
            floor = noise_floor(method, y, frame["runs"].to_numpy())
            for row in _indices(method, problem, x, y, seed, lens=str(lens), outcome=outcome):
                rows.append({**row, "noise_floor": floor})
    return pd.DataFrame(rows, columns=COLUMNS)


def noise_floor(method: str, p: np.ndarray, runs: np.ndarray) -> float:
    """The index a parameter with no effect at all would get from replicate noise alone.

    Each P(outcome) is a share of `runs` replicates, so it carries binomial noise of variance
    about p(1-p)/(runs-1). For Sobol' that noise adds noise/Var(P) to every ST; for Morris it
    gives every elementary effect a mean absolute value of sqrt(4 noise / pi) / delta. Indices
    near the floor cannot be told apart from no effect: add replicates to lower it.
    """
    noise = float(np.mean(p * (1 - p) / np.maximum(runs - 1, 1)))
    if method == "sobol":
        return min(noise / float(np.var(p)), 1.0)
    delta = MORRIS_LEVELS / (2 * (MORRIS_LEVELS - 1))
    return float(np.sqrt(4 * noise / np.pi) / delta)


def _indices(method: str, problem: dict, x: np.ndarray | None, y: np.ndarray, seed: int, **key: str) -> list[dict]:
    """One SALib analysis as tidy rows."""
    rng = np.random.default_rng(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if method == "sobol":
            from SALib.analyze import sobol

            si = sobol.analyze(problem, y, calc_second_order=True, num_resamples=NUM_RESAMPLES, seed=rng)
            pairs = {"S1": ("S1", "S1_conf"), "ST": ("ST", "ST_conf")}
        else:
            from SALib.analyze import morris

            si = morris.analyze(problem, x, y, num_resamples=NUM_RESAMPLES, num_levels=MORRIS_LEVELS, seed=rng)
            pairs = {"mu_star": ("mu_star", "mu_star_conf"), "sigma": ("sigma", None)}
    rows = []
    for i, name in enumerate(problem["names"]):
        for index, (value_key, conf_key) in pairs.items():
            conf = float(si[conf_key][i]) if conf_key else float("nan")
            rows.append({**key, "parameter": name, "index": index, "value": float(si[value_key][i]), "conf": conf})
    return rows


def method_of(df: pd.DataFrame) -> str:
    """ "sobol" or "morris", read from the indices present in an analysis frame."""
    return "morris" if (df["index"] == "mu_star").any() else "sobol"


def ranking(df: pd.DataFrame) -> pd.DataFrame:
    """Parameters ranked per (lens, outcome), most influential first, by ST (Sobol') or mu_star (Morris).

    Returns:
        Columns lens, outcome, rank (1 = most influential), parameter, then one column per index
        with its `_conf` (e.g. ST, ST_conf, S1, S1_conf).
    """
    if df.empty:
        return pd.DataFrame(columns=["lens", "outcome", "rank", "parameter"])
    method = method_of(df)
    wide = df.pivot_table(index=["lens", "outcome", "parameter"], columns="index", values=["value", "conf"])
    table = pd.DataFrame(index=wide.index)
    for index in (RANK_INDEX[method], SECOND_INDEX[method]):
        table[index] = wide[("value", index)]
        if ("conf", index) in wide:
            table[f"{index}_conf"] = wide[("conf", index)]
    if "noise_floor" in df:
        table["noise_floor"] = df.groupby(["lens", "outcome", "parameter"])["noise_floor"].first()
    table = table.reset_index()
    order = {o: i for i, o in enumerate(ANALYZED_OUTCOMES)}
    table["_o"] = table["outcome"].map(order).fillna(len(order))
    table["_l"] = table["lens"].map(lens_rank)
    table = table.sort_values(["_l", "_o", RANK_INDEX[method]], ascending=[True, True, False], kind="stable")
    table["rank"] = table.groupby(["lens", "outcome"]).cumcount() + 1
    indices = [c for c in table if c not in ("lens", "outcome", "parameter", "_o", "_l", "rank")]
    return table[["lens", "outcome", "rank", "parameter", *indices]].reset_index(drop=True)


def write_sensitivity(df: pd.DataFrame, out_dir: str | os.PathLike[str]) -> Path:
    """Write `sensitivity.parquet` atomically (a temporary file renamed into place)."""
    return replace_file(Path(out_dir) / SENSITIVITY_FILE, lambda tmp: df.to_parquet(tmp, index=False))
