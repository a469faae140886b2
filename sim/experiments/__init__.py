"""Batch experiments (`brink batch`): specs, seeds, execution backends, streaming storage, summaries, sensitivity.

The EMA Workbench split (Kwakkel 2017): each module knows only its own job.

- `spec`: `ExperimentSpec` (pydantic, strict keys) and `load_experiment(path)`; `spec.points()`
  is the list of parameter points (grid x ranges x sample), `run_table` numbers the runs and
  `derive_seed(base, point, replicate)` gives each run its own seed via
  `numpy.random.SeedSequence(base, spawn_key=(point, replicate))`. The lens is not part of the
  seed, so realism and liberalism see the same random numbers (common random numbers).
- `sampling` (grids, ranges, LHS/Sobol'/Morris) and `sensitivity` (SALib): the samplers.
- `runfn`: the run function, (scenario, lens, seed, overrides) -> outcome row.
- `executors`: serial, local processes, Dask; they map a function over chunks of runs with a
  bounded window of tasks in flight and know nothing about storage.
- `storage`: `experiment.json`, streamed parts, consolidation into `outcomes.parquet`.
- `summary`: outcome shares with Wilson 95% intervals (`summary.parquet`).
- `report`: `report.html` (figures in `figures`); `progress`: the progress bar.
- `batch`: `run_batch`, the glue.

Interface::

    spec = load_experiment("experiments/frozen_sweep.toml")      # or ExperimentSpec(...)
    spec.points()                      # [{override key: value, ...}, ...]; index = `point`
    result = run_batch(spec, out_dir, backend="processes", workers=None, scheduler=None,
                       resume=False, save_steps=False, progress=True)
    result.n_runs, result.n_done, result.n_failed, result.out_dir
    spec, outcomes = load_batch(out_dir)                          # outcomes as a DataFrame
    write_batch_report(out_dir)        # (re)renders report.html; adds a sensitivity section
                                       # when out_dir/sensitivity.parquet exists

ExperimentSpec fields: name, scenario (shipped name or .toml path), lenses (list; default
["realism", "liberalism"]), set (fixed overrides), grid ({key: [values]}), ranges ({key:
"lo:hi:n"}, folded into the grid), sample ("lhs" | "sobol" | "morris" | None), n, bounds
({key: [lo, hi]}), replicates, steps (None: the scenario's), seed. Keys are override keys as in
`--set`: `concession_decay` (a parameter) or `states.Russia.will` (a dotted scenario path).

Output directory:

- `experiment.json`: the resolved spec (`spec`), scenario file and hash, varied keys,
  number of points and runs, package version.
- `outcomes.parquet`: one row per run, sorted by `run_id`: run_id, point (index into
  `spec.points()`), replicate, lens, seed (that run's own derived seed), one column per varied
  parameter (named by its override key), outcome, outcome_step, steps, mean_tension,
  final_territory, final_trust, talks_months, error (null when the run succeeded).
- `summary.parquet`: one row per (point, lens, outcome): point, lens, the varied parameter
  columns, outcome, count, n, share, ci_low, ci_high (Wilson 95%; n counts successful runs).
- `report.html`: offline report; `steps/` (per-step model tables) only with `save_steps`.
- `parts/`: streamed parts while a batch runs; removed once `outcomes.parquet` is written.
"""

from __future__ import annotations

import importlib
from typing import Any

# Imported lazily so that `import sim.experiments.sampling` (or a worker) stays light.
_EXPORTS = {
    "BatchInterrupted": "batch",
    "BatchResult": "batch",
    "load_batch": "batch",
    "run_batch": "batch",
    "write_batch_report": "report",
    "ExperimentSpec": "spec",
    "SpecError": "spec",
    "derive_seed": "spec",
    "load_experiment": "spec",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"sim.experiments.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'sim.experiments' has no attribute {name!r}")
