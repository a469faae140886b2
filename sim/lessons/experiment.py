"""Run a lesson's experiment: every condition under each lens over the same seeds.

The run function is the EMA-style split of `sim.ensemble`: one seeded model per (condition,
lens, seed), returning a flat row (outcome plus the lesson's measures). Every condition is
run over the same seeds under both lenses, so differences between arms are paired, not
sampling noise between different seeds. The showcase is one seed of one condition under each
lens, kept whole for its figures.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sim.ensemble import outcome_shares, wilson_interval
from sim.lessons.base import Condition, Lesson, pct
from sim.model import ConflictModel
from sim.scenario import Scenario, load_scenario, resolve_path

DEFAULT_SEEDS = 100


def load_condition(cond: Condition) -> Scenario:
    """The condition's scenario with its overrides applied and validated (ScenarioError if bad)."""
    return load_scenario(resolve_path(cond.scenario), dict(cond.overrides))


def run_arm(spec: Scenario, lens: str, seed: int, lesson: Lesson) -> dict[str, Any]:
    """One run of one arm: its outcome and the lesson's measures."""
    model = ConflictModel(spec, lens=lens, rng=seed).run()
    table = model.model_table()
    row: dict[str, Any] = {
        "seed": seed,
        "outcome": str(model.final_outcome),
        "outcome_step": model.outcome_step,
        "months": int(model.steps),
    }
    row.update({metric.key: metric.fn(table) for metric in lesson.metrics})
    return row


@dataclass
class LessonResult:
    """The runs of a lesson's experiment and what can be read off them."""

    lesson: Lesson
    seeds: list[int]
    runs: pd.DataFrame  # one row per (condition, lens, seed)
    showcase: dict[str, ConflictModel]  # lens -> the showcase run
    showcase_seed: int
    elapsed: float = 0.0
    _observations: list[str] | None = field(default=None, repr=False)

    def arm(self, condition: str, lens: str) -> pd.DataFrame:
        rows = self.runs[(self.runs["condition"] == condition) & (self.runs["lens"] == lens)]
        if rows.empty:
            raise KeyError(f"no runs for condition {condition!r} under {lens!r}")
        return rows

    def share(self, condition: str, lens: str, outcome: str) -> float:
        """Share of the arm's runs that ended in `outcome`."""
        return float((self.arm(condition, lens)["outcome"] == outcome).mean())

    def interval(self, condition: str, lens: str, outcome: str | None = None, metric: str | None = None):
        """(share, low, high): the share of the arm's runs ending in `outcome`, or the mean of a 0/1
        `metric` (e.g. war broke out), with its Wilson 95% interval."""
        rows = self.arm(condition, lens)
        hits = rows["outcome"] == outcome if metric is None else rows[metric].astype(float).fillna(0.0) > 0.5
        k, n = int(hits.sum()), len(rows)
        low, high = wilson_interval(k, n)
        return k / n, low, high

    def ci(self, condition: str, lens: str, outcome: str | None = None, metric: str | None = None) -> str:
        """A share with its 95% interval, as the prose quotes it: '45% [31–60%]'."""
        share, low, high = self.interval(condition, lens, outcome, metric)
        return f"{pct(share)} [{pct(low)}–{pct(high)}]"

    def value(self, condition: str, lens: str, metric: str) -> float:
        """The arm's summary of one measure (mean or median, as the measure says)."""
        spec = next(m for m in self.lesson.metrics if m.key == metric)
        return spec.summarise(self.arm(condition, lens)[metric])

    def text(self, condition: str, lens: str, metric: str) -> str:
        """The arm's summary of one measure, formatted ('18%', 'month 33', '2.49×')."""
        spec = next(m for m in self.lesson.metrics if m.key == metric)
        return spec.format(self.value(condition, lens, metric))

    def shares(self) -> pd.DataFrame:
        """Outcome shares with Wilson 95% intervals per condition and lens (tidy)."""
        return outcome_shares(self.runs, by=["condition", "lens"]).drop(columns="n")

    def measures(self) -> pd.DataFrame:
        """One row per (condition, lens, measure): the value and its formatted text."""
        rows = []
        for cond in self.lesson.conditions:
            for lens in self.lesson.lenses:
                for metric in self.lesson.metrics:
                    value = self.value(cond.key, lens, metric.key)
                    rows.append(
                        {
                            "condition": cond.key,
                            "lens": lens,
                            "measure": metric.key,
                            "label": metric.label,
                            "value": value,
                            "text": metric.format(value),
                        }
                    )
        return pd.DataFrame(rows)

    @property
    def observations(self) -> list[str]:
        """The lesson's sentences about these runs, computed from the data."""
        if self._observations is None:
            self._observations = self.lesson.observe(self)
        return self._observations

    def seed_text(self) -> str:
        return seed_range(self.seeds)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready summary (no figures): what `brink lesson --json` prints."""
        shares = self.shares()
        measures = self.measures()
        return {
            "lesson": self.lesson.number,
            "slug": self.lesson.slug,
            "title": self.lesson.title,
            "seeds": {"count": len(self.seeds), "first": min(self.seeds), "last": max(self.seeds)},
            "lenses": list(self.lesson.lenses),
            "conditions": [
                {"key": c.key, "label": c.label, "scenario": c.scenario, "overrides": dict(c.overrides)}
                for c in self.lesson.conditions
            ],
            "observations": self.observations,
            "shares": _records(shares),
            "measures": _records(measures),
            "showcase": {
                "condition": self.lesson.showcase[0],
                "seed": self.showcase_seed,
                "runs": {
                    lens: {"outcome": str(m.final_outcome), "outcome_step": m.outcome_step}
                    for lens, m in self.showcase.items()
                },
            },
            "questions": list(self.lesson.questions),
            "elapsed_seconds": round(self.elapsed, 2),
        }


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as dicts, NaN as None (valid JSON)."""
    records = df.to_dict("records")
    return [{k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()} for row in records]


