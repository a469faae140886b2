"""Scenario schema and TOML loading.

A scenario is the whole input of a run: the states, alliances and disputes at the start,
a timeline of scheduled events, and the mechanism parameters (`Params`, with defaults and
sources in `docs/model.md`). The schema is strict: unknown keys, wrong types, NaN/inf and
out-of-range values are rejected, and every error names the file and the field path.
"""

from __future__ import annotations

import hashlib
import math
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from sim.catalogue import (
    SCENARIO_DIR,
    SCENARIO_ENV,
    CatalogueEntry,
    available_scenarios,
    resolve_path,
    scenario_catalogue,
    user_scenario_dirs,
)
from sim.errors import ScenarioError
from sim.history_spec import HistorySpec
from sim.overrides import apply_override, check_depth, parse_value
from sim.params import Params

MAX_STATES = 500  # the benchmark world has 200; 500 still runs 120 months in well under a minute
MAX_STEPS = 10_000  # months (over 800 years); the CLI's --steps has the same bound
MAX_ITEMS = 1_000  # alliances, disputes, events, issues: far above any real case


def _number_only(value: Any) -> Any:
    """Refuse a bool or a string where a number is due (pydantic's lax mode would take
    `true` as 1 and `"120"` as 120, hiding a typo in the file)."""
    if isinstance(value, bool | str | bytes):
        raise _error("number_type", f"expected a number, got {value!r}")
    return value


NumberOnly = BeforeValidator(_number_only)


def _error(kind: str, message: str) -> PydanticCustomError:
    """A schema error with a literal message (braces in user names are not format fields)."""
    return PydanticCustomError(kind, "{message}", {"message": message})


Unit = Annotated[float, NumberOnly, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Positive = Annotated[float, NumberOnly, Field(gt=0.0, le=1e6, allow_inf_nan=False)]
Signed = Annotated[float, NumberOnly, Field(ge=-1.0, le=1.0, allow_inf_nan=False)]
Month = Annotated[int, NumberOnly, Field(ge=0, le=MAX_STEPS)]


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

    support: Unit = 0.6
    casualty_sensitivity: Unit = 0.5
    cost_sensitivity: Unit = 0.4
    rally: Unit = 0.1  # jump in support when the state is attacked (rally round the flag)
    hawkishness: Unit = 0.5
    election_interval: Month = 0  # months between elections; 0 = no scheduled elections
    next_election: Month = 0  # month of the first election; 0 = one interval after the start


class StateSpec(Strict):
    name: Annotated[str, Field(min_length=1, max_length=60)]
    military: Positive
    resources: Positive = 1.0
    manpower: Positive = 1.0
    will: Unit = 0.6
    regime: Regime = Regime.HYBRID
    lens: str | None = None
    optimism: Signed = 0.0
    quality: Annotated[float, NumberOnly, Field(gt=0.0, le=10.0, allow_inf_nan=False)] = 1.0
    nuclear: StrictBool = False  # a deliverable nuclear arsenal (Schelling 1966: the nuclear shadow)
    public: PublicSpec = PublicSpec()


class IssueSpec(Strict):
    """One issue at stake. `red_line_a`/`red_line_b` are the minimum share each side must get.

    Divisible issues (territory, sanctions relief) can be split; indivisible ones (alignment,
    guarantees with troops) go wholly to one side. Red lines that sum above one leave no deal.
    """

    name: Annotated[str, Field(min_length=1, max_length=40)]
    divisible: StrictBool = True
    salience: Positive = 1.0
    red_line_a: Unit = 0.0
    red_line_b: Unit = 0.0
    territorial: StrictBool = False
    security: StrictBool = False  # about future protection (alignment, guarantees): institutions can stand in for it
    salience_b: Positive | None = None  # B's own weight when it differs from A's (`salience`)
    status_quo: Unit | None = None  # A's share as things stand; territorial issues: the line held


class DisputeSpec(Strict):
    sides: tuple[str, str]
    phase: Literal["crisis", "war", "talks", "ceasefire"] = "war"
    months_at_war: Month = 0
    territory_held: Unit = 0.5
    intensity: Unit = 0.5
    trust: Unit = 0.3
    stakes: tuple[Positive, Positive] = (1.0, 1.0)
    monitoring: StrictBool = False
    dmz: StrictBool = False
    aim_a: Unit = 1.0  # share of the disputed territory A fights to hold (limited aims below 1)
    aim_b: Unit = 1.0
    air_superiority: Signed = 0.0  # one-sided coercion: +1 A strikes B with little reply (Pape 1996)
    mediator: StrictBool = False  # a third party puts terms on the table, monitors and a DMZ included
    trade: Unit = 0.0  # economic interdependence of the two sides (Russett & Oneal 2001)
    issues: list[IssueSpec] = Field(default_factory=list, max_length=MAX_ITEMS)


class AllianceSpec(Strict):
    name: Annotated[str, Field(min_length=1, max_length=60)]
    members: list[str] = Field(min_length=1)
    candidates: list[str] = Field(default_factory=list)
    protects: list[str] = Field(default_factory=list)
    cohesion: Unit = 0.7
    credibility: Unit = 0.6
    guarantee: GuaranteeLevel = GuaranteeLevel.NONE
    troops: StrictBool = False
    aid: Annotated[float, NumberOnly, Field(ge=0.0, le=1.0, allow_inf_nan=False)] = 0.0
    pressure: Unit = 0.0  # how far aid is conditioned on the client accepting a deal (Pressman 2008)
    fights: StrictBool = False  # the members already fight beside the protected states
    commitment: Unit = 0.3  # share of the members' forces committed when they fight
    scope: Literal["held", "claimed"] = "claimed"  # a guarantee covers the line held, or all claimed


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

    month: Annotated[int, NumberOnly, Field(ge=1, le=MAX_STEPS)]
    kind: EventKind
    actor: str
    target: str | None = None
    value: Annotated[float, NumberOnly, Field(ge=-10.0, le=10.0, allow_inf_nan=False)] = 0.0
    issue: str | None = None
    troops: StrictBool = False
    note: str = ""


class Scenario(Strict):
    name: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_.-]+$")]
    description: str = ""
    start: str = ""
    steps: Annotated[int, NumberOnly, Field(ge=1, le=MAX_STEPS)] = 120
    default_lens: str = "mixed"
    params: Params = Params()
    states: list[StateSpec] = Field(min_length=2, max_length=MAX_STATES)
    alliances: list[AllianceSpec] = Field(default_factory=list, max_length=MAX_ITEMS)
    disputes: list[DisputeSpec] = Field(min_length=1, max_length=MAX_ITEMS)
    events: list[EventSpec] = Field(default_factory=list, max_length=MAX_ITEMS)
    history: HistorySpec | None = None  # the real outcome of a historical case (validation only)

    @model_validator(mode="before")
    @classmethod
    def _params_are_numbers(cls, raw: Any) -> Any:
        """`[params]` values are numbers: `fog = true` or `fog = "0.3"` is a typo, not 1 or 0.3."""
        params = raw.get("params") if isinstance(raw, dict) else None
        if isinstance(params, dict):
            errors = [
                InitErrorDetails(
                    type=_error("number_type", f"expected a number, got {v!r}"),
                    loc=("params", k),
                    input=v,
                )
                for k, v in params.items()
                if k in Params.model_fields and isinstance(v, bool | str | bytes)
            ]
            if errors:
                raise ValidationError.from_exception_data("Scenario", errors)
        return raw

    @model_validator(mode="after")
    def _names_resolve(self) -> Scenario:
        """Every cross-reference names something that exists and makes sense (see `cross_reference_errors`)."""
        from sim.references import cross_reference_errors

        errors = cross_reference_errors(self)
        if errors:
            raise ValidationError.from_exception_data(
                "Scenario",
                [InitErrorDetails(type=_error("reference", msg), loc=loc, input=None) for loc, msg in errors],
            )
        return self

    def month_label(self, step: int) -> str:
        """`month 17 (2027-05)` when the scenario has a `start = "YYYY-MM"`, else `month 17`."""
        try:
            year, month = (int(x) for x in self.start.split("-")[:2])
        except ValueError:
            return f"month {step}"
        total = year * 12 + (month - 1) + step
        return f"month {step} ({total // 12}-{total % 12 + 1:02d})"

    def content_hash(self) -> str:
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]


