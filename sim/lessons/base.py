"""What a lesson is: an experiment (conditions x lenses x seeds), its measures, its text.

A `Lesson` is data, in the Axelrod style of small declared objects collected in a registry
(`sim.lessons.LESSONS`): the conditions it compares (a shipped scenario plus overrides), the
measures it reads off every run, the seed and condition of its showcase run, and the words a
teacher needs (goals, questions, readings). `observe` turns the measured numbers into the
sentences the exhibit and `brink lesson` print. Running is in `sim.lessons.experiment`,
rendering in `sim.lessons.exhibit`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from sim.tomlwrite import toml_value

if TYPE_CHECKING:
    from sim.lessons.experiment import LessonResult

LESSON_LENSES = ("realism", "liberalism")


def shell_quote(text: str) -> str:
    """Single-quote an argument for a POSIX shell when it needs quoting."""
    if text and all(c.isalnum() or c in "._-=/:," for c in text):
        return text
    return "'" + text.replace("'", "'\"'\"'") + "'"


@dataclass(frozen=True)
class Condition:
    """One arm of a lesson's experiment: a shipped scenario and the overrides that change it."""

    key: str
    label: str
    scenario: str
    overrides: Mapping[str, Any] = field(default_factory=dict)

    def set_args(self) -> list[str]:
        """The overrides as `--set` arguments (shell-quoted)."""
        args = []
        for path, value in self.overrides.items():
            args += ["--set", shell_quote(f"{path}={toml_value(value)}")]
        return args

    def command(self, verb: str = "compare", seed: int = 0, lens: str | None = None) -> str:
        """The `brink run` or `brink compare` command that reproduces one run of this arm."""
        parts = ["brink", verb, self.scenario]
        if lens is not None:
            parts += ["--lens", lens]
        parts += ["--seed", str(seed), *self.set_args()]
        return " ".join(parts)


@dataclass(frozen=True)
class Metric:
    """A number read off one finished run, summarised over the runs of a condition and lens.

    `fn(table)` gets the run's model table (one row per month, `ConflictModel.model_table()`)
    and returns a float (NaN when it does not apply, e.g. no war ever started). `agg` is how
    runs are summarised: `mean` (a share when the value is 0/1) or `median`, both ignoring NaN.
    `unit` sets the format: `%` (a share), `%.1` (a small share, one decimal), `month`, `x`
    (a ratio) or `` (a plain number).
    """

    key: str
    label: str
    fn: Callable[[pd.DataFrame], float]
    agg: str = "mean"
    unit: str = ""

    def summarise(self, values: pd.Series) -> float:
        values = values.astype(float)
        if values.isna().all():
            return math.nan
        return float(values.median() if self.agg == "median" else values.mean())

    def format(self, value: float) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        if self.unit == "%":
            return pct(value)
        if self.unit == "%.1":
            return f"{100 * value:.1f}%"
        if self.unit == "month":
            return f"{value:.0f}"
        if self.unit == "x":
            return f"{value:.2f}×"
        return f"{value:.2f}"


def equalised(assumption: str, lens: str = "realism") -> dict[str, float]:
    """The override that ablates one lens assumption: `lens`'s value set to the other lens's.

    `equalised("alliance_weight")` is `{"alliance_weight_realism": <liberalism's value>}`, read
    from `Params`, so the ablation follows the parameters and is never typed by hand."""
    from sim.params import Params

    other = next(name for name in LESSON_LENSES if name != lens)
    return {f"{assumption}_{lens}": float(getattr(Params(), f"{assumption}_{other}"))}


def assumption_value(assumption: str, lens: str) -> float:
    """A lens assumption's default value (`Params`), for prose that names it."""
    from sim.params import Params

    return float(getattr(Params(), f"{assumption}_{lens}"))


def gap_verdict(before: float, after: float, small: float = 0.1) -> str:
    """How an ablation changed a lens difference (`before` and `after` are absolute gaps)."""
    if after < small:
        return "the lens difference is gone"
    if after < before - small / 2:
        return "the lens difference shrinks"
    return "the lens difference remains"


def direction(before: float, after: float, up: str, down: str, same: str) -> str:
    """The word for how `after` compares with `before` (observations must follow the data)."""
    if after > before:
        return up
    if after < before:
        return down
    return same


def pct(share: float) -> str:
    """A share as a whole percentage: 0.183 -> '18%'."""
    return f"{100 * share:.0f}%"


@dataclass(frozen=True)
class Lesson:
    """A lesson: its experiment, what to read off it, and what to ask about it."""

    number: int
    slug: str
    title: str
    summary: str
    goals: Sequence[str]
    conditions: Sequence[Condition]
    metrics: Sequence[Metric]
    showcase: tuple[str, int]  # (condition key, seed) run once under each lens
    questions: Sequence[str]
    readings: Sequence[str]
    observe: Callable[[LessonResult], list[str]]
    lenses: Sequence[str] = LESSON_LENSES

    def condition(self, key: str) -> Condition:
        for cond in self.conditions:
            if cond.key == key:
                return cond
        raise KeyError(f"lesson {self.number} has no condition {key!r}")

    @property
    def doc(self) -> str:
        """The lesson's page in the docs, relative to the repository root."""
        return f"docs/teaching/lesson-{self.number}.md"
