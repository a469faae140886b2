"""Samplers: which parameter points a batch runs (grid, evenly spaced range, LHS, Sobol', Morris).

Following the EMA Workbench split (Kwakkel 2017), a sampler only turns a parameter space into
points: each implements `generate_samples(bounds, size, rng)` and knows nothing of the model,
the executors or the storage. The designs for sensitivity analysis come from SALib (Herman &
Usher 2017) and their row order is part of the design: `SALib.analyze.sobol` and
`SALib.analyze.morris` read the model outputs back in exactly that order.

- LHS: Latin hypercube (McKay, Beckman & Conover 1979), `n` points.
- Sobol': Saltelli's extension of the Sobol' sequence (Saltelli 2002; Saltelli et al. 2010) with
  second-order terms, `n` base samples giving `n * (2D + 2)` points; `n` must be a power of 2
  (the balance properties of the scrambled Sobol' sequence hold only then).
- Morris: `n` one-at-a-time trajectories on a 4-level grid (Morris 1991), `n * (D + 1)` points.

Bounds are `{key: (lo, hi)}` with keys as in `--set`: a bare mechanism parameter
(`concession_decay`) or a dotted scenario path (`states.Russia.will`). `check_bounds` holds them
against the ranges the parameters declare; integer parameters (e.g. `cost_horizon`) are
rounded after sampling.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Mapping
from typing import Any, Protocol

import numpy as np

from sim.params import Params

Bounds = Mapping[str, tuple[float, float]]
MORRIS_LEVELS = 4


# --- grids and ranges -------------------------------------------------------------------------


def grid_points(grid: Mapping[str, list]) -> list[dict[str, Any]]:
    """Cartesian product of the grid's values, in key order (last key varies fastest); {} → [{}]."""
    keys = list(grid)
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*(grid[k] for k in keys))]


def parse_range(text: str) -> list[float]:
    """`"lo:hi:n"` → n evenly spaced values from lo to hi, both ends included.

    Raises:
        ValueError: on bad syntax, non-finite numbers, n < 1, lo > hi, or n = 1 with lo < hi.
    """
    lo, hi, n = range_parts(text)
    return [float(v) for v in np.linspace(lo, hi, n)]


def range_parts(text: str) -> tuple[float, float, int]:
    """`"lo:hi:n"` checked as in `parse_range`, without making the values (n may be huge)."""
    parts = text.split(":")
    if len(parts) != 3:
        raise ValueError(f"range {text!r}: expected lo:hi:n, e.g. 0.1:0.5:5")
    lo, hi = _finite_pair(parts, f"range {text!r}")
    if not parts[2].strip().isascii():
        raise ValueError(f"range {text!r}: n must be a whole number")
    try:
        n = int(parts[2])
    except ValueError:
        raise ValueError(f"range {text!r}: n must be a whole number") from None
    if n < 1:
        raise ValueError(f"range {text!r}: n must be at least 1")
    if lo > hi:
        raise ValueError(f"range {text!r}: lo ({lo:g}) is greater than hi ({hi:g})")
    if n == 1 and lo < hi:
        raise ValueError(f"range {text!r}: n = 1 cannot include both ends; use n >= 2 or lo = hi")
    return lo, hi, n


def _finite_pair(parts: list[str], what: str) -> tuple[float, float]:
    """The first two `parts` as finite floats (lo, hi); ValueError naming `what` if not."""
    try:
        lo, hi = float(parts[0]), float(parts[1])
    except ValueError:
        raise ValueError(f"{what}: lo and hi must be numbers") from None
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"{what}: lo and hi must be finite")
    return lo, hi


def parse_bounds(text: str) -> tuple[float, float]:
    """`"lo:hi"` → (lo, hi) with lo < hi, both finite.

    Raises:
        ValueError: on bad syntax or lo >= hi.
    """
    parts = text.split(":")
    if len(parts) != 2:
        raise ValueError(f"bounds {text!r}: expected lo:hi, e.g. 0.01:0.2")
    lo, hi = _finite_pair(parts, f"bounds {text!r}")
    if lo >= hi:
        raise ValueError(f"bounds {text!r}: lo ({lo:g}) must be less than hi ({hi:g})")
    return lo, hi


# --- the parameter space ----------------------------------------------------------------------


def declared_range(key: str) -> tuple[float, float] | None:
    """The (ge, le) range a mechanism parameter declares in `sim.params.Params`; None if not one."""
    field = Params.model_fields.get(key)
    if field is None:
        return None
    lo = next((m.ge for m in field.metadata if hasattr(m, "ge")), -math.inf)
    hi = next((m.le for m in field.metadata if hasattr(m, "le")), math.inf)
    return float(lo), float(hi)


def integer_keys(bounds: Bounds) -> set[str]:
    """Keys of integer mechanism parameters (sampled values are rounded for them)."""
    return {k for k in bounds if k in Params.model_fields and Params.model_fields[k].annotation is int}


