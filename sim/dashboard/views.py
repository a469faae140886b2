"""The dashboard's figures: the shared `sim.report` figures, arranged for one snapshot.

No figure is drawn here from scratch: these functions only pick the report's figures
(`sim.report.figures`, `network`, `ensemble_figures`), size them for the page and mark the
first divergence in compare mode.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from sim.dashboard.session import Snapshot
from sim.report.figures import (
    bargaining_figure,
    front_issue,
    military_territory_figure,
    politics_figure,
    resources_figure,
    tension_figure,
)
from sim.report.layout import month_axis, style_figure
from sim.report.network import network_figure, trust_matrix_figure
from sim.report.palette import OUTCOME_COLORS, PHASE_COLORS

RUN_CHARTS = ("tension", "military", "politics", "resources", "bargaining")
KEY_HEIGHT = 330  # the charts above the fold on a 1280x720 projector
CROWDED = 10  # more states than this: the network labels only the primary pair, the matrix scrolls
THREAT_COLORS = ("#c0392b", "#e67e22")
TRUST_COLORS = ("#1f618d", "#48c9b0")
COMPARE_CHARTS = ("tension", "military", "politics")
DIVERGENCE_COLOR = "#e91e63"


_SHARED: OrderedDict[tuple, go.Figure] = OrderedDict()
_SHARED_LOCK = threading.Lock()
SHARED_SIZE = 256


def shared(key: tuple, build: Callable[[], go.Figure]) -> go.Figure:
    """A figure built once per server for everyone who looks at the same run and month.

    Runs are reproducible, so a class opening the default page at once all look at the same
    month-0 figures: the first tab builds them, the others reuse them (figures are never
    changed after they are built). The least recently used are dropped past SHARED_SIZE.
    """
    with _SHARED_LOCK:
        if key in _SHARED:
            _SHARED.move_to_end(key)
            return _SHARED[key]
    fig = build()
    with _SHARED_LOCK:
        _SHARED[key] = fig
        while len(_SHARED) > SHARED_SIZE:
            _SHARED.popitem(last=False)
    return fig


def _keep_view(fig: go.Figure) -> go.Figure:
    """Keep the user's zoom and legend clicks when the figure is replaced during play."""
    fig.update_layout(uirevision="brink")
    return fit(fig)


def fit(fig: go.Figure) -> go.Figure:
    """Fill the container's width (the widget otherwise starts at plotly's default 700 px)."""
    fig.update_layout(autosize=True)
    return fig


def network(snap: Snapshot, colour_by: str = "threat", height: int = KEY_HEIGHT) -> go.Figure:
    """States and alliances; click a state for its monitor. A crowded world names only the
    primary pair (hover names the rest) and fades the alliance ties behind the states."""
    fig = network_figure(
        snap.agents_df, snap.events_df, snap.scenario, colour_by=colour_by, names=snap.names, height=height
    )
    fig.update_layout(
        title_text=f"States and alliances, month {snap.step} (click a state)",
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "font": {"size": 11}},
        margin={"l": 5, "r": 5, "t": 40, "b": 5},
    )
    states = fig.data[-1]
    if states.text is not None and len(states.text) > CROWDED:
        pair = set(snap.names[:2])
        states.texttemplate = ["%{text}" if s in pair else "" for s in states.text]
        for trace in fig.data[:-1]:
            if trace.mode == "lines":
                trace.opacity = 0.25
    return _keep_view(fig)


def trust(snap: Snapshot) -> go.Figure:
    """The full trust matrix; past CROWDED states it keeps a readable cell size and scrolls."""
    fig = trust_matrix_figure(snap.trust, f"Trust matrix, month {snap.step} (row trusts column)")
    if len(snap.trust) > CROWDED:
        fig.update_layout(width=140 + 40 * len(snap.trust), height=120 + 40 * len(snap.trust))
    return _keep_view(fig)


