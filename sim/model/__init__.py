"""ConflictModel: one step is one month; `step()` lists the phases in order.

events -> perception -> domestic politics -> decisions -> talks and ceasefires -> combat
-> third parties -> outcomes. Numbers live in `self.world` (numpy arrays); States, Alliances
and Publics are Mesa agents reading them. All randomness comes from Mesa's seeded `self.rng`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mesa
import numpy as np
import pandas as pd

from sim.columns import tidy
from sim.lenses import Decision, Lens, get_lens
from sim.mechanisms.outcomes import Outcome
from sim.mesa_native import conflict_datacollector, mesa_arguments
from sim.model.agents import Alliance, Public, State
from sim.model.phases import domestic, events, fight, talk, third_parties
from sim.model.phases.decide import decide
from sim.model.recording import Recorder
from sim.model.world import build_world
from sim.scenario import Scenario, ScenarioError, load_scenario


class ConflictModel(mesa.Model):
    """Interstate conflict on Mesa.

    Args:
        scenario: a scenario name, a path to a TOML file, a `Scenario`, or a Mesa Scenario
            (`sim.mesa_native.ConflictScenario(conflict=..., rng=...)`, as SolaraViz passes on Reset).
        lens: "realism", "liberalism" or "mixed" (each state keeps its scenario lens; a state
            without one is an error).
        rng: the one seed (or numpy Generator) all randomness flows from (`seed=` is accepted too).
        steps: horizon in months (default: the scenario's).
        stop_at_outcome: stop as soon as the primary dispute has an outcome.
        **overrides: dotted scenario paths or parameter names, e.g.
            `concession_decay=0.1` or `**{"states.Russia.will": 0.9}`.
    """

    def __init__(
        self,
        scenario: str | Path | Scenario = "ukraine_2025",
        lens: str | None = None,
        rng: Any = None,
        steps: int | None = None,
        stop_at_outcome: bool = True,
        **overrides: Any,
    ):
        # Mesa's conventions (a Mesa Scenario, as SolaraViz passes on Reset; seed= for rng)
        scenario, rng, lens, steps, overrides, mesa_scenario = mesa_arguments(scenario, rng, lens, steps, overrides)
        super().__init__(scenario=mesa_scenario)
        self.seed = rng if isinstance(rng, int | np.integer) else None
        self.spec = load_scenario(scenario, overrides)
        self.params = self.spec.params
        self.lens_name = lens or self.spec.default_lens
        if self.lens_name != "mixed":
            get_lens(self.lens_name)  # fail early on an unknown lens
        else:
            missing = [s.name for s in self.spec.states if s.lens is None]
            if missing:
                raise ScenarioError(
                    f"{self.spec.name}: lens 'mixed' keeps each state's own lens, but {', '.join(missing)} "
                    "has none: set states.<name>.lens or choose realism or liberalism"
                )
        self.horizon = steps if steps is not None else self.spec.steps
        self.stop_at_outcome = stop_at_outcome
        self.world = build_world(self.spec)
        self.lenses: list[Lens] = [
            get_lens(s.lens if self.lens_name == "mixed" else self.lens_name) for s in self.spec.states
        ]
        self.assumptions = [lens.assumptions(self.params) for lens in self.lenses]
        self.states = [State(self, i, s.name, self.lenses[i], s.regime) for i, s in enumerate(self.spec.states)]
        self.publics = [Public(self, st) for st in self.states]
        self.alliance_agents = [Alliance(self, k) for k in range(len(self.world.alliances))]
        self.outcome: Outcome | None = None
        self.outcome_step: int | None = None
        self.decisions: dict[tuple[int, int], Decision] = {}
        self.assessments: dict = {}
        self.shocks: dict[tuple[int, int], np.ndarray] = {}  # each state's carried-over taste shocks (decide)
        self.broken: set[tuple[int, int]] = set()
        self.escalation_risk = 0.0
        self.explain_decisions = True  # write a student-readable reason when a state changes its mind
        self.recorder = Recorder(self)
        for d in self.world.disputes:
            fight.init_beliefs(self, d)
        domestic.initial_audience_costs(self)
        domestic.update_threat(self, weight=1.0)  # start from perceived, not zero, threat
        self.datacollector = conflict_datacollector()
        self.recorder.record()
        self.datacollector.collect(self)

    # --- the monthly schedule -----------------------------------------------------------
    def step(self) -> None:
        self.scheduled_events()
        domestic.perceive(self)
        domestic.domestic_politics(self)
        self.decisions = decide(self)
        talk.bargain(self, self.decisions)
        fight.combat(self, self.decisions)
        third_parties.alliances(self)
        talk.check_outcomes(self)
        self.recorder.record()
        self.datacollector.collect(self)
        if self.steps >= self.horizon or (self.stop_at_outcome and self.outcome is not None):
            self.running = False

    def scheduled_events(self) -> None:
        for e in self.spec.events:
            if e.month == self.steps:
                actor, target, reason = events.apply_event(self, e)
                self.log(actor, target, e.kind, reason)
        for actor, reason in events.random_shocks(self):
            self.log(actor, None, "shock", reason)

    def run(self, steps: int | None = None) -> ConflictModel:
        """Run to the horizon (or `steps` more months), stopping at an outcome."""
        if steps is not None:
            self.horizon = self.steps + steps
            self.running = not (self.stop_at_outcome and self.outcome is not None)
        while self.running and self.steps < self.horizon:
            self.step()
        return self

    # --- helpers the phases share ---------------------------------------------------------
    @property
    def primary(self):
        return self.world.disputes[0]

    @property
    def tension(self) -> float:
        """Mean mutual threat over unresolved disputes, raised by fighting intensity."""
        live = [d for d in self.world.disputes if d.active] or self.world.disputes
        th = self.world.threat
        return float(np.mean([(th[d.a, d.b] + th[d.b, d.a]) / 2 * (0.6 + 0.4 * d.fighting_intensity) for d in live]))

    def log(self, actor: str, target: str | None, kind: str, reason: str, details: str = "") -> None:
        self.recorder.event(actor, target, kind, reason, details)

    def hold_election(self, state: int) -> str:
        return domestic.hold_election(self, state)

    @property
    def final_outcome(self) -> Outcome:
        return self.outcome or Outcome.ONGOING

    # --- tidy data out --------------------------------------------------------------------
    # the tables come with the project's column types (sim.columns), as the files on disk do
    def model_table(self) -> pd.DataFrame:
        return tidy(self.recorder.model_frame())

    def agent_table(self) -> pd.DataFrame:
        return tidy(self.recorder.agent_frame())

    def event_table(self) -> pd.DataFrame:
        return tidy(self.recorder.event_frame())
