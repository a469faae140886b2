"""Solara components of the single-run view: header, charts, state monitor and event log.

Every chart is a shared `sim.report` figure (through `sim.dashboard.views`), rebuilt only when
the run has reached a new month, with its data downloadable as CSV (PNG: the chart's camera
button). CSS classes prefixed `brink-` are stable hooks for the browser tests.
"""

from __future__ import annotations

import html

import solara

from sim.dashboard import state, views
from sim.dashboard.export import ExportBar
from sim.dashboard.monitor import StateMonitor
from sim.dashboard.plotly_widget import Figure
from sim.dashboard.session import Snapshot
from sim.dashboard.story import story

EVENT_LOG_LINES = 80
FAST_CHARTS = ("tension", "military")
SLOW_EVERY = 12  # months


@solara.component
def PhaseBar(snap: Snapshot, label: str | None = None, seed: int | None = None):
    """The month, the phase (or, once the run is over, its outcome: never both), pair, lenses, seed."""
    a, b = snap.names[0], snap.names[1]
    lenses = ", ".join(f"{n}: {snap.lenses[n]}" for n in (a, b))
    if snap.finished:
        outcome = snap.outcome or "ongoing"
        shown, colour = ("ended: " + outcome if snap.outcome else "horizon reached"), views.outcome_color(outcome)
    else:
        shown, colour = snap.phase, views.phase_color(snap.phase)
    chip = (
        f"<span class='brink-phase' data-phase='{html.escape(snap.phase)}' title='phase of the {html.escape(a)}–"
        f"{html.escape(b)} conflict' style='background:{colour}'>{html.escape(shown)}</span>"
    )
    title = f"<b>{html.escape(label)}</b> · " if label else ""
    seed_text = f" · <span class='brink-seed-shown'>seed {seed}</span>" if seed is not None else ""
    solara.HTML(
        unsafe_innerHTML=f"{title}<span class='brink-month' data-step='{snap.step}'>"
        f"{html.escape(snap.month_label.capitalize())}</span> {chip} · {html.escape(a)} vs {html.escape(b)}"
        f" · {html.escape(lenses)}{seed_text}",
        classes=["brink-phasebar"],
    )
    if snap.finished:
        outcome = snap.outcome or "ongoing"
        when = f"in month {snap.outcome_step}" if snap.outcome_step is not None else f"after {snap.step} months"
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
            + (
                f"<details><summary><b>{line.headline}</b> — {html.escape(line.text)}</summary>"
                f"<div class='brink-event-numbers'>{html.escape(line.details)}</div></details>"
                if line.details
                else f"<b>{line.headline}</b> — {html.escape(line.text)}"
            )
            + "</li>"
            for line in lines
        )
        or "<li>No events yet: press Step or Play.</li>"
    )
    solara.HTML(
        unsafe_innerHTML=f"<h4>What happened (newest first; click a line for the numbers)</h4><ul>{items}</ul>",
        classes=["brink-eventlog"],
        style=f"max-height:{height}",
    )


@solara.component
def Chart(fig, name: str, on_click=None):
    """One chart in its box (PNG: the camera button of the chart's bar; CSV: the export bar)."""
    Figure(fig, on_click=on_click, classes=["brink-chart", f"brink-chart-{name}"])


@solara.component
def RunView():
    state.version.value  # re-render whenever the run moves on  # noqa: B018
    sim = state.ensure_simulation()
    with solara.Div(classes=["brink-error"]):  # always there: charts below must keep their place
        if state.error.value:
            solara.Error(state.error.value, text=True)
    if sim is not None:
        RunCharts(sim, sim.snapshot(), state.colour_by.value)


def _clicked_state(point: dict) -> None:
    name = point.get("text")
    if name:
        state.selected_state.set(str(name))


@solara.component
def RunCharts(sim, snap: Snapshot, colour: str):
    key = [id(sim), snap.step]
    # While playing, the secondary charts follow every SLOW_EVERY months (and at the end),
    # so each refresh rebuilds only what a viewer watches: network, trust and threat, tension, forces.
    slow = snap.step if (snap.finished or not state.playing.value) else snap.step // SLOW_EVERY

    def figures(names) -> dict:
        # the same run and month look the same in every tab: views.run_figure builds them once
        return {n: views.run_figure(sim, snap, n, colour) for n in names}

    net = solara.use_memo(lambda: views.run_figure(sim, snap, "network", colour), [*key, colour])
    fast = solara.use_memo(lambda: figures((*FAST_CHARTS, "trust-threat")), key)
    slow_charts = solara.use_memo(
        lambda: figures(("trust", *(n for n in views.RUN_CHARTS if n not in FAST_CHARTS))), [id(sim), slow]
    )
    charts = fast | slow_charts
    PhaseBar(snap, seed=sim.config.seed)
    with solara.Div(classes=["brink-grid", "brink-key"]):
        Chart(net, "network", on_click=_clicked_state)
        Chart(charts["trust-threat"], "trust-threat")
        StateMonitor(snap, state.selected_state.value)
    with solara.Div(classes=["brink-grid"]):
        Chart(charts["tension"], "tension")
        Chart(charts["military"], "military")
        EventLog(snap)
        Chart(charts["politics"], "politics")
        Chart(charts["resources"], "resources")
        Chart(charts["bargaining"], "bargaining")
        with solara.Div(classes=["brink-trust-scroll"]):
            Chart(charts["trust"], "trust")
    csv = {name: (lambda f=fig: views.figure_csv(f)) for name, fig in charts.items()}
    ExportBar(sim, snap.finished, {"network (states this month)": lambda: views.states_csv(snap)} | csv)
