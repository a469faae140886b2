"""Exploratory modelling: the parameter space, a plain function of it, and an EMA Workbench model.

Tools such as EMA Workbench, SALib or an optimiser want three things, and this module gives
them without glue:

- `parameter_space()`: every mechanism parameter (`sim.params.Params`) with its bounds, default
  and documentation, as declared by the schema (so no tool can sample outside what it accepts);
- `outcomes(params)`: a dict of plain parameter names -> a dict of numbers: the share of each
  outcome kind, the median outcome month, and end-state means over a few seeded replicates.
  Names are mechanism parameters (`concession_decay`) or scenario paths written with `__` for
  dots (`states__Russia__will`), so every name is a Python identifier;
- `ema_model()`: an `ema_workbench.Model` built from the two (EMA Workbench is optional:
  `pip install ema-workbench`).

Replicates use seeds 0..replicates-1 at every point (common random numbers), so two points
differ by their parameters, not by their luck. See docs/explore.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sim.columns import OUTCOMES
from sim.params import Params

METRICS = ("mean_tension", "final_territory", "final_trust", "talks_months")
OUTCOME_NAMES: tuple[str, ...] = (
    *(f"share_{o}" for o in OUTCOMES),
    "outcome_month",
    *METRICS,
)  # the keys of `outcomes()`, in order
OUTCOME_DOCS = {
    **{f"share_{o}": f"share of replicates that end in {o}" for o in OUTCOMES},
    "outcome_month": "median month of the outcome over replicates, a run without one counting its last month",
    "mean_tension": "mean over replicates of the run's mean tension index [0, 1]",
    "final_territory": "mean over replicates of the first side's final share of the disputed region",
    "final_trust": "mean over replicates of the lower mutual trust at the end [0, 1]",
    "talks_months": "mean over replicates of the months spent in talks",
}


@dataclass(frozen=True)
class Parameter:
    """One dimension of the parameter space, with the bounds the schema enforces."""

    name: str
    low: float
    high: float
    default: float
    integer: bool
    doc: str


def _bound(info: Any, kind: str) -> float:
    return next(getattr(m, kind) for m in info.metadata if getattr(m, kind, None) is not None)


def parameter_space(names: Iterable[str] | None = None) -> dict[str, Parameter]:
    """The mechanism parameters (all, or `names`) with bounds, default and documentation."""
    fields = Params.model_fields
    chosen = list(fields) if names is None else list(names)
    unknown = [n for n in chosen if n not in fields]
    if unknown:
        raise KeyError(f"not a mechanism parameter: {', '.join(unknown)} (see sim.params.Params)")
    return {
        name: Parameter(
            name,
            float(_bound(fields[name], "ge")),
            float(_bound(fields[name], "le")),
            float(fields[name].default),
            fields[name].annotation is int,
            fields[name].description or name,
        )
        for name in chosen
    }


def outcomes(
    params: dict[str, Any] | None = None,
    *,
    scenario: Any = "ukraine_2025",
    lens: str | None = None,
    replicates: int = 10,
    steps: int | None = None,
) -> dict[str, float]:
    """Run `replicates` seeded models at `params` and return numeric outcomes (`OUTCOME_NAMES`)."""
    from sim.ensemble import run_ensemble
    from sim.scenario import load_scenario

    spec = load_scenario(scenario, dict(params or {}))  # bad names or values: one ScenarioError
    runs = run_ensemble(spec, lens, range(replicates), steps)
    out = {f"share_{o}": float((runs["outcome"] == o).mean()) for o in OUTCOMES}
    # censored at the horizon: a run without an outcome counts its last month, so this is never NaN
    out["outcome_month"] = float(runs["outcome_step"].fillna(runs["steps"]).median())
    out |= {m: float(runs[m].mean()) for m in METRICS}
    return out


class ExploreFunction:
    """`outcomes` with the scenario, lens, replicates and steps fixed: call it with parameters only.

    A class rather than a closure so that it pickles (EMA's MultiprocessingEvaluator, Dask).
    """

    def __init__(self, scenario: Any = "ukraine_2025", lens: str | None = None, replicates: int = 10,
                 steps: int | None = None):  # fmt: skip
        self.scenario, self.lens, self.replicates, self.steps = scenario, lens, replicates, steps

    def __call__(self, **params: Any) -> dict[str, float]:
        return outcomes(params, scenario=self.scenario, lens=self.lens, replicates=self.replicates, steps=self.steps)


def ema_model(
    names: Sequence[str],
    *,
    scenario: Any = "ukraine_2025",
    lens: str | None = None,
    replicates: int = 10,
    steps: int | None = None,
    bounds: dict[str, tuple[float, float]] | None = None,
    name: str = "brinkmanship",
):
    """An `ema_workbench.Model` over the parameters `names`, with every outcome of `outcomes()`.

    Bounds are the schema's unless `bounds` narrows them (`{name: (low, high)}`).
    """
    from ema_workbench import IntegerParameter, Model, RealParameter, ScalarOutcome

    space = parameter_space(names)
    model = Model(name, function=ExploreFunction(scenario, lens, replicates, steps))
    uncertainties = []
    for p in space.values():
        low, high = (bounds or {}).get(p.name, (p.low, p.high))
        if not p.low <= low < high <= p.high:
            raise ValueError(f"{p.name}: bounds ({low}, {high}) must lie within [{p.low}, {p.high}]")
        kind = IntegerParameter if p.integer else RealParameter
        uncertainties.append(kind(p.name, int(low) if p.integer else low, int(high) if p.integer else high))
    model.uncertainties = uncertainties
    model.outcomes = [ScalarOutcome(o) for o in OUTCOME_NAMES]
    return model


__all__ = [
    "OUTCOME_DOCS",
    "OUTCOME_NAMES",
    "ExploreFunction",
    "Parameter",
    "ema_model",
    "outcomes",
    "parameter_space",
]
