"""The dashboard's state (Solara reactives, one set per browser tab) and the actions on it.

Components read these and call the actions; the actions build `RunConfig`s and drive the
`Simulation` controller. Nothing here draws anything.
"""

from __future__ import annotations

import solara
import solara.lab

from sim.dashboard.config import (
    DEFAULT_SCENARIO,
    PER_STATE,
    RunConfig,
    allowed_path,
    check_animatable,
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
uploaded_text = solara.reactive("")  # its TOML text, for the scenario editor
upload_error = solara.reactive("")
lens_mode = solara.reactive("mixed")
state_lenses = solara.reactive({})  # state name -> lens, for the per-state mode
seed = solara.reactive(1)
params = solara.reactive({})  # parameter name -> value, only those moved by the user
speed = solara.reactive(12.0)  # months per second while playing
colour_by = solara.reactive("threat")
selected_state = solara.reactive(None)  # the state whose monitor is shown (clicked in the network)
controls_open = solara.reactive(True)  # the control panel (collapsed by a button on phones)
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
        sim.shown_step = sim.steps
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
    load_task(lambda: (parse_upload(name, data), data.decode("utf-8", errors="replace")))


def _load_file(path: str) -> tuple[Scenario, str]:
    file = allowed_path(path)
    spec = load_scenario(file)
    check_animatable(spec, path.strip())
    return spec, file.read_text(encoding="utf-8")


def use_edited(spec: Scenario, text: str) -> None:
    """Run a scenario edited (and already validated) in the scenario editor."""
    uploaded.set(spec)
    uploaded_text.set(text)
    upload_error.set("")
    choose_scenario(UPLOADED)


def load_path(path: str) -> None:
    """Load a scenario file under scenarios/ or runs/ named by path (validated like an upload)."""
    load_task(lambda: _load_file(path))


@solara.lab.task
def load_task(load) -> None:
    """Validate a scenario file in the background (a large one takes seconds; the page shows
    that it is busy and offers Cancel); on a ScenarioError keep the current scenario."""
    upload_error.set("")
    try:
        spec, text = load()
    except ScenarioError as exc:
        if load_task.is_current():
            upload_error.set(str(exc))
        return
    if not load_task.is_current():  # cancelled meanwhile
        return
    uploaded.set(spec)
    uploaded_text.set(text)
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


def reset_params() -> None:
    params.set({})
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
    closed = solara.kernel_closed_event()  # the tab was closed: stop working for it

    def keep_going() -> bool:
        return playing.value and simulation.value is sim and play_task.is_current() and not closed.is_set()

    def drawn() -> None:
        sim.shown_step = sim.steps  # before the redraw: the page may show it before set() returns
        version.set(version.value + 1)

    play(sim, lambda: speed.value, keep_going, drawn)
    if closed.is_set() or simulation.value is not sim:
        return
    # The loop may have computed a month the page had not drawn yet when Pause was pressed.
    if sim.pause_at is not None and sim.steps > sim.pause_at:
        sim.rewind(sim.pause_at)
    sim.pause_at = None
    playing.set(False)
    sim.shown_step = sim.steps
    version.set(version.value + 1)


def page_shows(month: int) -> None:
    """The month on the page when Play/Pause was clicked (sent just before the click)."""
    sim = simulation.value
    if sim is not None:
        sim.seen_on_click = month


def toggle_play() -> None:
    if playing.value:
        sim = simulation.value
        if sim is not None:
            # the page may lag behind the server: stop on what it showed, else on what was drawn
            seen = sim.seen_on_click
            sim.pause_at = min(sim.shown_step, seen) if seen is not None else sim.shown_step
            sim.seen_on_click = None
        playing.set(False)
        return
    sim = ensure_simulation()
    if sim is None or sim.finished:
        return
    sim.pause_at = None
    playing.set(True)
    play_task()


compare_error = solara.reactive("")


@solara.lab.task
def compare_task() -> None:
    """Both lenses run to the end in the background (seconds): the page shows it is busy."""
    try:
        result: Comparison = compare(current_config())
    except (ScenarioError, ValueError) as exc:
        compare_error.set(str(exc))
        return
    if compare_task.is_current():
        comparison.set(result)
        comparison_stale.set(False)
        compare_error.set("")


def run_comparison() -> None:
    compare_task()


ensemble_stop = solara.reactive(False)  # Stop pressed: keep the runs so far, labelled partial


def start_ensemble() -> None:
    ensemble_stop.set(False)
    ensemble_task()


class EnsembleError(Exception):
    """An ensemble that cannot start (no lens chosen); the message is shown as is."""


@solara.lab.task
def ensemble_task():
    """Replicates under each chosen lens; returns (runs, shares, requested) so a cancelled
    ensemble can be labelled partial."""
    lenses = list(ensemble_lenses.value)
    if not lenses:
        raise EnsembleError("choose at least one lens to run the ensemble")
    config = current_config()
    closed = solara.kernel_closed_event()
    requested = len(lenses) * int(ensemble_runs.value)

    def progress(pct: float) -> None:
        ensemble_task.progress = pct

    def keep_going() -> bool:
        return ensemble_task.is_current() and not closed.is_set() and not ensemble_stop.value

    runs = run_replicates(config, lenses, int(ensemble_runs.value), progress, keep_going)
    return runs, shares_by_lens(runs) if not runs.empty else runs, requested
