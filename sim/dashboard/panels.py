"""Solara panels beyond the single run: lens comparison and ensembles (saved results: `saved`)."""

from __future__ import annotations

import html

import solara

from sim.dashboard import state, views
from sim.dashboard.components import Chart, EventLog, PhaseBar
from sim.dashboard.session import Snapshot
from sim.report.ensemble_figures import outcome_share_figure


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
