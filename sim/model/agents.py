"""Mesa agents: the readable face of the world's arrays.

States, alliances and publics are Mesa agents with identity, lens and history; their numbers
live in the model's numpy arrays (`sim.world.World`) so mechanisms can be vectorised, and the
agents' properties read them by index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from sim.lenses import Lens

if TYPE_CHECKING:
    from sim.model import ConflictModel


class State(mesa.Agent):
    """A state: forces, resources, manpower, will, threat, trust, red lines and a lens."""

    def __init__(self, model: ConflictModel, index: int, name: str, lens: Lens, regime: str):
        super().__init__(model)
        self.index, self.name, self.lens, self.regime = index, name, lens, regime

    @property
    def _w(self):
        return self.model.world

    military = property(lambda self: float(self._w.military[self.index]))
    resources = property(lambda self: float(self._w.resources[self.index]))
    manpower = property(lambda self: float(self._w.manpower[self.index]))
    will = property(lambda self: float(self._w.will[self.index]))

    def trust_toward(self, other: State) -> float:
        return float(self._w.trust[self.index, other.index])

    def threat_from(self, other: State) -> float:
        return float(self._w.threat[self.index, other.index])

    def __repr__(self) -> str:
        return f"State({self.name!r}, lens={self.lens.name})"


class Public(mesa.Agent):
    """A state's domestic public: war support, sensitivities, hawkishness, elections."""

    def __init__(self, model: ConflictModel, state: State):
        super().__init__(model)
        self.state = state
        self.name = f"{state.name} public"

    support = property(lambda self: float(self.model.world.support[self.state.index]))
    hawkishness = property(lambda self: float(self.model.world.hawkishness[self.state.index]))
    next_election = property(lambda self: int(self.model.world.next_election[self.state.index]))


class Alliance(mesa.Agent):
    """An alliance: members, candidates, protected states, cohesion, credibility, guarantees, aid."""

    def __init__(self, model: ConflictModel, index: int):
        super().__init__(model)
        self.index = index
        self.name = model.world.alliances[index].name

    @property
    def spec(self):
        return self.model.world.alliances[self.index]

    @property
    def members(self) -> list[str]:
        return [self.model.world.names[i] for i in sorted(self.spec.members)]
