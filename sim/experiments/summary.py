"""Outcome shares of a batch with Wilson 95% intervals: `summary.parquet` and pooled tables.

`summarize` turns outcomes (one row per run) into one row per (point, lens, outcome): the
varied parameters, count, n (the point's successful runs under that lens), share, ci_low and
ci_high. Every outcome gets a row, zero counts included, so a heatmap of P(frozen) has no
holes. `pool` adds counts up over points (per lens, or per value of a parameter) and recomputes
the intervals from the pooled counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from sim.ensemble import wilson_interval
from sim.mechanisms.outcomes import Outcome

OUTCOMES = tuple(str(o) for o in Outcome)
SUMMARY_COLUMNS = ("outcome", "count", "n", "share", "ci_low", "ci_high")


def _with_intervals(frame: pd.DataFrame) -> pd.DataFrame:
    counts, ns = frame["count"].to_numpy(), frame["n"].to_numpy()
    bounds = [wilson_interval(int(k), int(n)) for k, n in zip(counts, ns, strict=True)]
    frame["share"] = np.divide(counts, ns, out=np.zeros(len(frame)), where=ns > 0)
    frame["ci_low"] = [lo for lo, _ in bounds]
    frame["ci_high"] = [hi for _, hi in bounds]
    return frame


def _outcome_order(seen: Sequence[str]) -> list[str]:
    return [*OUTCOMES, *sorted(set(seen) - set(OUTCOMES))]


def count_outcomes(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Successful runs per (point, lens, outcome): columns point, lens, outcome, count."""
    ok = outcomes[outcomes["error"].isna()] if "error" in outcomes else outcomes
    ok = ok[ok["outcome"].notna()]
    return ok.groupby(["point", "lens", "outcome"], observed=True).size().rename("count").reset_index()


def summarize(outcomes: pd.DataFrame, varied: Sequence[str], lenses: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per (point, lens, outcome) with count, n, share and the Wilson 95% interval.

    Args:
        outcomes: as in outcomes.parquet (point, lens, outcome, error, varied columns).
        varied: the varied parameter columns, in order.
        lenses: lens order (default: as they first appear).
    """
    lenses = list(lenses) if lenses is not None else list(dict.fromkeys(outcomes["lens"]))
    cells = outcomes.drop_duplicates(["point", "lens"])[["point", "lens", *varied]]
    return summarize_counts(count_outcomes(outcomes), cells, lenses)


def summarize_file(path: str | Path, points: Sequence[dict], varied: Sequence[str], lenses: Sequence[str]):
    """`summarize` of an outcomes.parquet read batch by batch (memory bounded by the points, not the runs)."""
    import pyarrow.parquet as pq

    columns = ["point", "lens", "outcome", "error"]
    counts = [count_outcomes(b.to_pandas()) for b in pq.ParquetFile(path).iter_batches(65_536, columns=columns)]
    counts = pd.concat(counts) if counts else pd.DataFrame(columns=["point", "lens", "outcome", "count"])
    counts = counts.groupby(["point", "lens", "outcome"], observed=True)["count"].sum().reset_index()
    cells = pd.DataFrame(
        [{"point": i, "lens": lens, **{k: p[k] for k in varied}} for i, p in enumerate(points) for lens in lenses]
    )
    return summarize_counts(counts, cells, lenses)


def summarize_counts(counts: pd.DataFrame, cells: pd.DataFrame, lenses: Sequence[str]) -> pd.DataFrame:
    """The summary table from counts (point, lens, outcome, count) and cells (point, lens, varied...)."""
    order = _outcome_order(counts["outcome"].astype(str).unique())
    by_outcome = counts.set_index(["point", "lens", "outcome"])["count"]
    ns = counts.groupby(["point", "lens"], observed=True)["count"].sum()
    grid = cells.merge(pd.DataFrame({"outcome": order}), how="cross")
    index = pd.MultiIndex.from_frame(grid[["point", "lens", "outcome"]])
    grid["count"] = by_outcome.reindex(index, fill_value=0).to_numpy().astype("int64")
    grid["n"] = ns.reindex(pd.MultiIndex.from_frame(grid[["point", "lens"]]), fill_value=0).to_numpy().astype("int64")
    rank = {lens: i for i, lens in enumerate(lenses)}
    grid = grid.assign(_l=grid["lens"].map(rank), _o=grid["outcome"].map({o: i for i, o in enumerate(order)}))
    grid = grid.sort_values(["point", "_l", "_o"], kind="stable").drop(columns=["_l", "_o"])
    grid = grid.astype({"point": "int64", "lens": "string", "outcome": "string"})
    return _with_intervals(grid.reset_index(drop=True))


def pool(summary: pd.DataFrame, by: Sequence[str] = ("lens",)) -> pd.DataFrame:
    """Counts added up over the points sharing `by` (e.g. lens, or a parameter and lens)."""
    by = list(by)
    pooled = summary.groupby([*by, "outcome"], sort=False, observed=True)[["count", "n"]].sum().reset_index()
    order = {o: i for i, o in enumerate(_outcome_order(pooled["outcome"].astype(str).unique()))}
    pooled = pooled.assign(_o=pooled["outcome"].map(order))
    sort_by = [c for c in by if c != "lens"]  # lenses keep their order of appearance
    pooled = pooled.sort_values([*sort_by, "_o"], kind="stable").drop(columns="_o")
    return _with_intervals(pooled.reset_index(drop=True))
