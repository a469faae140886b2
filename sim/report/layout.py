"""Building blocks shared by the report figures: style, lines, phase bands, axis ranges."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from sim.report.palette import PHASE_ORDER, TEMPLATE, outcome_color, phase_color

LEGEND_GAP_PX = 62  # from the x axis line down to the legend: tick labels plus axis title


def style_figure(fig: go.Figure, title: str, height: int = 380, top: int = 50) -> go.Figure:
    """Apply the shared template, a left-aligned title, a fixed height and a legend below.

    The legend sits under the x axis (it grows downwards and pushes the bottom margin), so
    it never collides with the title however narrow the figure gets.
    """
    plot_height = max(height - top - 45, 100)
    fig.update_layout(
        template=TEMPLATE,
        height=height,
        margin={"t": top},
        title={"text": title, "x": 0, "xanchor": "left", "y": 0.98, "yanchor": "top", "font": {"size": 15}},
        legend={"y": -LEGEND_GAP_PX / plot_height, "yanchor": "top"},
    )
    fig.update_xaxes(title_text="month", title_standoff=6)
    return fig


def month_axis(fig: go.Figure, first: float, last: float) -> go.Figure:
    """Show months `first`..`last` on the x axis; on a short run, one tick per whole month
    (plotly would otherwise tick half months, and there is no month 0.5)."""
    fig.update_xaxes(title_text="month", range=[first, last])
    if last - first <= 13:
        fig.update_xaxes(tick0=0, dtick=1)
    return fig


def line_trace(
    df: pd.DataFrame, column: str, name: str, color: str, dash: str = "solid", width: float = 2
) -> go.Scatter:
    """One column over `step` as a line (missing columns give an empty trace)."""
    y = df[column] if column in df else pd.Series(float("nan"), index=df.index)
    return go.Scatter(x=df["step"], y=y, name=name, mode="lines", line={"color": color, "dash": dash, "width": width})


def phase_runs(model_df: pd.DataFrame) -> list[tuple[str, int, int]]:
    """Contiguous stretches of one phase as (phase, first step, last step)."""
    if model_df.empty or "phase" not in model_df:
        return []
    df = model_df.sort_values("step")
    new_run = df["phase"].ne(df["phase"].shift())
    runs = df.groupby(new_run.cumsum()).agg(phase=("phase", "first"), start=("step", "min"), end=("step", "max"))
    return [(str(r.phase), int(r.start), int(r.end)) for r in runs.itertuples()]


def add_phase_bands(fig: go.Figure, model_df: pd.DataFrame, legend: bool = True) -> go.Figure:
    """Shade each phase's months in its colour, with one legend entry per phase present."""
    runs = phase_runs(model_df)
    for phase, start, end in runs:
        fig.add_vrect(
            x0=start - 0.5,
            x1=end + 0.5,
            fillcolor=phase_color(phase),
            opacity=0.45,
            layer="below",
            line_width=0,
        )
    present = {phase for phase, _, _ in runs}
    ordered = [p for p in PHASE_ORDER if p in present] + sorted(present - set(PHASE_ORDER))
    for phase in ordered if legend else []:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"phase: {phase}",
                legendgroup="phase",
                marker={"symbol": "square", "size": 13, "color": phase_color(phase)},
                hoverinfo="skip",
            )
        )
    return fig


def mark_outcome(fig: go.Figure, model_df: pd.DataFrame) -> None:
    """A dashed vertical line at the month the outcome was reached, if any."""
    if "outcome" not in model_df:
        return
    done = model_df[model_df["outcome"].notna() & model_df["outcome"].ne("ongoing")]
    if done.empty:
        return
    row = done.iloc[0]
    fig.add_vline(
        x=row["step"],
        line={"color": outcome_color(row["outcome"]), "dash": "dash"},
        annotation_text=str(row["outcome"]),
        annotation_position="top left",
        annotation_font_color=outcome_color(row["outcome"]),
    )


def unit_range(df: pd.DataFrame, columns: Sequence[str]) -> list[float]:
    """A y range covering [0, 1] and any values of `columns` beyond it (so runs compare)."""
    values = df[[c for c in columns if c in df]].astype(float).stack()
    low = min(0.0, float(values.min())) if len(values) else 0.0
    high = max(1.0, float(values.max())) if len(values) else 1.0
    return [low, high + 0.02]
