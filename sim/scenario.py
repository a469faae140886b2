"""Scenario schema and TOML loading.

A scenario is the whole input of a run: the states, alliances and disputes at the start,
a timeline of scheduled events, and the mechanism parameters (`Params`, with defaults and
sources in `docs/model.md`). The schema is strict: unknown keys, wrong types, NaN/inf and
out-of-range values are rejected, and every error names the file and the field path.
"""

from __future__ import annotations

import hashlib
import math
import os
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sim.data import shipped_dir
from sim.errors import ScenarioError
from sim.history_spec import HistorySpec
from sim.overrides import apply_override, parse_value
from sim.params import Params

SCENARIO_DIR = shipped_dir("scenarios")  # inside the installed package (see sim.data)

Unit = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0.0, le=1e6, allow_inf_nan=False)]
Signed = Annotated[float, Field(ge=-1.0, le=1.0, allow_inf_nan=False)]
Month = Annotated[int, Field(ge=0, le=10_000)]


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
    quality: Annotated[float, Field(gt=0.0, le=10.0, allow_inf_nan=False)] = 1.0
    public: PublicSpec = PublicSpec()


class IssueSpec(Strict):
    """One issue at stake. `red_line_a`/`red_line_b` are the minimum share each side must get.

    Divisible issues (territory, sanctions relief) can be split; indivisible ones (alignment,
    guarantees with troops) go wholly to one side. Red lines that sum above one leave no deal.
    """

    name: Annotated[str, Field(min_length=1, max_length=40)]
    divisible: bool = True
    salience: Positive = 1.0
    red_line_a: Unit = 0.0
    red_line_b: Unit = 0.0
    territorial: bool = False


class DisputeSpec(Strict):
    sides: tuple[str, str]
    phase: Literal["crisis", "war", "talks", "ceasefire"] = "war"
    months_at_war: Month = 0
    territory_held: Unit = 0.5
    intensity: Unit = 0.5
    trust: Unit = 0.3
    stakes: tuple[Positive, Positive] = (1.0, 1.0)
    monitoring: bool = False
    dmz: bool = False
    issues: list[IssueSpec] = Field(default_factory=list)


class AllianceSpec(Strict):
    name: Annotated[str, Field(min_length=1, max_length=60)]
    members: list[str] = Field(min_length=1)
    candidates: list[str] = Field(default_factory=list)
    protects: list[str] = Field(default_factory=list)
    cohesion: Unit = 0.7
    credibility: Unit = 0.6
    guarantee: GuaranteeLevel = GuaranteeLevel.NONE
    troops: bool = False
    aid: Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)] = 0.0


EventKind = Literal[
    "election",
    "aid",
    "shock",
    "join",
    "guarantee",
    "concession",
    "monitoring",
    "dmz",
]


class EventSpec(Strict):
    """A scheduled event on the scenario's timeline (month counted from the start)."""

    month: Annotated[int, Field(ge=1, le=10_000)]
    kind: EventKind
    actor: str
    target: str | None = None
    value: Annotated[float, Field(ge=-10.0, le=10.0, allow_inf_nan=False)] = 0.0
    issue: str | None = None
    troops: bool = False
    note: str = ""


