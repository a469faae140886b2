"""The validation's ensembles: many (scenario, seed) runs, here or in worker processes.

Each task is one run, `ConflictModel(spec, rng=seed)`, and what comes back is a `RunSummary`
(the outcome, its month, the primary dispute's ending and winner, and, when asked, the phase of
every month), never the model. Results are returned in task order, so the stylized facts and the
historical cases compute the same numbers whatever the number of workers. The pool is that of
`brink batch` (`sim.experiments.executors`); one worker means every run here, in order, with no
pool, which is what library callers get unless they ask for more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sim.experiments.executors import cpu_count, make_executor
from sim.experiments.progress import batch_progress
from sim.model import ConflictModel
from sim.scenario import Scenario


@dataclass(frozen=True)
class RunSummary:
    """What the validation reads from one finished run."""

    outcome: str  # the run's final outcome ("ongoing" if none came within the horizon)
    outcome_step: int | None  # the month it came
    ending: str | None  # the primary dispute's own outcome (None while it is unresolved)
    winner: int | None  # the primary dispute's winner, a state index (victories)
    winner_name: str | None  # that state's name
    shares: tuple[float, float]  # what states 0 and 1 hold of the primary dispute at the end
    aims: tuple[float, float]  # their war aims in it
    phases: tuple[str, ...] = ()  # the primary dispute's phase month by month, month 0 first (if asked)


def summarize(model: ConflictModel, phases: bool = True) -> RunSummary:
    d = model.primary
    return RunSummary(
        outcome=str(model.final_outcome),
        outcome_step=None if model.outcome_step is None else int(model.outcome_step),
        ending=None if d.outcome is None else str(d.outcome),
        winner=None if d.winner is None else int(d.winner),
        winner_name=None if d.winner is None else model.world.names[d.winner],
        shares=(float(d.share_of(0)), float(d.share_of(1))),
        aims=(float(d.aims[d.side(0)]), float(d.aims[d.side(1)])),
        phases=tuple(model.model_table()["phase"].astype(str).tolist()) if phases else (),
    )


def run_one(job: dict[str, Any], task: tuple[int, Scenario, int]) -> RunSummary:
    """The worker's function: one run of task `(index, spec, seed)`."""
    _, spec, seed = task
    return summarize(ConflictModel(spec, rng=seed).run(), phases=job["phases"])


def run_ensemble(
    tasks: Sequence[tuple[Scenario, int]],
    workers: int | None = 1,
    *,
    phases: bool = False,
    progress: bool = False,
    label: str = "runs",
) -> list[RunSummary]:
    """The summary of `ConflictModel(spec, rng=seed).run()` for every `(spec, seed)`, in order.

    `workers`: processes to run them in (None: all cores; 1: here, no pool). `progress`: a bar
    named `label` on stderr when it is a terminal (`sim.experiments.progress`).
    """
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    workers = max(1, min(cpu_count() if workers is None else workers, len(tasks)))
    executor = make_executor("processes", workers)
    results: list[RunSummary | None] = [None] * len(tasks)
    indexed = ((i, spec, seed) for i, (spec, seed) in enumerate(tasks))
    try:
        if hasattr(executor, "start"):
            executor.start()  # fork the workers before the progress bar starts its thread
        with batch_progress(len(tasks), enabled=progress, label=label) as advance:
            for (i, _, _), summary in executor.imap_unordered(run_one, {"phases": phases}, indexed):
                results[i] = summary
                advance(1)
    except BaseException:
        executor.close(cancel=True)
        raise
    executor.close()
    return results  # type: ignore[return-value]  # every slot is filled


def split(runs: Sequence[RunSummary], sizes: Sequence[int]) -> list[list[RunSummary]]:
    """`runs` cut into consecutive groups of `sizes`."""
    out, start = [], 0
    for n in sizes:
        out.append(list(runs[start : start + n]))
        start += n
    return out
