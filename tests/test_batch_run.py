"""Batch execution: same runs as run_one, identical outputs across workers/backends/resume, failures kept."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import mesa
import pandas as pd
import pytest
from typer.testing import CliRunner

from sim import ConflictModel, cli
from sim.ensemble import run_one
from sim.experiments import ExperimentSpec, load_batch, run_batch
from sim.experiments.runfn import run_outcome
from sim.scenario import resolve_path

runner = CliRunner()
SPEC = ExperimentSpec(name="t", scenario="security_dilemma", grid={"concession_decay": [0.02, 0.3]},
                      ranges={"disputes.0.trust": "0.1:0.7:2"}, replicates=3, steps=24, seed=3)  # fmt: skip
BRINK = Path(sys.executable).with_name("brink")


def digest(out: Path) -> bytes:
    return (out / "outcomes.parquet").read_bytes()


@pytest.fixture(scope="module")
def serial_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "b"
    result = run_batch(SPEC, out, backend="serial", progress=False)
    assert (result.n_runs, result.n_done, result.n_failed) == (24, 24, 0)
    return out


@pytest.mark.parametrize(("scenario", "lens"), [("security_dilemma", "realism"), ("ukraine_2025", "mixed"),
                                                ("ukraine_2022", "liberalism")])  # fmt: skip
def test_lean_run_gives_run_ones_row(scenario, lens):
    for seed in range(3):
        full = run_one(scenario, lens, seed, 60)
        lean = run_outcome(resolve_path(scenario), lens, seed, 60, {})
        assert {k: full[k] for k in lean} == lean


def test_outcomes_layout(serial_run):
    spec, df = load_batch(serial_run)
    assert spec == SPEC
    assert list(df.columns[:7]) == ["run_id", "point", "replicate", "lens", "seed", "concession_decay",
                                    "disputes.0.trust"]  # fmt: skip
    assert {"outcome", "outcome_step", "steps", "mean_tension", "final_territory", "error"} <= set(df.columns)
    assert df["run_id"].tolist() == list(range(24))
    assert df["error"].isna().all()
    row = df.iloc[7]  # point 0, liberalism, replicate 1
    overrides = {"concession_decay": row["concession_decay"], "disputes.0.trust": row["disputes.0.trust"]}
    expected = run_one("security_dilemma", row["lens"], int(row["seed"]), 24, **overrides)
    assert row["outcome"] == expected["outcome"] and row["mean_tension"] == expected["mean_tension"]
    assert not (serial_run / "parts").exists()
    for name in ("experiment.json", "summary.parquet", "report.html"):
        assert (serial_run / name).is_file()


def test_identical_across_workers_and_backends(serial_run, tmp_path):
    two = run_batch(SPEC, tmp_path / "p2", backend="processes", workers=2, progress=False, chunk_size=2)
    assert two.workers == 2
    assert digest(tmp_path / "p2") == digest(serial_run)
    assert (tmp_path / "p2" / "summary.parquet").read_bytes() == (serial_run / "summary.parquet").read_bytes()


def test_identical_on_a_dask_cluster(serial_run, tmp_path):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        with Client(cluster):
            result = run_batch(SPEC, tmp_path / "d", scheduler=cluster.scheduler_address, progress=False,
                               chunk_size=3)  # fmt: skip
    assert result.backend == "dask" and result.n_done == 24
    assert digest(tmp_path / "d") == digest(serial_run)


def test_a_failing_run_is_recorded_and_the_batch_goes_on(monkeypatch, tmp_path):
    import sim.experiments.runfn as runfn

    def flaky(scenario, lens, seed, steps, overrides):
        if overrides.get("concession_decay") == 0.3 and lens == "liberalism":
            raise RuntimeError("boom")
        return run_outcome(scenario, lens, seed, steps, overrides)

    monkeypatch.setattr(runfn, "run_outcome", flaky)
    result = runner.invoke(cli.app, ["batch", "security_dilemma", "--grid", "concession_decay=0.02,0.3",
                                     "--replicates", "2", "--steps", "12", "--backend", "serial",
                                     "--out", str(tmp_path / "f")])  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "2 of 8 runs failed" in result.output
    _, df = load_batch(tmp_path / "f")
    failed = df[df["error"].notna()]
    assert failed["error"].unique().tolist() == ["RuntimeError: boom"]
    assert set(failed["run_id"]) == {6, 7} and failed["outcome"].isna().all()
    assert df.loc[df["error"].isna(), "outcome"].notna().sum() == 6
    summary = pd.read_parquet(tmp_path / "f" / "summary.parquet")
    assert summary.loc[(summary["point"] == 1) & (summary["lens"] == "liberalism"), "n"].eq(0).all()


def _wait_for_parts(proc: subprocess.Popen, out: Path, k: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(list((out / "parts").glob("part-*.parquet"))) < k:
        assert proc.poll() is None, "the batch finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)


KILL_ARGS = ["security_dilemma", "--grid", "concession_decay=0.02,0.1,0.3,0.5", "--replicates", "40",
             "--steps", "24", "--seed", "9", "--backend", "serial"]  # fmt: skip


def test_resume_after_kill_gives_identical_outcomes(tmp_path):
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    proc = subprocess.Popen([BRINK, "batch", *KILL_ARGS, "--out", killed], stderr=subprocess.PIPE)
    _wait_for_parts(proc, killed, 2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (killed / "outcomes.parquet").exists()
    stored = len(list((killed / "parts").glob("part-*.parquet")))
    resumed = runner.invoke(cli.app, ["batch", *KILL_ARGS, "--out", str(killed), "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert "already stored" in resumed.output and stored >= 2
    assert runner.invoke(cli.app, ["batch", *KILL_ARGS, "--out", str(clean)]).exit_code == 0
    assert digest(killed) == digest(clean)
    again = runner.invoke(cli.app, ["batch", *KILL_ARGS, "--out", str(clean), "--resume"])  # nothing left: same file
    assert again.exit_code == 0 and digest(clean) == digest(killed)


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path):
    out = tmp_path / "int"
    env = {**os.environ, "COLUMNS": "200"}
    args = [*KILL_ARGS[:-2], "--backend", "processes", "--workers", "2", "--out", out]
    proc = subprocess.Popen([BRINK, "batch", *args], stderr=subprocess.PIPE, text=True, env=env)
    _wait_for_parts(proc, out, 1)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "resume with: brink batch security_dilemma" in err and "--resume" in err and "Traceback" not in err
    assert list((out / "parts").glob("part-*.parquet")) and not (out / "outcomes.parquet").exists()


def test_resume_refuses_a_different_experiment(serial_run):
    result = runner.invoke(cli.app, ["batch", "security_dilemma", "--replicates", "5", "--steps", "24",
                                     "--out", str(serial_run), "--resume"])  # fmt: skip
    assert result.exit_code == 2
    assert "stored experiment differs" in result.output


def test_mesa_batch_run_still_works():
    results = mesa.batch_run(ConflictModel, parameters={"scenario": "security_dilemma",
                             "lens": ["realism", "liberalism"], "steps": 12}, rng=[1, 2], max_steps=12,
                             display_progress=False)  # fmt: skip
    assert len({r["RunId"] for r in results}) == 4  # with agent reporters: rows per agent, four runs
    first = next(r for r in results if r["lens"] == "realism" and r["rng"] == 1)
    model = ConflictModel("security_dilemma", lens="realism", rng=1, steps=12).run()
    assert first["outcome"] == str(model.outcome or "ongoing") and first["Step"] == model.steps


def test_json_output_and_save_steps(tmp_path):
    out = tmp_path / "j"
    result = runner.invoke(cli.app, ["batch", "security_dilemma", "--grid", "concession_decay=0.02,0.3",
                                     "--replicates", "2", "--steps", "6", "--backend", "serial", "--save-steps",
                                     "--json", "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["n_runs"], data["n_done"], data["n_failed"]) == (8, 8, 0)
    steps = pd.read_parquet(out / "steps")
    assert sorted(steps["run_id"].unique()) == list(range(8))
    assert {"step", "phase", "tension"} <= set(steps.columns)
    _, df = load_batch(out)
    assert (steps.groupby("run_id")["step"].max() == df.set_index("run_id")["steps"]).all()
