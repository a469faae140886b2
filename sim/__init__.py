"""Brinkmanship: an agent-based simulation of interstate conflict dynamics on Mesa."""

from importlib.metadata import PackageNotFoundError, version

from sim.lenses import LENSES, Action, Decision, Lens, get_lens
from sim.mechanisms.outcomes import Outcome, Phase
from sim.model import ConflictModel
from sim.scenario import Scenario, ScenarioError, available_scenarios, load_scenario

try:
    __version__ = version("brinkmanship")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+local"

__all__ = [
    "LENSES",
    "Action",
    "ConflictModel",
    "Decision",
    "Lens",
    "Outcome",
    "Phase",
    "Scenario",
    "ScenarioError",
    "available_scenarios",
    "get_lens",
    "load_scenario",
    "__version__",
]
