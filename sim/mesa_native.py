"""ConflictModel as Mesa 3.5 expects a model to be: scenarios, seeds and the DataCollector.

- `ConflictScenario`: a Mesa `Scenario` naming the conflict scenario to load (`conflict`), with
  `lens`, `steps` and any override as further parameters. `ConflictModel(scenario=...)` takes
  one (or any Mesa `Scenario`, as SolaraViz passes on Reset) besides a scenario name, path or
  `sim.scenario.Scenario`; the model's `scenario` attribute is always a `ConflictScenario`.
- `seed=` is accepted as Mesa does: another name for `rng` (not both).
- `conflict_datacollector()`: model reporters for the primary dispute, agent reporters for
  every agent (name, kind, forces, will, support, threat, trust) and agent-type reporters for
  alliances, so `get_model_vars_dataframe()`, `get_agent_vars_dataframe()` and
  `get_agenttype_vars_dataframe(Alliance)` carry what `mesa.batch_run` and Mesa's tools read.

The model core calls `mesa_arguments` and `conflict_datacollector`; everything Mesa-specific
lives here.
"""

from __future__ import annotations

import math
from operator import attrgetter
from typing import Any

import mesa
from mesa.experimental.scenarios import Scenario as MesaScenario

DEFAULT_CONFLICT = "ukraine_2025"
_MESA_KEYS = {"rng", "model", "_scenario_id"}  # a Mesa Scenario's own entries, not parameters


class ConflictScenario(MesaScenario):
    """A Mesa Scenario for ConflictModel: `conflict` is the scenario to load (name or path)."""

    conflict: str = DEFAULT_CONFLICT


def mesa_arguments(
    scenario: Any, rng: Any, lens: str | None, steps: int | None, overrides: dict[str, Any]
) -> tuple[Any, Any, str | None, int | None, dict[str, Any], ConflictScenario]:
    """Sort Mesa-style arguments into ConflictModel's.

    `seed` arrives among the overrides (it is not a parameter of ConflictModel, so that
    `mesa.batch_run` keeps passing and recording `rng`). Returns (scenario to load, rng, lens,
    steps, overrides, the Mesa scenario for `super().__init__`).
    """
    overrides = dict(overrides)
    seed = overrides.pop("seed", None)
    if seed is not None:
        if rng is not None:
            raise ValueError("pass either rng or seed, not both (seed is Mesa's older name for rng)")
        rng = seed
    if isinstance(scenario, MesaScenario):
        params = {k: v for k, v in scenario.to_dict().items() if k not in _MESA_KEYS}
        rng = scenario.rng if rng is None else rng
        conflict = params.pop("conflict", DEFAULT_CONFLICT)
        lens = params.pop("lens", None) if lens is None else lens
        steps = params.pop("steps", None) if steps is None else steps
        params.pop("lens", None), params.pop("steps", None)
        overrides = {**params, **overrides}
    else:
        conflict = scenario
    label = conflict if isinstance(conflict, str) else getattr(conflict, "name", str(conflict))
    return conflict, rng, lens, steps, overrides, ConflictScenario(rng=rng, conflict=str(label))


# --- the DataCollector ------------------------------------------------------------------------
# Every reporter runs for every agent every month, so they are kept few and cheap: a value that
# does not apply to an agent's kind is NaN (a float: Mesa deep-copies anything else), and the
# alliance-only columns are agent-type reporters (`get_agenttype_vars_dataframe(Alliance)`).

NAN = math.nan


def _kind(agent: mesa.Agent) -> str:
    return type(agent).__name__.lower()  # state, public, alliance


def _is_state(agent: mesa.Agent) -> bool:
    return type(agent).__name__ == "State"


def _threat(agent: mesa.Agent) -> float:
    """The highest threat the state perceives (a row of the world's matrix: no loop over pairs)."""
    if not _is_state(agent):
        return NAN
    row = agent.model.world.threat[agent.index].copy()
    row[agent.index] = 0.0
    return float(row.max()) if len(row) > 1 else 0.0


def _trust(agent: mesa.Agent) -> float:
    """The state's mean trust toward the others."""
    if not _is_state(agent):
        return NAN
    w = agent.model.world
    n = w.n
    return float((w.trust[agent.index].sum() - w.trust[agent.index, agent.index]) / max(n - 1, 1))


def _support(agent: mesa.Agent) -> float:
    kind = _kind(agent)
    if kind == "public":
        return agent.support
    if kind == "state":
        return next(p.support for p in agent.model.publics if p.state is agent)
    return NAN


def _state_attr(name: str):
    getter = attrgetter(name)
    return lambda agent: getter(agent) if _is_state(agent) else NAN


def _alliance_attr(field: str):
    if field == "members":
        return lambda agent: float(len(agent.spec.members))
    getter = attrgetter(field)
    return lambda agent: float(getter(agent.spec))


MODEL_REPORTERS = {
    "outcome": lambda m: str(m.final_outcome),
    "outcome_step": lambda m: m.outcome_step,
    "phase": lambda m: str(m.primary.phase),
    "tension": lambda m: m.tension,
    "territory": lambda m: m.primary.territory,
    "escalation_risk": lambda m: m.escalation_risk,
}
AGENT_REPORTERS = {
    "name": attrgetter("name"),
    "kind": _kind,
    "military": _state_attr("military"),
    "will": _state_attr("will"),
    "support": _support,
    "threat": _threat,
    "trust": _trust,
}
ALLIANCE_REPORTERS = {f: _alliance_attr(f) for f in ("cohesion", "credibility", "members", "guarantee", "aid")}


def conflict_datacollector() -> mesa.DataCollector:
    """The model's DataCollector: `MODEL_REPORTERS`, `AGENT_REPORTERS` and, per alliance, `ALLIANCE_REPORTERS`."""
    from sim.model.agents import Alliance

    return mesa.DataCollector(
        model_reporters=MODEL_REPORTERS,
        agent_reporters=AGENT_REPORTERS,
        agenttype_reporters={Alliance: ALLIANCE_REPORTERS},
    )
