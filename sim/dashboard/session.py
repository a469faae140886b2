"""The run controller behind the dashboard: one model, stepped by buttons or a play loop.

Kept free of Solara so it can be tested directly. The play loop runs in a background thread
while the page renders from the same model, so every access goes through one lock, and the
tables are built once per month reached (`snapshot`), not once per chart.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.dashboard.config import RunConfig
from sim.report.compare import first_divergence

RENDER_INTERVAL = 0.3  # seconds between chart updates while playing


@dataclass(frozen=True)
class Snapshot:
    """The tables and facts of a run at one month, for the charts (immutable)."""

    step: int
    phase: str
    outcome: str | None
    outcome_step: int | None
    outcome_reason: str
    finished: bool
    names: tuple[str, ...]  # primary pair first, then the other states
    lenses: dict[str, str]
    month_label: str
    model_df: pd.DataFrame
    agents_df: pd.DataFrame
    events_df: pd.DataFrame
    trust: pd.DataFrame  # full trust matrix now (row trusts column)
    scenario: dict


class Simulation:
    """A ConflictModel plus a lock, a snapshot cache and the full trust matrix over time."""

    def __init__(self, config: RunConfig, lens: str | None = None):
        self.config = config
        self.lens = lens
        self.lock = threading.RLock()
        self.model = config.build(lens=lens)
        self.scenario = self.model.spec.model_dump(mode="json")
        self._snapshot: Snapshot | None = None
        self.shown_step = 0  # the last month drawn on the page (where Pause must stop)
        self.pause_at: int | None = None  # set when Pause is pressed: the month then on screen
        self.seen_on_click: int | None = None  # the month the page reported with the click

    def key(self) -> tuple:
        """What decides the run month by month: scenario, lenses, seed and parameters."""
        c = self.config
        return (
            c.scenario.content_hash(),
            self.lens,
            c.lens,
            tuple(sorted(c.state_lenses.items())),
            c.seed,
            tuple(sorted(c.params.items())),
        )

    # --- control -------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return not self.model.running

    @property
    def steps(self) -> int:
        return int(self.model.steps)

    def step(self, n: int = 1) -> int:
        """Advance up to `n` months (fewer at the end); returns the months actually run."""
        done = 0
        with self.lock:
            while done < n and self.model.running:
                self.model.step()
                done += 1
        return done

    def rewind(self, month: int) -> None:
        """Go back to `month` by replaying the run from its start (runs are reproducible:
        the same configuration and seed give the same months), so Pause can stop on the
        month the user saw even when the play loop had already computed the next one."""
        with self.lock:
            if self.steps <= month:
                return
            self.model = self.config.build(lens=self.lens)
            self._snapshot = None
            while self.steps < month and self.model.running:
                self.model.step()

    def run_to_end(self) -> Simulation:
        with self.lock:
            self.model.run()
        return self

    # --- reading -------------------------------------------------------------------------
    def names(self) -> tuple[str, ...]:
        w, d = self.model.world, self.model.primary
        primary = [w.names[d.a], w.names[d.b]]
        return tuple(primary + [n for n in w.names if n not in primary])

    def snapshot(self) -> Snapshot:
        """The run's tables now; rebuilt only when the model has moved on."""
        with self.lock:
            m = self.model
            if self._snapshot is not None and self._snapshot.step == m.steps:
                return self._snapshot
            d = m.primary
            names = list(m.world.names)
            self._snapshot = Snapshot(
                step=int(m.steps),
                phase=str(d.phase),
                outcome=str(m.outcome) if m.outcome else None,
                outcome_step=m.outcome_step,
                outcome_reason=d.outcome_reason,
                finished=not m.running,
                names=self.names(),
                lenses={n: lens.name for n, lens in zip(names, m.lenses, strict=True)},
                month_label=m.spec.month_label(int(m.steps)),
                model_df=m.model_table(),
                agents_df=m.agent_table(),
                events_df=m.event_table(),
                trust=pd.DataFrame(np.array(m.world.trust, copy=True), index=names, columns=names),
                scenario=self.scenario,
            )
            return self._snapshot


def play(
    sim: Simulation,
    speed: float | Callable[[], float],
    keep_going: Callable[[], bool],
    on_progress: Callable[[], None],
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Step `sim` at `speed` months per second until it ends or `keep_going()` is False.

    Charts are refreshed (`on_progress`) at most every RENDER_INTERVAL seconds. When a
    refresh takes longer than that (a busy machine), the next tick steps as many months as
    the time it took is worth, so the run keeps its pace in months per second and only the
    charts update less often. `speed` may be a callable, read again at every tick (a slider
    moved while playing). Returns the months stepped.
    """
    total, last = 0, 0.0
    while keep_going() and not sim.finished:
        now = float(speed() if callable(speed) else speed)
        interval = max(1.0 / max(now, 0.1), RENDER_INTERVAL)
        per_tick = max(1, round(now * max(interval, last)))
        started = time.monotonic()
        for _ in range(per_tick):  # month by month, so a pause is seen before the next month
            if not keep_going() or not sim.step(1):
                break
            total += 1
        on_progress()
        sleep(max(0.0, interval - (time.monotonic() - started)))
        last = time.monotonic() - started
    return total


@dataclass(frozen=True)
class Comparison:
    """The same scenario and seed under two lenses, run to the end."""

    left: Snapshot
    right: Snapshot
    divergence: int | None


def compare(config: RunConfig, lenses: tuple[str, str] = ("realism", "liberalism")) -> Comparison:
    left, right = (Simulation(config, lens=lens).run_to_end().snapshot() for lens in lenses)
    return Comparison(left, right, first_divergence([left.model_df, right.model_df]))
