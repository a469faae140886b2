"""The sensitivity chart of a batch report: which parameters drive each outcome's probability.

One panel per outcome, one horizontal bar per parameter (most influential on top) and lens:
the bar is the total-order Sobol' index `ST` (or Morris `mu_star`) with its bootstrap 95%
interval; a diamond marks the first-order `S1` (or Morris `sigma`); a grey band shows what
replicate noise alone would give (bars inside it are indistinguishable from no effect). A pure DataFrame -> Figure
function, styled like the other report figures (`sim.report.palette`, `sim.report.layout`).
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from sim.report.ensemble_figures import LENS_PATTERNS
from sim.report.layout import style_figure
from sim.report.palette import OUTCOME_ORDER, outcome_color

NOISE_COLOR = "rgba(140, 140, 140, 0.18)"
LABELS = {
    "ST": "total-order Sobol' index ST (share of variance, with interactions)",
    "S1": "S1 (alone)",
    "mu_star": "Morris mu* (mean |change in probability| across the range)",
    "sigma": "Morris sigma (interactions, non-linearity)",
}


def sensitivity_figure(df: pd.DataFrame) -> go.Figure:
    """Horizontal bars of ST (or mu_star) with intervals, one panel per outcome, lenses by pattern.

    Args:
        df: the tidy frame of `sim.experiments.sensitivity.analyze` (lens, outcome, parameter,
            index, value, conf).
    """
    method_morris = bool((df["index"] == "mu_star").any()) if len(df) else False
    main, second = ("mu_star", "sigma") if method_morris else ("ST", "S1")
    order = ("frozen", "settlement", "escalation", "victory", *OUTCOME_ORDER)
    outcomes = list(dict.fromkeys(o for o in order if o in set(df["outcome"])))
    outcomes += sorted(set(df["outcome"]) - set(outcomes))
    lenses = sorted(set(df["lens"].astype(str)), key=lens_rank)
    n_params = df["parameter"].nunique() if len(df) else 1
    rows = max(len(outcomes), 1)
    fig = make_subplots(
        rows=rows,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.25 / rows, 0.08),
        subplot_titles=[f"P({o})" for o in outcomes] or ["no outcome varied across the design"],
    )
    for row, outcome in enumerate(outcomes, start=1):
        part = df[df["outcome"] == outcome]
        strength = part[part["index"] == main].groupby("parameter")["value"].max().sort_values()
        order = list(strength.index)
        for i, lens in enumerate(lenses):
            _add_lens(fig, part[part["lens"].astype(str) == lens], lens, i, order, row, outcome, main, second)
        fig.update_yaxes(categoryorder="array", categoryarray=order, row=row, col=1)
        if "noise_floor" in part and part["noise_floor"].notna().any():
            floor = float(part["noise_floor"].max())
            fig.add_vrect(x0=0, x1=floor, fillcolor=NOISE_COLOR, line_width=0, layer="below", row=row, col=1)
    for i, lens in enumerate(lenses):  # neutral legend swatches: bar colours stand for outcomes
        fig.add_trace(go.Bar(x=[None], y=[None], name=f"lens: {lens}", marker=_marker("#777777", i)), row=1, col=1)
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=LABELS[second], marker=_diamond()), row=1, col=1)
    if "noise_floor" in df and df["noise_floor"].notna().any():
        noise = {"symbol": "square", "size": 12, "color": NOISE_COLOR}
        fig.add_trace(
            go.Scatter(x=[None], y=[None], mode="markers", name="replicate noise (no effect)", marker=noise),
            row=1,
            col=1,
        )
    lo = min(0.0, float(df.loc[df["index"] == main, "value"].min())) if len(df) else 0.0
    hi = float((df["value"] + df["conf"].fillna(0)).max()) if len(df) else 1.0
    if not method_morris:  # ST is at most 1; estimates beyond 1.5 are noise and would squash the bars
        hi = min(max(hi, 1.0), 1.5)
    fig.update_xaxes(range=[lo, hi * 1.05])
    fig.update_yaxes(ticksuffix="  ")
    fig.update_layout(barmode="group", scattermode="group", hovermode="closest", bargap=0.25)
    height = 90 + rows * (40 + 18 * n_params * max(len(lenses), 1))
    title = "What drives each outcome (Morris screening)" if method_morris else "What drives each outcome (Sobol')"
    fig = style_figure(fig, title, height=max(height, 320), top=70)
    fig.update_xaxes(title_text=None)
    fig.update_xaxes(title_text=LABELS[main], row=rows, col=1)
    return fig


def lens_rank(lens: object) -> tuple[int, str]:
    """Lenses in the registry's order (realism, liberalism, mixed), unknown ones after."""
    from sim.lenses import LENS_CHOICES

    return (LENS_CHOICES.index(lens), "") if lens in LENS_CHOICES else (len(LENS_CHOICES), str(lens))


def _marker(color: str, i: int) -> dict:
    pattern = {"shape": LENS_PATTERNS[i % len(LENS_PATTERNS)], "fillmode": "overlay", "fgcolor": "white"}
    return {"color": color, "pattern": {**pattern, "solidity": 0.35}}


def _diamond() -> dict:
    return {"symbol": "diamond", "size": 8, "color": "#222", "line": {"color": "white", "width": 1}}


def _add_lens(fig, part, lens, i, order, row, outcome, main, second) -> None:
    """One lens's bars (main index) and diamonds (second index) in one outcome's panel."""
    bars = part[part["index"] == main].set_index("parameter").reindex(order)
    dots = part[part["index"] == second].set_index("parameter").reindex(order)
    group = f"{lens}"
    label = html.escape(lens)
    fig.add_trace(
        go.Bar(
            x=bars["value"],
            y=order,
            orientation="h",
            name=f"{outcome} ({lens})",
            offsetgroup=group,
            showlegend=False,
            marker=_marker(outcome_color(outcome), i),
            error_x={"type": "data", "array": bars["conf"].fillna(0), "color": "#333", "thickness": 1.2},
            hovertemplate=f"%{{y}}: {main} %{{x:.2f}} ± %{{error_x.array:.2f}}<extra>{label}</extra>",
        ),
        row=row,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=dots["value"].clip(lower=0),  # negative estimates are noise around 0; the hover tells
            customdata=dots["value"],
            y=order,
            mode="markers",
            orientation="h",
            offsetgroup=group,
            name=f"{second} ({lens})",
            showlegend=False,
            marker=_diamond(),
            hovertemplate=f"%{{y}}: {second} %{{customdata:.2f}}<extra>{label}</extra>",
        ),
        row=row,
        col=1,
    )
