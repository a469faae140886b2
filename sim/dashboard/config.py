"""What the user chose in the dashboard: scenario, lenses, seed and parameters, and how to build a model.

Slider ranges and help texts come from the `Params` schema (`ge`/`le` and `description`), so
the dashboard can never offer a value the schema would reject. An uploaded TOML file goes
through the same validation as `brink check`; its `ScenarioError` message is shown as is.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.lenses import LENSES
from sim.params import Params
from sim.scenario import (
    SCENARIO_DIR,
    Scenario,
    ScenarioError,
    load_scenario,
    scenario_catalogue,
    user_scenario_dirs,
    validate,
)

DEFAULT_SCENARIO = "ukraine_2025"
PER_STATE = "per state"
LENS_MODES = ("mixed", *LENSES, PER_STATE)
# The parameters with the most leverage on outcomes (docs/model.md, sensitivity section).
KEY_PARAMS = (
    "threat_alliance_weight",
    "entanglement_rate",
    "expansion_rate",
    "concession_decay",
    "renege_base",
    "ceasefire_hazard",
    "attrition_rate",
    "fog",
    "audience_cost_rate",
    "shock_rate",
)
MAX_UPLOAD_BYTES = 1_000_000
# Beyond this many states one month takes seconds and the network is unreadable: such a
# world is refused with a message (run it with `brink run`) instead of freezing the server.
MAX_ANIMATED_STATES = 60
RUNS_ROOT = Path("runs")  # where `brink run` and `brink batch` write, relative to the project


@dataclass(frozen=True)
class Slider:
    """One parameter slider: its range and help text come from the `Params` schema."""

    name: str
    low: float
    high: float
    step: float
    integer: bool
    description: str


def slider_for(name: str) -> Slider:
    """The slider of parameter `name`, with the bounds the schema enforces."""
    info = Params.model_fields[name]
    low = next(m.ge for m in info.metadata if hasattr(m, "ge"))
    high = next(m.le for m in info.metadata if hasattr(m, "le"))
    integer = info.annotation is int
    step = 1 if integer else _nice_step(high - low)
    return Slider(name, low, high, step, integer, info.description or name)


def _nice_step(span: float) -> float:
    """About 200 steps over the span, rounded to 1, 2 or 5 times a power of ten."""
    raw = span / 200
    power = 10.0 ** int(f"{raw:e}".split("e")[1])
    for k in (1, 2, 5, 10):
        if raw <= k * power:
            return k * power
    return 10 * power  # pragma: no cover


SLIDERS = {name: slider_for(name) for name in KEY_PARAMS}


def scenario_choices() -> dict[str, Path]:
    """Scenarios by label: the name, or `folder/name` for subfolders such as history/."""
    out = {entry.label: entry.path for entry in scenario_catalogue().values()}
    return dict(sorted(out.items(), key=lambda kv: ("/" in kv[0], kv[0])))


def load_choice(label: str) -> Scenario:
    """Load a shipped scenario by its label (raises ScenarioError)."""
    choices = scenario_choices()
    if label not in choices:
        raise ScenarioError(f"unknown scenario {label!r}; choose one of: {', '.join(choices)}")
    return load_scenario(choices[label])


def parse_upload(filename: str, data: bytes) -> Scenario:
    """Validate an uploaded scenario file; any problem is a ScenarioError naming the file and field."""
    if not filename.lower().endswith(".toml"):
        raise ScenarioError(f"{filename}: expected a .toml scenario file")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ScenarioError(f"{filename}: too large ({len(data)} bytes; a scenario is a few kB)")
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{filename}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{filename}: not valid TOML: {exc}") from None
    spec = validate(raw, filename)
    check_animatable(spec, filename)
    # Build one model so problems only the world builder sees are reported here, not mid-run.
    from sim.model import ConflictModel

    try:
        ConflictModel(spec, rng=0, steps=1)
    except ValueError as exc:
        raise ScenarioError(f"{filename}: {exc}") from None
    return spec


def check_animatable(spec: Scenario, where: str) -> None:
    """Refuse a world too large to step in the page (raises ScenarioError)."""
    if len(spec.states) > MAX_ANIMATED_STATES:
        raise ScenarioError(
            f"{where}: {len(spec.states)} states is too large to animate in the dashboard "
            f"(at most {MAX_ANIMATED_STATES}); run it with `brink run {where}` instead"
        )


def readable_roots() -> tuple[Path, ...]:
    """The only folders the path box may read from: the shipped scenarios, the user's own
    scenario folders (`--scenarios`, BRINK_SCENARIOS) and runs/."""
    return (SCENARIO_DIR.resolve(), *(d.resolve() for d in user_scenario_dirs()), RUNS_ROOT.resolve())


def allowed_path(text: str) -> Path:
    """The file named in the path box, if it lies under scenarios/ or runs/ (else ScenarioError).

    The dashboard may be served to a classroom: the path box must not let anyone read other
    files of the teacher's machine. Symbolic links are resolved before the check.
    """
    text = text.strip()
    if not text:
        raise ScenarioError("type the path of a .toml file under scenarios/ or runs/")
    raw = Path(text).expanduser()
    path = (raw if raw.is_absolute() else Path.cwd() / raw).resolve()
    if not any(path.is_relative_to(root) for root in readable_roots()):
        raise ScenarioError(
            f"{text}: the path box only opens files under scenarios/ or runs/; upload other files instead"
        )
    if path.suffix.lower() != ".toml":
        raise ScenarioError(f"{text}: expected a .toml scenario file")
    if not path.is_file():
        raise ScenarioError(f"{text}: no such file")
    return path


@dataclass(frozen=True)
class RunConfig:
    """Everything a single run needs: scenario, lenses, seed and parameter values."""

    scenario: Scenario
    lens: str = "mixed"  # one of LENS_MODES
    state_lenses: dict[str, str] = field(default_factory=dict)  # used when lens == PER_STATE
    seed: int = 1
    params: dict[str, float] = field(default_factory=dict)  # only values that differ from the scenario

    def overrides(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.params)
        if self.lens == PER_STATE:
            for name, lens in self.state_lenses.items():
                out[f"states.{name}.lens"] = lens
        return out

    def model_lens(self, lens: str | None = None) -> str:
        """The lens argument of ConflictModel: an explicit one wins; per-state runs are 'mixed'."""
        if lens is not None:
            return lens
        return "mixed" if self.lens == PER_STATE else self.lens

    def build(self, lens: str | None = None, seed: int | None = None):
        """A fresh ConflictModel for this configuration (raises ScenarioError on bad values)."""
        from sim.model import ConflictModel

        spec = load_scenario(self.scenario, self.overrides())
        return ConflictModel(spec, lens=self.model_lens(lens), rng=self.seed if seed is None else seed)


def scenario_lenses(spec: Scenario) -> dict[str, str]:
    """Each state's own lens in the scenario (what 'mixed' uses)."""
    return {s.name: s.lens or "realism" for s in spec.states}


def param_value(spec: Scenario, name: str) -> float:
    return getattr(spec.params, name)