def check_bounds(bounds: Bounds, scenario: Any = None) -> None:
    """Check each `key: (lo, hi)` against the parameter's declared range.

    Bare keys must be mechanism parameters (`sim.params.Params`) and lie inside their `ge`/`le`
    range. Dotted scenario paths are checked by validating the scenario with lo and with hi
    (only when `scenario`, a name, path or `Scenario`, is given).

    Raises:
        ValueError: naming the key (a `ScenarioError` for dotted paths).
    """
    if not bounds:
        raise ValueError("no bounds given: add --bounds key=lo:hi for each parameter to vary")
    for key, (lo, hi) in bounds.items():
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
            raise ValueError(f"--bounds {key}={lo:g}:{hi:g}: lo must be less than hi, both finite")
        if "." not in key and "__" not in key:
            declared = declared_range(key)
            if declared is None:
                raise ValueError(f"--bounds {key}: unknown parameter (see `brink run --help` or docs/model.md)")
            if lo < declared[0] or hi > declared[1]:
                raise ValueError(
                    f"--bounds {key}={lo:g}:{hi:g}: outside the declared range "
                    f"{declared[0]:g}..{declared[1]:g} of {key}"
                )
        elif scenario is not None:
            from sim.scenario import ScenarioError, load_scenario

            for value in (lo, hi):
                try:
                    load_scenario(scenario, {key: value})
                except ScenarioError as exc:
                    raise ValueError(f"--bounds {key}={lo:g}:{hi:g}: {exc}") from None


def salib_problem(bounds: Bounds) -> dict[str, Any]:
    """SALib's problem dict: `{"num_vars", "names", "bounds"}` in the bounds' key order."""
    return {
        "num_vars": len(bounds),
        "names": list(bounds),
        "bounds": [[float(lo), float(hi)] for lo, hi in bounds.values()],
    }


# --- samplers (EMA: generate_samples(parameters, size, rng)) -----------------------------------


class Sampler(Protocol):
    name: str

    def design_size(self, num_vars: int, size: int) -> int: ...

    def generate_samples(self, bounds: Bounds, size: int, rng: np.random.Generator) -> np.ndarray: ...


class LHSSampler:
    """Latin hypercube: `size` points, one per stratum of every parameter."""

    name = "lhs"

    def design_size(self, num_vars: int, size: int) -> int:
        return size

    def generate_samples(self, bounds: Bounds, size: int, rng: np.random.Generator) -> np.ndarray:
        from SALib.sample import latin

        return latin.sample(salib_problem(bounds), size, seed=rng)


class SobolSampler:
    """Saltelli's design over a scrambled Sobol' sequence: `size` (a power of 2) × (2D + 2) points."""

    name = "sobol"

    def design_size(self, num_vars: int, size: int) -> int:
        return size * (2 * num_vars + 2)

    def generate_samples(self, bounds: Bounds, size: int, rng: np.random.Generator) -> np.ndarray:
        from SALib.sample import sobol

        if size & (size - 1):
            lower = 1 << (size.bit_length() - 1)
            raise ValueError(
                f"--n {size}: Sobol' sampling needs a power of 2 base samples (e.g. {lower} or {lower * 2})"
            )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # scipy's note on the first point of a sequence
            return sobol.sample(salib_problem(bounds), size, calc_second_order=True, seed=rng)


class MorrisSampler:
    """Morris elementary-effects design: `size` trajectories × (D + 1) points on a 4-level grid."""

    name = "morris"

    def design_size(self, num_vars: int, size: int) -> int:
        return size * (num_vars + 1)

    def generate_samples(self, bounds: Bounds, size: int, rng: np.random.Generator) -> np.ndarray:
        from SALib.sample import morris

        if size < 2:
            raise ValueError(f"--n {size}: Morris needs at least 2 trajectories")
        return morris.sample(salib_problem(bounds), size, num_levels=MORRIS_LEVELS, seed=rng)


SAMPLERS: dict[str, Sampler] = {s.name: s for s in (LHSSampler(), SobolSampler(), MorrisSampler())}
SAMPLE_METHODS = tuple(SAMPLERS)


def design_size(method: str, num_vars: int, n: int) -> int:
    """How many points `sample_points(method, ...)` gives for `num_vars` parameters and `n`."""
    return _sampler(method).design_size(num_vars, n)


def sample_points(method: str, bounds: Bounds, n: int, seed: int) -> list[dict[str, float]]:
    """Points of a sampling design, in the design's order; the same seed gives the same points.

    Args:
        method: "lhs", "sobol" or "morris".
        bounds: `{key: (lo, hi)}`; key order is the design's column order.
        n: LHS points, Sobol' base samples (a power of 2) or Morris trajectories.
        seed: seeds a `numpy.random.Generator` handed to the sampler.

    Raises:
        ValueError: unknown method, no bounds, lo >= hi, or an `n` the design cannot use.
    """
    sampler = _sampler(method)
    if not bounds:
        raise ValueError(f"--sample {method} needs at least one --bounds key=lo:hi")
    if n < 1:
        raise ValueError(f"--n {n}: must be at least 1")
    for key, (lo, hi) in bounds.items():
        if not lo < hi:
            raise ValueError(f"--bounds {key}={lo:g}:{hi:g}: lo must be less than hi")
    matrix = sampler.generate_samples(bounds, n, np.random.default_rng(seed))
    keys, ints = list(bounds), integer_keys(bounds)
    return [{k: (int(round(v)) if k in ints else float(v)) for k, v in zip(keys, row, strict=True)} for row in matrix]


def _sampler(method: str) -> Sampler:
    try:
        return SAMPLERS[method]
    except KeyError:
        raise ValueError(f"unknown sample method {method!r}; choose one of {', '.join(SAMPLERS)}") from None
