"""Self-contained, offline HTML report of one run.

The page embeds plotly.js inline exactly once (never from a CDN), then each figure as a
`<div>` plus a small script. It opens with an outcome banner, a line on how to read it, the
figures of `sim.report.figures`, and the event log as an escaped table. Files are written
atomically (a temporary file in the same directory, then `os.replace`).
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from sim.atomic import write_text
from sim.report.ensemble_figures import outcome_share_figure
from sim.report.figures import run_figures
from sim.report.layout import month_axis
from sim.report.palette import FONT_FAMILY, outcome_color

EVENT_COLUMNS = ("step", "actor", "target", "kind", "reason")
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}

CSS = f"""
body {{ font-family: {FONT_FAMILY}; margin: 0; padding: 16px 24px; color: #222;
       background: #f6f7f9; }}
h1 {{ font-size: 20px; margin: 4px 0 12px; }}
h2 {{ font-size: 16px; margin: 18px 0 6px; }}
.banner {{ color: white; border-radius: 8px; padding: 12px 18px; margin: 8px 0; }}
.banner .outcome {{ font-size: 26px; font-weight: 700; text-transform: uppercase;
                    letter-spacing: 0.04em; }}
.banner .when {{ font-size: 16px; margin-left: 10px; }}
.banner .facts {{ margin-top: 4px; font-size: 14px; opacity: 0.95; }}
.banner .meta {{ margin-top: 2px; font-size: 11px; opacity: 0.8; }}
.howto {{ font-size: 13px; color: #444; margin: 6px 0 12px; }}
.figure {{ background: white; border-radius: 6px; margin: 10px 0; padding: 4px;
           box-shadow: 0 1px 2px rgba(0,0,0,0.08); }}
.events {{ max-height: 480px; overflow: auto; background: white; border-radius: 6px; }}
table {{ border-collapse: collapse; font-size: 12px; width: 100%; }}
th, td {{ text-align: left; padding: 4px 8px; border-bottom: 1px solid #e5e5e5;
          vertical-align: top; }}
th {{ background: #eef0f3; position: sticky; top: 0; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.columns {{ display: grid; gap: 20px; }}
.columns > section {{ min-width: 0; }}
.summary {{ background: white; margin: 8px 0 14px; }}
.summary td, .summary th {{ font-size: 13px; }}
.swatch {{ display: inline-block; width: 10px; height: 10px; border-radius: 2px;
           margin-right: 6px; }}
details summary {{ cursor: pointer; font-weight: 600; margin: 14px 0 6px; }}
"""


def esc(value: Any) -> str:
    """HTML-escaped text of a cell; missing values become an empty string."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def format_step(step: Any) -> str | None:
    """A month number as text, or None when missing."""
    if step is None or pd.isna(step):
        return None
    return str(int(step))


def color_names(manifest: Mapping[str, Any], agents_df: pd.DataFrame) -> list[str]:
    """Actor names in colour order: the primary pair first, then states, alliances, others.

    The pair comes from `manifest["names"]`, else the first two states in the agent table.
    """
    found: list[str] = []
    if {"kind", "name"} <= set(agents_df):
        agents = agents_df.drop_duplicates("name").copy()
        agents["_rank"] = agents["kind"].map({"state": 0, "alliance": 1}).fillna(2)
        keys = ["_rank"] + (["agent_id"] if "agent_id" in agents else [])
        found = [str(n) for n in agents.sort_values(keys, kind="stable")["name"]]
    primary = [str(n) for n in (manifest.get("names") or found)][:2]
    primary += ["A", "B"][len(primary) :]
    return primary + [n for n in found if n not in primary]


def banner_html(manifest: Mapping[str, Any]) -> str:
    """The coloured outcome banner: outcome, its month, scenario, lens and seed."""
    outcome = str(manifest.get("outcome") or "ongoing")
    step = format_step(manifest.get("outcome_step"))
    steps = format_step(manifest.get("steps"))
    if step is not None and outcome != "ongoing":
        when = f"in month {step}"
    else:
        when = f"no outcome by month {steps}" if steps else "no outcome yet"
    facts = " · ".join(f"{k}: <b>{esc(manifest.get(k))}</b>" for k in ("scenario", "lens", "seed"))
    meta = " · ".join(
        f"{k} {esc(manifest.get(k))}"
        for k in ("package_version", "scenario_hash", "steps")
        if manifest.get(k) is not None
    )
    return (
        f"<div class='banner' style='background:{outcome_color(outcome)}'>"
        f"<span class='outcome'>{esc(outcome)}</span><span class='when'>{esc(when)}</span>"
        f"<div class='facts'>{facts}</div><div class='meta'>{meta}</div></div>"
    )


def howto_html(names: Sequence[str]) -> str:
    """One line on how to read the charts."""
    a, b = esc(names[0]), esc(names[1])
    return (
        "<p class='howto'><b>How to read this:</b> months run left to right; coloured "
        "bands in the first chart are the dispute's phases and a dashed line marks the "
        f"outcome. &ldquo;A&rdquo; is {a} and &ldquo;B&rdquo; is {b}. Hover for exact "
        "values and reasons; click a legend entry to hide a line.</p>"
    )


def figure_html(fig: go.Figure, div_id: str) -> str:
    """One figure as an HTML fragment that relies on the page's single plotly.js."""
    body = fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=PLOT_CONFIG)
    return f"<div class='figure'>{body}</div>"


def event_table_html(events_df: pd.DataFrame) -> str:
    """The event log as an escaped HTML table (step, actor, target, kind, reason)."""
    cols = [c for c in EVENT_COLUMNS if c in events_df]
    if "step" in events_df:
        events_df = events_df.sort_values("step", kind="stable")
    head = "".join(f"<th>{esc(c)}</th>" for c in cols)
    rows = "".join(
        "<tr>" + "".join(f"<td{' class=num' if c == 'step' else ''}>{esc(row[c])}</td>" for c in cols) + "</tr>"
        for _, row in events_df.iterrows()
    )
    if not rows:
        rows = f"<tr><td colspan='{len(cols) or 1}'>no events</td></tr>"
    return f"<div class='events'><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"


def run_body_html(
    model_df: pd.DataFrame,
    agents_df: pd.DataFrame,
    events_df: pd.DataFrame,
    manifest: Mapping[str, Any],
    prefix: str = "run",
    x_range: tuple[float, float] | None = None,
    collapse_events: bool = False,
) -> str:
    """Banner, how-to line, figures and event table of one run (no page wrapper)."""
    names = color_names(manifest, agents_df)
    figures = run_figures(model_df, agents_df, events_df, names, manifest.get("scenario_resolved"))
    if x_range is None and len(model_df):
        x_range = (float(model_df["step"].min()) - 0.5, float(model_df["step"].max()) + 0.5)
    parts = [banner_html(manifest), howto_html(names)]
    for i, fig in enumerate(figures):
        if x_range is not None and fig.layout.xaxis.title.text == "month":  # the network map has no time axis
            month_axis(fig, *x_range)
        parts.append(figure_html(fig, f"{prefix}-fig-{i}"))
    table = event_table_html(events_df)
    summary = f"Event log ({len(events_df)} events)"
    if collapse_events:
        parts.append(f"<details><summary>{summary}</summary>{table}</details>")
    else:
        parts.append(f"<h2>{summary}</h2>{table}")
    return "\n".join(parts)


def page_html(title: str, body: str) -> str:
    """A complete HTML page with plotly.js inlined once in the head."""
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n"
        f"<script type='text/javascript'>{get_plotlyjs()}</script>\n</head>\n"
        f"<body>\n<h1>{esc(title)}</h1>\n{body}\n</body>\n</html>\n"
    )


def render_report(
    model_df: pd.DataFrame,
    agents_df: pd.DataFrame,
    events_df: pd.DataFrame,
    manifest: Mapping[str, Any],
    *,
    shares_df: pd.DataFrame | None = None,
) -> str:
    """The single-run report as an HTML string.

    Args:
        model_df: `ConflictModel.model_table()`.
        agents_df: `ConflictModel.agent_table()`.
        events_df: `ConflictModel.event_table()`.
        manifest: run facts (scenario, lens, seed, outcome, outcome_step, names, ...).
        shares_df: optional ensemble outcome shares, shown as an extra chart at the end.
    """
    body = run_body_html(model_df, agents_df, events_df, manifest)
    if shares_df is not None and not shares_df.empty:
        body += "\n" + figure_html(outcome_share_figure(shares_df), "run-outcome-shares")
    title = (
        f"Brinkmanship run: {manifest.get('scenario', '?')} ({manifest.get('lens', '?')}, "
        f"seed {manifest.get('seed', '?')})"
    )
    return page_html(title, body)


def write_report(
    path: str | os.PathLike[str],
    model_df: pd.DataFrame,
    agents_df: pd.DataFrame,
    events_df: pd.DataFrame,
    manifest: Mapping[str, Any],
    *,
    shares_df: pd.DataFrame | None = None,
) -> Path:
    """Render the single-run report (see `render_report`) and write it atomically.

    Returns:
        The path written.
    """
    html_text = render_report(model_df, agents_df, events_df, manifest, shares_df=shares_df)
    return write_text(path, html_text)
