"""`run_batch`: the glue between a spec, an executor, the run function and the storage.

It resolves the spec against the scenario and checks the output directory before anything is
written, then streams chunks of runs through the executor with a bounded window, adds each
finished chunk's rows to the part writer and the progress bar, and at the end consolidates
`outcomes.parquet`, writes `summary.parquet` and the report. Ctrl-C flushes what has finished
and raises `BatchInterrupted`; `resume=True` skips the runs already stored.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from sim.columns import tidy
from sim.experiments import storage
from sim.experiments.dask_backend import ClusterLost
from sim.experiments.executors import make_executor
from sim.experiments.integrity import check_parts
from sim.experiments.progress import batch_progress
from sim.experiments.resolve import Resolved, resolve
from sim.experiments.runfn import run_task
from sim.experiments.spec import MAX_RUNS, ExperimentSpec, SpecError, make_spec, run_table
from sim.output import OutputError, check_out_dir


@dataclass
class BatchResult:
    out_dir: Path
    n_runs: int
    n_done: int
    n_failed: int
    n_skipped: int  # already stored when the batch (re)started
    elapsed: float
    backend: str
    workers: int

    @property
    def complete(self) -> bool:
        return self.n_done == self.n_runs


class BatchInterrupted(Exception):
    """Ctrl-C: the finished runs are stored; `--resume` continues."""

    def __init__(self, out_dir: Path, n_done: int, n_runs: int):
        super().__init__(f"interrupted: {n_done} of {n_runs} runs are stored in {out_dir}")
        self.out_dir, self.n_done, self.n_runs = out_dir, n_done, n_runs


def default_out_dir(spec: ExperimentSpec, root: Path = Path("runs")) -> Path:
    base = root / f"{spec.name}-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    candidate, k = base, 1
    while candidate.exists():
        k += 1
        candidate = base.with_name(f"{base.name}-{k}")
    return candidate


def build_manifest(resolved: Resolved) -> dict[str, Any]:
    import sim

    return {
        **resolved.spec.fingerprint(),
        "scenario_file": str(resolved.scenario_path),
        "scenario_hash": resolved.scenario_hash,
        "varied": resolved.varied,
        "n_points": len(resolved.points),
        "n_runs": resolved.n_runs,
        "package_version": sim.__version__,
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "status": "running",
    }


def check_target(out_dir: Path, resolved: Resolved, resume: bool) -> dict[str, Any] | None:
    """Refuse a non-empty `out_dir` unless resuming the same experiment; the stored manifest or None."""
    if not resume or not out_dir.is_dir() or not any(out_dir.iterdir()):
        try:
            check_out_dir(out_dir)
        except OutputError as exc:
            raise OutputError(f"{exc}; add --resume to continue the batch stored there") from None
        return None
    try:
        stored = storage.read_manifest(out_dir)
    except (OSError, ValueError):
        raise OutputError(f"{out_dir}: not a batch directory (no readable experiment.json); cannot --resume") from None
    mine = {**resolved.spec.fingerprint(), "scenario_hash": resolved.scenario_hash}
    differ = [k for k, v in mine.items() if stored.get(k) != v]
    if differ:
        what = ", ".join(f"{k} (stored {stored.get(k)!r}, now {mine[k]!r})" for k in differ[:4])
        raise SpecError(f"--resume {out_dir}: the stored experiment differs: {what}")
    return stored


def _chunks(resolved: Resolved, done, size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for run in run_table(resolved.spec, len(resolved.points)):
        if done[run.run_id]:
            continue
        chunk.append((run.run_id, run.point, run.replicate, run.lens, run.seed, resolved.points[run.point]))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _rows(task: list[tuple], result: list[dict[str, Any]], varied: list[str]) -> list[dict[str, Any]]:
    rows = []
    for (run_id, point, replicate, lens, seed, values), metrics in zip(task, result, strict=True):
        assert metrics["run_id"] == run_id
        rows.append({"point": point, "replicate": replicate, "lens": lens, "seed": seed,
                     **{k: values[k] for k in varied}, **metrics})  # fmt: skip
    return rows


def run_batch(
    spec: ExperimentSpec | dict[str, Any],
    out_dir: str | Path | None = None,
    *,
    backend: str = "processes",
    workers: int | None = None,
    scheduler: str | None = None,
    wait_workers: float | None = None,
    resume: bool = False,
    save_steps: bool = False,
    progress: bool = True,
    source: str = "brink batch",
    chunk_size: int | None = None,
    max_runs: int = MAX_RUNS,
    notify: Callable[[str], None] | None = None,
) -> BatchResult:
    """Run every run of `spec` not yet stored in `out_dir` and write the batch's outputs.

    `wait_workers`: seconds a Dask cluster may be without workers, at the start and mid-batch.

    Raises:
        SpecError / OutputError: bad spec or output directory (nothing written).
        ClusterError: an unreachable scheduler or no Dask worker (nothing written);
            ClusterLost: every worker lost mid-batch (the finished runs are stored).
        BatchInterrupted: Ctrl-C; the finished runs are stored, `resume=True` continues.
    """
    spec = spec if isinstance(spec, ExperimentSpec) else make_spec(spec, source)
    resolved = resolve(spec, source, max_runs)
    out_dir = Path(out_dir) if out_dir is not None else default_out_dir(spec)
    stored = check_target(out_dir, resolved, resume)
    schema = storage.outcomes_schema(resolved.points, resolved.varied)
    try:
        executor = make_executor(backend, workers, scheduler, wait_workers)
    except OSError as exc:
        raise SpecError(f"--scheduler {scheduler}: cannot connect: {exc}") from None
    backend = "dask" if scheduler else backend
    t0, n_new, skipped, writer = time.perf_counter(), 0, 0, None
    try:
        if hasattr(executor, "start"):
            executor.start()  # fork the workers before the progress bar starts its thread
        out_dir.mkdir(parents=True, exist_ok=True)
        manifest = stored or build_manifest(resolved)
        manifest.update(status="running", backend=backend, workers=executor.workers)
        storage.write_json(out_dir / storage.MANIFEST, manifest)
        storage.tidy_parts(out_dir)
        n_runs = resolved.n_runs
        for message in check_parts(out_dir, schema, n_runs):  # --resume trusts no stored row unchecked
            (notify or _warn)(message)
        done = storage.completed_runs(out_dir, n_runs)
        skipped = int(done.sum())
        size = chunk_size or max(1, min(8, (n_runs - skipped) // (executor.workers * 4)))  # small: even tails
        writer = storage.PartWriter(out_dir, schema, every_rows=max(100, min(2000, n_runs // 10)))
        # The scenario travels by value, so workers on other machines need no copy of the file.
        job = {"scenario": resolved.scenario, "set": dict(spec.set), "steps": spec.steps,
               "save_steps": save_steps}  # fmt: skip
        with batch_progress(n_runs, skipped, enabled=progress, label=spec.name) as advance:
            for task, (rows, tables) in executor.imap_unordered(run_task, job, _chunks(resolved, done, size)):
                writer.add(_rows(task, rows, resolved.varied), tables)
                n_new += len(rows)
                advance(len(rows))
        writer.flush()
    except KeyboardInterrupt:
        if writer is not None:
            writer.flush()
        executor.close(cancel=True)
        raise BatchInterrupted(out_dir, skipped + n_new, resolved.n_runs) from None
    except BaseException as exc:
        if writer is not None:
            writer.flush()
        executor.close(cancel=True)
        if isinstance(exc, ClusterLost):
            exc.out_dir = out_dir  # for the --resume hint
        raise
    executor.close()
    n_rows, n_failed = storage.consolidate(out_dir, schema, n_runs)
    finish(out_dir, resolved, manifest, n_rows, n_failed)
    return BatchResult(out_dir, n_runs, n_rows, n_failed, skipped, time.perf_counter() - t0, backend, executor.workers)


def finish(out_dir: Path, resolved: Resolved, manifest: dict[str, Any], n_rows: int, n_failed: int) -> None:
    """summary.parquet, report.html and the manifest's final status."""
    from sim.experiments.report import write_batch_report
    from sim.experiments.summary import summarize_file

    spec = resolved.spec
    summary = summarize_file(out_dir / storage.OUTCOMES, resolved.points, resolved.varied, spec.lenses)
    storage.write_table(tidy(summary), out_dir / storage.SUMMARY)  # the documented dtypes (docs/outputs.md)
    stored = storage.read_manifest(out_dir)  # the integrity record written as parts were merged
    manifest.update(parts={}, outcomes_sha256=stored.get("outcomes_sha256"))
    manifest.update(status="complete", n_done=n_rows, n_failed=n_failed,
                    finished=datetime.now().astimezone().isoformat(timespec="seconds"))  # fmt: skip
    storage.write_json(out_dir / storage.MANIFEST, manifest)
    write_batch_report(out_dir)


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def load_batch(out_dir: str | Path) -> tuple[ExperimentSpec, pd.DataFrame]:
    """(spec, outcomes) of a finished batch directory; OutputError if it is not one."""
    out_dir = Path(out_dir)
    if not (out_dir / storage.OUTCOMES).is_file():
        raise OutputError(f"{out_dir}: not a finished batch directory (no {storage.OUTCOMES})")
    try:
        manifest = storage.read_manifest(out_dir)
    except (OSError, ValueError):
        raise OutputError(f"{out_dir}: no readable {storage.MANIFEST}") from None
    fields = {k: manifest[k] for k in ExperimentSpec.model_fields if k in manifest}
    return make_spec(fields, str(out_dir / storage.MANIFEST)), pd.read_parquet(out_dir / storage.OUTCOMES)
