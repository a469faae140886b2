"""Solara panels beyond the single run: lens comparison, ensembles, saved batches and runs."""

from __future__ import annotations

import html
from pathlib import Path

import solara

from sim.dashboard import state, views
from sim.dashboard.components import Chart, EventLog, PhaseBar
from sim.dashboard.results import ResultsError, list_batches, list_runs, load_batch
from sim.dashboard.session import Snapshot
from sim.output import OutputError, load_run
from sim.report.ensemble_figures import outcome_share_figure
from sim.report.figures import run_figures
from sim.report.network import network_figure, primary_trust_matrix, trust_matrix_figure
from sim.scenario import ScenarioError

RUNS_ROOT = Path("runs")


@solara.component
def CompareColumn(snap: Snapshot, label: str, divergence: int | None, x_max: float):
    with solara.Div(classes=["brink-compare-col"], attributes={"data-lens": label}):
        PhaseBar(snap, label=label)
        figures = solara.use_memo(
            lambda: {n: views.mark_divergence(views.chart(snap, n, x_max), divergence) for n in views.COMPARE_CHARTS},
            [id(snap), divergence, x_max],
        )
        for name, fig in figures.items():
            Chart(fig, name)
        EventLog(snap, limit=40, height="300px")


@solara.component
def CompareView():
    result = state.comparison.value
    task = state.compare_task
    with solara.Row(classes=["brink-compare-controls"], style={"align-items": "center"}):
        solara.Button(
            "Run realism vs liberalism",
            icon_name="mdi-compare",
            color="primary",
            on_click=state.run_comparison,
            disabled=task.pending,
            classes=["brink-compare-run"],
        )
        solara.Text("same scenario, seed and parameters as the Run tab; each run goes to its end")
    with solara.Div(classes=["brink-compare-status"]):
        if task.pending:
            solara.ProgressLinear(True)
            solara.Text("Running both lenses to the end…", classes=["brink-compare-busy"])
        if state.compare_error.value:
            solara.Error(state.compare_error.value)
    if result is None:
        return
    with solara.Div(classes=["brink-compare-note"]):  # always there, so the columns below keep their place
        if state.comparison_stale.value:
            solara.Warning("The choices changed since this comparison: press the button to run it again.", dense=True)
    step = result.divergence
    if step is None:
        text = "The two lenses' phases agree in every month both runs reached."
    else:
        phases = [s.model_df.loc[s.model_df["step"] == step, "phase"] for s in (result.left, result.right)]
        at = [p.iloc[0] if len(p) else "ended" for p in phases]
        text = f"First divergence: month {step} (realism: {at[0]}; liberalism: {at[1]})."
    solara.HTML(
        unsafe_innerHTML=html.escape(text),
        classes=["brink-divergence"],
        attributes={"data-step": "" if step is None else str(step)},
    )
    x_max = max(result.left.step, result.right.step)
    with solara.Div(classes=["brink-compare"]):
        CompareColumn(result.left, "realism", step, x_max)
        CompareColumn(result.right, "liberalism", step, x_max)


