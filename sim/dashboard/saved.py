"""Saved results: `brink batch` directories and the runs in runs/, read back for people.

Tables are formatted (shares as percentages, rounded numbers, lists joined), run folders are
buttons, a batch that swept parameters gets a chart of each outcome's share against each
swept parameter with its 95% interval, and a saved run shows its charts and its event log.
Only folders under runs/ are read, as for the path box.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import solara

from sim.dashboard.components import Chart
from sim.dashboard.config import RUNS_ROOT
from sim.dashboard.labels import param_label, tidy_table
from sim.dashboard.results import ResultsError, list_batches, list_runs, load_batch
from sim.dashboard.story import story
from sim.output import OutputError, load_run
from sim.report.ensemble_figures import outcome_share_figure
from sim.report.figures import run_figures
from sim.report.network import network_figure, primary_trust_matrix, trust_matrix_figure
from sim.report.palette import OUTCOME_COLORS
from sim.scenario import ScenarioError

HINT = {"font-size": "12px", "color": "#666"}


def under_runs(path: str | Path) -> Path:
    """`path` resolved, if it lies under runs/ (else ResultsError: nothing else is read)."""
    resolved = Path(str(path).strip()).expanduser().resolve()
    if not resolved.is_relative_to(RUNS_ROOT.resolve()):
        raise ResultsError(f"{path}: saved results are read only from folders under {RUNS_ROOT}/")
    return resolved


def share_by_parameter(summary: pd.DataFrame, parameter: str) -> go.Figure:
    """Each outcome's share against one swept parameter, with its 95% interval (per lens)."""
    fig = go.Figure()
    for (lens, outcome), rows in summary.groupby(["lens", "outcome"], sort=True):
        rows = rows.sort_values(parameter)
        fig.add_trace(
            go.Scatter(
                x=rows[parameter],
                y=rows["share"],
                name=f"{outcome} ({lens})",
                mode="lines+markers",
                line={"color": OUTCOME_COLORS.get(str(outcome), "#888")},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": rows["ci_high"] - rows["share"],
                    "arrayminus": rows["share"] - rows["ci_low"],
                },
                hovertemplate=f"{outcome} ({lens})<br>{parameter} %{{x:.3g}}: %{{y:.0%}}<extra></extra>",
            )
        )
    fig.update_layout(
        title_text=f"Outcome share against {param_label(parameter)}",
        height=340,
        template="plotly_white",
        margin={"l": 50, "r": 10, "t": 40, "b": 40},
    )
    fig.update_yaxes(range=[0, 1], tickformat=".0%", title_text="share of runs")
    fig.update_xaxes(title_text=parameter)
    return fig


@solara.component
def BatchPanel():
    found = [str(p) for p in list_batches(RUNS_ROOT)]
    path, set_path = solara.use_state(found[0] if found else "")
    loaded, set_loaded = solara.use_state(None)
    message, set_message = solara.use_state("")

    def load(chosen: str) -> None:
        set_path(chosen)
        try:
            set_loaded(load_batch(under_runs(chosen)))
            set_message("")
        except ResultsError as exc:
            set_loaded(None)
            set_message(str(exc))

    solara.Text("A finished `brink batch` folder under runs/ (experiment.json, outcomes.parquet, summary.parquet)")
    with solara.Row(style={"align-items": "center"}):
        solara.InputText(
            "Batch folder", value=path, on_value=set_path, continuous_update=True, classes=["brink-batch-path"]
        )
        solara.Button("Load", on_click=lambda: load(path), classes=["brink-batch-load"])
    with solara.Row(style={"flex-wrap": "wrap"}, classes=["brink-batch-found"]):
        for folder in found[:12]:
            solara.Button(folder, text=True, on_click=lambda f=folder: load(f))
    if message:
        with solara.Div(classes=["brink-batch-error"]):
            solara.Error(message)
    if loaded is not None:
        BatchResults(loaded)


