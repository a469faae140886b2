"""Colours and the shared plot style for every report figure and page.

All palettes live here so the static HTML reports and the dashboard agree: one fixed colour
per outcome, one per phase (used as background bands), and a sequence for the states.
"""

from __future__ import annotations

import plotly.graph_objects as go

OUTCOME_COLORS: dict[str, str] = {
    "escalation": "#d62728",  # red
    "frozen": "#5f7a94",  # blue-grey
    "settlement": "#2ca02c",  # green
    "victory": "#8e44ad",  # purple
    "ongoing": "#8c8c8c",  # grey
}
OUTCOME_ORDER: tuple[str, ...] = tuple(OUTCOME_COLORS)

PHASE_COLORS: dict[str, str] = {
    "crisis": "#fdd9a0",  # amber
    "war": "#f4a6a6",  # light red
    "talks": "#a9cdf0",  # light blue
    "ceasefire": "#c9d6df",  # pale blue-grey
    "settled": "#b7e1b0",  # light green
}
PHASE_ORDER: tuple[str, ...] = tuple(PHASE_COLORS)

STATE_COLORS: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#17becf",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#7f7f7f",
)
TERRITORY_COLOR = "#444444"
BAND_COLOR = "rgba(44, 160, 44, 0.18)"
UNKNOWN_COLOR = "#bbbbbb"

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

# A deliberately small template: plotly's built-in ones add ~7 kB of JSON to every figure.
TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": FONT_FAMILY, "size": 12, "color": "#222"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(STATE_COLORS),
        "hovermode": "x unified",
        "xaxis": {"gridcolor": "#ebebeb", "zeroline": False, "linecolor": "#999", "automargin": True},
        "yaxis": {"gridcolor": "#ebebeb", "zeroline": False, "linecolor": "#999", "automargin": True},
        "legend": {
            "orientation": "h",
            "yanchor": "top",
            "y": -0.2,
            "xanchor": "left",
            "x": 0,
            "font": {"size": 11},
        },
        "margin": {"l": 60, "r": 60, "t": 50, "b": 45},
    }
)


def outcome_color(outcome: object) -> str:
    """The fixed colour of an outcome name (grey-ish for anything unknown)."""
    return OUTCOME_COLORS.get(str(outcome), UNKNOWN_COLOR)


def phase_color(phase: object) -> str:
    """The fixed background colour of a dispute phase."""
    return PHASE_COLORS.get(str(phase), UNKNOWN_COLOR)


def state_color(index: int) -> str:
    """The colour of the `index`-th state (primary A is 0, primary B is 1)."""
    return STATE_COLORS[index % len(STATE_COLORS)]