def seed_range(seeds: Sequence[int]) -> str:
    """'seeds 0-99' for a contiguous range, else the count."""
    seeds = sorted(seeds)
    if seeds == list(range(seeds[0], seeds[-1] + 1)):
        return f"seeds {seeds[0]}–{seeds[-1]}" if len(seeds) > 1 else f"seed {seeds[0]}"
    return f"{len(seeds)} seeds"


def run_lesson(
    lesson: Lesson, seeds: int | Sequence[int] = DEFAULT_SEEDS, showcase_seed: int | None = None
) -> LessonResult:
    """Run every condition of `lesson` under each of its lenses over the same seeds.

    Args:
        lesson: the lesson.
        seeds: a count K (seeds 0..K-1) or explicit seeds.
        showcase_seed: the seed of the showcase run (default: the lesson's).

    Raises:
        ScenarioError: if a condition's scenario or overrides do not validate.
    """
    started = time.perf_counter()
    seed_list = list(range(seeds)) if isinstance(seeds, int) else [int(s) for s in seeds]
    if not seed_list:
        raise ValueError("a lesson needs at least one seed")
    specs = {cond.key: load_condition(cond) for cond in lesson.conditions}
    rows = []
    for cond in lesson.conditions:
        for lens in lesson.lenses:
            for seed in seed_list:
                rows.append({"condition": cond.key, "lens": lens, **run_arm(specs[cond.key], lens, seed, lesson)})
    key, default_seed = lesson.showcase
    seed = default_seed if showcase_seed is None else showcase_seed
    showcase = {lens: ConflictModel(specs[key], lens=lens, rng=seed).run() for lens in lesson.lenses}
    return LessonResult(lesson, seed_list, pd.DataFrame(rows), showcase, seed, time.perf_counter() - started)
