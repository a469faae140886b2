"""The state monitor: click a state in the network to see its numbers this month.

Like NetLogo's agent monitor: will, public support, forces, what it believes about winning,
whom it trusts, the threat it feels, its lens and its last decision, all read from the run's
tables at the month on screen.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import solara

from sim.dashboard.session import Snapshot
from sim.dashboard.story import story


@dataclass(frozen=True)
class Monitor:
    name: str
    rows: list[tuple[str, str]]  # (what, value) in reading order
    last_decision: str


def _fmt(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.2f}"


def state_monitor(snap: Snapshot, name: str) -> Monitor | None:
    """The monitor of state `name` at the snapshot's month (None if it is not a state)."""
    agents = snap.agents_df
    if agents.empty:
        return None
    rows = agents[(agents["name"] == name) & (agents["step"] == agents["step"].max())]
    if rows.empty or ("kind" in rows and rows.iloc[0]["kind"] != "state"):
        return None
    row = rows.iloc[0]
    out = [
        ("lens", str(snap.lenses.get(name, row.get("lens", "–")))),
        ("will to fight", _fmt(row.get("will"))),
        ("public support for the war", _fmt(row.get("support"))),
        ("forces (military)", _fmt(row.get("military"))),
        ("threat it feels", _fmt(row.get("threat"))),
    ]
    a, b = snap.names[0], snap.names[1]
    if name in (a, b) and not snap.model_df.empty:
        now = snap.model_df.iloc[-1]
        belief = now.get("belief_a" if name == a else "belief_b")
        out.append(("its belief it would win", _fmt(belief)))
    if name in snap.trust.index:
        trust = snap.trust.loc[name].drop(labels=[name], errors="ignore").dropna()
        if not trust.empty:
            top = trust.sort_values(ascending=False)
            out.append(("trusts most", f"{top.index[0]} ({top.iloc[0]:.2f})"))
            out.append(("trusts least", f"{top.index[-1]} ({top.iloc[-1]:.2f})"))
    decisions = [
        line
        for line in story(snap.events_df, None, snap.lenses)
        if line.actor == name and line.kind.startswith("decision:")
    ]
    last = f"month {decisions[0].step}: {decisions[0].text}" if decisions else "no decision yet"
    return Monitor(name, out, last)


@solara.component
def StateMonitor(snap: Snapshot, name: str | None):
    """The monitor of the clicked state (the first of the primary pair until one is clicked)."""
    chosen = name if name in snap.names else snap.names[0]
    monitor = solara.use_memo(lambda: state_monitor(snap, chosen), [id(snap), chosen])
    if monitor is None:
        body = "<p>Click a state in the network to see its numbers.</p>"
    else:
        cells = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in monitor.rows)
        body = (
            f"<table>{cells}</table><p class='brink-monitor-last'><b>Last decision</b>: "
            f"{html.escape(monitor.last_decision)}</p>"
        )
    solara.HTML(
        unsafe_innerHTML=f"<h4>{html.escape(chosen)} in month {snap.step} "
        f"<small>(click another state in the network)</small></h4>{body}",
        classes=["brink-monitor"],
        attributes={"data-state": chosen},
    )
