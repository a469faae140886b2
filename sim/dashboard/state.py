"""The dashboard's state (Solara reactives, one set per browser tab) and the actions on it.

Components read these and call the actions; the actions build `RunConfig`s and drive the
`Simulation` controller. Nothing here draws anything.
"""

from __future__ import annotations

from pathlib import Path

import solara
import solara.lab

from sim.dashboard.config import (
    DEFAULT_SCENARIO,
    PER_STATE,
    RunConfig,
    load_choice,
    parse_upload,
    scenario_lenses,
)
from sim.dashboard.results import run_replicates, shares_by_lens
from sim.dashboard.session import Comparison, Simulation, compare, play
from sim.scenario import Scenario, ScenarioError, load_scenario

UPLOADED = "uploaded file"

scenario_label = solara.reactive(DEFAULT_SCENARIO)
uploaded = solara.reactive(None)  # a validated Scenario from an uploaded file
upload_error = solara.reactive("")
lens_mode = solara.reactive("mixed")
state_lenses = solara.reactive({})  # state name -> lens, for the per-state mode
seed = solara.reactive(1)
params = solara.reactive({})  # parameter name -> value, only those moved by the user
speed = solara.reactive(12.0)  # months per second while playing
colour_by = solara.reactive("threat")
simulation = solara.reactive(None)  # the Simulation on screen
version = solara.reactive(0)  # bumped whenever the simulation moves on
playing = solara.reactive(False)
error = solara.reactive("")
comparison = solara.reactive(None)  # a Comparison, once computed
comparison_stale = solara.reactive(False)  # the choices changed since it was computed
ensemble_runs = solara.reactive(50)
ensemble_lenses = solara.reactive(["realism", "liberalism"])


def current_spec() -> Scenario:
    if scenario_label.value == UPLOADED and uploaded.value is not None:
        return uploaded.value
    return load_choice(scenario_label.value)


def current_config() -> RunConfig:
    return RunConfig(
        scenario=current_spec(),
        lens=lens_mode.value,
        state_lenses=dict(state_lenses.value),
        seed=int(seed.value),
        params=dict(params.value),
    )


def reset() -> None:
    """Build a fresh model from the current choices (stops playing; shows any error)."""
    playing.set(False)
    # the comparison stays on screen, marked as stale: unmounting its plotly widgets would
    # leave the browser with views of closed widgets ("no comm channel" errors)
    comparison_stale.set(comparison.value is not None)
    try:
        simulation.set(Simulation(current_config()))
        error.set("")
    except (ScenarioError, ValueError) as exc:
        simulation.set(None)
        error.set(str(exc))
    version.set(version.value + 1)


def ensure_simulation() -> Simulation | None:
    if simulation.value is None and not error.value:
        reset()
    return simulation.value


def step(n: int = 1) -> None:
    sim = ensure_simulation()
    if sim is not None and sim.step(n):
        version.set(version.value + 1)


def choose_scenario(label: str) -> None:
    scenario_label.set(label)
    if label != UPLOADED:
        upload_error.set("")
    params.set({})
    try:
        state_lenses.set(scenario_lenses(current_spec()))
    except ScenarioError as exc:
        error.set(str(exc))
    reset()


def upload(file_info: dict) -> None:
    """Validate an uploaded TOML file; on error keep the current scenario and show the message."""
    name = str(file_info.get("name", "uploaded.toml"))
    data = file_info.get("data")
    if data is None:
        data = file_info["file_obj"].read()
    _use_uploaded(lambda: parse_upload(name, data))


def load_path(path: str) -> None:
    """Load a scenario file named by path (validated like an upload)."""
    _use_uploaded(lambda: load_scenario(Path(path.strip()).expanduser()))


def _use_uploaded(load) -> None:
    """Switch to the scenario `load()` returns; on a ScenarioError keep the current one and show why."""
    try:
        spec = load()
    except ScenarioError as exc:
        upload_error.set(str(exc))
        return
    upload_error.set("")
    uploaded.set(spec)
    choose_scenario(UPLOADED)


def set_lens_mode(mode: str) -> None:
    lens_mode.set(mode)
    if mode == PER_STATE and not state_lenses.value:
        state_lenses.set(scenario_lenses(current_spec()))
    reset()


def set_state_lens(name: str, lens: str) -> None:
    state_lenses.set({**state_lenses.value, name: lens})
    reset()


def set_param(name: str, value: float) -> None:
    params.set({**params.value, name: value})
    reset()


def set_seed(value: int | None) -> None:
    seed.set(max(0, int(value or 0)))
    reset()


@solara.lab.task
def play_task() -> None:
    sim = ensure_simulation()
    if sim is None:
        playing.set(False)
        return

    def keep_going() -> bool:
        return playing.value and simulation.value is sim and play_task.is_current()

    play(sim, lambda: speed.value, keep_going, lambda: version.set(version.value + 1))
    if simulation.value is sim:
        playing.set(False)


def toggle_play() -> None:
    if playing.value:
        playing.set(False)
        return
    sim = ensure_simulation()
    if sim is None or sim.finished:
        return
    playing.set(True)
    play_task()


def run_comparison() -> None:
    try:
        result: Comparison = compare(current_config())
        comparison.set(result)
        comparison_stale.set(False)
        error.set("")
    except (ScenarioError, ValueError) as exc:
        error.set(str(exc))


@solara.lab.task
def ensemble_task():
    config = current_config()
    lenses = list(ensemble_lenses.value) or ["mixed"]

    def progress(pct: float) -> None:
        ensemble_task.progress = pct

    runs = run_replicates(config, lenses, int(ensemble_runs.value), progress, ensemble_task.is_current)
    return runs, shares_by_lens(runs)
