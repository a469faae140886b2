"""Solara components of the single-run view: controls, phase and outcome, charts, event log.

Every chart is a shared `sim.report` figure (through `sim.dashboard.views`), rebuilt only when
the run has reached a new month. CSS classes prefixed `brink-` are stable hooks for the
browser tests.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import solara

from sim.dashboard import state, views
from sim.dashboard.config import LENS_MODES, PER_STATE, SLIDERS, param_value, scenario_choices
from sim.dashboard.plotly_widget import Figure
from sim.dashboard.session import Snapshot
from sim.dashboard.story import story
from sim.lenses import LENSES

EVENT_LOG_LINES = 80
FAST_CHARTS = ("tension", "military")
SLOW_EVERY = 12  # months


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
    with solara.Div(classes=["brink-upload"]):
        widgets.FileUpload.element(
            accept=".toml", multiple=False, description="Upload .toml", on_value=_uploaded, layout={"width": "100%"}
        )
    with solara.Row(style={"align-items": "baseline"}):
        solara.InputText("…or a path to a .toml file", value=path, on_value=set_path, classes=["brink-path"])
        solara.Button("Load", text=True, on_click=lambda: state.load_path(path), classes=["brink-path-load"])
    if state.upload_error.value:
        with solara.Div(classes=["brink-upload-error"]):
            solara.Error(f"Scenario file rejected: {state.upload_error.value}", text=True, dense=True)
    solara.Select(
        "Lens",
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
    solara.InputInt("Seed", value=state.seed.value, on_value=state.set_seed, classes=["brink-seed"])


@solara.component
def ParamSliders():
    # a plain switch, not solara.Details: that one needs ipyvuetify 1.x exactly
    shown = solara.use_reactive(False)
    solara.Switch(label="Parameters (ranges from the schema)", value=shown, classes=["brink-params-switch"])
    try:
        spec = state.current_spec()
    except Exception:  # the error is shown elsewhere
        return
    if not shown.value:
        return
    with solara.Column(gap="0px", classes=["brink-params"]):
        for name, s in SLIDERS.items():
            value = state.params.value.get(name, param_value(spec, name))
            with solara.Tooltip(s.description):
                with solara.Div():
                    if s.integer:
                        solara.SliderInt(
                            name,
                            value=int(value),
                            min=int(s.low),
                            max=int(s.high),
                            on_value=lambda v, n=name: state.set_param(n, v),
                        )
                    else:
                        solara.SliderFloat(
                            name,
                            value=float(value),
                            min=s.low,
                            max=s.high,
                            step=s.step,
                            on_value=lambda v, n=name: state.set_param(n, v),
                        )
        if state.params.value:
            solara.Button("Scenario values", text=True, on_click=lambda: (state.params.set({}), state.reset()))


@solara.component
def PlayControls():
    sim = state.simulation.value
    finished = sim is None or sim.finished
    with solara.Row(gap="6px", classes=["brink-play-controls"]):
        solara.Button(
            "Step",
            icon_name="mdi-step-forward",
            on_click=lambda: state.step(1),
            disabled=finished,
            classes=["brink-step"],
        )
        solara.Button(
            "Pause" if state.playing.value else "Play",
            icon_name="mdi-pause" if state.playing.value else "mdi-play",
            on_click=state.toggle_play,
            disabled=finished and not state.playing.value,
            color="primary",
            classes=["brink-play"],
        )
        solara.Button("Reset", icon_name="mdi-restore", on_click=state.reset, classes=["brink-reset"])
    solara.SliderFloat("Speed (months / s)", value=state.speed, min=1, max=60, step=1)


@solara.component
def Sidebar():
    with solara.Column(gap="4px", classes=["brink-sidebar"]):
        ScenarioControls()
        PlayControls()
        ParamSliders()
        solara.ToggleButtonsSingle(value=state.colour_by, values=["threat", "trust"], dense=True)
        solara.Text("network colour: perceived threat or trust", style={"font-size": "12px", "color": "#666"})


@solara.component
def PhaseBar(snap: Snapshot, label: str | None = None):
    """The current phase as a coloured chip, the month, and the outcome banner at the end."""
    a, b = snap.names[0], snap.names[1]
    lenses = ", ".join(f"{n}: {snap.lenses[n]}" for n in (a, b))
    chip = (
        f"<span class='brink-phase' data-phase='{html.escape(snap.phase)}' "
        f"style='background:{views.phase_color(snap.phase)}'>{html.escape(snap.phase)}</span>"
    )
    title = f"<b>{html.escape(label)}</b> · " if label else ""
    solara.HTML(
        unsafe_innerHTML=f"{title}{chip} <span class='brink-month' data-step='{snap.step}'>"
        f"{html.escape(snap.month_label)}</span> · {html.escape(a)} vs {html.escape(b)} · {html.escape(lenses)}",
        classes=["brink-phasebar"],
    )
    if snap.finished:
        outcome = snap.outcome or "ongoing"
        when = f"at month {snap.outcome_step}" if snap.outcome_step is not None else f"after {snap.step} months"
        reason = snap.outcome_reason or "no outcome within the horizon"
        solara.HTML(
            unsafe_innerHTML=f"<b>{html.escape(outcome.upper())}</b> {html.escape(when)} — {html.escape(reason)}",
            classes=["brink-outcome"],
            style=f"background:{views.outcome_color(outcome)}",
            attributes={"data-outcome": outcome},
        )


@solara.component
def EventLog(snap: Snapshot, limit: int = EVENT_LOG_LINES, height: str = "420px"):
    lines = solara.use_memo(lambda: story(snap.events_df, snap.agents_df, snap.lenses, limit=limit), [id(snap), limit])
    items = (
        "".join(
            f"<li data-step='{line.step}' class='brink-kind-{html.escape(line.kind.split(':')[0])}'>"
            f"<b>{html.escape(line.headline)}</b>: {html.escape(line.text)}</li>"
            for line in lines
        )
        or "<li>No events yet: press Step or Play.</li>"
    )
    solara.HTML(
        unsafe_innerHTML=f"<h4>Event log (newest first)</h4><ul>{items}</ul>",
        classes=["brink-eventlog"],
        style=f"max-height:{height}",
    )


@solara.component
def Chart(fig, name: str):
    with solara.Div(classes=["brink-chart", f"brink-chart-{name}"]):
        Figure(views.fit(fig))


@solara.component
def RunView():
    state.version.value  # re-render whenever the run moves on  # noqa: B018
    sim = state.ensure_simulation()
    with solara.Div(classes=["brink-error"]):  # always there: charts below must keep their place
        if state.error.value:
            solara.Error(state.error.value, text=True)
    if sim is not None:
        RunCharts(sim, sim.snapshot(), state.colour_by.value)


@solara.component
def RunCharts(sim, snap: Snapshot, colour: str):
    horizon = sim.model.horizon
    key = [id(sim), snap.step]
    # While playing, the secondary charts follow every SLOW_EVERY months (and at the end),
    # so each refresh rebuilds only what a viewer watches: phase, network, tension, forces.
    slow = snap.step if (snap.finished or not state.playing.value) else snap.step // SLOW_EVERY
    net = solara.use_memo(lambda: views.network(snap, colour), [*key, colour])
    fast = solara.use_memo(lambda: {n: views.chart(snap, n, x_max=min(horizon, 24)) for n in FAST_CHARTS}, key)
    slow_charts = solara.use_memo(
        lambda: (
            {"trust": views.trust(snap)}
            | {n: views.chart(snap, n, x_max=min(horizon, 24)) for n in views.RUN_CHARTS if n not in FAST_CHARTS}
        ),
        [id(sim), slow],
    )
    charts = fast | slow_charts
    PhaseBar(snap)
    with solara.Columns([3, 2]):
        Chart(net, "network")
        Chart(charts["trust"], "trust")
    with solara.Columns([1, 1]):
        Chart(charts["tension"], "tension")
        Chart(charts["military"], "military")
    with solara.Columns([1, 1]):
        Chart(charts["politics"], "politics")
        Chart(charts["resources"], "resources")
    with solara.Columns([1, 1]):
        Chart(charts["bargaining"], "bargaining")
        EventLog(snap)
