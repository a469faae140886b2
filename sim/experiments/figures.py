"""Figures of a batch: outcome shares against a parameter, and heatmaps of two-parameter sweeps.

Pure DataFrame -> Figure functions over the tables of `sim.experiments.summary` (shared with
the dashboard). One column per lens, so realism and liberalism sit side by side on the same
axes; outcome colours come from `sim.report.palette`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from sim.report.layout import style_figure
from sim.report.palette import OUTCOME_ORDER, outcome_color

MAX_LEVELS = 12  # a sampled parameter with more distinct values is shown in this many bins


def _lens_columns(lenses: Sequence[str], **kwargs) -> go.Figure:
    titles = [f"lens: {lens}" for lens in lenses]
    return make_subplots(rows=1, cols=max(1, len(lenses)), subplot_titles=titles, horizontal_spacing=0.06, **kwargs)


def binned(values: pd.Series, max_levels: int = MAX_LEVELS) -> pd.Series:
    """A parameter's values, or the midpoints of equal-count bins when there are too many."""
    if values.nunique() <= max_levels or not pd.api.types.is_numeric_dtype(values):
        return values
    bins = pd.qcut(values, max_levels, duplicates="drop")
    mids = bins.map(lambda iv: round((iv.left + iv.right) / 2, 6)).astype(float)
    return mids


def share_by_parameter_figure(pooled: pd.DataFrame, parameter: str, lenses: Sequence[str]) -> go.Figure:
    """P(outcome) against one parameter, one line per outcome with Wilson 95% error bars.

    Args:
        pooled: `summary.pool(summary, [parameter, "lens"])`: parameter, lens, outcome, count,
            n, share, ci_low, ci_high.
        parameter: the x column.
        lenses: one panel per lens, in this order.
    """
    fig = _lens_columns(lenses, shared_yaxes=True)
    outcomes = [o for o in OUTCOME_ORDER if o in set(pooled["outcome"])]
    for col, lens in enumerate(lenses, start=1):
        part = pooled[pooled["lens"] == lens]
        for outcome in outcomes:
            rows = part[part["outcome"] == outcome].sort_values(parameter)
            fig.add_trace(
                go.Scatter(
                    x=rows[parameter],
                    y=rows["share"],
                    mode="lines+markers",
                    name=outcome,
                    legendgroup=outcome,
                    showlegend=col == 1,
                    line={"color": outcome_color(outcome), "width": 2},
                    customdata=np.column_stack([rows["count"], rows["n"], rows["ci_low"], rows["ci_high"]]),
                    error_y={
                        "type": "data",
                        "symmetric": False,
                        "array": rows["ci_high"] - rows["share"],
                        "arrayminus": rows["share"] - rows["ci_low"],
                        "thickness": 1,
                        "width": 3,
                    },
                    hovertemplate=(
                        f"{html.escape(parameter)}=%{{x}}<br>{outcome}: %{{y:.0%}} "
                        "(%{customdata[0]} of %{customdata[1]}; 95% %{customdata[2]:.0%}-%{customdata[3]:.0%})"
                        f"<extra>{html.escape(lens)}</extra>"
                    ),
                ),
                row=1,
                col=col,
            )
        fig.update_xaxes(title_text=parameter, row=1, col=col)
    fig.update_yaxes(range=[0, 1], tickformat=".0%")
    fig.update_yaxes(title_text="share of runs", row=1, col=1)
    fig = style_figure(fig, f"Outcome shares against {parameter} (95% Wilson intervals)", height=400)
    fig.update_xaxes(title_text=parameter)
    fig.update_layout(hovermode="closest")
    return fig


def share_heatmap_figure(summary: pd.DataFrame, x: str, y: str, outcome: str, lenses: Sequence[str]) -> go.Figure:
    """P(outcome) over a two-parameter grid, one heatmap per lens on a shared 0-100% scale.

    Args:
        summary: per-cell shares with columns x, y, lens, outcome, count, n, share, ci_low,
            ci_high (e.g. `summary.pool(summary, [x, y, "lens"])`).
    """
    fig = _lens_columns(lenses, shared_yaxes=True)
    part = summary[summary["outcome"] == outcome]
    xs, ys = sorted(part[x].unique()), sorted(part[y].unique())
    for col, lens in enumerate(lenses, start=1):
        cells = part[part["lens"] == lens].set_index([y, x])
        idx = pd.MultiIndex.from_product([ys, xs])
        share = cells["share"].reindex(idx).to_numpy().reshape(len(ys), len(xs))
        extra = cells[["count", "n", "ci_low", "ci_high"]].reindex(idx).to_numpy().reshape(len(ys), len(xs), 4)
        fig.add_trace(
            go.Heatmap(
                x=[str(v) for v in xs],
                y=[str(v) for v in ys],
                z=share,
                zmin=0,
                zmax=1,
                colorscale=[[0, "#f7f7f7"], [1, outcome_color(outcome)]],
                showscale=col == len(lenses),
                colorbar={"tickformat": ".0%", "title": {"text": f"P({outcome})"}},
                customdata=extra,
                texttemplate="%{z:.0%}",
                hovertemplate=(
                    f"{html.escape(x)}=%{{x}}, {html.escape(y)}=%{{y}}<br>P({outcome}) %{{z:.0%}} "
                    "(%{customdata[0]} of %{customdata[1]}; 95% %{customdata[2]:.0%}-%{customdata[3]:.0%})"
                    f"<extra>{html.escape(lens)}</extra>"
                ),
            ),
            row=1,
            col=col,
        )
        fig.update_xaxes(title_text=x, type="category", row=1, col=col)
    fig.update_yaxes(title_text=y, type="category", row=1, col=1)
    fig = style_figure(fig, f"P({outcome}) over {x} and {y}", height=420)
    fig.update_xaxes(title_text=x)
    return fig
