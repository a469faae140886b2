"""Plotly figures of one run, built from the model's tidy tables (ensembles: `ensemble_figures`).

Every function takes pandas DataFrames (`ConflictModel.model_table()`, `.agent_table()`,
`.event_table()`) and returns a `plotly.graph_objects.Figure`.
They read no files and write no HTML, so the static reports and a dashboard can share them.
Extra columns in the tables are ignored. `names` is the primary pair `(a_name, b_name)`;
where a figure draws other states too, `names` may list them after the pair (colour order).
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from sim.model.world import front_linked_issues
from sim.report.layout import (
    add_phase_bands,
    line_trace,
    mark_outcome,
    style_figure,
    unit_range,
)
from sim.report.network import network_figure
from sim.report.palette import (
    BAND_COLOR,
    TERRITORY_COLOR,
    state_color,
)

TENSION_COLOR, INTENSITY_COLOR, RISK_COLOR = "#1f2d3d", "#b9770e", "#922b21"
RANGE_COLUMNS = ("range_lo", "range_hi", "belief_a", "belief_b", "territory")


def _risk_top(model_df: pd.DataFrame) -> float:
    """Top of the escalation-risk axis: a little above the peak, at least 1% a month."""
    peak = model_df["escalation_risk"].max() if "escalation_risk" in model_df else float("nan")
    return max(float(peak) * 1.1, 0.01) if pd.notna(peak) else 0.01


def tension_figure(model_df: pd.DataFrame) -> go.Figure:
    """Tension, fighting intensity and escalation risk over time, on phase-coloured bands.

    Args:
        model_df: the model table (columns step, phase, tension, intensity, escalation_risk).

    Returns:
        A figure with escalation risk on the right-hand axis (it is usually small).
    """
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(line_trace(model_df, "tension", "tension", TENSION_COLOR))
    fig.add_trace(line_trace(model_df, "intensity", "intensity", INTENSITY_COLOR))
    risk = line_trace(model_df, "escalation_risk", "escalation risk (right axis)", RISK_COLOR, dash="dot")
    fig.add_trace(risk, secondary_y=True)
    add_phase_bands(fig, model_df)
    mark_outcome(fig, model_df)
    fig.update_yaxes(title_text="level", range=[0, 1.02], secondary_y=False)
    fig.update_yaxes(
        title_text="escalation risk / month",
        range=[0, _risk_top(model_df)],
        showgrid=False,
        tickmode="auto",
        tickformat=".1%",
        secondary_y=True,
    )
    return style_figure(fig, "Tension, intensity and escalation risk by phase")


def front_issue(scenario: Mapping[str, Any] | None) -> str:
    """What the front stands for in the primary dispute: its territory, or, in a dispute over
    no territory, the issue the battlefield decides (`sim.model.world.front_linked_issues`)."""
    disputes = (scenario or {}).get("disputes") or []
    issues = (disputes[0].get("issues") or []) if disputes else []
    territorial = [bool(issue.get("territorial")) for issue in issues]
    if not issues or any(territorial):
        return "territory"
    linked = int(np.flatnonzero(front_linked_issues(territorial))[0])
    return str(issues[linked].get("name") or "territory")


def _held(front: str, a: str) -> str:
    return f"territory held by {a}" if front == "territory" else f"{a}'s share of {front}"


def military_territory_figure(model_df: pd.DataFrame, names: Sequence[str], front: str = "territory") -> go.Figure:
    """Both primary states' military strength, and A's share of the disputed territory.

    Args:
        model_df: the model table (military_a, military_b, territory).
        names: the primary pair `(a_name, b_name)`.
        front: what the front stands for (`front_issue`): "territory" unless the dispute has none.
    """
    a, b = names[0], names[1]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(line_trace(model_df, "military_a", f"{a} military", state_color(0)))
    fig.add_trace(line_trace(model_df, "military_b", f"{b} military", state_color(1)))
    territory = line_trace(model_df, "territory", f"{_held(front, a)} (right axis)", TERRITORY_COLOR, dash="dash")
    fig.add_trace(territory, secondary_y=True)
    fig.update_yaxes(title_text="military strength", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(
        title_text=f"{a}'s share of {front}",
        range=[0, 1],
        showgrid=False,
        tickmode="linear",
        dtick=0.25,
        tickformat=".0%",
        secondary_y=True,
    )
    return style_figure(fig, f"Military strength and {front}")


def _states(agents_df: pd.DataFrame) -> pd.DataFrame:
    """The rows of state agents only."""
    return agents_df[agents_df["kind"] == "state"] if "kind" in agents_df else agents_df


def colour_order(found: Sequence[str], names: Sequence[str] | None = None) -> list[str]:
    """Names in colour order: those in `names` first (primary pair), then the rest as found."""
    listed = [n for n in (names or ()) if n in set(found)]
    return listed + [n for n in dict.fromkeys(found) if n not in listed]


def _state_lines(
    states: pd.DataFrame,
    column: str,
    names: Sequence[str] | None,
    fig: go.Figure,
    col: int | None = None,
    legend: bool = True,
) -> None:
    """Add one line of `column` per state to `fig` (optionally into subplot column `col`)."""
    found = states.sort_values("agent_id")["name"] if "agent_id" in states else states["name"]
    for i, name in enumerate(colour_order(list(found), names)):
        rows = states[states["name"] == name].sort_values("step")
        trace = line_trace(rows, column, str(name), state_color(i))
        trace.update(legendgroup=str(name), showlegend=legend)
        fig.add_trace(trace, **({"row": 1, "col": col} if col else {}))


def resources_figure(agents_df: pd.DataFrame, names: Sequence[str] | None = None) -> go.Figure:
    """Each state's resources over time (rows with kind == "state").

    Args:
        agents_df: the agent table.
        names: optional state names in colour order, the primary pair first.
    """
    fig = go.Figure()
    _state_lines(_states(agents_df), "resources", names, fig)
    fig.update_yaxes(title_text="resources", rangemode="tozero")
    return style_figure(fig, "Resources per state")


def trust_figure(model_df: pd.DataFrame, names: Sequence[str]) -> go.Figure:
    """Mutual trust (solid) and perceived threat (dotted) between the primary pair."""
    a, b = names[0], names[1]
    lines = [
        ("trust_ab", f"{a}'s trust in {b}", 0, "solid"),
        ("trust_ba", f"{b}'s trust in {a}", 1, "dash"),
        ("threat_ab", f"threat {a} sees from {b}", 0, "dot"),
        ("threat_ba", f"threat {b} sees from {a}", 1, "dashdot"),
    ]
    fig = go.Figure(
        [line_trace(model_df, column, label, state_color(side), dash=dash) for column, label, side, dash in lines]
    )
    fig.update_yaxes(title_text="level", range=[0, 1.02])
    return style_figure(fig, "Trust and threat")


def politics_figure(agents_df: pd.DataFrame, names: Sequence[str] | None = None) -> go.Figure:
    """Political will (left) and public war support (right) of each state."""
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.16)
    states = _states(agents_df)
    _state_lines(states, "will", names, fig, col=1)
    _state_lines(states, "support", names, fig, col=2, legend=False)
    fig.update_yaxes(range=[0, 1.02])
    fig = style_figure(fig, "Domestic politics")
    fig.update_yaxes(title_text="political will", row=1, col=1)
    fig.update_yaxes(title_text="public war support", row=1, col=2)
    return fig


def bargaining_figure(model_df: pd.DataFrame, names: Sequence[str], front: str = "territory") -> go.Figure:
    """Each side's belief it wins, the bargaining range as a band, and territory held by A.

    The range is in A's shares that both sides prefer to war; it is missing (NaN) before the
    first assessment. Fearon's range (p - c_A, p + c_B) may extend beyond [0, 1] when war is
    costly; no division can, so the band is drawn clipped to [0, 1] and the hover gives the
    unclipped bound.
    """
    a, b = names[0], names[1]
    edge = "rgba(44, 160, 44, 0.5)"
    shown = model_df.assign(range_lo=model_df["range_lo"].clip(0, 1), range_hi=model_df["range_hi"].clip(0, 1))
    lo = line_trace(shown, "range_lo", "range low", edge, width=0.5)
    lo.update(
        showlegend=False,
        legendgroup="range",
        customdata=model_df["range_lo"],
        hovertemplate="range low %{customdata:.2f}",
    )
    hi = line_trace(shown, "range_hi", f"bargaining range ({a}'s share)", edge, width=0.5)
    hi.update(
        fill="tonexty",
        fillcolor=BAND_COLOR,
        legendgroup="range",
        customdata=model_df["range_hi"],
        hovertemplate="range high %{customdata:.2f}",
    )
    fig = go.Figure(
        [
            lo,
            hi,
            line_trace(model_df, "belief_a", f"{a}'s belief it wins", state_color(0)),
            line_trace(model_df, "belief_b", f"{b}'s belief it wins", state_color(1)),
            line_trace(model_df, "territory", _held(front, a), TERRITORY_COLOR, dash="dash"),
        ]
    )
    fig.update_yaxes(title_text="probability / share", range=unit_range(shown, RANGE_COLUMNS))
    return style_figure(fig, "Beliefs and the bargaining range")


def _hover(event: pd.Series) -> str:
    """Escaped, wrapped hover text for one event."""
    target = event.get("target")
    who = html.escape(str(event["actor"]))
    if isinstance(target, str) and target:
        who += f" → {html.escape(target)}"
    reason = "<br>".join(textwrap.wrap(html.escape(str(event.get("reason", ""))), 80))
    return f"<b>month {event['step']}</b> · {who}<br><i>{html.escape(str(event['kind']))}</i><br>{reason}"


def timeline_figure(events_df: pd.DataFrame, names: Sequence[str] | None = None) -> go.Figure:
    """The event log: one marker per event at (month, kind), coloured by actor.

    Actors are nudged apart vertically within a kind's row so simultaneous events stay
    visible; hovering shows the reason.
    """
    fig = go.Figure()
    if events_df.empty:
        fig.add_annotation(text="no events", showarrow=False, xref="paper", yref="paper")
        return style_figure(fig, "Event timeline", height=200)
    kinds = sorted(events_df["kind"].astype(str).unique())
    actors = colour_order(list(events_df["actor"].astype(str)), names)
    spread = min(0.6 / max(len(actors) - 1, 1), 0.18)
    for i, actor in enumerate(actors):
        rows = events_df[events_df["actor"].astype(str) == actor]
        y = rows["kind"].astype(str).map(kinds.index) + (i - (len(actors) - 1) / 2) * spread
        fig.add_trace(
            go.Scatter(
                x=rows["step"],
                y=y,
                mode="markers",
                name=actor,
                marker={
                    "color": state_color(i),
                    "size": 9,
                    "opacity": 0.85,
                    "line": {"width": 0.5, "color": "white"},
                },
                customdata=[_hover(e) for _, e in rows.iterrows()],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    fig.update_yaxes(tickvals=list(range(len(kinds))), ticktext=kinds, autorange="reversed")
    fig = style_figure(fig, "Event timeline (hover for the reason)", height=170 + 26 * len(kinds))
    fig.update_layout(hovermode="closest")
    return fig


def run_figures(
    model_df: pd.DataFrame,
    agents_df: pd.DataFrame,
    events_df: pd.DataFrame,
    names: Sequence[str],
    scenario: Mapping[str, Any] | None = None,
) -> list[go.Figure]:
    """All single-run figures in reading order (as the reports show them).

    With `scenario` (a manifest's `scenario_resolved`), the network of states and alliances
    at the last month comes second.
    """
    network = [network_figure(agents_df, events_df, scenario, names=names)] if scenario else []
    front = front_issue(scenario)
    return [
        tension_figure(model_df),
        *network,
        military_territory_figure(model_df, names, front),
        bargaining_figure(model_df, names, front),
        trust_figure(model_df, names),
        politics_figure(agents_df, names),
        resources_figure(agents_df, names),
        timeline_figure(events_df, names),
    ]
