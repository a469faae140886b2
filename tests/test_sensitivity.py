"""Sensitivity analysis: known rankings recovered on a synthetic model, the chart, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from sim import cli
from sim.experiments.sampling import sample_points
from sim.experiments.sensitivity import (
    SENSITIVITY_FILE,
    analyze,
    noise_floor,
    outcome_probabilities,
    ranking,
    sensitivity_figure,
    write_sensitivity,
)

BOUNDS = {"x1": (0.0, 1.0), "x2": (0.0, 1.0), "x3": (0.0, 1.0)}
runner = CliRunner()


def brink(*args: object):
    return runner.invoke(cli.app, [str(a) for a in args], prog_name="brink")


def synthetic(method: str, n: int, replicates: int, seed: int = 0, lenses=("realism", "liberalism")):
    """outcomes.parquet-shaped runs of a model where P(frozen) = 0.05 + 0.6 x1 + 0.3 x2 (x3 inert)."""
    spec = {"name": "synthetic", "sample": method, "bounds": BOUNDS, "n": n, "seed": seed, "grid": {}, "ranges": {}}
    points = pd.DataFrame(sample_points(method, BOUNDS, n, seed))
    rng = np.random.default_rng(seed)
    frames = []
    for lens in lenses:
        p_frozen = 0.05 + 0.6 * points["x1"] + 0.3 * points["x2"]
        u = rng.random((len(points), replicates))
        p = p_frozen.to_numpy()[:, None]
        outcome = np.where(u < p, "frozen", np.where(u < p + (1 - p) / 2, "settlement", "escalation"))
        frame = points.loc[np.repeat(points.index, replicates)].reset_index(names="point")
        frame["replicate"] = np.tile(np.arange(replicates), len(points))
        frame["lens"] = lens
        frame["outcome"] = outcome.ravel()
        frame["error"] = None
        frames.append(frame)
    return pd.concat(frames, ignore_index=True), spec


@pytest.mark.parametrize(("method", "n", "main"), [("sobol", 128, "ST"), ("morris", 30, "mu_star")])
def test_recovers_a_known_ranking(method, n, main):
    outcomes, spec = synthetic(method, n, replicates=100)
    df = analyze(outcomes, spec)
    assert set(df["index"]) == ({"S1", "ST"} if method == "sobol" else {"mu_star", "sigma"})
    ranks = ranking(df)
    frozen = ranks[ranks["outcome"] == "frozen"]
    for lens in ("realism", "liberalism"):
        rows = frozen[frozen["lens"] == lens].set_index("parameter")
        assert list(rows.sort_values("rank").index) == ["x1", "x2", "x3"]
        assert rows.loc["x3", main] < 0.25 * rows.loc["x1", main]
        assert rows.loc["x3", main] <= 2.5 * rows.loc["x3", "noise_floor"]  # x3 only shows replicate noise
    if method == "sobol":
        st = frozen[frozen["lens"] == "realism"].set_index("parameter")["ST"]
        assert st["x1"] == pytest.approx(0.8, abs=0.25)  # 0.36 / (0.36 + 0.09) of the variance
        assert st["x3"] < 0.1


def test_analysis_is_reproducible():
    outcomes, spec = synthetic("sobol", 16, replicates=20)
    pd.testing.assert_frame_equal(analyze(outcomes, spec), analyze(outcomes, spec))


def test_probabilities_leave_out_failed_runs_and_need_every_point():
    outcomes, spec = synthetic("morris", 4, replicates=4, lenses=("realism",))
    outcomes.loc[outcomes["point"] == 0, "outcome"] = "frozen"
    outcomes.loc[(outcomes["point"] == 0) & (outcomes["replicate"] == 0), ["outcome", "error"]] = [None, "boom"]
    probs = outcome_probabilities(outcomes, 16)
    assert probs.loc[("realism", 0), "frozen"] == 1.0
    assert probs.loc[("realism", 0), "runs"] == 3
    assert np.allclose(probs[["frozen", "settlement", "escalation", "victory"]].sum(axis=1), 1.0)
    outcomes.loc[outcomes["point"] == 3, "error"] = "boom"
    with pytest.raises(ValueError, match=r"no successful run at point 3 \(realism\)"):
        analyze(outcomes, spec)


def test_bad_designs_are_refused():
    outcomes, spec = synthetic("sobol", 8, replicates=2)
    with pytest.raises(ValueError, match="not sampled for sensitivity"):
        analyze(outcomes, {**spec, "sample": "lhs"})
    with pytest.raises(ValueError, match="analyze it with --method sobol"):
        analyze(outcomes, spec, "morris")
    with pytest.raises(ValueError, match="only 63 have runs"):
        analyze(outcomes[outcomes["point"] != 5], spec)


def test_constant_outcomes_are_left_out():
    outcomes, spec = synthetic("morris", 4, replicates=5)
    df = analyze(outcomes, spec)
    assert "victory" not in set(df["outcome"])  # never happens: nothing to attribute


def test_noise_floor():
    p = np.array([0.2, 0.8, 0.2, 0.8])
    assert noise_floor("sobol", p, np.full(4, 1001)) == pytest.approx(0.16 / 1000 / 0.09)
    assert noise_floor("morris", p, np.full(4, 2)) > noise_floor("morris", p, np.full(4, 50))


@pytest.mark.parametrize("method", ["sobol", "morris"])
def test_figure_has_a_panel_per_outcome_and_error_bars(method, tmp_path):
    outcomes, spec = synthetic(method, 8, replicates=10)
    df = analyze(outcomes, spec)
    fig = sensitivity_figure(df)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["P(frozen)", "P(settlement)", "P(escalation)"]
    bars = [t for t in fig.data if t.type == "bar" and t.orientation == "h"]
    assert len(bars) == 3 * 2 and all(t.error_x.array is not None for t in bars)
    write_sensitivity(df, tmp_path)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / SENSITIVITY_FILE), df)
    assert [p.name for p in tmp_path.iterdir()] == [SENSITIVITY_FILE]


# --- the command line --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--bounds", "fog=0:2"], "fog"),
        (["--bounds", "nonsense=0:1"], "nonsense"),
        (["--bounds", "fog=0.3:0.1"], "fog"),
        (["--bounds", "fog"], "key=lo:hi"),
        (["--bounds", "states.Russia.will=0.5:1.5"], "states.Russia.will"),
        (["--bounds", "fog=0:0.3", "--n", "6"], "power of 2"),
        (["--bounds", "fog=0:0.3", "--method", "morris", "--n", "1"], "at least 2"),
        (["--bounds", "fog=0:0.3", "--bounds", "fog=0:0.2"], "twice"),
    ],
)
def test_bad_input_exits_2_naming_the_field(args, needle, tmp_path):
    out = tmp_path / "out"
    result = brink("sensitivity", "ukraine_2025", *args, "--out", out)
    assert result.exit_code == 2, result.output
    assert needle in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_directory_that_is_not_a_sensitivity_batch(tmp_path):
    result = brink("sensitivity", tmp_path)
    assert result.exit_code == 2
    assert "not a batch directory" in result.output
    (tmp_path / "experiment.json").write_text("{}")
    result = brink("sensitivity", tmp_path, "--n", "8")
    assert result.exit_code == 2 and "--n" in result.output


def test_an_lhs_batch_cannot_be_analyzed(tmp_path):
    run_batch = pytest.importorskip("sim.experiments.batch").run_batch
    from sim.experiments.spec import make_spec

    spec = make_spec(
        {"name": "lhs", "scenario": "ukraine_2025", "sample": "lhs", "n": 2, "bounds": {"fog": [0.0, 0.3]}}
        | {"lenses": ["realism"], "replicates": 1, "steps": 3}
    )
    run_batch(spec, tmp_path / "b", backend="serial", progress=False)
    result = brink("sensitivity", tmp_path / "b")
    assert result.exit_code == 2
    assert "--sample sobol or --sample morris" in result.output
    assert not (tmp_path / "b" / SENSITIVITY_FILE).exists()


@pytest.mark.parametrize("method", ["sobol", "morris"])
def test_end_to_end_run_writes_results_and_report(method, tmp_path):
    pytest.importorskip("sim.experiments.batch")
    out = tmp_path / method
    result = brink(
        "sensitivity", "ukraine_2025", "--method", method, "--n", "2", "--bounds", "ceasefire_hazard=0.02:0.3",
        "--bounds", "concession_decay=0.01:0.3", "--lens", "realism", "--replicates", "3", "--steps", "24",
        "--backend", "serial", "--out", out, "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert Path(payload["report"]).exists() and (out / SENSITIVITY_FILE).exists()
    df = pd.read_parquet(out / SENSITIVITY_FILE)
    assert set(df["parameter"]) <= {"ceasefire_hazard", "concession_decay"}
    assert not df.empty
    assert "What drives each outcome" in (out / "report.html").read_text()
    again = brink("sensitivity", out)  # re-analyze the existing batch: same indices, a table
    assert again.exit_code == 0, again.output
    assert "P(" in again.stdout and "report:" in again.stdout  # a table per outcome that varies
    pd.testing.assert_frame_equal(pd.read_parquet(out / SENSITIVITY_FILE), df)
