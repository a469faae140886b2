"""Tests for sim.report: figures and the offline HTML reports."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from offline import assert_offline
from plotly.offline import get_plotlyjs

from sim.report import (
    OUTCOME_COLORS,
    bargaining_figure,
    first_divergence,
    military_territory_figure,
    outcome_share_figure,
    politics_figure,
    render_report,
    resources_figure,
    tension_figure,
    timeline_figure,
    trust_figure,
    write_compare_report,
    write_report,
)

NAMES = ("Red", "Blue")
PLOTLY_SIGNATURE = get_plotlyjs()[:200]
EVIL = "<script>alert('pwned')</script>"


def model_frame(phases: list[str], outcome: str | None = None) -> pd.DataFrame:
    """A small model table with the documented columns (plus an unknown extra one)."""
    n = len(phases)
    ramp = np.linspace(0.1, 0.6, n)
    df = pd.DataFrame(
        {
            "step": range(n),
            "phase": phases,
            "tension": ramp,
            "intensity": ramp / 2,
            "escalation_risk": ramp / 100,
            "territory": 0.5 - ramp / 10,
            "belief_a": 0.6,
            "belief_b": 0.5,
            "range_lo": 0.3,
            "range_hi": 0.8,
            "ripe": False,
            "deal_available": False,
            "military_a": 1.0,
            "military_b": 0.9,
            "trust_ab": 0.3,
            "trust_ba": 0.2,
            "threat_ab": ramp,
            "threat_ba": ramp / 2,
            "will_a": 0.6,
            "will_b": 0.5,
            "support_a": 0.5,
            "support_b": 0.6,
            "outcome": [None] * n,
            "extra_column": 1,
        }
    )
    df.loc[0, ["range_lo", "range_hi"]] = np.nan
    if outcome:
        df.loc[n - 1, "outcome"] = outcome
    return df


def agent_frame(steps: int) -> pd.DataFrame:
    """Two states, their publics and an alliance for `steps` months."""
    rows = []
    for step in range(steps):
        for agent_id, name in enumerate(NAMES, start=1):
            rows.append(
                {
                    "step": step,
                    "agent_id": agent_id,
                    "name": name,
                    "kind": "state",
                    "resources": 1.0 - step / 100,
                    "will": 0.6,
                    "support": 0.55,
                }
            )
            rows.append(
                {
                    "step": step,
                    "agent_id": agent_id + 2,
                    "name": f"{name} public",
                    "kind": "public",
                    "support": 0.55,
                }
            )
        rows.append({"step": step, "agent_id": 5, "name": "Pact", "kind": "alliance", "cohesion": 0.7})
    return pd.DataFrame(rows)


def event_frame(reason: str = "tensions rise") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "step": [1, 2, 2],
            "actor": ["Red", "Blue", "Pact"],
            "target": ["Blue", None, "Blue"],
            "kind": ["decision:fight", "phase:war", "join"],
            "reason": [reason, EVIL, "admitted"],
        }
    )


def manifest(outcome: str = "escalation", step: int | None = 5, lens: str = "mixed") -> dict:
    return {
        "scenario": "toy",
        "scenario_hash": "deadbeef",
        "lens": lens,
        "seed": 7,
        "outcome": outcome,
        "outcome_step": step,
        "package_version": "0.1.0",
        "steps": 5,
        "names": list(NAMES),
    }


def run_tables(phases: list[str], outcome: str | None = "escalation") -> dict:
    return {
        "model_df": model_frame(phases, outcome),
        "agents_df": agent_frame(len(phases)),
        "events_df": event_frame(),
    }


PHASES = ["crisis", "crisis", "war", "war", "talks", "ceasefire"]


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "nested" / "run.html"
    written = write_report(path, **run_tables(PHASES), manifest=manifest())
    assert written == path and path.is_file()
    return path.read_text(encoding="utf-8")


def test_report_has_outcome_banner(report_html: str) -> None:
    banner = re.search(r"<div class='banner' style='background:([^']+)'>(.*?)</div>", report_html, re.S)
    assert banner is not None
    assert banner.group(1) == OUTCOME_COLORS["escalation"]
    assert "escalation" in banner.group(2) and "month 5" in banner.group(2)
    assert report_html.index("class='banner'") < report_html.index("plotly-graph-div")


def test_report_embeds_plotlyjs_once_and_no_cdn(report_html: str) -> None:
    assert_offline(report_html)


def test_report_escapes_event_reasons(report_html: str) -> None:
    assert EVIL not in report_html
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in report_html


def test_report_shows_every_figure(report_html: str) -> None:
    for title in (
        "Tension, intensity",
        "Military strength",
        "bargaining range",
        "Trust",
        "Domestic politics",
        "Resources per state",
        "Event timeline",
    ):
        assert title in report_html
    assert report_html.count('class="plotly-graph-div"') == 7


def test_write_is_atomic_and_overwrites(tmp_path) -> None:
    path = tmp_path / "run.html"
    path.write_text("old")
    write_report(path, **run_tables(PHASES[:3]), manifest=manifest("ongoing", None))
    assert [p.name for p in tmp_path.iterdir()] == ["run.html"]
    text = path.read_text(encoding="utf-8")
    assert "ongoing" in text and "no outcome by month 5" in text


def test_figures_return_plotly_figures() -> None:
    model, agents, events = (run_tables(PHASES)[k] for k in ("model_df", "agents_df", "events_df"))
    figures = [
        tension_figure(model),
        military_territory_figure(model, NAMES),
        resources_figure(agents),
        trust_figure(model, NAMES),
        politics_figure(agents),
        bargaining_figure(model, NAMES),
        timeline_figure(events),
    ]
    assert all(isinstance(f, go.Figure) for f in figures)
    trust_names = {t.name for t in figures[3].data}
    assert "Red's trust in Blue" in trust_names and "Blue's trust in Red" in trust_names
    assert {t.name for t in figures[2].data} == {"Red", "Blue"}  # states only


def test_a_war_over_no_territory_plots_the_issue_its_front_decides() -> None:
    """In a crisis over missiles (no territorial issue) the front stands for the first issue;
    the charts say so instead of calling it territory."""
    from sim.report.figures import front_issue

    model = run_tables(PHASES)["model_df"]
    cuba = {"disputes": [{"issues": [{"name": "missiles"}, {"name": "pledge", "territorial": False}]}]}
    border = {"disputes": [{"issues": [{"name": "missiles"}, {"name": "border", "territorial": True}]}]}
    assert front_issue(cuba) == "missiles"
    assert front_issue(border) == front_issue(None) == front_issue({"disputes": [{"issues": []}]}) == "territory"
    fig = military_territory_figure(model, NAMES, front_issue(cuba))
    assert "Red's share of missiles (right axis)" in {t.name for t in fig.data}
    assert "territory" not in fig.layout.title.text
    names = {t.name for t in bargaining_figure(model, NAMES, front_issue(border)).data}
    assert "territory held by Red" in names


def test_tension_figure_bands_cover_each_phase_run() -> None:
    fig = tension_figure(model_frame(PHASES))
    assert len(fig.layout.shapes) == 4  # crisis, war, talks, ceasefire (no outcome line)
    assert {t.name for t in fig.data} >= {"phase: crisis", "phase: war", "phase: talks"}


def test_timeline_on_empty_log() -> None:
    empty = pd.DataFrame(columns=["step", "actor", "target", "kind", "reason"])
    assert isinstance(timeline_figure(empty), go.Figure)


def test_outcome_share_figure_colours_and_lens_groups() -> None:
    shares = pd.DataFrame(
        {
            "outcome": ["settlement", "escalation"] * 2,
            "count": [6, 4, 3, 7],
            "share": [0.6, 0.4, 0.3, 0.7],
            "ci_low": [0.3, 0.2, 0.1, 0.4],
            "ci_high": [0.8, 0.7, 0.6, 0.9],
            "lens": ["realism"] * 2 + ["liberalism"] * 2,
        }
    )
    fig = outcome_share_figure(shares)
    bars = [t for t in fig.data if t.x is not None and t.x[0] is not None]
    assert len(bars) == 2
    assert list(bars[0].x) == ["escalation", "settlement"]
    assert list(bars[0].marker.color) == [OUTCOME_COLORS["escalation"], OUTCOME_COLORS["settlement"]]
    single = outcome_share_figure(shares[shares["lens"] == "realism"].drop(columns="lens"))
    assert len(single.data) == 1


def test_first_divergence() -> None:
    base = model_frame(PHASES)
    other = model_frame(PHASES[:4] + ["war", "war", "war"])
    assert first_divergence([base, other]) == 4
    assert first_divergence([base, model_frame(PHASES[:3])]) is None  # ending is not diverging
    assert first_divergence([base]) is None


def test_compare_report(tmp_path) -> None:
    runs = [
        {"label": "realist <run>", **run_tables(PHASES), "manifest": manifest(lens="realism")},
        {
            "label": "liberal run",
            **run_tables(PHASES[:3] + ["ceasefire"] * 3, None),
            "manifest": manifest("ongoing", None, lens="liberalism"),
        },
    ]
    path = write_compare_report(tmp_path / "compare.html", runs, "Realism vs liberalism")
    page = path.read_text(encoding="utf-8")
    assert "realist &lt;run&gt;" in page and "liberal run" in page
    assert "First divergence:</b> month 3" in page
    assert "repeat(2, minmax(0, 1fr))" in page
    assert_offline(page)
    assert EVIL not in page


def test_report_from_the_model() -> None:
    from sim import ConflictModel

    model = ConflictModel("ukraine_2025", lens="mixed", rng=3).run()
    names = [model.world.names[model.primary.a], model.world.names[model.primary.b]]
    facts = {
        "scenario": "ukraine_2025",
        "lens": "mixed",
        "seed": 3,
        "outcome": str(model.final_outcome),
        "outcome_step": model.outcome_step,
        "steps": model.steps,
        "names": names,
    }
    page = render_report(model.model_table(), model.agent_table(), model.event_table(), facts)
    assert f"<span class='outcome'>{model.final_outcome}</span>" in page
    assert f"&ldquo;A&rdquo; is {names[0]}" in page


def test_a_short_run_ticks_whole_months_and_a_long_one_keeps_plotlys_ticks():
    """There is no month 0.5: a run of a few months gets one tick per month on its time axes;
    a long run keeps plotly's own spacing (a tick a month would crowd 120 labels)."""
    from sim.report.layout import month_axis

    short = month_axis(go.Figure(), -0.5, 2.5)
    assert short.layout.xaxis.dtick == 1 and short.layout.xaxis.tick0 == 0
    assert list(short.layout.xaxis.range) == [-0.5, 2.5]
    long = month_axis(go.Figure(), -0.5, 120.5)
    assert long.layout.xaxis.dtick is None
