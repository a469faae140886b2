"""The progress bar of batches and of `brink validate`: runs done of total, runs per second
and time left, on stderr.

Quiet when stderr is not a terminal (logs, CI, pipes) or when disabled.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Runs per second over the last few updates."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text("  -- runs/s" if speed is None else f"{speed:7.1f} runs/s", style="progress.data.speed")


@contextlib.contextmanager
def batch_progress(
    total: int, done: int = 0, *, enabled: bool = True, label: str = "batch"
) -> Iterator[Callable[[int], None]]:
    """A context yielding `advance(n)`; shows a rich bar on stderr when it is a terminal."""
    console = Console(stderr=True)
    if not (enabled and console.is_terminal):
        yield lambda n: None
        return
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False, speed_estimate_period=30) as bar:
        task = bar.add_task(label, total=total, completed=done)
        yield lambda n: bar.advance(task, n)
