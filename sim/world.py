"""The world's numbers: per-state vectors, per-pair matrices and the disputes.

Mechanisms are vectorised over these arrays; Mesa agents (`sim.agents`) are their readable
face. Built once from a validated `Scenario`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.mechanisms.domestic import ACCOUNTABILITY
from sim.mechanisms.outcomes import Outcome, Phase
from sim.scenario import GUARANTEE_STRENGTH, Scenario


@dataclass
class Dispute:
    """One dyadic conflict; `a`, `b` are state indices, territory is A's share."""

    index: int
    a: int
    b: int
    phase: Phase
    months_at_war: int
    territory: float
    intensity: float
    base_intensity: float
    monitoring: bool
    dmz: bool
    issue_names: list[str]
    salience: np.ndarray
    divisible: np.ndarray
    territorial: np.ndarray
    red_a: np.ndarray
    red_b: np.ndarray
    stakes: tuple[float, float] = (1.0, 1.0)
    belief_a: float = 0.5
    belief_b: float = 0.5
    front: list[float] = field(default_factory=list)
    last_shift: float = 0.0  # A's territory gained this month
    last_concession: dict[int, int] = field(default_factory=dict)  # state -> step
    months_in_phase: int = 0
    deal: tuple[float, ...] | None = None
    outcome: Outcome | None = None
    outcome_step: int | None = None
    outcome_reason: str = ""

    def side(self, state: int) -> int:
        return 0 if state == self.a else 1

    def opponent(self, state: int) -> int:
        return self.b if state == self.a else self.a

    def share_of(self, state: int) -> float:
        return self.territory if state == self.a else 1.0 - self.territory

    def red_lines(self, state: int) -> np.ndarray:
        return self.red_a if state == self.a else self.red_b

    @property
    def active(self) -> bool:
        return self.outcome is None

    @property
    def fighting(self) -> bool:
        return self.phase in (Phase.WAR, Phase.TALKS)

    @property
    def fighting_intensity(self) -> float:
        """Intensity of the fighting this month: zero in a crisis, a ceasefire or after the end."""
        return self.intensity if self.fighting and self.active else 0.0


@dataclass
class AllianceState:
    name: str
    members: set[int]
    candidates: set[int]
    protects: set[int]
    cohesion: float
    credibility: float
    guarantee: float
    troops: bool
    aid: float


@dataclass
class World:
    names: list[str]
    military: np.ndarray
    military0: np.ndarray
    quality: np.ndarray
    resources: np.ndarray
    resources0: np.ndarray
    manpower: np.ndarray
    will: np.ndarray
    optimism: np.ndarray
    accountability: np.ndarray
    democracy: np.ndarray
    support: np.ndarray
    support0: np.ndarray
    rally: np.ndarray
    casualty_sensitivity: np.ndarray
    cost_sensitivity: np.ndarray
    hawkishness: np.ndarray
    election_interval: np.ndarray
    next_election: np.ndarray
    trust: np.ndarray
    threat: np.ndarray
    disputes: list[Dispute]
    alliances: list[AllianceState]
    loss_rate: np.ndarray = None  # type: ignore[assignment]
    drain_rate: np.ndarray = None  # type: ignore[assignment]
    war_costs: np.ndarray = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        n = len(self.names)
        self.loss_rate = np.zeros(n)
        self.drain_rate = np.zeros(n)
        self.war_costs = np.zeros(n)  # cumulative: initial forces lost + initial resources spent
        self.index = {name: i for i, name in enumerate(self.names)}

    @property
    def n(self) -> int:
        return len(self.names)


def build_world(scenario: Scenario) -> World:
    states = scenario.states
    idx = {s.name: i for i, s in enumerate(states)}
    arr = lambda f: np.array([f(s) for s in states], dtype=float)  # noqa: E731
    n = len(states)
    trust = np.full((n, n), 0.5)
    np.fill_diagonal(trust, 1.0)
    disputes = []
    for k, d in enumerate(scenario.disputes):
        a, b = idx[d.sides[0]], idx[d.sides[1]]
        issues = d.issues or []
        trust[a, b] = trust[b, a] = d.trust
        disputes.append(
            Dispute(
                index=k,
                a=a,
                b=b,
                phase=Phase(d.phase),
                months_at_war=d.months_at_war,
                territory=d.territory_held,
                intensity=d.intensity if d.phase != "crisis" else 0.0,
                base_intensity=d.intensity,
                monitoring=d.monitoring,
                dmz=d.dmz,
                issue_names=[i.name for i in issues] or ["territory"],
                salience=np.array([i.salience for i in issues] or [1.0]),
                divisible=np.array([i.divisible for i in issues] or [True]),
                territorial=np.array([i.territorial for i in issues] or [True]),
                red_a=np.array([i.red_line_a for i in issues] or [0.0]),
                red_b=np.array([i.red_line_b for i in issues] or [0.0]),
                front=[d.territory_held],
                stakes=tuple(d.stakes),
            )
        )
    alliances = [
        AllianceState(
            name=a.name,
            members={idx[m] for m in a.members},
            candidates={idx[m] for m in a.candidates},
            protects={idx[m] for m in a.protects},
            cohesion=a.cohesion,
            credibility=a.credibility,
            guarantee=GUARANTEE_STRENGTH[a.guarantee],
            troops=a.troops,
            aid=a.aid,
        )
        for a in scenario.alliances
    ]
    military = arr(lambda s: s.military)
    resources = arr(lambda s: s.resources)
    support = arr(lambda s: s.public.support)
    return World(
        names=[s.name for s in states],
        military=military,
        military0=military.copy(),
        quality=arr(lambda s: s.quality),
        resources=resources,
        resources0=resources.copy(),
        manpower=arr(lambda s: s.manpower),
        will=arr(lambda s: s.will),
        optimism=arr(lambda s: s.optimism),
        accountability=arr(lambda s: ACCOUNTABILITY[s.regime]),
        democracy=np.array([s.regime == "democracy" for s in states]),
        support=support,
        support0=support.copy(),
        rally=arr(lambda s: s.public.rally),
        casualty_sensitivity=arr(lambda s: s.public.casualty_sensitivity),
        cost_sensitivity=arr(lambda s: s.public.cost_sensitivity),
        hawkishness=arr(lambda s: s.public.hawkishness),
        election_interval=np.array([s.public.election_interval for s in states]),
        # an unset first election (0) falls one interval after the start
        next_election=np.array([s.public.next_election or s.public.election_interval for s in states]),
        trust=trust,
        threat=np.zeros((n, n)),
        disputes=disputes,
        alliances=alliances,
    )
