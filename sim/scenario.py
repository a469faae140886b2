"""Scenario schema and TOML loading.

A scenario is the whole input of a run: the states, alliances and disputes at the start,
a timeline of scheduled events (their schemas, with a description per field: `sim.specs`),
and the mechanism parameters (`Params`, with defaults and sources in `docs/model.md`). The
schema is strict: unknown keys, wrong types, NaN/inf and out-of-range values are rejected,
and every error names the file and the field path.
"""

from __future__ import annotations

import hashlib
import math
import tomllib
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails

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
from sim.specs import (
    GUARANTEE_STRENGTH,
    MAX_ITEMS,
    MAX_STATES,
    MAX_STEPS,
    AllianceSpec,
    DisputeSpec,
    Doc,
    EventSpec,
    GuaranteeLevel,
    IssueSpec,
    NumberOnly,
    PublicSpec,
    Regime,
    StateSpec,
    Strict,
    error,
)


class Scenario(Strict):
    name: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_.-]+$")] = Doc(
        ..., "the scenario's name: letters, digits, _ . -"
    )
    description: str = Doc("", "what the scenario is about, in a sentence or two")
    start: str = Doc("", "the calendar month of step 0 as YYYY-MM (months are then dated)")
    steps: Annotated[int, NumberOnly, Field(ge=1, le=MAX_STEPS)] = Doc(120, "months a run lasts at most")
    default_lens: str = Doc("mixed", "the lens of a run that names none; mixed: each state's own")
    params: Params = Doc(Params(), "the mechanism parameters; any not set keeps its default (docs/model.md)")
    states: list[StateSpec] = Doc(
        ..., "the states, with their forces, leaders and publics", min_length=2, max_length=MAX_STATES
    )
    alliances: list[AllianceSpec] = Doc([], "the alliances, with their members, promises and aid", max_length=MAX_ITEMS)
    disputes: list[DisputeSpec] = Doc(
        ..., "the disputes; the first is the run's primary one", min_length=1, max_length=MAX_ITEMS
    )
    events: list[EventSpec] = Doc(
        [], "the timeline: elections, aid, shocks, guarantees, concessions…", max_length=MAX_ITEMS
    )
    history: HistorySpec | None = Doc(None, "the real outcome of a historical case (validation only)")

    @model_validator(mode="before")
    @classmethod
    def _params_are_numbers(cls, raw: Any) -> Any:
        """`[params]` values are numbers: `fog = true` or `fog = "0.3"` is a typo, not 1 or 0.3."""
        params = raw.get("params") if isinstance(raw, dict) else None
        if isinstance(params, dict):
            errors = [
                InitErrorDetails(
                    type=error("number_type", f"expected a number, got {v!r}"),
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
                [InitErrorDetails(type=error("reference", msg), loc=loc, input=None) for loc, msg in errors],
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
    "MAX_ITEMS",
    "MAX_STATES",
    "MAX_STEPS",
    "AllianceSpec",
    "DisputeSpec",
    "EventSpec",
    "GuaranteeLevel",
    "IssueSpec",
    "PublicSpec",
    "Regime",
    "StateSpec",
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
