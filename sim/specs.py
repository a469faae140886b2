"""The parts of a scenario: states and their publics, alliances, disputes and their issues, events.

Each field carries its bounds and a one-line description (`Field(description=...)`): the
schema is the one place that says what a field means, and the dashboard's scenario form shows
those texts next to the inputs. Meanings and sources: `docs/model.md`, sections 2 and 6.
The whole scenario (`Scenario`) and its loading: `sim.scenario`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool
from pydantic_core import PydanticCustomError

MAX_STATES = 500  # the benchmark world has 200; 500 still runs 120 months in well under a minute
MAX_STEPS = 10_000  # months (over 800 years); the CLI's --steps has the same bound
MAX_ITEMS = 1_000  # alliances, disputes, events, issues: far above any real case


def _number_only(value: Any) -> Any:
    """Refuse a bool or a string where a number is due (pydantic's lax mode would take
    `true` as 1 and `"120"` as 120, hiding a typo in the file)."""
    if isinstance(value, bool | str | bytes):
        raise error("number_type", f"expected a number, got {value!r}")
    return value


NumberOnly = BeforeValidator(_number_only)


def error(kind: str, message: str) -> PydanticCustomError:
    """A schema error with a literal message (braces in user names are not format fields)."""
    return PydanticCustomError(kind, "{message}", {"message": message})


Unit = Annotated[float, NumberOnly, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Positive = Annotated[float, NumberOnly, Field(gt=0.0, le=1e6, allow_inf_nan=False)]
Signed = Annotated[float, NumberOnly, Field(ge=-1.0, le=1.0, allow_inf_nan=False)]
Month = Annotated[int, NumberOnly, Field(ge=0, le=MAX_STEPS)]


def Doc(default: Any, text: str, **kwargs: Any) -> Any:  # noqa: N802 - reads like a type in the tables below
    """A field's default and its description (a list default is built fresh for each instance)."""
    if isinstance(default, list):
        return Field(default_factory=list, description=text, **kwargs)
    return Field(default, description=text, **kwargs)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Regime(StrEnum):
    DEMOCRACY = "democracy"
    HYBRID = "hybrid"
    AUTOCRACY = "autocracy"


class GuaranteeLevel(StrEnum):
    """How binding an alliance's promise to a protected state is (Walter 2002; Snyder 1984)."""

    NONE = "none"
    BILATERAL = "bilateral"
    MULTILATERAL = "multilateral"
    ARTICLE5 = "article5"


GUARANTEE_STRENGTH = {"none": 0.0, "bilateral": 0.35, "multilateral": 0.6, "article5": 1.0}


class PublicSpec(Strict):
    """The domestic public of one state (Putnam's second level)."""

    support: Unit = Doc(0.6, "share of the public that supports the war at the start")
    casualty_sensitivity: Unit = Doc(0.5, "how much support falls with the state's losses in battle (Mueller 1973)")
    cost_sensitivity: Unit = Doc(0.4, "how much support falls with the war's economic cost (Gartner 2008)")
    rally: Unit = Doc(0.1, "jump in support when the state is attacked (rally round the flag)")
    hawkishness: Unit = Doc(0.5, "how hard the public punishes leaders who sign claims away (audience costs)")
    election_interval: Month = Doc(0, "months between elections; 0 = no scheduled elections")
    next_election: Month = Doc(0, "month of the first election; 0 = one interval after the start")


class StateSpec(Strict):
    """One state: its forces and economy, its leaders' will and lens, and its public."""

    name: Annotated[str, Field(min_length=1, max_length=60)] = Doc(..., "the state's name, used by every reference")
    military: Positive = Doc(..., "forces at the start, in relative units of the scenario's choice")
    resources: Positive = Doc(1.0, "economic capacity; only its ratio to the start matters")
    manpower: Positive = Doc(1.0, "mobilisable reserves (regeneration uses at most 1)")
    will: Unit = Doc(0.6, "the leadership's political will to fight on")
    regime: Regime = Doc(Regime.HYBRID, "how accountable the leaders are to the public")
    lens: str | None = Doc(None, "how the leaders reason (realism or liberalism); the run's 'mixed' lens needs it")
    optimism: Signed = Doc(0.0, "bias added to the leaders' belief that they will win (Blainey 1973)")
    quality: Annotated[float, NumberOnly, Field(gt=0.0, le=10.0, allow_inf_nan=False)] = Doc(
        1.0, "fire effectiveness per unit of force (training, equipment)"
    )
    nuclear: StrictBool = Doc(False, "a deliverable nuclear arsenal (Schelling 1966: the nuclear shadow)")
    public: PublicSpec = Doc(PublicSpec(), "the state's public")