# --- loading (finding files: sim.catalogue) -------------------------------------------------


def read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # -sig: a BOM some editors add
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ScenarioError(f"{path}: arrays or tables nested too deeply") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{path}: cannot read: {exc}") from None
    return check_depth(raw, str(path))


def _format_errors(source: str, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        elif "input" in err and isinstance(err["input"], float) and not math.isfinite(err["input"]):
            msg = f"{msg} (got {err['input']})"
        lines.append(f"{source}: {loc}: {msg}")
    return "\n".join(lines)


def validate(raw: dict[str, Any], source: str) -> Scenario:
    try:
        return Scenario.model_validate(raw)
    except ValidationError as exc:
        raise ScenarioError(_format_errors(source, exc)) from None


def load_scenario(name_or_path: str | Path | Scenario, overrides: dict[str, Any] | None = None) -> Scenario:
    """Load and validate a scenario by shipped name or path, applying dotted overrides."""
    if isinstance(name_or_path, Scenario):
        if not overrides:
            return name_or_path
        raw, source = name_or_path.model_dump(mode="json"), name_or_path.name
    else:
        path = resolve_path(name_or_path)
        raw, source = read_toml(path), str(path)
    for dotted, value in (overrides or {}).items():
        apply_override(raw, dotted, value)
    return validate(raw, source)


__all__ = [
    "GUARANTEE_STRENGTH",
    "Scenario",
    "ScenarioError",
    "SCENARIO_DIR",
    "SCENARIO_ENV",
    "CatalogueEntry",
    "apply_override",
    "available_scenarios",
    "load_scenario",
    "parse_value",
    "read_toml",
    "resolve_path",
    "scenario_catalogue",
    "user_scenario_dirs",
    "validate",
]
