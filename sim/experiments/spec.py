"""Experiment specs: what a batch runs, from `brink batch` flags or an `experiments/*.toml` file.

A spec names a scenario, the lenses, fixed overrides (`set`), the parameters to vary (`grid`,
`ranges` folded into the grid, or a sampling design with `bounds`), replicates, steps and a
base seed. `points()` is the list of parameter points; runs are numbered point-major, then
lens, then replicate (`run_table`). Each run's seed comes from the base seed, its point and its
replicate through `numpy.random.SeedSequence`, so it never depends on workers, backend or the
order runs finish in; the lens is left out on purpose (common random numbers across lenses).

`sim.experiments.resolve.resolve()` checks a spec against its scenario before anything runs.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sim.lenses import LENS_CHOICES
from sim.overrides import MAX_DEPTH, nesting_depth

Name = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.-]+$")]
DEFAULT_LENSES = ["realism", "liberalism"]
RESERVED = set(
    "run_id point replicate lens seed outcome outcome_step steps mean_tension final_territory final_trust "
    "talks_months error count n share ci_low ci_high".split()
)  # output columns: a varied key cannot take one of these names


MAX_RUNS = 1_000_000  # default bound on a batch's size (`brink batch --max-runs` raises it)


class SpecError(ValueError):
    """An experiment spec that cannot run; the message names the file or flag and the field."""


class ExperimentSpec(BaseModel):
    """One batch experiment (strict keys; see docs/batch.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    name: Name = "experiment"
    scenario: Annotated[str, Field(min_length=1)] = "ukraine_2025"
    lenses: Annotated[list[str], Field(min_length=1)] = Field(default_factory=lambda: list(DEFAULT_LENSES))
    set: dict[str, Any] = Field(default_factory=dict)
    grid: dict[str, Annotated[list[Any], Field(min_length=1)]] = Field(default_factory=dict)
    ranges: dict[str, str] = Field(default_factory=dict)
    sample: Literal["lhs", "sobol", "morris"] | None = None
    n: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    bounds: dict[str, tuple[float, float]] = Field(default_factory=dict)
    design: list[dict[str, Any]] = Field(default_factory=list)  # external points (sim.experiments.design)
    replicates: Annotated[int, Field(ge=1, le=1_000_000)] = 10
    steps: Annotated[int, Field(ge=1, le=10_000)] | None = None
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = 1

    @field_validator("lenses")
    @classmethod
    def _known_lenses(cls, lenses: list[str]) -> list[str]:
        for lens in lenses:
            if lens not in LENS_CHOICES:
                raise ValueError(f"unknown lens {lens!r}; choose from {', '.join(LENS_CHOICES)}")
        if len(set(lenses)) != len(lenses):
            raise ValueError("a lens is listed twice")
        return lenses

    @field_validator("ranges")
    @classmethod
    def _ranges_parse(cls, ranges: dict[str, str]) -> dict[str, str]:
        from sim.experiments.sampling import range_parts

        for key, text in ranges.items():
            try:
                range_parts(text)  # checked, not expanded: n may be far above --max-runs
            except ValueError as exc:
                raise ValueError(f"{key}: {exc}") from None
        return ranges

    # --- the design -------------------------------------------------------------------------
    @cached_property
    def full_grid(self) -> dict[str, list[Any]]:
        """`grid` with `ranges` expanded (ranges after the grid's own keys)."""
        from sim.experiments.sampling import parse_range

        return {**self.grid, **{k: parse_range(v) for k, v in self.ranges.items()}}

    @property
    def varied(self) -> list[str]:
        """Override keys that change from point to point, in column order."""
        return [*self.full_grid, *(self.bounds if self.sample else {}), *(self.design[0] if self.design else {})]

    def points(self) -> list[dict[str, Any]]:
        """Every parameter point: the grid's points, each crossed with the sample's (in order)."""
        return list(self._points)

    @cached_property
    def _points(self) -> tuple[dict[str, Any], ...]:
        from sim.experiments.sampling import grid_points, sample_points

        grid = grid_points(self.full_grid)
        if self.design:  # every grid point crossed with every design row
            return tuple({**g, **d} for g in grid for d in self.design)
        if not self.sample:
            return tuple(grid)
        sampled = sample_points(self.sample, dict(self.bounds), self.n or 0, self.seed)
        return tuple({**g, **s} for g in grid for s in sampled)

    @property
    def n_runs(self) -> int:
        return len(self._points) * len(self.lenses) * self.replicates

    @property
    def planned_runs(self) -> int:
        """How many runs the design has, by arithmetic: nothing is generated (see `check_size`)."""
        from sim.experiments.sampling import design_size, range_parts

        points = math.prod(len(v) for v in self.grid.values())
        points *= math.prod(range_parts(text)[2] for text in self.ranges.values())
        if self.sample:
            points *= design_size(self.sample, len(self.bounds), self.n or 0)
        return points * len(self.lenses) * self.replicates

    def fingerprint(self) -> dict[str, Any]:
        """What must match for `--resume` to continue a batch (the spec itself, JSON form)."""
        return json.loads(self.model_dump_json())


def derive_seed(base: int, point: int, replicate: int) -> int:
    """The seed of one run: a 32-bit draw from SeedSequence(base, spawn_key=(point, replicate))."""
    return int(np.random.SeedSequence(base, spawn_key=(point, replicate)).generate_state(1)[0])


@dataclass(frozen=True, slots=True)
class Run:
    run_id: int
    point: int
    replicate: int
    lens: str
    seed: int


def run_table(spec: ExperimentSpec, n_points: int | None = None) -> Iterator[Run]:
    """Every run in run_id order: point-major, then lens, then replicate."""
    n_points = len(spec.points()) if n_points is None else n_points
    run_id = 0
    for point in range(n_points):
        seeds = [derive_seed(spec.seed, point, r) for r in range(spec.replicates)]
        for lens in spec.lenses:
            for replicate, seed in enumerate(seeds):
                yield Run(run_id, point, replicate, lens, seed)
                run_id += 1


def _format(source: str, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
        lines.append(f"{source}: {loc}: {msg}")
    return "\n".join(lines)


def make_spec(fields: dict[str, Any], source: str = "brink batch") -> ExperimentSpec:
    """Validate a dict of spec fields; a bad one raises SpecError naming `source` and the field."""
    try:
        return ExperimentSpec.model_validate(fields)
    except ValidationError as exc:
        raise SpecError(_format(source, exc)) from None


def read_experiment(path: str | Path) -> dict[str, Any]:
    """The raw table of an experiment TOML file (a bad file raises SpecError)."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # -sig: a BOM some editors add
    except FileNotFoundError:
        raise SpecError(f"{path}: no such experiment file") from None
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"{path}: cannot read: {exc}") from None
    except RecursionError:
        raise SpecError(f"{path}: arrays or tables nested too deeply") from None
    if nesting_depth(raw) > MAX_DEPTH:
        raise SpecError(f"{path}: arrays or tables nested more than {MAX_DEPTH} deep")
    raw.setdefault("name", path.stem)
    scenario = raw.get("scenario")
    if isinstance(scenario, str) and scenario.endswith(".toml") and not Path(scenario).is_absolute():
        beside = path.parent / scenario  # a scenario path is relative to the experiment file
        if beside.is_file():
            raw["scenario"] = str(beside)
    return raw


def load_experiment(path: str | Path) -> ExperimentSpec:
    """Load and validate `experiments/NAME.toml` (not yet checked against the scenario)."""
    return make_spec(read_experiment(path), str(path))
