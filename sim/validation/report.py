"""What `brink validate` shows: a rich table, one JSON object, and an offline HTML report.

The HTML report uses the run reports' page (`sim.report.html.page_html`: plotly.js inlined
once, no CDN) with three parts: the checks as a table, the stylized facts as simulated shares
with Wilson intervals beside their literature bands, and the historical cases as stacked
simulated outcome shares with what actually happened marked on each row.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sim.atomic import write_text
from sim.report.html import esc, figure_html, page_html
from sim.report.layout import style_figure
from sim.report.palette import OUTCOME_ORDER, outcome_color
from sim.validation.checks import Check, jsonable
from sim.validation.history import BASELINES_NOTE, BASELINES_TITLE, against_baselines

# styled text, not markup: the CLI's console has markup off (names and paths are the user's)
VERDICT = {True: Text("pass", style="bold green"), False: Text("FAIL", style="bold red")}
MATCH = {True: Text("match", style="bold green"), False: Text("miss", style="bold red")}


def checks_table(checks: Sequence[Check], title: str) -> Table:
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("check", ratio=3)
    table.add_column("expected", ratio=3)
    table.add_column("simulated", ratio=4)
    table.add_column("", width=5)
    for c in checks:
        table.add_row(c.name, c.expected, c.simulated, VERDICT[c.passed])
    return table


def history_table(history: dict[str, Any]) -> Table:
    table = Table(title=f"Historical cases: {history['matched']}/{history['total']} modal outcomes match", expand=True)
    table.add_column("case", no_wrap=True)
    table.add_column("what happened")
    table.add_column("simulated shares (modal first)")
    table.add_column("", width=5)
    for c in history["cases"]:
        happened = c["historical"] + (f" ({c['historical_winner']})" if c["historical_winner"] else "")
        ranked = sorted(((v, o) for o, v in c["shares"].items() if v), key=lambda t: (-t[0], OUTCOME_ORDER.index(t[1])))
        label = {o: o for o in OUTCOME_ORDER}
        if c["modal_winner"]:
            label["victory"] = f"victory ({c['modal_winner']})"
        shares = ", ".join(f"{label[o]} {v:.0%}" for v, o in ranked)
        table.add_row(c["name"], happened, shares, MATCH[bool(c["match"])])
    return table


def baselines_table(history: dict[str, Any]) -> Table:
    """The model beside rules that need no model (`sim.validation.history.against_baselines`)."""
    table = Table(title=f"{BASELINES_TITLE}. {BASELINES_NOTE}")
    table.add_column("forecast")
    table.add_column("modal outcome right", justify="right")
    table.add_column("mean Brier score", justify="right")
    for r in against_baselines(history["cases"]):
        table.add_row(r["forecast"], f"{r['matches']}/{len(history['cases'])}", f"{r['brier']:.2f}")
    return table


def print_results(console: Console, checks: Sequence[Check], history: dict[str, Any] | None) -> None:
    for group, title in (("analytic", "Analytic limits"), ("facts", "Stylized facts")):
        part = [c for c in checks if c.group == group]
        if part:
            console.print(checks_table(part, f"{title}: {sum(c.passed for c in part)}/{len(part)} pass"))
    if history is not None:
        console.print(history_table(history))
        if history["cases"]:
            console.print(baselines_table(history))


def as_json(checks: Sequence[Check], history: dict[str, Any] | None) -> dict[str, Any]:
    """One object; with --history only it is exactly the history object ({"cases", "matched", "total"})."""
    out: dict[str, Any] = {}
    if history is not None:
        out.update(history)
    for group in ("analytic", "facts"):
        part = [c.as_dict() for c in checks if c.group == group]
        if part:
            out[group] = part
    if checks:
        out["passed"] = sum(bool(c.passed) for c in checks)
        out["checks"] = len(checks)
    return jsonable(out)


# --- figures ---------------------------------------------------------------------------------
def history_figure(history: dict[str, Any]) -> go.Figure:
    """Simulated outcome shares per case (stacked bars), what happened marked with a diamond."""
    cases = history["cases"]
    names = [c["name"] for c in cases]
    fig = go.Figure()
    for o in OUTCOME_ORDER:
        fig.add_trace(
            go.Bar(
                y=names,
                x=[c["shares"].get(o, 0.0) for c in cases],
                name=o,
                orientation="h",
                marker_color=outcome_color(o),
                hovertemplate=f"{o}: %{{x:.0%}}<extra>%{{y}}</extra>",
            )
        )
    cum = []  # the diamond sits in the middle of the historical outcome's bar segment
    for c in cases:
        before = sum(c["shares"].get(o, 0.0) for o in OUTCOME_ORDER[: OUTCOME_ORDER.index(c["historical"])])
        cum.append(before + c["shares"].get(c["historical"], 0.0) / 2)
    fig.add_trace(
        go.Scatter(
            y=names,
            x=cum,
            mode="markers",
            marker={"symbol": "diamond", "size": 12, "color": "black", "line": {"color": "white", "width": 1}},
            customdata=[c["historical"] for c in cases],
            name="what happened",
            hovertemplate="what happened: %{customdata}<extra>%{y}</extra>",
        )
    )
    for c in cases:  # what happened, and whether the modal outcome matches, right of each bar
        winner = f" ({c['historical_winner']})" if c["historical_winner"] else ""
        mark = "✓" if c["match"] else "✗"
        fig.add_annotation(
            x=1.01,
            y=c["name"],
            xref="paper",
            yref="y",
            xanchor="left",
            showarrow=False,
            text=f"{mark} {esc(c['historical'])}{esc(winner)}",
            font={"size": 11},
        )
    title = (
        f"Historical cases: simulated outcome shares, ◆ = what happened ({history['matched']}/{history['total']} match)"
    )
    style_figure(fig, title, height=150 + 38 * len(cases))
    fig.update_layout(barmode="stack", margin={"r": 190})
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text="share of runs", range=[0, 1], tickformat=".0%")
    return fig


def lanchester_figure(check: Check) -> go.Figure:
    """The model's duel month by month against the square law's closed-form solution."""
    from sim.validation.analytic import LANCHESTER_RATE, lanchester_path

    d = check.detail
    a0, b0, qa, qb = d["a0"], d["b0"], d["qa"], d["qb"]
    a, b = lanchester_path(a0, b0, qa, qb)
    w = LANCHESTER_RATE * math.sqrt(qa * qb)
    t_end = math.atanh(min(0.999999, b0 * math.sqrt(qb / qa) / a0)) / w  # when B reaches 0
    ts = [i * t_end / 100 for i in range(101)]
    fig = go.Figure()
    for name, sim, exact, colour in (
        ("A", a, [a0 * math.cosh(w * t) - b0 * math.sqrt(qb / qa) * math.sinh(w * t) for t in ts], "#1f5fa8"),
        ("B", b, [b0 * math.cosh(w * t) - a0 * math.sqrt(qa / qb) * math.sinh(w * t) for t in ts], "#c0392b"),
    ):
        fig.add_trace(go.Scatter(x=ts, y=exact, mode="lines", name=f"{name}: square law", line={"color": colour}))
        fig.add_trace(
            go.Scatter(
                x=list(range(len(sim))),
                y=sim,
                mode="markers",
                name=f"{name}: model",
                marker={"color": colour, "size": 5},
            )
        )
    style_figure(fig, f"Lanchester: the model's duel against the square law (A0={a0}, B0={b0})")
    fig.update_yaxes(title_text="forces", rangemode="tozero")
    return fig


def fearon_figure(check: Check) -> go.Figure:
    """Private information: the belief gap falls with fighting until the range reopens."""
    d = check.detail
    months = list(range(len(d["gaps"])))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=months, y=d["gaps"], mode="lines+markers", name="belief gap p̂_A + p̂_B − 1"))
    fig.add_trace(go.Scatter(x=months, y=d["widths"], mode="lines+markers", name="range width (c_A + c_B − gap)"))
    fig.add_hline(y=0, line={"color": "#888", "dash": "dot"})
    style_figure(fig, "Fearon: fighting reveals information; the deal comes once the range reopens")
    return fig


def facts_figure(checks: Sequence[Check]) -> go.Figure:
    """Stylized facts with a share: simulated value and Wilson interval beside the literature band."""
    from sim.ensemble import wilson_interval

    rows = [c for c in checks if c.group == "facts" and "count" in c.detail and "band" in c.detail]
    fig = go.Figure()
    for c in rows:
        lo, hi = c.detail["band"]
        fig.add_trace(
            go.Bar(
                y=[c.name],
                x=[hi - lo],
                base=[lo],
                orientation="h",
                marker_color="#d9dee5",
                showlegend=c is rows[0],
                name="literature band",
                hoverinfo="skip",
            )
        )
    ks = [(c.detail["count"], c.detail["n"]) for c in rows]
    cis = [wilson_interval(k, n) for k, n in ks]
    fig.add_trace(
        go.Scatter(
            y=[c.name for c in rows],
            x=[k / n for k, n in ks],
            mode="markers",
            marker={"size": 11, "color": ["#2a9d5c" if c.passed else "#c0392b" for c in rows]},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [hi - k / n for (k, n), (_, hi) in zip(ks, cis, strict=True)],
                "arrayminus": [k / n - lo for (k, n), (lo, _) in zip(ks, cis, strict=True)],
            },
            name="simulated (Wilson 95%)",
        )
    )
    style_figure(fig, "Stylized facts: how wars end", height=160 + 45 * len(rows))
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(title_text="share of runs", range=[0, 1], tickformat=".0%")
    return fig


def checks_html(checks: Sequence[Check]) -> str:
    head = "<tr><th>check</th><th>expected</th><th>simulated</th><th>verdict</th><th>source</th></tr>"
    colour = {True: "#2a9d5c", False: "#c0392b"}
    rows = "".join(
        f"<tr><td>{esc(c.name)}</td><td>{esc(c.expected)}</td><td>{esc(c.simulated)}</td>"
        f"<td style='color:{colour[c.passed]};font-weight:700'>{'pass' if c.passed else 'FAIL'}</td>"
        f"<td>{esc(c.source)}</td></tr>"
        for c in checks
    )
    return f"<table class='summary'><thead>{head}</thead><tbody>{rows}</tbody></table>"


def write_html(out_dir: Path, checks: Sequence[Check], history: dict[str, Any] | None) -> Path:
    parts = []
    for group, title in (("analytic", "Analytic limits"), ("facts", "Stylized facts")):
        part = [c for c in checks if c.group == group]
        if part:
            parts.append(f"<h2>{title}: {sum(c.passed for c in part)}/{len(part)} pass</h2>{checks_html(part)}")
            if group == "facts" and any("band" in c.detail for c in part):
                parts.append(figure_html(facts_figure(part), "facts"))
            if group == "analytic":
                lanchester = next((c for c in part if "a0" in c.detail), None)
                fearon = next((c for c in part if "gaps" in c.detail), None)
                if lanchester is not None:
                    parts.append(figure_html(lanchester_figure(lanchester), "lanchester"))
                if fearon is not None:
                    parts.append(figure_html(fearon_figure(fearon), "fearon"))
    if history is not None:
        parts.append(f"<h2>Historical cases: {history['matched']}/{history['total']} match</h2>")
        parts.append(figure_html(history_figure(history), "history"))
        rows = "".join(
            f"<tr><td>{esc(r['forecast'])}</td><td>{r['matches']} of {len(history['cases'])}</td>"
            f"<td>{r['brier']:.2f}</td></tr>"
            for r in against_baselines(history["cases"])
        )
        if rows:
            parts.append(
                f"<h3>{esc(BASELINES_TITLE)}</h3><p>{esc(BASELINES_NOTE)}</p>"
                "<table class='summary'><thead><tr><th>forecast</th><th>modal outcome right</th>"
                f"<th>mean Brier score</th></tr></thead><tbody>{rows}</tbody></table>"
            )
    return write_text(Path(out_dir) / "validation.html", page_html("Brinkmanship validation", "\n".join(parts)))
