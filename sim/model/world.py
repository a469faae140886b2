"""The world's numbers: per-state vectors, per-pair matrices, the disputes and alliances.

Mechanisms are vectorised over these arrays; Mesa agents (`sim.model.agents`) are their
readable face. Built once from a validated `Scenario`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.mechanisms.domestic import ACCOUNTABILITY
from sim.mechanisms.outcomes import Outcome, Phase
from sim.scenario import GUARANTEE_STRENGTH, Scenario


@dataclass
class Dispute:
    """One dyadic conflict; `a`, `b` are state indices, `territory` is A's share of the region."""

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
    mediator: bool
    trade: float
    air: float  # one-sided coercion: >0 A strikes B
    aims: np.ndarray  # share of the territory each side fights to hold (A, B)
    issue_names: list[str]
    salience_a: np.ndarray
    salience_b: np.ndarray
    divisible: np.ndarray
    territorial: np.ndarray  # homeland territory: claims on it weigh more (Toft 2003)
    security: np.ndarray  # issues about future protection, which institutions can stand in for
    front_linked: np.ndarray  # issues the front decides: the territorial ones, else the first
    status_quo: np.ndarray  # A's share of each issue as things stand (territorial: the line)
    red_a: np.ndarray  # claims: the share each side demands (reference points)
    red_b: np.ndarray
    stakes: tuple[float, float] = (1.0, 1.0)
    belief_a: float = 0.5
    belief_b: float = 0.5
    front: list[float] = field(default_factory=list)
    last_shift: float = 0.0  # A's territory gained this month
    last_concession: dict[int, int] = field(default_factory=dict)  # state -> step
    months_in_phase: int = 0
    escalations: int = 0  # deliberate escalation steps taken
    effectiveness: np.ndarray = field(default_factory=lambda: np.ones(2))  # morale (A, B): <1 while broken
    broken_weeks: np.ndarray = field(default_factory=lambda: np.zeros(2, dtype=int))  # weeks left to recover
    last_break: np.ndarray = field(default_factory=lambda: np.full(2, -10_000))  # month each side last broke
    weekly_losses: list[list[float]] = field(default_factory=lambda: [[], []])  # (loss, forces before) per week
    war_start_territory: float = 0.5
    deal: tuple[float, ...] | None = None
    outcome: Outcome | None = None
    outcome_step: int | None = None
    outcome_reason: str = ""
    winner: int | None = None

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
    pressure: float = 0.0
    fights: bool = False
    commitment: float = 0.3
    scope: str = "claimed"
    lines: dict[int, float] = field(default_factory=dict)  # protected state -> share held when guaranteed


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
    nuclear: np.ndarray
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
    audience: np.ndarray = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        n = len(self.names)
        self.loss_rate = np.zeros(n)
        self.drain_rate = np.zeros(n)
        self.war_costs = np.zeros(n)  # cumulative: pre-war forces lost + pre-war resources spent
        self.audience = np.zeros(n)  # audience costs: the public price of signing claims away
        self.index = {name: i for i, name in enumerate(self.names)}

    @property
    def n(self) -> int:
        return len(self.names)


def front_linked_issues(territorial) -> np.ndarray:
    """The issues the battlefield decides: the territorial ones; a war over no territory is
    fought over its first issue (the report labels its charts by the same rule)."""
    territorial = np.asarray(territorial, dtype=bool)
    return territorial.copy() if territorial.any() else np.arange(len(territorial)) == 0


def _dispute(k: int, d, idx: dict[str, int]) -> Dispute:
    a, b = idx[d.sides[0]], idx[d.sides[1]]
    issues = d.issues or []
    arr = lambda f, default: np.array([f(i) for i in issues] or [default], dtype=float)  # noqa: E731
    territorial = np.array([i.territorial for i in issues] or [True])
    front_linked = front_linked_issues(territorial)
    status = np.array(
        [
            (i.status_quo if i.status_quo is not None else (d.territory_held if linked else 0.5))
            for i, linked in zip(issues, front_linked, strict=False)
        ]
        or [d.territory_held]
    )
    return Dispute(
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
        mediator=d.mediator,
        trade=d.trade,
        air=d.air_superiority,
        aims=np.array([d.aim_a, d.aim_b]),
        issue_names=[i.name for i in issues] or ["territory"],
        salience_a=arr(lambda i: i.salience, 1.0),
        salience_b=arr(lambda i: i.salience_b if i.salience_b is not None else i.salience, 1.0),
        divisible=np.array([i.divisible for i in issues] or [True]),
        territorial=territorial,
        front_linked=front_linked,
        security=np.array([i.security for i in issues] or [False]),
        status_quo=status,
        red_a=arr(lambda i: i.red_line_a, 0.0),
        red_b=arr(lambda i: i.red_line_b, 0.0),
        front=[d.territory_held],
        stakes=tuple(d.stakes),
        war_start_territory=d.territory_held,
    )


def build_world(scenario: Scenario) -> World:
    states = scenario.states
    idx = {s.name: i for i, s in enumerate(states)}
    arr = lambda f: np.array([f(s) for s in states], dtype=float)  # noqa: E731
    n = len(states)
    trust = np.full((n, n), 0.5)
    np.fill_diagonal(trust, 1.0)
    disputes = []
    for k, d in enumerate(scenario.disputes):
        disputes.append(_dispute(k, d, idx))
        a, b = idx[d.sides[0]], idx[d.sides[1]]
        trust[a, b] = trust[b, a] = d.trust
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
            pressure=a.pressure,
            fights=a.fights,
            commitment=a.commitment,
            scope=a.scope,
        )
        for a in scenario.alliances
    ]
    military = arr(lambda s: s.military)
    resources = arr(lambda s: s.resources)
    support = arr(lambda s: s.public.support)
    world = World(
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
        nuclear=np.array([s.nuclear for s in states]),
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
    for al in world.alliances:  # a guarantee limited to the line held covers today's line
        for s in al.protects:
            al.lines[s] = _held_by(world, s)
    return world


def _held_by(world: World, state: int) -> float:
    for d in world.disputes:
        if state in (d.a, d.b):
            return d.share_of(state)
    return 1.0
