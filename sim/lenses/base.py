"""What every lens shares: the actions, the read-only view of the world, and the decision.

A lens is an IR theory as a strategy object (the Axelrod pattern): a `name`, a small
`classifier` of metadata, a `perception` filter (how the theory weighs alliances,
institutions, costs and publics) and one method, `decide(view, rng) -> Decision`. It never
mutates the model; states decide from the same snapshot, then the model applies all
decisions together.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

import numpy as np

from sim.mechanisms.outcomes import Phase


class Action(StrEnum):
    HOLD = "hold"  # crisis or ceasefire: keep the peace, keep arming
    ATTACK = "attack"  # crisis: start the war
    FIGHT = "fight"  # war: fight on
    ESCALATE = "escalate"  # war: raise intensity
    NEGOTIATE = "negotiate"  # open or stay in talks; accept a credible deal
    CEASEFIRE = "ceasefire"  # propose or keep a ceasefire without a deal
    CONCEDE = "concede"  # lower one's own red line on a blocking issue


@dataclass(frozen=True)
class Perception:
    """How a theory filters the world before deciding (see docs/model.md, Lenses)."""

    alliance_weight: float  # rival alliance moves read as threat
    institution_weight: float  # monitoring, DMZs, guarantees make promises credible
    cost_weight: float  # how heavily the costs of war count
    public_weight: float  # how far the public constrains leaders
    concession_reading: float  # >0 reciprocate a rival's concession, <0 read it as weakness
    democratic_peace: float  # threat discount between two democracies


@dataclass(frozen=True)
class View:
    """What one state sees of one dispute this month (its own perspective)."""

    state: str
    opponent: str
    phase: Phase
    month: int
    months_at_war: int
    months_in_phase: int
    belief: float  # own chance of winning the war
    expected_advance: float  # front movement in own favour expected over the cost horizon
    share_held: float  # own share of the disputed territory
    cost: float  # own expected cost of fighting on (lens-weighted)
    ripe: bool
    ripeness_reason: str
    recent_shift: float  # front movement in own favour over the ripeness window
    decisive: bool  # that movement is a decisive shift (either way)
    deal_value: float | None  # own value of the best deal on the table, None if there is none
    reservation: float  # own value of fighting on: belief - cost
    credibility: float  # own belief that a deal would be kept
    credibility_needed: float
    blocking_issue: str | None  # an issue where own red line blocks a deal, if any
    will: float
    support: float
    threat: float
    trust: float
    military_ratio: float  # own forces / initial forces
    force_ratio: float  # own effective forces / opponent's
    democracy: bool
    opponent_democracy: bool

    @property
    def expected_gain(self) -> float:
        """Zartman's test: ground expected from fighting on, net of its costs (<= 0: hurting)."""
        return self.expected_advance - self.cost

    @property
    def exhausted(self) -> bool:
        return self.will < 0.25 or self.military_ratio < 0.45

    @property
    def deal_acceptable(self) -> bool:
        return (
            self.deal_value is not None
            and self.deal_value >= self.reservation
            and self.credibility >= self.credibility_needed
        )


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str
    issue: str | None = None


def accept_deal(view: View) -> Decision | None:
    """Shared by every lens: take a credible deal worth more than fighting on."""
    v = view
    ready = v.phase in (Phase.CRISIS, Phase.TALKS, Phase.CEASEFIRE) or v.ripe
    if not (v.deal_acceptable and ready):
        return None
    return Decision(
        Action.NEGOTIATE,
        f"accept: deal worth {v.deal_value:.2f} ≥ fighting on {v.reservation:.2f} "
        f"(Fearon), credibility {v.credibility:.2f} ≥ {v.credibility_needed:.2f}",
    )


class Lens:
    """Base class: subclasses set `name`, `classifier`, `perception` and implement `decide`."""

    name: ClassVar[str] = "base"
    classifier: ClassVar[dict[str, Any]] = {}
    perception: ClassVar[Perception]

    def decide(self, view: View, rng: np.random.Generator) -> Decision:  # pragma: no cover
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
