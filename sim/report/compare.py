"""Side-by-side offline HTML report comparing runs (e.g. two lenses or two seeds).

A summary table at the top compares outcome, outcome month, final territory, mean tension
and months in talks, and names the first month where the runs' phases differ. Below, each
run gets a column (CSS grid) with its banner, figures and event log, on a shared month axis.
Same offline rules as the single-run report: plotly.js is inlined exactly once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from sim.atomic import write_text
from sim.report.html import esc, format_step, page_html, run_body_html
from sim.report.palette import outcome_color

Run = Mapping[str, Any]  # keys: label, model_df, agents_df, events_df, manifest


def first_divergence(model_dfs: Sequence[pd.DataFrame]) -> int | None:
    """The first month where any run's phase differs from the first run's, or None.

    Only months that both runs reached are compared (a run that stopped at its outcome
    does not diverge merely by ending).
    """
    if len(model_dfs) < 2:
        return None
    base = model_dfs[0].set_index("step")["phase"].astype(str).rename("base")
    found = []
    for other in model_dfs[1:]:
        joined = base.to_frame().join(other.set_index("step")["phase"].astype(str), how="inner")
        differ = joined.index[joined["base"] != joined["phase"]]
        if len(differ):
            found.append(int(differ.min()))
    return min(found) if found else None


def run_summary(run: Run) -> dict[str, Any]:
    """The comparison figures of one run (outcome, final territory, tension, talks)."""
    model = run["model_df"].sort_values("step")
    manifest = run["manifest"]
    return {
        "label": run["label"],
        "outcome": str(manifest.get("outcome") or "ongoing"),
        "outcome_step": format_step(manifest.get("outcome_step")),
        "final_territory": float(model["territory"].iloc[-1]) if len(model) else float("nan"),
        "mean_tension": float(model["tension"].mean()),
        "talks_months": int((model["phase"].astype(str) == "talks").sum()),
        "months": int(model["step"].max()) if len(model) else 0,
    }


def summary_table_html(runs: Sequence[Run]) -> str:
    """The comparison table plus a line naming the first divergence of phases."""
    head = (
        "<tr><th>run</th><th>outcome</th><th>outcome month</th><th>final territory "
        "(A's share)</th><th>mean tension</th><th>months in talks</th><th>months run</th></tr>"
    )
    rows = []
    for s in map(run_summary, runs):
        swatch = f"<span class='swatch' style='background:{outcome_color(s['outcome'])}'></span>"
        rows.append(
            f"<tr><td>{esc(s['label'])}</td><td>{swatch}{esc(s['outcome'])}</td>"
            f"<td class=num>{esc(s['outcome_step'] or '–')}</td>"
            f"<td class=num>{s['final_territory']:.2f}</td>"
            f"<td class=num>{s['mean_tension']:.3f}</td><td class=num>{s['talks_months']}</td>"
            f"<td class=num>{s['months']}</td></tr>"
        )
    return (
        f"<table class='summary'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p class='howto'>{divergence_text(runs)}</p>"
    )


def divergence_text(runs: Sequence[Run]) -> str:
    """'First divergence: month N (phase x in A, y in B)' or a note that there is none."""
    models = [r["model_df"] for r in runs]
    step = first_divergence(models)
    if step is None:
        return "<b>First divergence:</b> none &mdash; the phases agree in every month both runs reached."
    phases = []
    for run, model in zip(runs, models, strict=True):
        at = model.loc[model["step"] == step, "phase"]
        phases.append(f"{esc(at.iloc[0]) if len(at) else 'ended'} in {esc(run['label'])}")
    return f"<b>First divergence:</b> month {step} ({'; '.join(phases)})."


def month_range(runs: Sequence[Run]) -> tuple[float, float]:
    """A month axis range covering every run, so the columns line up."""
    steps = pd.concat([r["model_df"]["step"] for r in runs])
    return float(steps.min()) - 0.5, float(steps.max()) + 0.5


def run_columns_html(runs: Sequence[Run], prefix: str = "run", max_columns: int = 3) -> str:
    """Each run's figures in its own column, on one shared month axis so the columns line up."""
    x_range = month_range(runs) if runs else None
    columns = []
    for i, run in enumerate(runs):
        body = run_body_html(
            run["model_df"],
            run["agents_df"],
            run["events_df"],
            run["manifest"],
            prefix=f"{prefix}{i}",
            x_range=x_range,
            collapse_events=True,
        )
        columns.append(f"<section><h2>{esc(run['label'])}</h2>{body}</section>")
    return (
        f"<div class='columns' style='grid-template-columns: repeat({min(len(runs), max_columns) or 1},"
        f" minmax(0, 1fr))'>{''.join(columns)}</div>"
    )


def render_compare_report(runs: Sequence[Run], title: str = "Run comparison") -> str:
    """The comparison report as an HTML string (see `write_compare_report`)."""
    return page_html(title, summary_table_html(runs) + run_columns_html(runs))


def write_compare_report(path: str | os.PathLike[str], runs: Sequence[Run], title: str = "Run comparison") -> Path:
    """Write an offline HTML report showing `runs` side by side, atomically.

    Args:
        path: where to write the HTML file.
        runs: dicts with keys label, model_df, agents_df, events_df and manifest.
        title: the page title.

    Returns:
        The path written.
    """
    return write_text(path, render_compare_report(runs, title))
