"""A lesson's exhibit: one offline HTML page, plus the runs and a JSON summary, written atomically.

The page reuses the report building blocks (`outcome_share_figure`, `run_body_html`,
`summary_table_html`, `page_html`: plotly.js inlined once, no CDN). It shows the learning
goals, the experiment, the observations computed from the runs, the outcome shares of each
condition under both lenses, a table of the measures, the showcase seed under both lenses
side by side, and the discussion questions and readings.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sim.atomic import timestamp, unique_path
from sim.lessons.experiment import LessonResult
from sim.output import atomic_dir, build_manifest, check_out_dir
from sim.report.compare import run_columns_html, summary_table_html
from sim.report.ensemble_figures import outcome_share_figure
from sim.report.html import esc, figure_html, page_html

EXHIBIT = "lesson.html"
RUNS = "runs.parquet"
SUMMARY = "summary.json"

EXTRA_CSS = """<style>
.lesson p, .lesson li { font-size: 14px; line-height: 1.45; max-width: 80em; }
.lesson code { background: #eef0f3; padding: 1px 4px; border-radius: 3px; font-size: 12px; }
.observations li { margin: 4px 0; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 10px; }
.muted { color: #666; font-size: 12px; }
</style>"""


def _list(items, tag: str = "ul", cls: str = "") -> str:
    klass = f" class='{cls}'" if cls else ""
    return f"<{tag}{klass}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + f"</{tag}>"


def experiment_html(result: LessonResult) -> str:
    """The conditions, their scenario and overrides, and a command for one of their runs."""
    lesson = result.lesson
    rows = []
    for cond in lesson.conditions:
        sets = " ".join(cond.set_args()) or "(as shipped)"
        rows.append(
            f"<tr><td>{esc(cond.label)}</td><td><code>{esc(cond.scenario)}</code></td>"
            f"<td><code>{esc(sets)}</code></td></tr>"
        )
    return (
        f"<p>Each condition runs under <b>{' and '.join(map(esc, lesson.lenses))}</b> (every state takes the "
        f"lens) over the same {esc(result.seed_text())}: {len(result.seeds)} runs per condition and lens, "
        f"{len(result.runs)} in all.</p>"
        "<table class='summary'><thead><tr><th>condition</th><th>scenario</th><th>overrides</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def shares_html(result: LessonResult) -> str:
    """One outcome-share chart per condition, both lenses side by side in each."""
    shares = result.shares()
    figures = []
    for i, cond in enumerate(result.lesson.conditions):
        fig = outcome_share_figure(shares[shares["condition"] == cond.key].drop(columns="condition"))
        fig.update_layout(title_text=cond.label, height=340)
        figures.append(figure_html(fig, f"shares-{i}"))
    return f"<div class='grid2'>{''.join(figures)}</div>"


def measures_html(result: LessonResult) -> str:
    """Rows: the lesson's measures; columns: condition x lens."""
    lesson = result.lesson
    head = "".join(
        f"<th>{esc(c.label)}<br><span class='muted'>{esc(lens)}</span></th>"
        for c in lesson.conditions
        for lens in lesson.lenses
    )
    rows = []
    for metric in [None, *lesson.metrics]:
        label = "runs" if metric is None else metric.label
        cells = []
        for cond in lesson.conditions:
            for lens in lesson.lenses:
                if metric is None:
                    text = str(len(result.arm(cond.key, lens)))
                else:
                    text = result.text(cond.key, lens, metric.key)
                cells.append(f"<td class=num>{esc(text)}</td>")
        rows.append(f"<tr><td>{esc(label)}</td>{''.join(cells)}</tr>")
    return (
        "<div class='events'><table class='summary'>"
        f"<thead><tr><th>measure</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def showcase_runs(result: LessonResult) -> list[dict]:
    """The showcase models as the comparison report's run dicts."""
    return [
        {
            "label": lens,
            "model_df": model.model_table(),
            "agents_df": model.agent_table(),
            "events_df": model.event_table(),
            "manifest": build_manifest(model),
        }
        for lens, model in result.showcase.items()
    ]


def showcase_html(result: LessonResult) -> str:
    """The same seed under both lenses: comparison table, then each run's figures in a column."""
    key, _ = result.lesson.showcase
    cond = result.lesson.condition(key)
    runs = showcase_runs(result)
    return (
        f"<p>Condition <b>{esc(cond.label)}</b>, seed {result.showcase_seed}, under each lens. Reproduce it with "
        f"<code>{esc(cond.command('compare', result.showcase_seed))}</code>.</p>"
        + summary_table_html(runs)
        + run_columns_html(runs, prefix="showcase", max_columns=len(runs))
    )


def render_exhibit(result: LessonResult) -> str:
    """The lesson's exhibit page as an HTML string."""
    lesson = result.lesson
    body = [
        EXTRA_CSS,
        "<div class='lesson'>",
        f"<p>{esc(lesson.summary)}</p>",
        "<h2>Learning goals</h2>",
        _list(lesson.goals),
        "<h2>The experiment</h2>",
        experiment_html(result),
        "<h2>What the runs show</h2>",
        _list(result.observations, cls="observations"),
        "<h2>Outcome shares (95% Wilson intervals)</h2>",
        shares_html(result),
        "<h2>Measures</h2>",
        "<p class='muted'>Shares are over runs; means and medians ignore runs where the measure does not apply. "
        "A is the dispute's first side, B its second.</p>",
        measures_html(result),
        "<h2>Discussion questions</h2>",
        _list(lesson.questions, tag="ol"),
        "<h2>Readings</h2>",
        _list(lesson.readings),
        f"<p class='muted'>Lesson text: <code>{esc(lesson.doc)}</code>. Regenerate this page with "
        f"<code>brink lesson {lesson.number} --seeds {len(result.seeds)}</code>.</p>",
        "<h2>One seed, two lenses</h2>",
        showcase_html(result),
        "</div>",
    ]
    return page_html(f"Lesson {lesson.number}: {lesson.title}", "\n".join(body))


def default_exhibit_dir(result: LessonResult, runs_root: Path = Path("runs"), now: datetime | None = None) -> Path:
    """`runs/lesson-N-<timestamp>` (with `-2`, `-3`, ... if taken)."""
    now = now or datetime.now().astimezone()
    return unique_path(Path(runs_root), f"lesson-{result.lesson.number}-{timestamp(now)}")


def write_exhibit(
    result: LessonResult, out_dir: Path | None = None, runs_root: Path = Path("runs"), *, overwrite: bool = False
) -> Path:
    """Write `lesson.html`, `runs.parquet` and `summary.json` into a fresh directory, atomically.

    Raises `OutputError` if `out_dir` exists and is not empty (unless `overwrite`).
    """
    if out_dir is None:
        final = default_exhibit_dir(result, runs_root)
    else:
        final = Path(out_dir)
        check_out_dir(final, overwrite)
    page = render_exhibit(result)
    summary = json.dumps(result.to_json(), indent=2, ensure_ascii=False, default=str) + "\n"

    def build(tmp: Path) -> None:
        result.runs.to_parquet(tmp / RUNS, engine="pyarrow", index=False)
        (tmp / SUMMARY).write_text(summary, encoding="utf-8")
        (tmp / EXHIBIT).write_text(page, encoding="utf-8")

    return atomic_dir(final, build, overwrite)
