"""The dashboard's figures: the shared `sim.report` figures, arranged for one snapshot.

No figure is drawn here from scratch: these functions only pick the report's figures
(`sim.report.figures`, `network`, `ensemble_figures`), size them for the page and mark the
first divergence in compare mode.
"""

from __future__ import annotations

import plotly.graph_objects as go

from sim.dashboard.session import Snapshot
from sim.report.figures import (
    bargaining_figure,
    military_territory_figure,
    politics_figure,
    resources_figure,
    tension_figure,
)
from sim.report.network import network_figure, trust_matrix_figure
from sim.report.palette import OUTCOME_COLORS, PHASE_COLORS

RUN_CHARTS = ("tension", "military", "politics", "resources", "bargaining")
COMPARE_CHARTS = ("tension", "military", "politics")
DIVERGENCE_COLOR = "#e91e63"


def _keep_view(fig: go.Figure) -> go.Figure:
    """Keep the user's zoom and legend clicks when the figure is replaced during play."""
    fig.update_layout(uirevision="brink")
    return fit(fig)


def fit(fig: go.Figure) -> go.Figure:
    """Fill the container's width (the widget otherwise starts at plotly's default 700 px)."""
    fig.update_layout(autosize=True)
    return fig


def network(snap: Snapshot, colour_by: str = "threat", height: int = 430) -> go.Figure:
    return _keep_view(
        network_figure(
            snap.agents_df, snap.events_df, snap.scenario, colour_by=colour_by, names=snap.names, height=height
        )
    )


def trust(snap: Snapshot) -> go.Figure:
    return _keep_view(trust_matrix_figure(snap.trust, f"Trust matrix, month {snap.step} (row trusts column)"))


def chart(snap: Snapshot, name: str, x_max: float | None = None) -> go.Figure:
    """One of RUN_CHARTS for the snapshot, on a month axis reaching at least `x_max`."""
    names = snap.names
    builders = {
        "tension": lambda: tension_figure(snap.model_df),
        "military": lambda: military_territory_figure(snap.model_df, names),
        "politics": lambda: politics_figure(snap.agents_df, names),
        "resources": lambda: resources_figure(snap.agents_df, names),
        "bargaining": lambda: bargaining_figure(snap.model_df, names),
    }
    fig = builders[name]()
    if x_max is not None:
        fig.update_xaxes(range=[-0.5, max(x_max, snap.step) + 0.5])
    return _keep_view(fig)


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