class Scenario(Strict):
    name: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_.-]+$")]
    description: str = ""
    start: str = ""
    steps: Annotated[int, Field(ge=1, le=10_000)] = 120
    default_lens: str = "mixed"
    params: Params = Params()
    states: list[StateSpec] = Field(min_length=2)
    alliances: list[AllianceSpec] = Field(default_factory=list)
    disputes: list[DisputeSpec] = Field(min_length=1)
    events: list[EventSpec] = Field(default_factory=list)
    history: HistorySpec | None = None  # the real outcome of a historical case (validation only)

    @model_validator(mode="after")
    def _names_resolve(self) -> Scenario:
        names = [s.name for s in self.states]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise ValueError(f"duplicate state names: {sorted(dup)}")
        known = set(names)

        def need(name: str, where: str) -> None:
            if name not in known:
                raise ValueError(f"{where}: unknown state {name!r} (known: {sorted(known)})")

        for k, a in enumerate(self.alliances):
            for field in ("members", "candidates", "protects"):
                for n in getattr(a, field):
                    need(n, f"alliances.{k}.{field}")
        for k, d in enumerate(self.disputes):
            for n in d.sides:
                need(n, f"disputes.{k}.sides")
            if d.sides[0] == d.sides[1]:
                raise ValueError(f"disputes.{k}.sides: a state cannot dispute with itself")
        alliance_names = {a.name for a in self.alliances}
        state_kinds = {"election", "shock", "concession", "monitoring", "dmz"}
        for k, e in enumerate(self.events):
            wanted = known if e.kind in state_kinds else alliance_names
            if e.actor not in wanted:
                what = "a state" if e.kind in state_kinds else "an alliance"
                raise ValueError(f"events.{k}.actor: a {e.kind!r} event needs {what}, got {e.actor!r}")
            if e.kind in {"join", "guarantee", "concession", "monitoring", "dmz"} and e.target not in known:
                raise ValueError(f"events.{k}.target: a {e.kind!r} event needs a target state, got {e.target!r}")
            if e.kind == "concession" and not any(e.issue in {i.name for i in d.issues} for d in self.disputes):
                raise ValueError(f"events.{k}.issue: a concession needs the name of an issue at stake, got {e.issue!r}")
            if e.actor not in known | alliance_names:
                raise ValueError(f"events.{k}.actor: unknown actor {e.actor!r}")
            if e.target is not None and e.target not in known | alliance_names:
                raise ValueError(f"events.{k}.target: unknown actor {e.target!r}")
        from sim.lenses import LENSES

        if self.default_lens != "mixed" and self.default_lens not in LENSES:
            raise ValueError(f"default_lens: unknown lens {self.default_lens!r} (known: {sorted(LENSES)} or 'mixed')")
        for k, s in enumerate(self.states):
            if s.lens is not None and s.lens not in LENSES:
                raise ValueError(f"states.{k}.lens: unknown lens {s.lens!r} (known: {sorted(LENSES)})")
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


# --- loading --------------------------------------------------------------------------------


SCENARIO_ENV = "BRINK_SCENARIOS"  # the user's scenario folders (os.pathsep-separated), searched first


@dataclass(frozen=True)
class CatalogueEntry:
    """One scenario of the catalogue: its file, and the folder it was found in."""

    name: str
    path: Path
    root: Path
    shipped: bool

    @property
    def label(self) -> str:
        """The name, or `folder/name` for a file in a subfolder such as history/."""
        return self.path.relative_to(self.root).with_suffix("").as_posix()

    @property
    def source(self) -> str:
        """Where the scenario comes from: "shipped", or the user's folder."""
        return "shipped" if self.shipped else str(self.root)


def user_scenario_dirs() -> list[Path]:
    """The user's scenario folders from `BRINK_SCENARIOS` (set by `brink --scenarios DIR` too)."""
    raw = os.environ.get(SCENARIO_ENV, "")
    return [Path(part).expanduser() for part in raw.split(os.pathsep) if part.strip()]


def scenario_catalogue() -> dict[str, CatalogueEntry]:
    """Every scenario by name: the user's folders first, then the shipped ones.

    A user's scenario hides a shipped one of the same name. Raises ScenarioError for a user
    folder that does not exist and for an empty catalogue (a broken install).
    """
    roots = [(d, False) for d in user_scenario_dirs()] + [(SCENARIO_DIR, True)]
    entries: dict[str, CatalogueEntry] = {}
    for root, shipped in roots:
        if not root.is_dir():
            where = "the shipped scenario folder" if shipped else f"{SCENARIO_ENV} / --scenarios"
            raise ScenarioError(f"{root}: {where}: no such folder")
        for path in sorted(root.rglob("*.toml"), key=lambda p: (len(p.parts), p)):  # top level first
            entries.setdefault(path.stem, CatalogueEntry(path.stem, path, root, shipped))
    if not entries:
        searched = ", ".join(str(root) for root, _ in roots)
        raise ScenarioError(f"no scenarios found (searched {searched}); the installation looks incomplete")
    return entries


def available_scenarios() -> dict[str, Path]:
    """Scenarios by name (user folders first, then shipped, including `history/` cases)."""
    return {name: entry.path for name, entry in scenario_catalogue().items()}


def resolve_path(name_or_path: str | Path) -> Path:
    """A scenario file from a path (anything ending in .toml or existing) or a catalogue name."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise ScenarioError(f"{path}: no such scenario file")
        return path
    known = available_scenarios()
    if str(name_or_path) not in known:
        raise ScenarioError(
            f"unknown scenario {str(name_or_path)!r}; choose one of: {', '.join(known)} or give a path to a .toml file"
        )
    return known[str(name_or_path)]


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{path}: cannot read: {exc}") from None


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
