"""A map-like network of states and alliances at one month, and the trust matrix as a heatmap.

Pure functions, shared by the dashboard and the run report. The network reads the scenario
(as a plain dict: `Scenario.model_dump(mode="json")` or a run manifest's `scenario_resolved`)
for who is in which alliance and dispute at the start, and replays the event table up to the
month shown: `join` and `guarantee` events change alliances, `war`, `phase:*` and `outcome:*`
events change disputes. Node size is military strength (agent table), node colour the state's
perceived threat or its mean trust in others; edges show alliance membership, candidacy,
guarantees (with or without troops) and disputes, drawn as active fronts while fighting.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from sim.report.layout import style_figure
from sim.report.palette import OUTCOME_COLORS

COLOUR_BY = {
    "threat": ("perceived threat", [[0, "#fff5eb"], [0.5, "#fd8d3c"], [1, "#7f2704"]]),
    "trust": ("mean trust in others", [[0, "#b2182b"], [0.5, "#f7f7f7"], [1, "#2166ac"]]),
}
FRONT_COLOR = "#c0392b"
DISPUTE_STYLE = {  # phase -> (colour, dash, label)
    "war": (FRONT_COLOR, "solid", "active front"),
    "talks": ("#e67e22", "solid", "front (talks)"),
    "crisis": ("#d4a017", "dash", "crisis"),
    "ceasefire": ("#7f8c8d", "dash", "ceasefire line"),
    "settled": ("#27ae60", "dot", "settled"),
}
TIE_STYLE = {  # alliance tie -> (colour, dash, label)
    "member": ("#34495e", "solid", "alliance member"),
    "candidate": ("#95a5a6", "dot", "membership candidate"),
    "guarantee": ("#16a085", "dash", "guarantee"),
}


@dataclass
class Topology:
    """Who is tied to whom at one month (replayed from the scenario and the events)."""

    states: list[str]
    alliances: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # name -> tie kind -> states
    troops: dict[str, bool] = field(default_factory=dict)
    disputes: list[dict[str, Any]] = field(default_factory=list)  # sides, phase, outcome


def topology_at(scenario: Mapping[str, Any], events_df: pd.DataFrame | None, step: int | None = None) -> Topology:
    """The alliances and disputes of `scenario` after the events up to month `step` (all if None)."""
    topo = Topology(states=[s["name"] for s in scenario.get("states", [])])
    for al in scenario.get("alliances", []):
        protects = set(al.get("protects", [])) if al.get("guarantee", "none") != "none" else set()
        topo.alliances[al["name"]] = {
            "member": set(al.get("members", [])),
            "candidate": set(al.get("candidates", [])),
            "guarantee": protects,
        }
        topo.troops[al["name"]] = bool(al.get("troops", False))
    for d in scenario.get("disputes", []):
        topo.disputes.append({"sides": tuple(d["sides"]), "phase": d.get("phase", "war"), "outcome": None})
    if events_df is None or events_df.empty:
        return topo
    events = events_df if step is None else events_df[events_df["step"] <= step]
    for e in events.itertuples(index=False):
        kind, actor, target = str(e.kind), str(e.actor), None if pd.isna(e.target) else str(e.target)
        if kind in ("join", "guarantee") and actor in topo.alliances and target:
            ties = topo.alliances[actor]
            if kind == "join":
                ties["member"].add(target)
                ties["candidate"].discard(target)
            else:
                ties["guarantee"].add(target)
                topo.troops[actor] = "with troops" in str(e.reason)
        elif kind == "war" or kind.startswith(("phase:", "outcome:")):
            for d in topo.disputes:
                if {actor, target} == set(d["sides"]):
                    if kind == "war":
                        d["phase"] = "war"
                    elif kind.startswith("phase:"):
                        d["phase"] = kind.split(":", 1)[1]
                    else:
                        d["outcome"] = kind.split(":", 1)[1]
    return topo


def layout_positions(topo: Topology, names: Sequence[str] | None = None) -> dict[str, tuple[float, float]]:
    """States on a circle (the primary pair left and right), alliances between their members."""
    order = [n for n in (names or ()) if n in topo.states] + [n for n in topo.states if n not in (names or ())]
    pos: dict[str, tuple[float, float]] = {}
    k = len(order)
    for i, name in enumerate(order):
        # A at the left (180°), B at the right (0°), the rest above and below in turn
        if i == 0:
            angle = math.pi
        elif i == 1:
            angle = 0.0
        else:
            j = i - 2
            rest = max(k - 2, 1)
            side = 1 if j % 2 == 0 else -1
            angle = side * math.pi * (0.5 + (j // 2 - (rest - 1) / 4) / max(rest, 2) * 0.9)
        pos[name] = (math.cos(angle), 0.8 * math.sin(angle))
    for n, (al, ties) in enumerate(topo.alliances.items()):
        tied = [pos[s] for s in sorted(set().union(*ties.values())) if s in pos]
        x, y = np.mean(tied, axis=0) if tied else (0.0, 0.0)
        # between its states, pulled toward the centre; several alliances fan out
        pos[al] = (0.6 * float(x) + 0.12 * n, 0.6 * float(y) - 0.12 * n)
    return pos


def _at_step(agents_df: pd.DataFrame, step: int | None) -> tuple[pd.DataFrame, int]:
    states = agents_df[agents_df["kind"] == "state"] if "kind" in agents_df else agents_df
    last = int(states["step"].max()) if len(states) else 0
    step = last if step is None else min(int(step), last)
    return states[states["step"] == step].set_index("name"), step


def _edge(
    fig: go.Figure,
    p: tuple[float, float],
    q: tuple[float, float],
    color: str,
    dash: str,
    width: float,
    name: str,
    hover: str,
    show: bool,
) -> None:
    fig.add_trace(
        go.Scatter(
            x=[p[0], (p[0] + q[0]) / 2, q[0]],
            y=[p[1], (p[1] + q[1]) / 2, q[1]],
            mode="lines",
            line={"color": color, "dash": dash, "width": width},
            name=name,
            legendgroup=name,
            showlegend=show,
            text=[hover] * 3,
            hovertemplate="%{text}<extra></extra>",
        )
    )


def network_figure(
    agents_df: pd.DataFrame,
    events_df: pd.DataFrame | None,
    scenario: Mapping[str, Any],
    step: int | None = None,
    colour_by: str = "threat",
    names: Sequence[str] | None = None,
    height: int = 420,
) -> go.Figure:
    """States and alliances at month `step` (default: the last month in the agent table).

    Args:
        agents_df: the agent table (state rows: name, step, military, threat, trust).
        events_df: the event table (may be None or empty: the scenario's start is shown).
        scenario: the scenario as a dict (`Scenario.model_dump(mode="json")`).
        step: the month to draw.
        colour_by: "threat" (tension as each state perceives it) or "trust".
        names: the primary pair first, to place it left and right.
    """
    label, scale = COLOUR_BY[colour_by]
    now, step = _at_step(agents_df, step)
    topo = topology_at(scenario, events_df, step)
    pos = layout_positions(topo, names)
    all_states = agents_df[agents_df["kind"] == "state"] if "kind" in agents_df else agents_df
    top = float(all_states["military"].max()) if len(all_states) else 1.0
    fig = go.Figure()
    shown: set[str] = set()
    for d in topo.disputes:
        a, b = d["sides"]
        if a not in pos or b not in pos:
            continue
        colour, dash, what = DISPUTE_STYLE.get(d["phase"], ("#999", "dot", d["phase"]))
        if d["outcome"]:
            colour, what = OUTCOME_COLORS.get(d["outcome"], colour), f"ended: {d['outcome']}"
        width = 6 if d["phase"] == "war" and not d["outcome"] else 3
        _edge(fig, pos[a], pos[b], colour, dash, width, what, f"{a} – {b}: {what}", what not in shown)
        shown.add(what)
    for al, ties in topo.alliances.items():
        for kind, members in ties.items():
            colour, dash, what = TIE_STYLE[kind]
            for s in sorted(members):
                if s not in pos:
                    continue
                hover = f"{al} → {s}: {what}"
                width = 2.0
                if kind == "guarantee" and topo.troops.get(al):
                    hover, width, what = hover + " with troops", 4.0, "guarantee with troops"
                _edge(fig, pos[al], pos[s], colour, dash, width, what, hover, what not in shown)
                shown.add(what)
    if topo.alliances:
        fig.add_trace(
            go.Scatter(
                x=[pos[a][0] for a in topo.alliances],
                y=[pos[a][1] for a in topo.alliances],
                mode="markers+text",
                text=list(topo.alliances),
                textposition="bottom right",
                marker={"symbol": "diamond", "size": 16, "color": "#34495e"},
                name="alliance",
                hovertemplate="%{text}<extra>alliance</extra>",
            )
        )
    states = [s for s in topo.states if s in now.index]
    military = [float(now.at[s, "military"]) for s in states]
    values = [float(now.at[s, colour_by]) if colour_by in now else float("nan") for s in states]
    fig.add_trace(
        go.Scatter(
            x=[pos[s][0] for s in states],
            y=[pos[s][1] for s in states],
            mode="markers+text",
            text=states,
            textposition="bottom center",
            customdata=np.column_stack([military, values]) if states else None,
            marker={
                "size": [18 + 42 * math.sqrt(max(m, 0.0) / top) if top > 0 else 24 for m in military],
                "color": values,
                "cmin": 0,
                "cmax": 1,
                "colorscale": scale,
                "line": {"width": 1.5, "color": "#333"},
                "colorbar": {"title": {"text": label, "side": "right"}, "thickness": 12, "len": 0.8},
            },
            name="state (size: military)",
            hovertemplate=f"<b>%{{text}}</b><br>military %{{customdata[0]:.2f}}<br>{label} %{{customdata[1]:.2f}}"
            "<extra></extra>",
        )
    )
    fig.update_xaxes(visible=False, range=[-1.4, 1.4])
    fig.update_yaxes(visible=False, range=[-1.1, 1.1], scaleanchor="x", scaleratio=1)
    fig = style_figure(fig, f"States and alliances, month {step} (size: military, colour: {label})", height=height)
    fig.update_layout(hovermode="closest", plot_bgcolor="#f7f9fb")
    fig.update_xaxes(title_text=None)
    return fig


def trust_matrix_figure(matrix: pd.DataFrame, title: str = "Trust matrix (row trusts column)") -> go.Figure:
    """A heatmap of trust, `matrix.loc[a, b]` being a's trust in b (the diagonal is blank)."""
    values = matrix.astype(float).to_numpy(copy=True)
    np.fill_diagonal(values, np.nan)
    text = [["" if np.isnan(v) else f"{v:.2f}" for v in row] for row in values]
    # None, not NaN: a widget's JSON has no NaN, and plotly leaves None cells blank
    z = [[None if np.isnan(v) else float(v) for v in row] for row in values]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(c) for c in matrix.columns],
            y=[str(r) for r in matrix.index],
            zmin=0,
            zmax=1,
            colorscale=COLOUR_BY["trust"][1],
            text=text,
            texttemplate="%{text}",
            hovertemplate="%{y} trusts %{x}: %{z:.2f}<extra></extra>",
            colorbar={"thickness": 12, "title": {"text": "trust", "side": "right"}},
        )
    )
    fig.update_yaxes(autorange="reversed", title_text="truster")
    fig = style_figure(fig, title, height=max(260, 110 + 48 * len(matrix)))
    fig.update_xaxes(title_text="trusted", side="bottom")
    fig.update_layout(hovermode="closest")
    return fig


def primary_trust_matrix(model_df: pd.DataFrame, names: Sequence[str], step: int | None = None) -> pd.DataFrame:
    """The 2x2 trust matrix of the primary pair from the model table (all a saved run records)."""
    rows = model_df if step is None else model_df[model_df["step"] <= step]
    last = rows.sort_values("step").iloc[-1]
    a, b = names[0], names[1]
    return pd.DataFrame([[1.0, last["trust_ab"]], [last["trust_ba"], 1.0]], index=[a, b], columns=[a, b])