class IssueSpec(Strict):
    """One issue at stake. `red_line_a`/`red_line_b` are the minimum share each side must get.

    Divisible issues (territory, sanctions relief) can be split; indivisible ones (alignment,
    guarantees with troops) go wholly to one side. Red lines that sum above one leave no deal.
    """

    name: Annotated[str, Field(min_length=1, max_length=40)] = Doc(..., "the issue's name, used by concessions")
    divisible: StrictBool = Doc(True, "can be split (territory, sanctions relief); else it goes wholly to one side")
    salience: Positive = Doc(1.0, "how much the issue weighs for side A (and for B unless salience_b is set)")
    red_line_a: Unit = Doc(0.0, "the share of the issue side A claims")
    red_line_b: Unit = Doc(0.0, "the share of the issue side B claims")
    territorial: StrictBool = Doc(False, "decided on the battlefield: its status quo is the line held")
    security: StrictBool = Doc(
        False, "about future protection (alignment, guarantees): institutions can stand in for it"
    )
    salience_b: Positive | None = Doc(None, "B's own weight when it differs from A's (salience)")
    status_quo: Unit | None = Doc(None, "A's share as things stand; territorial issues: the line held")


class DisputeSpec(Strict):
    """A dispute between two states; the first one is the run's primary dispute."""

    sides: tuple[str, str] = Doc(..., "the two states in dispute: side A, then side B")
    phase: Literal["crisis", "war", "talks", "ceasefire"] = Doc("war", "the dispute's phase at the start")
    months_at_war: Month = Doc(0, "age of the war at the start, counting months before the run")
    territory_held: Unit = Doc(0.5, "A's share of the disputed region at the start (B holds the rest)")
    intensity: Unit = Doc(0.5, "how hard the war is normally fought")
    trust: Unit = Doc(0.3, "the two sides' trust that the other keeps commitments")
    stakes: tuple[Positive, Positive] = Doc((1.0, 1.0), "worth of the stake to A and to B, in units of war cost")
    monitoring: StrictBool = Doc(False, "international monitors at the start")
    dmz: StrictBool = Doc(False, "a demilitarised zone at the start")
    aim_a: Unit = Doc(1.0, "share of the disputed territory A fights to hold (limited aims below 1)")
    aim_b: Unit = Doc(1.0, "share of the disputed territory B fights to hold")
    air_superiority: Signed = Doc(
        0.0, "one-sided coercion: +1 A strikes B with little reply, −1 the reverse (Pape 1996)"
    )
    mediator: StrictBool = Doc(False, "a third party puts terms on the table, monitors and a DMZ included")
    trade: Unit = Doc(0.0, "economic interdependence of the two sides (Russett & Oneal 2001)")
    issues: list[IssueSpec] = Doc(
        [], "the issues at stake; none: one divisible territorial issue", max_length=MAX_ITEMS
    )


class AllianceSpec(Strict):
    """An alliance: its members and candidates, whom it protects, and how far it would go."""

    name: Annotated[str, Field(min_length=1, max_length=60)] = Doc(..., "the alliance's name, used by events")
    members: list[str] = Doc(..., "the member states", min_length=1)
    candidates: list[str] = Doc([], "states that may join it")
    protects: list[str] = Doc([], "states under its guarantee or receiving its aid")
    cohesion: Unit = Doc(0.7, "how united the members are")
    credibility: Unit = Doc(0.6, "how far its promises are believed")
    guarantee: GuaranteeLevel = Doc(GuaranteeLevel.NONE, "how binding its promise to the protected states is")
    troops: StrictBool = Doc(False, "guarantor troops on the ground")
    aid: Annotated[float, NumberOnly, Field(ge=0.0, le=1.0, allow_inf_nan=False)] = Doc(
        0.0, "monthly aid as a share of the recipient's initial forces"
    )
    pressure: Unit = Doc(0.0, "how far aid is conditioned on the client accepting a deal (Pressman 2008)")
    fights: StrictBool = Doc(False, "the members already fight beside the protected states")
    commitment: Unit = Doc(0.3, "share of the members' forces committed when they fight")
    scope: Literal["held", "claimed"] = Doc("claimed", "a guarantee covers the line held, or all that is claimed")


EventKind = Literal[
    "election",
    "aid",
    "shock",
    "join",
    "guarantee",
    "concession",
    "monitoring",
    "dmz",
    "enter",
    "pressure",
]


class EventSpec(Strict):
    """A scheduled event on the scenario's timeline (month counted from the start)."""

    month: Annotated[int, NumberOnly, Field(ge=1, le=MAX_STEPS)] = Doc(..., "the month it happens")
    kind: EventKind = Doc(..., "what happens (docs/model.md, section 6)")
    actor: str = Doc(..., "the state or alliance that acts")
    target: str | None = Doc(None, "the state it acts on (join, guarantee, enter, monitoring, dmz)")
    value: Annotated[float, NumberOnly, Field(ge=-10.0, le=10.0, allow_inf_nan=False)] = Doc(
        0.0, "the event's number: aid rate, shock size, guarantee strength, new claim…"
    )
    issue: str | None = Doc(None, "the issue a concession is about")
    troops: StrictBool = Doc(False, "a guarantee with troops on the ground")
    note: str = Doc("", "a line for the event log")
