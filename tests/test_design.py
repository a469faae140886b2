"""`brink batch --design FILE`: external points run like a grid, with the same seeds and resume."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

import sim.cli as cli

runner = CliRunner()
COMMON = ["--replicates", "2", "--steps", "24", "--backend", "serial", "--json"]


def brink(*args):
    return runner.invoke(cli.app, [str(a) for a in args], prog_name="brink")


def outcomes(path):
    return pd.read_parquet(path / "outcomes.parquet")


def test_a_design_file_runs_like_the_same_grid(tmp_path):
    points = pd.DataFrame({"concession_decay": [0.05, 0.2]})
    points.to_csv(tmp_path / "points.csv", index=False)
    points.to_parquet(tmp_path / "points.parquet", index=False)
    grid = brink("batch", "ukraine_2025", "--grid", "concession_decay=0.05,0.2", *COMMON, "--out", tmp_path / "g")
    csv = brink("batch", "ukraine_2025", "--design", tmp_path / "points.csv", *COMMON, "--out", tmp_path / "c")
    pq = brink("batch", "ukraine_2025", "--design", tmp_path / "points.parquet", *COMMON, "--out", tmp_path / "p")
    for result in (grid, csv, pq):
        assert result.exit_code == 0, result.output
    expected = outcomes(tmp_path / "g")
    assert len(expected) == 2 * 2 * 2  # points x lenses x replicates
    pd.testing.assert_frame_equal(outcomes(tmp_path / "c"), expected)  # same seeds, same runs
    pd.testing.assert_frame_equal(outcomes(tmp_path / "p"), expected)


def test_dotted_columns_and_resume(tmp_path):
    design = tmp_path / "points.csv"
    design.write_text("states.Russia.will,fog\n0.3,0.1\n0.9,0.2\n0.6,0.15\n")
    first = brink("batch", "ukraine_2025", "--design", design, *COMMON, "--out", tmp_path / "b")
    assert first.exit_code == 0, first.output
    runs = outcomes(tmp_path / "b")
    assert list(runs.columns[5:7]) == ["states.Russia.will", "fog"]
    assert runs.groupby("point")["states.Russia.will"].first().tolist() == [0.3, 0.9, 0.6]
    again = brink("batch", "ukraine_2025", "--design", design, *COMMON, "--out", tmp_path / "b", "--resume")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["n_skipped"] == 12
    design.write_text("states.Russia.will,fog\n0.3,0.1\n")  # a different design is not a resume
    changed = brink("batch", "ukraine_2025", "--design", design, *COMMON, "--out", tmp_path / "b", "--resume")
    assert changed.exit_code == 2 and "design" in changed.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("concession_decay\n0.1\n\n", None),  # a blank line is not a point: this one is fine
        ("concession_decay,fog\n0.1,\n", "row 1, column fog: missing"),
        ("concession_decay\n7\n", "concession_decay"),  # out of the schema's range
        ("no_such_param\n0.1\n", "no_such_param"),
        ("seed\n3\n", "seed: cannot be varied"),
        ("", "cannot read"),
    ],
)
def test_bad_design_is_one_message(tmp_path, content, message):
    design = tmp_path / "points.csv"
    design.write_text(content)
    result = brink("batch", "ukraine_2025", "--design", design, *COMMON, "--out", tmp_path / "b")
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "b").exists()


def test_design_and_sample_do_not_mix(tmp_path):
    (tmp_path / "p.csv").write_text("fog\n0.1\n")
    result = brink("batch", "ukraine_2025", "--design", tmp_path / "p.csv", "--sample", "lhs", "--n", "4",
                   "--bounds", "concession_decay=0.01:0.2", *COMMON)  # fmt: skip
    assert result.exit_code == 2 and "not both" in result.stderr
