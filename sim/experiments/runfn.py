"""The run function of a batch: (scenario, lens, seed, overrides) -> one outcome row.

It runs the very same `ConflictModel` as `brink run` and `sim.ensemble.run_one` and returns the
same outcome row, but records only what that row needs: `LeanModel` swaps the per-month tables
(`Recorder`) and Mesa's `DataCollector` for `OutcomeRecorder`, which keeps the month's tension
and phase and nothing else. Recording never feeds back into the dynamics, so the runs are
identical (tests/test_batch_run.py checks it against `run_one`), about a quarter faster, and a
worker's memory does not grow with the run's length. The cyclic garbage collector is paused
during a run and run once after it.

`run_chunk` runs a list of runs in a worker and turns an exception in one run into an `error`
entry of its row, so one bad run never stops a batch.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Sequence
from typing import Any

from sim.model import ConflictModel
from sim.scenario import Scenario, load_scenario

METRICS = ("outcome", "outcome_step", "steps", "mean_tension", "final_territory", "final_trust", "talks_months")
_SCENARIOS: dict[str, Scenario] = {}  # per worker: resolved scenarios by their overrides
_HASHES: dict[int, tuple[Scenario, str]] = {}  # per worker: id -> (scenario, content hash)
_CACHE_SIZE = 256


class OutcomeRecorder:
    """Stands in for `Recorder` and `DataCollector`: only the outcome row's inputs, per month."""

    def __init__(self, model: ConflictModel, first: dict[str, Any]):
        self.model = model
        self.tensions = [first["tension"]]
        self.talks = int(first["phase"] == "talks")

    def event(self, actor: str, target: str | None, kind: str, reason: str, details: str = "") -> None:
        """Events are not kept in batch runs."""

    def record(self) -> None:
        m = self.model
        self.tensions.append(m.tension)
        self.talks += str(m.primary.phase) == "talks"

    def collect(self, model: ConflictModel) -> None:
        """DataCollector.collect: nothing to collect."""


class LeanModel(ConflictModel):
    """ConflictModel that records only the outcome row (same dynamics, same random draws)."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        lean = OutcomeRecorder(self, self.recorder.rows[-1])
        self.recorder = lean
        self.datacollector = lean
        self.explain_decisions = False  # nobody reads the sentences: skip writing them

    def outcome_row(self) -> dict[str, Any]:
        w, d = self.world, self.primary
        return {
            "outcome": str(self.final_outcome),
            "outcome_step": self.outcome_step,
            "steps": self.steps,
            "mean_tension": _mean(self.recorder.tensions),
            "final_territory": float(d.territory),
            "final_trust": float(min(w.trust[d.a, d.b], w.trust[d.b, d.a])),
            "talks_months": self.recorder.talks,
        }


def _mean(values: list[float]) -> float:
    """The mean as pandas computes it in `run_one` (numpy's pairwise sum), bit for bit."""
    import numpy as np

    return float(np.asarray(values, dtype=float).mean())


def scenario_for(source: Any, overrides: dict[str, Any]) -> Scenario:
    """The scenario with `overrides` applied, cached per worker (points repeat across a chunk).

    `source` is a `Scenario` sent by value (batches do this, so remote workers need no file), a
    shipped name or a path.
    """
    key = json.dumps([_source_name(source), overrides], sort_keys=True, default=str)
    spec = _SCENARIOS.get(key)
    if spec is None:
        if len(_SCENARIOS) >= _CACHE_SIZE:
            _SCENARIOS.clear()
            _HASHES.clear()
        spec = _SCENARIOS[key] = load_scenario(source, overrides)
    return spec


def _source_name(source: Any) -> str:
    """A scenario's content hash, computed once per object (the entry keeps the object alive,
    so its id cannot be reused while cached); a name or path as given."""
    if not isinstance(source, Scenario):
        return str(source)
    entry = _HASHES.get(id(source))
    if entry is None or entry[0] is not source:
        entry = _HASHES[id(source)] = (source, source.content_hash())
    return entry[1]


def run_outcome(scenario: Any, lens: str, seed: int, steps: int | None, overrides: dict[str, Any]) -> dict[str, Any]:
    """Run one model and return its outcome row (the columns of METRICS)."""
    model = LeanModel(scenario_for(scenario, overrides), lens=lens, rng=seed, steps=steps)
    return model.run().outcome_row()


def run_full(scenario: Any, lens: str, seed: int, steps: int | None, overrides: dict[str, Any]):
    """Run one model with full recording: (outcome row, per-month model table) for --save-steps."""
    model = ConflictModel(scenario_for(scenario, overrides), lens=lens, rng=seed, steps=steps).run()
    return _full_row(model), model.model_table()


def _full_row(model: ConflictModel) -> dict[str, Any]:
    rows = model.recorder.rows
    last = rows[-1]
    return {
        "outcome": str(model.final_outcome),
        "outcome_step": model.outcome_step,
        "steps": model.steps,
        "mean_tension": _mean([r["tension"] for r in rows]),
        "final_territory": float(last["territory"]),
        "final_trust": float(min(last["trust_ab"], last["trust_ba"])),
        "talks_months": sum(r["phase"] == "talks" for r in rows),
    }


def run_chunk(job: dict[str, Any], runs: Sequence[tuple]) -> tuple[list[dict[str, Any]], list[Any]]:
    """Run a chunk of runs in a worker.

    Args:
        job: `scenario` (a `Scenario`, a name or a path), `set` (fixed overrides), `steps`, `save_steps`.
        runs: (run_id, lens, seed, point overrides) tuples.

    Returns:
        (rows, step tables): one row per run with run_id and the METRICS columns, or `error`
        ("Type: message") and null metrics when the run raised; step tables only with save_steps.
    """
    rows, tables = [], []
    save_steps = job.get("save_steps", False)
    gc_was = gc.isenabled()
    for run_id, lens, seed, point in runs:
        overrides = {**job["set"], **point}
        gc.disable()  # a run makes few cycles; collect once per run rather than mid-run
        try:
            if save_steps:
                row, table = run_full(job["scenario"], lens, seed, job["steps"], overrides)
                tables.append(table.assign(run_id=run_id))
            else:
                row = run_outcome(job["scenario"], lens, seed, job["steps"], overrides)
            row["error"] = None
        except Exception as exc:  # noqa: BLE001 - a failed run is recorded, the batch goes on
            row = dict.fromkeys(METRICS)
            row["error"] = f"{type(exc).__name__}: {exc}"
        finally:
            if gc_was:
                gc.enable()
        gc.collect(0)
        row["run_id"] = run_id
        rows.append(row)
    return rows, tables


def run_task(job: dict[str, Any], task: Sequence[tuple]) -> tuple[list[dict[str, Any]], list[Any]]:
    """`run_chunk` over a batch task: (run_id, point, replicate, lens, seed, point overrides) tuples."""
    return run_chunk(job, [(r[0], r[3], r[4], r[5]) for r in task])
