"""A spec checked against its scenario before anything runs (`resolve`).

Every point's overrides are applied and validated, so an unknown key or an out-of-range value
is one message naming the point; the design's size is checked first, by arithmetic, so an
oversized design is refused at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.errors import ScenarioError
from sim.experiments.spec import MAX_RUNS, RESERVED, ExperimentSpec, SpecError

if TYPE_CHECKING:
    from sim.scenario import Scenario


@dataclass(frozen=True)
class Resolved:
    """A spec checked against its scenario: ready to run."""

    spec: ExperimentSpec
    scenario_path: Path
    scenario_hash: str
    scenario: Scenario  # as read from scenario_path, before `set`: what the workers receive
    points: list[dict[str, Any]]
    varied: list[str]

    @property
    def n_runs(self) -> int:
        return len(self.points) * len(self.spec.lenses) * self.spec.replicates


def check_size(spec: ExperimentSpec, max_runs: int = MAX_RUNS, source: str = "brink batch") -> int:
    """The design's number of runs; SpecError if it is above `max_runs` (nothing is allocated)."""
    try:
        planned = spec.planned_runs
    except ValueError as exc:
        raise SpecError(f"{source}: {exc}") from None
    if planned > max_runs:
        raise SpecError(
            f"{source}: the design has {planned:,} runs, above the limit of {max_runs:,}; "
            "use fewer values, samples or replicates, or raise the limit with --max-runs"
        )
    return planned


def resolve(spec: ExperimentSpec, source: str = "brink batch", max_runs: int = MAX_RUNS) -> Resolved:
    """Check the spec against its scenario and every point's overrides; SpecError if not runnable.

    The design's size is checked first, by arithmetic, so an oversized one is refused at once.
    """
    from sim.scenario import load_scenario, resolve_path

    check_size(spec, max_runs, source)

    try:
        path = resolve_path(spec.scenario)
        plain = load_scenario(path)
    except ScenarioError as exc:
        raise SpecError(f"{source}: scenario: {exc}") from None
    try:
        base = load_scenario(path, spec.set)
    except ScenarioError as exc:
        raise SpecError(f"{source}: set: {exc}") from None
    _check_keys(spec, source)
    try:
        points = spec.points()
    except ValueError as exc:
        raise SpecError(f"{source}: {exc}") from None
    if spec.sample:
        from sim.experiments.sampling import check_bounds

        try:
            check_bounds(dict(spec.bounds), base)
        except ValueError as exc:
            raise SpecError(f"{source}: bounds: {exc}") from None
    seen: set[str] = set()
    for k, point in enumerate(points):
        key = json.dumps(point, sort_keys=True, default=str)
        if key in seen:
            continue
        seen.add(key)
        try:
            load_scenario(path, {**spec.set, **point})
        except ScenarioError as exc:
            where = ", ".join(f"{name}={value!r}" for name, value in point.items())
            raise SpecError(f"{source}: point {k} ({where}): {exc}") from None
    return Resolved(spec, path, base.content_hash(), plain, points, spec.varied)


def _check_keys(spec: ExperimentSpec, source: str) -> None:
    """A parameter may be fixed, gridded or sampled, but only one of these."""
    places = {"set": spec.set, "grid": spec.grid, "ranges": spec.ranges, "bounds": spec.bounds,
              "design": spec.design[0] if spec.design else {}}  # fmt: skip
    if spec.design and spec.sample:
        raise SpecError(f"{source}: design: give a --design file or a --sample method, not both")
    owner: dict[str, str] = {}
    for place, keys in places.items():
        for key in keys:
            if key in owner:
                raise SpecError(f"{source}: {place}.{key}: also given in {owner[key]}; give each key in one place")
            owner[key] = place
    if spec.sample and not spec.bounds:
        raise SpecError(f"{source}: sample: --sample {spec.sample} needs --bounds key=lo:hi")
    if spec.sample and spec.n is None:
        raise SpecError(f"{source}: n: --sample {spec.sample} needs --n")
    if spec.bounds and not spec.sample:
        raise SpecError(f"{source}: bounds: given without a --sample method (lhs, sobol or morris)")
    if spec.n is not None and not spec.sample:
        raise SpecError(f"{source}: n: given without a --sample method (lhs, sobol or morris)")
    for key in spec.varied:
        if key in RESERVED:
            hint = "; set the horizon with --steps instead" if key == "steps" else ""
            raise SpecError(f"{source}: {key}: cannot be varied, it names an output column{hint}")
    for key, values in spec.full_grid.items():
        kinds = {type(v) for v in values}
        if len(kinds) > 1 and not kinds <= {int, float}:
            raise SpecError(f"{source}: grid.{key}: values must all be numbers, or all of one type")