@solara.component
def EnsembleView():
    task = state.ensemble_task
    with solara.Row(classes=["brink-ensemble-controls"], style={"align-items": "center", "flex-wrap": "wrap"}):
        solara.SliderInt("Replicates per lens", value=state.ensemble_runs, min=10, max=500, step=10)
        solara.Text(f"{state.ensemble_runs.value} seeds per lens")
        solara.SelectMultiple(
            "Lenses",
            values=state.ensemble_lenses.value,
            all_values=["realism", "liberalism", "mixed"],
            on_value=state.ensemble_lenses.set,
            classes=["brink-ensemble-lenses"],
        )
        if task.pending:
            solara.Button(
                "Stop",
                icon_name="mdi-stop",
                on_click=lambda: state.ensemble_stop.set(True),
                classes=["brink-ensemble-stop"],
            )
        else:
            solara.Button(
                "Run ensemble",
                icon_name="mdi-play",
                color="primary",
                on_click=state.start_ensemble,
                disabled=not state.ensemble_lenses.value,
                classes=["brink-ensemble-run"],
            )
    solara.Text(
        "seeds start at the Run tab's seed; scenario and parameters as there too",
        style={"font-size": "12px", "color": "#666"},
    )
    with solara.Div(classes=["brink-ensemble-status"]):  # fixed place: the chart below is not rebuilt
        if not state.ensemble_lenses.value:
            solara.Error("Choose at least one lens to run an ensemble.", classes=["brink-ensemble-nolens"])
        if task.pending:
            solara.ProgressLinear(task.progress or True, classes=["brink-ensemble-progress"])
            solara.Text(f"{(task.progress or 0):.0f}% done")
        if task.error:
            solara.Error(f"Ensemble failed: {task.exception}")
    result = task.latest if task.latest is not None else None
    if result is None:
        return
    runs, shares, requested = result
    if runs.empty:
        solara.Warning("No runs finished.")
        return
    with solara.Div(classes=["brink-ensemble-result"]):
        if len(runs) < requested:
            solara.HTML(
                unsafe_innerHTML=f"PARTIAL RESULT: stopped after {len(runs)} of {requested} runs "
                f"({', '.join(sorted(runs['lens'].unique()))} only); shares below are from those runs.",
                classes=["brink-partial"],
            )
        Chart(outcome_share_figure(shares), "ensemble")
        table = shares.assign(
            interval=[f"{lo:.0%}–{hi:.0%}" for lo, hi in zip(shares["ci_low"], shares["ci_high"], strict=True)],
            share=shares["share"].map("{:.0%}".format),
        )[["lens", "outcome", "count", "n", "share", "interval"]]
        solara.DataFrame(table, items_per_page=20)


@solara.component
def BatchPanel():
    found = [str(p) for p in list_batches(RUNS_ROOT)]
    path, set_path = solara.use_state(found[0] if found else "")
    loaded, set_loaded = solara.use_state(None)
    message, set_message = solara.use_state("")

    def load():
        try:
            set_loaded(load_batch(path))
            set_message("")
        except ResultsError as exc:
            set_loaded(None)
            set_message(str(exc))

    solara.Text("A finished `brink batch` directory (experiment.json, outcomes.parquet, summary.parquet)")
    with solara.Row(style={"align-items": "center"}):
        solara.InputText(
            "Batch directory", value=path, on_value=set_path, continuous_update=True, classes=["brink-batch-path"]
        )
        solara.Button("Load", on_click=load, classes=["brink-batch-load"])
    if found:
        solara.Text("found: " + ", ".join(found[:8]), style={"font-size": "12px", "color": "#666"})
    if message:
        with solara.Div(classes=["brink-batch-error"]):
            solara.Error(message)
    if loaded is None:
        return
    BatchResults(loaded)


@solara.component
def BatchResults(batch):
    points = batch.points
    point, set_point = solara.use_state(points[0] if points else None)
    exp = batch.experiment
    facts = ", ".join(f"{k}: {exp[k]}" for k in ("scenario", "sampler", "replicates", "lenses") if k in exp)
    solara.Text(
        f"{batch.path}: {len(points)} points; {facts}" + (f"; {batch.errors} failed runs" if batch.errors else "")
    )
    if points:
        labels = {batch.point_label(p): p for p in points}
        current = next((k for k, v in labels.items() if v == point), next(iter(labels)))
        solara.Select("Point", value=current, values=list(labels), on_value=lambda k: set_point(labels[k]))
        Chart(outcome_share_figure(batch.point_shares(point if point in points else points[0])), "batch")
    solara.DataFrame(batch.summary, items_per_page=15)


@solara.component
def RunsPanel():
    runs = [str(p) for p in list_runs(RUNS_ROOT)]
    chosen, set_chosen = solara.use_state(runs[0] if runs else None)
    if not runs:
        solara.Info(f"No run directories in {RUNS_ROOT}/ yet: `brink run` writes them.")
        return
    solara.Select("Run directory", value=chosen, values=runs, on_value=set_chosen)
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
        f"outcome {manifest.get('outcome')} at month {manifest.get('outcome_step')}"
    )
    for i, fig in enumerate(figures):
        Chart(fig, f"saved-{i}")


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
        return load_run(path) if path else "No run chosen."
    except (OutputError, ScenarioError, OSError, ValueError) as exc:
        return str(exc)
    except Exception as exc:  # a broken parquet file
        return f"{path}: cannot read: {exc}"


@solara.component
def SavedView():
    with solara.Card("Batch results"):
        BatchPanel()
    with solara.Card("Runs in runs/"):
        RunsPanel()
