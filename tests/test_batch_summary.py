"""Summaries: Wilson intervals from known counts, pooled tables, `brink summarize`, the batch report."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from offline import assert_offline
from typer.testing import CliRunner

from sim import cli
from sim.ensemble import outcome_shares, wilson_interval
from sim.experiments import ExperimentSpec, run_batch, write_batch_report
from sim.experiments.summary import OUTCOMES, pool, summarize

runner = CliRunner()


def known_outcomes() -> pd.DataFrame:
    """Point 0 realism: 7 frozen, 3 settlement; point 0 liberalism: 2 frozen, 8 settlement;
    point 1 realism: 10 escalation and 2 failed runs; point 1 liberalism: 5 frozen, 5 victory."""
    rows = []

    def add(point, x, lens, outcome, k, error=None):
        rows.extend({"point": point, "x": x, "lens": lens, "outcome": outcome, "error": error} for _ in range(k))

    add(0, 0.1, "realism", "frozen", 7)
    add(0, 0.1, "realism", "settlement", 3)
    add(0, 0.1, "liberalism", "frozen", 2)
    add(0, 0.1, "liberalism", "settlement", 8)
    add(1, 0.5, "realism", "escalation", 10)
    add(1, 0.5, "realism", None, 2, error="RuntimeError: boom")
    add(1, 0.5, "liberalism", "frozen", 5)
    add(1, 0.5, "liberalism", "victory", 5)
    return pd.DataFrame(rows)


def cell(frame, **where) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for k, v in where.items():
        mask &= frame[k] == v
    assert mask.sum() == 1
    return frame[mask].iloc[0]


def test_summary_counts_and_wilson_intervals():
    s = summarize(known_outcomes(), ["x"], ["realism", "liberalism"])
    assert list(s.columns) == ["point", "lens", "x", "outcome", "count", "n", "share", "ci_low", "ci_high"]
    assert len(s) == 2 * 2 * len(OUTCOMES)  # every outcome, zeros included
    r = cell(s, point=0, lens="realism", outcome="frozen")
    assert (r["count"], r["n"], r["share"]) == (7, 10, 0.7)
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((0.3968, 0.8922), abs=1e-4)  # Wilson, z = 1.96
    assert (r["ci_low"], r["ci_high"]) == wilson_interval(7, 10)
    r = cell(s, point=1, lens="realism", outcome="escalation")  # failed runs are not in n
    assert (r["count"], r["n"], r["share"], r["ci_high"]) == (10, 10, 1.0, 1.0)
    assert r["ci_low"] == pytest.approx(0.7225, abs=1e-4)
    r = cell(s, point=1, lens="realism", outcome="frozen")
    assert (r["count"], r["share"], r["ci_low"]) == (0, 0.0, 0.0)
    assert s["lens"].tolist()[:5] == ["realism"] * 5


def test_pooled_over_points():
    s = summarize(known_outcomes(), ["x"])
    p = pool(s, ["lens"])
    r = cell(p, lens="liberalism", outcome="frozen")
    assert (r["count"], r["n"]) == (7, 20)
    assert (r["ci_low"], r["ci_high"]) == wilson_interval(7, 20)
    r = cell(p, lens="realism", outcome="frozen")
    assert (r["count"], r["n"]) == (7, 20)


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep") / "b"
    spec = ExperimentSpec(name="sweep", scenario="ukraine_2022", grid={"concession_decay": [0.02, 0.3]},
                          ranges={"ceasefire_hazard": "0.02:0.1:2"}, replicates=2, steps=24)  # fmt: skip
    run_batch(spec, out, backend="serial", progress=False)
    return out


def test_summarize_prints_the_share_table(sweep):
    result = runner.invoke(cli.app, ["summarize", str(sweep)])
    assert result.exit_code == 0, result.output
    for word in ("Outcome shares", "realism", "liberalism", "frozen", "settlement", "By point", "concession_decay"):
        assert word in result.output


def test_summarize_json(sweep):
    result = runner.invoke(cli.app, ["summarize", str(sweep), "--json"])
    data = json.loads(result.output)
    assert data["n_runs"] == 16 and data["varied"] == ["concession_decay", "ceasefire_hazard"]
    assert {r["lens"] for r in data["overall"]} == {"realism", "liberalism"}
    assert sum(r["count"] for r in data["points"]) == 16


def test_summarize_bad_dir_exits_2(tmp_path):
    result = runner.invoke(cli.app, ["summarize", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "not a finished batch directory" in result.output


def test_report_is_offline_with_sweep_figures(sweep):
    html = (sweep / "report.html").read_text()
    assert_offline(html)
    for div in ("batch-overall", "batch-p0", "batch-p1", "batch-heat-frozen"):
        assert f'id="{div}"' in html
    assert "lens: realism" in html and "lens: liberalism" in html


def test_report_adds_sensitivity_when_present(sweep, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(sweep, copy)
    df = pd.DataFrame({"lens": ["realism"] * 2, "outcome": ["frozen"] * 2, "parameter": ["a", "a"],
                       "index": ["ST", "S1"], "value": [0.4, 0.2], "conf": [0.1, 0.1]})  # fmt: skip
    df.to_parquet(copy / "sensitivity.parquet")
    write_batch_report(copy)
    assert 'id="batch-sensitivity"' in (copy / "report.html").read_text()


def test_outcome_shares_by_group_match_each_group_alone():
    runs = pd.DataFrame(
        {
            "lens": ["realism"] * 3 + ["liberalism"] * 2,
            "outcome": ["frozen", "frozen", "victory", "settlement", "frozen"],
        }
    )
    grouped = outcome_shares(runs, by=["lens"])
    assert list(grouped.columns[:2]) == ["lens", "outcome"] and list(grouped["lens"].unique()) == [
        "realism",
        "liberalism",
    ]
    for lens, rows in runs.groupby("lens"):
        alone = outcome_shares(rows).set_index("outcome")
        block = grouped[grouped["lens"] == lens].set_index("outcome")
        assert (block["n"] == len(rows)).all()
        pd.testing.assert_frame_equal(block[alone.columns], alone, check_dtype=False)
    assert outcome_shares(runs.iloc[:0], by=["lens"]).empty
