"""Ensembles and saved results for the dashboard: replicates in the background, `brink batch`
directories and the single runs in `runs/`.

A batch directory holds `experiment.json`, `outcomes.parquet` (run_id, point, replicate, lens,
seed, <varied params>, outcome, outcome_step, error) and `summary.parquet` (point, lens,
<varied params>, outcome, count, n, share, ci_low, ci_high). They are read with pandas; any
problem is a `ResultsError` with a message the page shows as is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from sim.dashboard.config import RunConfig
from sim.ensemble import outcome_shares, run_one
from sim.experiments import storage
from sim.scenario import load_scenario

SUMMARY_COLUMNS = ("point", "lens", "outcome", "count", "n", "share", "ci_low", "ci_high")
OUTCOME_COLUMNS = ("run_id", "lens", "seed", "outcome")


class ResultsError(Exception):
    """A results directory that cannot be read; the message says which file and why."""


def run_replicates(
    config: RunConfig,
    lenses: Sequence[str],
    n: int,
    on_progress: Callable[[float], None] = lambda _: None,
    keep_going: Callable[[], bool] = lambda: True,
) -> pd.DataFrame:
    """Run seeds `config.seed .. config.seed + n - 1` under each lens; stops early if asked.

    `on_progress` gets the percentage done after each run.
    """
    spec = load_scenario(config.scenario, config.overrides())
    rows, total = [], max(len(lenses) * n, 1)
    for lens in lenses:
        for seed in range(config.seed, config.seed + n):
            if not keep_going():
                return pd.DataFrame(rows)
            rows.append(run_one(spec, config.model_lens(lens), seed))
            on_progress(100.0 * len(rows) / total)
    return pd.DataFrame(rows)


def shares_by_lens(runs: pd.DataFrame) -> pd.DataFrame:
    """Outcome shares with Wilson 95% intervals, one block per lens (for outcome_share_figure)."""
    return outcome_shares(runs, by=["lens"])


# --- brink batch directories ------------------------------------------------------------------


@dataclass(frozen=True)
class Batch:
    path: Path
    experiment: dict[str, Any]
    outcomes: pd.DataFrame | None
    summary: pd.DataFrame

    @property
    def points(self) -> list[Any]:
        return sorted(self.summary["point"].unique().tolist())

    @property
    def varied(self) -> list[str]:
        """The varied parameters: summary columns that are not the fixed ones."""
        return [c for c in self.summary.columns if c not in SUMMARY_COLUMNS]

    def point_shares(self, point: Any) -> pd.DataFrame:
        return self.summary[self.summary["point"] == point]

    def point_label(self, point: Any) -> str:
        rows = self.point_shares(point)
        if rows.empty or not self.varied:
            return f"point {point}"
        first = rows.iloc[0]
        return f"point {point}: " + ", ".join(f"{c}={_fmt(first[c])}" for c in self.varied)

    @property
    def errors(self) -> int:
        if self.outcomes is None or "error" not in self.outcomes:
            return 0
        err = self.outcomes["error"]
        return int((err.notna() & (err.astype(str) != "")).sum())


def _fmt(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _read_parquet(path: Path, needed: Sequence[str]) -> pd.DataFrame:
    try:
        df = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several kinds for a broken file
        raise ResultsError(f"{path}: cannot read: {exc}") from None
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ResultsError(f"{path}: missing column(s) {', '.join(missing)}")
    return df


def load_batch(path: str | Path) -> Batch:
    """Read a finished `brink batch` directory (raises ResultsError with a clear message)."""
    path = Path(str(path).strip()).expanduser()
    if not str(path) or not path.is_dir():
        raise ResultsError(f"{path}: no such directory")
    manifest = path / storage.MANIFEST
    if not manifest.is_file():
        raise ResultsError(f"{path}: not a batch directory (no {storage.MANIFEST}; run `brink batch` first)")
    try:
        experiment = storage.read_manifest(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        raise ResultsError(f"{manifest}: unreadable: {exc}") from None
    if not (path / storage.SUMMARY).is_file():
        raise ResultsError(f"{path}: no {storage.SUMMARY} (is the batch finished?)")
    summary = _read_parquet(path / storage.SUMMARY, SUMMARY_COLUMNS)
    outcomes_file = path / storage.OUTCOMES
    outcomes = _read_parquet(outcomes_file, OUTCOME_COLUMNS) if outcomes_file.is_file() else None
    return Batch(path, experiment if isinstance(experiment, dict) else {}, outcomes, summary)


def find_dirs(root: str | Path, marker: str, depth: int = 2) -> list[Path]:
    """Directories under `root` (up to `depth` levels) holding `marker`, newest first."""
    root = Path(root)
    if not root.is_dir():
        return []
    found = [p.parent for p in root.glob(marker)]
    for level in range(1, depth + 1):
        found += [p.parent for p in root.glob("/".join(["*"] * level + [marker]))]
    found = [p for p in dict.fromkeys(found) if not p.name.startswith(".")]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def list_runs(root: str | Path = "runs") -> list[Path]:
    """Run directories written by `brink run` / `brink compare` (they hold manifest.json)."""
    return [p for p in find_dirs(root, "manifest.json") if (p / "model.parquet").is_file()]


def list_batches(root: str | Path = "runs") -> list[Path]:
    return find_dirs(root, storage.MANIFEST)
