"""`report.html` of a batch: offline (plotly.js inline once), from the files of the batch directory.

Sections: the experiment's facts; overall outcome shares per lens; outcome shares against each
varied parameter (realism and liberalism side by side); heatmaps of P(frozen), P(settlement)
and P(escalation) when two or more parameters vary; the sensitivity ranking when
`sensitivity.parquet` exists (`brink sensitivity`); and the errors of failed runs.
Page, figure and colour helpers come from `sim.report`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from sim.atomic import write_text
from sim.experiments import storage
from sim.experiments.figures import binned, share_by_parameter_figure, share_heatmap_figure
from sim.experiments.summary import pool, summarize
from sim.report.ensemble_figures import outcome_share_figure
from sim.report.html import esc, figure_html, page_html
from sim.report.palette import outcome_color

REPORT = "report.html"
SENSITIVITY = "sensitivity.parquet"
HEATMAP_OUTCOMES = ("frozen", "settlement", "escalation")
MAX_ERRORS_SHOWN = 20


def _facts_html(manifest: dict[str, Any]) -> str:
    grid = {**(manifest.get("grid") or {}), **(manifest.get("ranges") or {})}
    rows = [
        ("scenario", manifest.get("scenario")),
        ("lenses", ", ".join(manifest.get("lenses") or [])),
        ("fixed (set)", ", ".join(f"{k}={v}" for k, v in (manifest.get("set") or {}).items()) or "none"),
        ("grid", "; ".join(f"{k}: {v}" for k, v in grid.items()) or "none"),
        (
            "sample",
            f"{manifest['sample']} n={manifest.get('n')} bounds {manifest.get('bounds')}"
            if manifest.get("sample")
            else "none",
        ),  # fmt: skip
        (
            "points x lenses x replicates",
            f"{manifest.get('n_points')} x {len(manifest.get('lenses') or [])} x "
            f"{manifest.get('replicates')} = {manifest.get('n_runs')} runs",
        ),  # fmt: skip
        ("failed runs", manifest.get("n_failed", 0)),
        ("steps", manifest.get("steps") or "the scenario's"),
        ("base seed", f"{manifest.get('seed')} (each run's seed: SeedSequence(seed, spawn_key=(point, replicate)))"),
        ("scenario hash / version", f"{manifest.get('scenario_hash')} / {manifest.get('package_version')}"),
    ]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f"<table class='summary'>{body}</table>"


def _shares_table_html(pooled: pd.DataFrame) -> str:
    lenses = list(dict.fromkeys(pooled["lens"]))
    outcomes = list(dict.fromkeys(pooled["outcome"]))
    head = "<th>outcome</th>" + "".join(f"<th>{esc(lens)}</th>" for lens in lenses)
    rows = []
    for outcome in outcomes:
        swatch = f"<span class='swatch' style='background:{outcome_color(outcome)}'></span>"
        cells = []
        for lens in lenses:
            r = pooled[(pooled["lens"] == lens) & (pooled["outcome"] == outcome)].iloc[0]
            cells.append(
                f"<td class='num'>{r['share']:.1%} [{r['ci_low']:.1%}, {r['ci_high']:.1%}] "
                f"({int(r['count'])}/{int(r['n'])})</td>"
            )
        rows.append(f"<tr><td>{swatch}{esc(outcome)}</td>{''.join(cells)}</tr>")
    return f"<table class='summary'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _errors_html(out_dir: Path) -> str:
    import pyarrow.dataset as pds

    data = pds.dataset(out_dir / storage.OUTCOMES, format="parquet")
    columns = ["run_id", "point", "lens", "seed", "error"]
    errors = data.to_table(columns=columns, filter=pds.field("error").is_valid()).to_pandas()
    if errors.empty:
        return ""
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>"
        for row in errors.head(MAX_ERRORS_SHOWN).itertuples(index=False)
    )
    head = "".join(f"<th>{c}</th>" for c in errors.columns)
    more = f" (first {MAX_ERRORS_SHOWN})" if len(errors) > MAX_ERRORS_SHOWN else ""
    return (
        f"<h2>Failed runs: {len(errors)}{more}</h2><div class='events'><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def _sensitivity_html(out_dir: Path) -> str:
    path = out_dir / SENSITIVITY
    if not path.is_file():
        return ""
    from sim.experiments.sensitivity import sensitivity_figure

    df = pd.read_parquet(path)
    return "<h2>Which parameters drive the outcomes (sensitivity)</h2>" + figure_html(
        sensitivity_figure(df), "batch-sensitivity"
    )


def render_batch_report(out_dir: Path, manifest: dict[str, Any], summary: pd.DataFrame) -> str:
    lenses = list(manifest.get("lenses") or dict.fromkeys(summary["lens"]))
    varied = list(manifest.get("varied") or [])
    parts = [_facts_html(manifest)]
    overall = pool(summary, ["lens"])
    parts += ["<h2>Outcome shares, all points pooled</h2>", _shares_table_html(overall)]
    parts.append(figure_html(outcome_share_figure(overall), "batch-overall"))
    cells = summary.copy()
    for key in varied:
        cells[key] = binned(cells[key])
    for i, key in enumerate(varied):
        parts.append(figure_html(share_by_parameter_figure(pool(cells, [key, "lens"]), key, lenses), f"batch-p{i}"))
    if len(varied) >= 2:
        x, y = varied[0], varied[1]
        pooled = pool(cells, [x, y, "lens"])
        note = "" if len(varied) == 2 else f" (pooled over {', '.join(varied[2:])})"
        parts.append(f"<h2>Two-parameter sweep: {esc(x)} x {esc(y)}{esc(note)}</h2>")
        for outcome in HEATMAP_OUTCOMES:
            parts.append(figure_html(share_heatmap_figure(pooled, x, y, outcome, lenses), f"batch-heat-{outcome}"))
    parts.append(_sensitivity_html(out_dir))
    parts.append(_errors_html(out_dir))
    return page_html(f"Brinkmanship batch: {manifest.get('name', out_dir.name)}", "\n".join(p for p in parts if p))


def write_batch_report(out_dir: str | Path) -> Path:
    """(Re)render `report.html` of a batch directory from its files; returns its path."""
    out_dir = Path(out_dir)
    manifest = storage.read_manifest(out_dir)
    if (out_dir / storage.SUMMARY).is_file():
        summary = pd.read_parquet(out_dir / storage.SUMMARY)
    else:
        outcomes = pd.read_parquet(out_dir / storage.OUTCOMES)
        summary = summarize(outcomes, manifest.get("varied") or [], manifest.get("lenses"))
    return write_text(out_dir / REPORT, render_batch_report(out_dir, manifest, summary))
