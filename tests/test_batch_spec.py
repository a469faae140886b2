"""Experiment specs: points, seeds, experiment files, and bad specs rejected (exit 2, nothing written)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from sim import cli
from sim.experiments import ExperimentSpec, SpecError, derive_seed, load_experiment
from sim.experiments.resolve import resolve
from sim.experiments.spec import make_spec, run_table

runner = CliRunner()
EXPERIMENTS = sorted((Path(__file__).resolve().parent.parent / "experiments").glob("*.toml"))


def brink(*args):
    return runner.invoke(cli.app, [str(a) for a in args], prog_name="brink")


def test_points_cross_grid_and_ranges_in_key_order():
    spec = ExperimentSpec(scenario="security_dilemma", grid={"concession_decay": [0.0, 0.1]},
                          ranges={"disputes.0.trust": "0.2:0.6:3"})  # fmt: skip
    points = spec.points()
    assert len(points) == 6
    assert points[0] == {"concession_decay": 0.0, "disputes.0.trust": 0.2}
    assert points[-1] == {"concession_decay": 0.1, "disputes.0.trust": 0.6}
    assert spec.varied == ["concession_decay", "disputes.0.trust"]
    assert ExperimentSpec().points() == [{}]


def test_sampled_points_follow_the_design():
    spec = make_spec({"scenario": "security_dilemma", "sample": "sobol", "n": 4,
                      "bounds": {"concession_decay": [0.0, 0.2], "disputes.0.trust": [0.1, 0.9]}})  # fmt: skip
    points = resolve(spec).points
    assert len(points) == 4 * (2 * 2 + 2)
    assert all(0.0 <= p["concession_decay"] <= 0.2 and 0.1 <= p["disputes.0.trust"] <= 0.9 for p in points)


def test_seeds_come_from_seedsequence_and_ignore_the_lens():
    spec = ExperimentSpec(scenario="security_dilemma", grid={"concession_decay": [0.0, 0.1]}, replicates=3, seed=5)
    runs = list(run_table(spec))
    assert [r.run_id for r in runs] == list(range(spec.n_runs)) == list(range(2 * 2 * 3))
    expected = int(np.random.SeedSequence(5, spawn_key=(1, 2)).generate_state(1)[0])
    assert derive_seed(5, 1, 2) == expected
    by_lens = {(r.point, r.replicate, r.lens): r.seed for r in runs}
    assert by_lens[(1, 2, "realism")] == by_lens[(1, 2, "liberalism")] == expected
    assert len({r.seed for r in runs}) == 6  # distinct across points and replicates


@pytest.mark.parametrize("path", EXPERIMENTS, ids=lambda p: p.stem)
def test_shipped_experiment_files_resolve(path):
    spec = load_experiment(path)
    assert spec.name == path.stem
    assert resolve(spec, str(path)).n_runs > 0


def test_flags_override_the_experiment_file(tmp_path):
    from sim.cli.batch import build_fields

    exp = tmp_path / "exp.toml"
    exp.write_text('scenario = "security_dilemma"\nreplicates = 3\n[grid]\nconcession_decay = [0.0, 0.1]\n')
    fields, source = build_fields(str(exp), {"replicates": 2, "grid": {"disputes.0.trust": [0.3]}, "lenses": None})
    spec = make_spec(fields, source)
    assert (spec.name, spec.replicates, source) == ("exp", 2, str(exp))
    assert spec.grid == {"concession_decay": [0.0, 0.1], "disputes.0.trust": [0.3]}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["nope"], "unknown scenario 'nope'"),
        (["security_dilemma", "--grid", "nope=1,2"], "nope: unknown key"),
        (["security_dilemma", "--grid", "disputes.0.trust=0.5,1.5"], "less than or equal to 1"),
        (["security_dilemma", "--range", "concession_decay=0:1"], "expected lo:hi:n"),
        (["security_dilemma", "--range", "concession_decay=0.1:0.5:x"], "n must be a whole number"),
        (["security_dilemma", "--grid", "x"], "--grid 'x': expected key=v1,v2"),
        (["security_dilemma", "--sample", "lhs", "--n", "4"], "needs --bounds"),
        (["security_dilemma", "--sample", "lhs", "--n", "4", "--bounds", "concession_decay=0:9"], "declared range"),
        (["security_dilemma", "--bounds", "concession_decay=0.2:0.1"], "must be less than hi"),
        (["security_dilemma", "--set", "concession_decay=0.1", "--grid", "concession_decay=0.2"], "one place"),
        (["security_dilemma", "--lens", "stoicism"], "stoicism"),
        (["security_dilemma", "--grid", "steps=12,24"], "set the horizon with --steps"),
        (["security_dilemma", "--set", "nope=1"], "set: "),
    ],
)
def test_bad_specs_exit_2_and_write_nothing(tmp_path, args, needle):
    out = tmp_path / "out"
    result = brink("batch", *args, "--steps", "6", "--replicates", "1", "--out", out)
    assert result.exit_code == 2, result.output
    assert needle in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_bad_experiment_file_names_file_and_field(tmp_path):
    exp = tmp_path / "bad.toml"
    exp.write_text('scenario = "security_dilemma"\nreplicats = 3\n')
    out = tmp_path / "out"
    result = brink("batch", exp, "--out", out)
    assert result.exit_code == 2
    assert f"{exp}: replicats: unknown key" in result.output
    assert not out.exists()
    with pytest.raises(SpecError, match="not valid TOML"):
        exp.write_text("scenario = \n")
        load_experiment(exp)


def test_non_empty_out_without_resume_is_refused(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = brink("batch", "security_dilemma", "--steps", "6", "--replicates", "1", "--out", tmp_path)
    assert result.exit_code == 2
    assert "not empty" in result.output and "--resume" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
