"""The control panel: scenario, file loading, lenses, seed, play controls and parameters.

Every control says what it does: sliders show their value with its unit next to a readable
name, with the schema's description on hover; buttons are disabled when they would do
nothing (a finished run cannot step), and slow work (checking a file) shows that it is busy.
CSS classes prefixed `brink-` are stable hooks for the browser tests.
"""

from __future__ import annotations

import ipywidgets as widgets
import solara

from sim.dashboard import state
from sim.dashboard.config import LENS_MODES, PER_STATE, SLIDERS, param_value, scenario_choices
from sim.dashboard.labels import PARAM_LABELS, format_value
from sim.lenses import LENSES

HINT = {"font-size": "12px", "color": "#555"}


def _uploaded(files) -> None:
    """ipywidgets' FileUpload value: a tuple of dicts with name and content (a memoryview)."""
    if files:
        state.upload({"name": files[0]["name"], "data": bytes(files[0]["content"])})


@solara.component
def ScenarioControls():
    path, set_path = solara.use_state("")
    labels = list(scenario_choices())
    if state.uploaded.value is not None:
        labels.append(state.UPLOADED)
    solara.Select(
        "Scenario",
        value=state.scenario_label.value,
        values=labels,
        on_value=state.choose_scenario,
        classes=["brink-scenario"],
    )
    task = state.load_task
    with solara.Div(classes=["brink-upload"]):
        widgets.FileUpload.element(
            accept=".toml", multiple=False, description="Upload .toml", on_value=_uploaded, layout={"width": "100%"}
        )
    with solara.Row(style={"align-items": "baseline"}):
        solara.InputText(
            "…or a file under scenarios/ or runs/",
            value=path,
            on_value=set_path,
            continuous_update=True,  # Load must read what is typed, even before the field loses focus
            classes=["brink-path"],
        )
        solara.Button(
            "Load",
            text=True,
            on_click=lambda: state.load_path(path),
            disabled=task.pending,
            classes=["brink-path-load"],
        )
    with solara.Div(classes=["brink-load-status"]):
        if task.pending:
            solara.ProgressLinear(True)
            with solara.Row(style={"align-items": "center"}):
                solara.Text("Checking the scenario file…", style=HINT)
                solara.Button("Cancel", text=True, on_click=task.cancel, classes=["brink-load-cancel"])
    if state.upload_error.value:
        with solara.Div(classes=["brink-upload-error"]):
            solara.Error(f"Scenario file rejected: {state.upload_error.value}", text=True, dense=True)
    solara.Select(
        "Lens (how leaders reason)",
        value=state.lens_mode.value,
        values=list(LENS_MODES),
        on_value=state.set_lens_mode,
        classes=["brink-lens"],
    )
    if state.lens_mode.value == PER_STATE:
        for name, lens in state.state_lenses.value.items():
            solara.Select(
                f"{name}'s lens",
                value=lens,
                values=list(LENSES),
                on_value=lambda v, n=name: state.set_state_lens(n, v),
                dense=True,
            )
    solara.InputInt(
        "Seed (same seed, same run)", value=state.seed.value, on_value=state.set_seed, classes=["brink-seed"]
    )


@solara.component
def ParamSlider(name: str, value: float):
    s = SLIDERS[name]
    label, _unit = PARAM_LABELS[name]
    with solara.Div(classes=["brink-param"], attributes={"data-param": name, "title": s.description}):
        with solara.Tooltip(f"{s.description} (range {s.low:g}–{s.high:g}; parameter {name})"):
            solara.HTML(
                unsafe_innerHTML=f"<span class='brink-param-label'>{label}</span> "
                f"<span class='brink-param-value'>{format_value(name, value)}</span>",
                classes=["brink-param-head"],
            )
        if s.integer:
            solara.SliderInt(
                "", value=int(value), min=int(s.low), max=int(s.high), on_value=lambda v: state.set_param(name, v)
            )
        else:
            solara.SliderFloat(
                "", value=float(value), min=s.low, max=s.high, step=s.step, on_value=lambda v: state.set_param(name, v)
            )


@solara.component
def ParamSliders():
    # a plain switch, not solara.Details: that one needs ipyvuetify 1.x exactly
    shown = solara.use_reactive(False)
    solara.Switch(label="Model parameters", value=shown, classes=["brink-params-switch"])
    try:
        spec = state.current_spec()
    except Exception:  # the error is shown elsewhere
        return
    if not shown.value:
        return
    with solara.Column(gap="0px", classes=["brink-params"]):
        for name in SLIDERS:
            ParamSlider(name, state.params.value.get(name, param_value(spec, name)))
        if state.params.value:
            solara.Button("Back to the scenario's values", text=True, on_click=state.reset_params)


@solara.component
def PlayControls():
    state.version.value  # noqa: B018 - re-render when the run moves on, so Step/Play follow its end
    sim = state.simulation.value
    finished = sim is not None and sim.finished  # no run yet (another view opened first): Step starts one
    playing = state.playing.value
    with solara.Row(gap="6px", classes=["brink-play-controls"]):
        solara.Button(
            "Step",
            icon_name="mdi-step-forward",
            on_click=lambda: state.step(1),
            disabled=finished or playing,
            classes=["brink-step"],
        )
        solara.Button(
            "Pause" if playing else "Play",
            icon_name="mdi-pause" if playing else "mdi-play",
            on_click=state.toggle_play,
            disabled=finished and not playing,
            color="primary",
            classes=["brink-play"],
        )
        solara.Button("Reset", icon_name="mdi-restore", on_click=state.reset, classes=["brink-reset"])
    if sim is not None and sim.finished:
        solara.Text("The run has ended: Reset to start again.", style=HINT, classes=["brink-ended-hint"])
    solara.HTML(
        unsafe_innerHTML=f"Speed <b class='brink-speed-value'>{state.speed.value:g} months / s</b>",
        classes=["brink-speed-label"],
    )
    with solara.Div(classes=["brink-speed"]):
        solara.SliderFloat("", value=state.speed, min=1, max=60, step=1)


@solara.component
def Controls():
    with solara.Column(gap="4px", classes=["brink-sidebar"]):
        ScenarioControls()
        PlayControls()
        ParamSliders()
        solara.ToggleButtonsSingle(value=state.colour_by, values=["threat", "trust"], dense=True)
        solara.Text("network colour: perceived threat or trust", style=HINT)


@solara.component
def QuickControls():
    """Step and Play/Pause in the header while the control panel is folded (a phone)."""
    state.version.value  # noqa: B018 - follow the run's end
    sim = state.simulation.value
    finished = sim is not None and sim.finished  # no run yet (another view opened first): Step starts one
    playing = state.playing.value
    with solara.Div(classes=["brink-quick"]):  # a Div: a Row is a white sheet on the dark header
        solara.Button(
            icon_name="mdi-step-forward",
            on_click=lambda: state.step(1),
            disabled=finished or playing,
            text=True,
            classes=["brink-quick-step"],
        )
        solara.Button(
            icon_name="mdi-pause" if playing else "mdi-play",
            on_click=state.toggle_play,
            disabled=finished and not playing,
            text=True,
            classes=["brink-quick-play"],
        )