@solara.component
def BatchResults(batch):
    points = batch.points
    point, set_point = solara.use_state(points[0] if points else None)
    exp = batch.experiment
    facts = ", ".join(
        f"{k}: {tidy_table(pd.DataFrame({k: [exp[k]]}))[k][0]}"
        for k in ("scenario", "sampler", "replicates", "lenses")
        if k in exp
    )
    solara.Text(
        f"{batch.path}: {len(points)} points; {facts}" + (f"; {batch.errors} failed runs" if batch.errors else "")
    )
    for parameter in batch.varied:
        if batch.summary[parameter].nunique() > 1:
            Chart(share_by_parameter(batch.summary, parameter), f"share-{parameter}")
    if points:
        labels = {batch.point_label(p): p for p in points}
        current = next((k for k, v in labels.items() if v == point), next(iter(labels)))
        solara.Select("Point", value=current, values=list(labels), on_value=lambda k: set_point(labels[k]))
        Chart(outcome_share_figure(batch.point_shares(point if point in points else points[0])), "batch")
    solara.DataFrame(tidy_table(batch.summary), items_per_page=15)


@solara.component
def RunsPanel():
    runs = [str(p) for p in list_runs(RUNS_ROOT)]
    chosen, set_chosen = solara.use_state(runs[0] if runs else None)
    if not runs:
        solara.Info(f"No run folders in {RUNS_ROOT}/ yet: `brink run` (or Save in the Run view) writes them.")
        return
    with solara.Row(style={"flex-wrap": "wrap"}, classes=["brink-run-folders"]):
        for run in runs[:12]:
            solara.Button(run, text=True, outlined=run == chosen, on_click=lambda r=run: set_chosen(r))
    if chosen:
        SavedRun(chosen)


@solara.component
def SavedRun(path: str):
    loaded = solara.use_memo(lambda: _load_run(path), [path])
    figures = solara.use_memo(lambda: _saved_figures(loaded), [path])
    if isinstance(loaded, str):
        solara.Error(loaded)
        return
    manifest = loaded["manifest"]
    solara.Text(
        f"{manifest.get('scenario')} · lens {manifest.get('lens')} · seed {manifest.get('seed')} · "
        f"outcome {manifest.get('outcome')} in month {manifest.get('outcome_step')}"
    )
    for i, fig in enumerate(figures):
        Chart(fig, f"saved-{i}")
    lines = story(loaded["events_df"], loaded["agents_df"], limit=80)
    items = "".join(f"<li><b>{line.headline}</b> — {html.escape(line.text)}</li>" for line in lines)
    solara.HTML(unsafe_innerHTML=f"<h4>What happened</h4><ul>{items}</ul>", classes=["brink-eventlog"])


def _saved_figures(loaded) -> list:
    """The network, the primary pair's trust and every report figure of a saved run."""
    if isinstance(loaded, str):
        return []
    manifest = loaded["manifest"]
    model_df, agents_df, events_df = loaded["model_df"], loaded["agents_df"], loaded["events_df"]
    names = list(manifest.get("names") or agents_df.loc[agents_df["kind"] == "state", "name"].unique()[:2])
    scenario = manifest.get("scenario_resolved")
    figures = [network_figure(agents_df, events_df, scenario, names=names)] if scenario else []
    if len(names) >= 2:
        figures.append(trust_matrix_figure(primary_trust_matrix(model_df, names)))
    return figures + run_figures(model_df, agents_df, events_df, names)


def _load_run(path: str | None):
    try:
        return load_run(under_runs(path)) if path else "No run chosen."
    except (ResultsError, OutputError, ScenarioError, OSError, ValueError) as exc:
        return str(exc)
    except Exception as exc:  # a broken parquet file
        return f"{path}: cannot read: {exc}"


@solara.component
def SavedView():
    with solara.Card("Batch results"):
        BatchPanel()
    with solara.Card("Runs in runs/"):
        RunsPanel()