def trust_threat(snap: Snapshot, x_max: float | None = None, height: int = KEY_HEIGHT) -> go.Figure:
    """Trust and perceived threat between the primary pair, month by month (lesson 1)."""
    a, b = snap.names[0], snap.names[1]
    df = snap.model_df
    fig = go.Figure()
    lines = (
        ("threat_ab", f"threat {a} feels from {b}", THREAT_COLORS[0], "solid"),
        ("threat_ba", f"threat {b} feels from {a}", THREAT_COLORS[1], "solid"),
        ("trust_ab", f"trust of {a} in {b}", TRUST_COLORS[0], "dash"),
        ("trust_ba", f"trust of {b} in {a}", TRUST_COLORS[1], "dash"),
    )
    for column, label, colour, dash in lines:
        if column in df:
            fig.add_trace(
                go.Scatter(
                    x=df["step"],
                    y=df[column],
                    name=label,
                    mode="lines+markers" if len(df) < 3 else "lines",  # a single month is a dot
                    line={"color": colour, "dash": dash, "width": 2.5},
                    hovertemplate=f"{label}<br>month %{{x}}: %{{y:.2f}}<extra></extra>",
                )
            )
    style_figure(fig, "Trust and threat (0 = none, 1 = full)", height=height, top=40)  # the report figures' look
    fig.update_layout(margin={"l": 45, "r": 10, "b": 10})
    fig.update_yaxes(range=[0, 1.02])
    month_axis(fig, -0.5, max(x_max or 0, snap.step) + 0.5)
    return _keep_view(fig)


def chart(snap: Snapshot, name: str, x_max: float | None = None) -> go.Figure:
    """One of RUN_CHARTS for the snapshot, on a month axis reaching at least `x_max`."""
    names = snap.names
    builders = {
        "tension": lambda: tension_figure(snap.model_df),
        "military": lambda: military_territory_figure(snap.model_df, names, front_issue(snap.scenario)),
        "politics": lambda: politics_figure(snap.agents_df, names),
        "resources": lambda: resources_figure(snap.agents_df, names),
        "bargaining": lambda: bargaining_figure(snap.model_df, names, front_issue(snap.scenario)),
    }
    fig = builders[name]()
    fig.update_xaxes(title_text="month")
    if x_max is not None:
        month_axis(fig, -0.5, max(x_max, snap.step) + 0.5)
    return _keep_view(fig)


def figure_csv(fig: go.Figure) -> str:
    """A chart's data as CSV, one row per point: series, x, y (a heatmap: row, column, value)."""
    rows = []
    for trace in fig.data:
        name = getattr(trace, "name", None) or trace.type
        z = getattr(trace, "z", None)
        if z is not None:
            xs, ys = list(trace.x or range(len(z[0]))), list(trace.y or range(len(z)))
            rows += [(name, xs[j], ys[i], z[i][j]) for i in range(len(ys)) for j in range(len(xs))]
        elif getattr(trace, "x", None) is not None and getattr(trace, "y", None) is not None:
            rows += [(name, x, y, None) for x, y in zip(trace.x, trace.y, strict=False) if x is not None]
    table = pd.DataFrame(rows, columns=["series", "x", "y", "value"]).dropna(axis=1, how="all")
    return table.to_csv(index=False)


def states_csv(snap: Snapshot) -> str:
    """The network's data: every state's and alliance's row of the agent table this month."""
    df = snap.agents_df
    return df[df["step"] == df["step"].max()].to_csv(index=False) if not df.empty else ""


def mark_divergence(fig: go.Figure, step: int | None) -> go.Figure:
    """A vertical line at the first month where two compared runs' phases differ."""
    if step is not None:
        fig.add_vline(
            x=step,
            line={"color": DIVERGENCE_COLOR, "width": 2},
            annotation_text=f"diverge: month {step}",
            annotation_position="top right",
            annotation_font_color=DIVERGENCE_COLOR,
        )
    return fig


def phase_color(phase: str) -> str:
    return PHASE_COLORS.get(phase, "#dddddd")


def outcome_color(outcome: str | None) -> str:
    return OUTCOME_COLORS.get(outcome or "ongoing", "#8c8c8c")


def run_figure(sim, snap: Snapshot, name: str, colour: str = "threat") -> go.Figure:
    """One of the Run view's figures by name, shared between tabs on the same run and month."""
    x_max = min(sim.model.horizon, 24)
    makers = {
        "network": lambda: network(snap, colour),
        "trust-threat": lambda: trust_threat(snap, x_max=x_max),
        "trust": lambda: trust(snap),
    }
    make = makers.get(name) or (lambda: chart(snap, name, x_max=x_max))
    key = f"network-{colour}" if name == "network" else name
    return shared((sim.key(), snap.step, key), make)


RUN_VIEW = ("network", "trust-threat", "trust", *RUN_CHARTS)


def warm_up(sim) -> None:
    """Build a run's month-0 figures ahead of the first visitor (the default page at start-up)."""
    snap = sim.snapshot()
    for name in RUN_VIEW:
        run_figure(sim, snap, name)
