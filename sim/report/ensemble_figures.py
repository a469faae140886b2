"""Plotly figures of ensembles of runs: outcome shares with their confidence intervals.

Pure DataFrame -> Figure functions, shared by the reports and the dashboard.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from sim.report.layout import style_figure
from sim.report.palette import OUTCOME_ORDER, outcome_color

LENS_PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")


def _outcome_rank(outcome: object) -> int:
    """Canonical outcome order for bars (unknown outcomes last)."""
    return OUTCOME_ORDER.index(outcome) if outcome in OUTCOME_ORDER else len(OUTCOME_ORDER)


def outcome_share_figure(shares_df: pd.DataFrame) -> go.Figure:
    """Bar chart of outcome shares with confidence intervals, grouped by lens if present.

    Args:
        shares_df: columns outcome, count, share, ci_low, ci_high and optionally lens.
    """
    df = shares_df.assign(_rank=shares_df["outcome"].map(_outcome_rank)).sort_values("_rank")
    groups = list(df.groupby("lens", sort=False)) if "lens" in df else [(None, df)]
    fig = go.Figure()
    for i, (lens, rows) in enumerate(groups):
        pattern = {
            "shape": LENS_PATTERNS[i % len(LENS_PATTERNS)],
            "fillmode": "overlay",
            "fgcolor": "white",
            "solidity": 0.35,
        }
        fig.add_trace(
            go.Bar(
                x=rows["outcome"],
                y=rows["share"],
                name=str(lens),
                offsetgroup=str(lens),
                showlegend=False,
                customdata=rows["count"],
                marker={"color": [outcome_color(o) for o in rows["outcome"]], "pattern": pattern},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "color": "#333",
                    "array": rows["ci_high"] - rows["share"],
                    "arrayminus": rows["share"] - rows["ci_low"],
                },
                hovertemplate=f"%{{x}}: %{{y:.0%}} (n=%{{customdata}})<extra>{html.escape(str(lens or ''))}</extra>",
            )
        )
        if lens is not None:  # a neutral legend swatch: bar colours stand for outcomes
            fig.add_trace(
                go.Bar(
                    x=[None],
                    y=[None],
                    name=f"lens: {lens}",
                    offsetgroup=str(lens),
                    marker={"color": "#777777", "pattern": pattern},
                )
            )
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_yaxes(title_text="share of runs", range=[0, 1], tickformat=".0%")
    fig = style_figure(fig, "Outcome shares (95% interval)")
    fig.update_xaxes(title_text="outcome")
    return fig
