"""The scenario's Info panel, as NetLogo's Info tab: what it is, things to notice, things to try.

Built from the scenario itself: its description and start, the sides of each dispute, the
states with their lens, the alliances, the scripted events with their notes, and the comment
block at the top of a shipped scenario file (where its background and sources are written).
A lesson links here with `?view=info&scenario=<name>`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import solara

from sim.dashboard import state
from sim.dashboard.config import scenario_choices
from sim.scenario import Scenario


@dataclass(frozen=True)
class ScenarioInfo:
    title: str
    description: str
    start: str
    sides: list[str]
    states: list[str]
    alliances: list[str]
    events: list[str]
    background: list[str]  # the file's leading comment lines: context and sources
    notice: list[str]
    try_: list[str]


def background_of(path: Path | None) -> list[str]:
    """The leading `#` comment lines of a scenario file (its background and sources)."""
    if path is None or not path.is_file():
        return []
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return [line for line in lines if line]


def scenario_info(spec: Scenario, path: Path | None = None) -> ScenarioInfo:
    d = spec.disputes[0]
    a, b = d.sides
    sides = [f"{x} vs {y}" for x, y in (dd.sides for dd in spec.disputes)]
    states = [f"{s.name}: {s.lens or 'realism'} lens, forces {s.military:g}" for s in spec.states]
    alliances = [f"{al.name}: {', '.join(al.members) or 'no members yet'}" for al in spec.alliances]
    events = [f"month {e.month}: {e.kind} ({e.actor})" + (f" — {e.note}" if e.note else "") for e in spec.events]
    notice = [
        f"The trust and threat chart: does the threat {a} feels from {b} rise before each decision to fight?",
        "The phase in the header: when do talks open, and does a ceasefire hold?",
        "The event log: each line says who decided what, and why; click it for the numbers.",
    ]
    try_ = [
        f"Switch the lens to 'per state' and give {a} the liberalism lens: does the war end sooner?",
        "Compare lenses: the same seed under realism and liberalism, with the month they part marked.",
        "Change the seed: chance alone can change the outcome. Run an ensemble to see how often.",
        "Open Model parameters and raise the chance an ally is drawn in; watch the network.",
    ]
    return ScenarioInfo(
        title=spec.name,
        description=spec.description or "(no description in the scenario file)",
        start=spec.start or "not given",
        sides=sides,
        states=states,
        alliances=alliances,
        events=events,
        background=background_of(path),
        notice=notice,
        try_=try_,
    )


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>" if items else "<p>none</p>"


@solara.component
def InfoView():
    try:
        spec = state.current_spec()
    except Exception as exc:  # shown, not raised: the view must stay usable
        solara.Error(str(exc))
        return
    path = scenario_choices().get(state.scenario_label.value)
    info = solara.use_memo(lambda: scenario_info(spec, path), [spec.content_hash()])
    sections = [
        ("What it is", f"<p>{html.escape(info.description)}</p><p><b>Starts</b>: {html.escape(info.start)}</p>"),
        ("Sides", _list(info.sides)),
        ("States", _list(info.states)),
        ("Alliances", _list(info.alliances)),
        ("Scripted events", _list(info.events)),
        ("Background and sources", _list(info.background) if info.background else "<p>(uploaded file)</p>"),
        ("Things to notice", _list(info.notice)),
        ("Things to try", _list(info.try_)),
    ]
    solara.HTML(
        unsafe_innerHTML=f"<h3>{html.escape(info.title)}</h3>" + "".join(f"<h4>{t}</h4>{body}" for t, body in sections),
        classes=["brink-info"],
    )
