"""What every lens shares: the actions, the assumptions, the read-only view and the decision.

A lens is an IR theory as a strategy object (the Axelrod pattern): a `name`, a small
`classifier` of metadata, and a set of named `Assumptions` that enter one shared decision
calculus (`sim.lenses.calculus`). Its one method, `decide(view, params, rng) -> Decision`,
scores every option open to the state by expected utility from its own beliefs and picks one
by a logit rule. It never mutates the model: states decide from the same snapshot, then the
model applies all decisions together.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import lru_cache
from typing import Any, ClassVar

import numpy as np

from sim.mechanisms.outcomes import Phase
from sim.params import Params


class Action(StrEnum):
    HOLD = "hold"  # crisis: keep the peace, keep arming
    ATTACK = "attack"  # crisis: start the war
    FIGHT = "fight"  # war: fight on (attack while the war aims are unmet, else defend); ceasefire: resume
    ESCALATE = "escalate"  # war: raise intensity
    NEGOTIATE = "negotiate"  # accept the package on the table
    CEASEFIRE = "ceasefire"  # stop fighting without a deal (propose or keep a ceasefire)
    CONCEDE = "concede"  # accept the rival's terms (capitulate)


@dataclass(frozen=True)
class Assumptions:
    """What a theory assumes, each entering the decision calculus as one number."""

    relative_gains: float  # weight on the rival's gain from a deal (Grieco 1988)
    institution_weight: float  # how far monitors, DMZs and guarantees make promises credible
    power_foresight: float  # weight on forecast shifts in power (preventive motives)
    alliance_weight: float  # rival alliance moves read as threat
    trade_weight: float  # lost trade counted as a cost of war (interdependence)
    public_weight: float  # how far leaders answer to their public (accountability)
    trust_growth: float  # how fast kept promises rebuild trust
    cost_weight: float  # weight of the costs of war
    concession_reading: float  # a rival's concession: <0 weakness, >0 an opening to reciprocate

    @classmethod
    def from_params(cls, params: Params, lens: str) -> Assumptions:
        return cls(**{f.name: float(getattr(params, f"{f.name}_{lens}")) for f in fields(cls)})


# Plain words for each assumption, as a student reads them in a decision's reason.
ASSUMPTION_WORDS = {
    "relative_gains": ("it weighs what the rival gains, not only its own gain", "it weighs only its own gain"),
    "institution_weight": ("promises are discounted under anarchy", "monitors and guarantees make promises credible"),
    "power_foresight": ("it fears a shift in power against it", "it looks past shifts in power"),
    "alliance_weight": ("rival alliances read as threats", "rival alliances read as partly defensive"),
    "trade_weight": ("lost trade does not count", "lost trade is a cost of war"),
    "public_weight": ("the public matters little", "the public constrains its leaders"),
    "trust_growth": ("kept promises rebuild little trust", "kept promises rebuild trust"),
    "cost_weight": ("the costs of war weigh lightly", "the costs of war weigh heavily"),
    "concession_reading": ("a concession reads as weakness", "a concession is an opening to reciprocate"),
}


@dataclass(slots=True)
class View:
    """What one state sees of one dispute this month, from its own side (lens-neutral numbers).

    Built fresh each month by the model; lenses only read it."""

    state: str
    opponent: str
    phase: Phase
    month: int
    months_at_war: int
    months_in_phase: int
    belief: float  # own chance of prevailing if the war is fought to the end
    held: float  # own share of the disputed territory
    aim: float  # share of the territory it fights to hold
    rival_aim: float
    rival_held: float
    territory_weight: float  # weight of the territorial issue(s) in its stake
    win_value: float  # value (stake units) of prevailing: its own terms
    lose_value: float  # value of being defeated: the rival's terms imposed
    line_value: float  # value of the line it expects after the cost horizon, if the war is not decided
    concede_value: float  # value of accepting the rival's terms now (signed: audience costs count)
    status_quo_value: float  # value of the line held and the issues as they stand (claims kept alive)
    monthly_cost: float  # cost of a month of war at the current intensity (stake units, before lens weight)
    trade_cost: float  # monthly trade lost to the war (stake units, before lens weight)
    public_cost: float  # monthly cost through an unhappy public (stake units, before lens weight)
    duration: float  # months it expects the war still to last
    horizon: float  # months of fighting it prices in at most (the cost horizon)
    forecast_shift: float  # forecast fall in its chance of prevailing over the cost horizon (>0: declining)
    trust: float
    institutions: float  # credibility monitors and a DMZ add, before the lens weight
    guarantee: float  # credibility-weighted guarantee protecting it
    incident_risk: float  # chance incidents break a ceasefire within the cost horizon
    deal: Any  # the mediator's package (bargaining.Deal) or None
    deal_value: float | None  # own raw value of the package (claims signed away count)
    deal_rival_value: float | None
    pressure: float  # what its patron withholds if it refuses the package (stake units)
    resolve: float  # own political will
    rival_resolve: float
    rival_nuclear: bool
    escalation_room: float  # intensity still available before the war widens
    threat: float
    will: float
    support: float
    broken: bool  # own army is broken
    rival_broken: bool
    details: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """The chosen action, a sentence a student can read, and the numbers behind it."""

    action: Action
    reason: str
    issue: str | None = None
    values: dict[str, float] = field(default_factory=dict)
    tipped_by: str | None = None


@lru_cache(maxsize=256)
def _assumptions(params: Params, lens: str) -> Assumptions:
    return Assumptions.from_params(params, lens)


class Lens:
    """Base class: subclasses set `name` and `classifier`; assumptions come from `Params`."""

    name: ClassVar[str] = "base"
    classifier: ClassVar[dict[str, Any]] = {}

    def assumptions(self, params: Params) -> Assumptions:
        return _assumptions(params, self.name)

    def decide(self, view: View, params: Params, rng: np.random.Generator) -> Decision:
        from sim.lenses.calculus import choose

        return choose(view, self, params, rng)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
