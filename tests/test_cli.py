"""The `brink` command line: happy paths and the error policy (exit 2, one message, no run dir)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from sim import cli
from sim.output import RUN_FILES

runner = CliRunner()

MINI = """\
name = "mini"
description = "two states, one dispute"
steps = 6
default_lens = "realism"

[[states]]
name = "A"
military = 1.0
will = 0.6

[[states]]
name = "B"
military = 1.0
will = 0.6

[[disputes]]
sides = ["A", "B"]
"""


def brink(*args: str):
    return runner.invoke(cli.app, [str(a) for a in args], prog_name="brink")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Run every test from an empty directory so default `runs/` lands in tmp_path."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def quick_report(monkeypatch):
    """A stand-in report writer, for tests about the CLI rather than the report (speed)."""

    def write_report(path, model_df, agents_df, events_df, manifest):
        Path(path).write_text("<html></html>")
        return Path(path)

    def write_compare_report(path, runs, title):
        Path(path).write_text("<html></html>")
        return Path(path)

    monkeypatch.setattr("sim.report.write_report", write_report)
    monkeypatch.setattr("sim.report.write_compare_report", write_compare_report)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_dirs(root: Path) -> list[Path]:
    runs = root / "runs"
    return sorted(p for p in runs.iterdir()) if runs.exists() else []


def assert_clean_failure(result, root: Path) -> None:
    """Exit 2, a message, no traceback, and nothing written."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr.strip()
    assert result.stdout == ""
    assert not (root / "runs").exists()
    assert not list(root.rglob(".tmp-*"))
    assert not list(root.rglob("manifest.json"))


# --- help and version -------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["run"], ["compare"], ["scenarios"], ["check"]])
def test_help(command):
    result = brink(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_version():
    import sim

    result = brink("--version")
    assert result.exit_code == 0
    assert sim.__version__ in result.stdout


def test_run_help_lists_lens_choices():
    from sim.lenses import LENS_CHOICES

    result = brink("run", "--help")
    for lens in LENS_CHOICES:
        assert lens in result.output


# --- run ----------------------------------------------------------------------------------------


def test_run_default_writes_run_dir(in_tmp):
    result = brink("run")
    assert result.exit_code == 0, result.output
    [run_dir] = run_dirs(in_tmp)
    assert run_dir.name.startswith("ukraine_2025-")
    for name in RUN_FILES:
        assert (run_dir / name).is_file(), name
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["scenario"] == "ukraine_2025"
    assert manifest["seed"] == 1
    assert manifest["outcome"].upper() in result.stdout
    assert "report.html" in result.stdout
    assert manifest["scenario_resolved"]["params"]
    model = pd.read_parquet(run_dir / "model.parquet")
    assert len(model) == manifest["steps"] + 1


def test_run_json(in_tmp):
    result = brink("run", "--json", "--steps", "4", "--lens", "realism", "--seed", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # the whole of stdout is one JSON object
    for key in ("out_dir", "outcome", "outcome_step", "seed", "lens", "scenario", "report"):
        assert key in data
    assert data["seed"] == 3 and data["lens"] == "realism" and data["scenario"] == "ukraine_2025"
    assert Path(data["report"]).is_file()
    manifest = json.loads((Path(data["out_dir"]) / "manifest.json").read_text())
    assert manifest["outcome"] == data["outcome"]


def test_run_scenario_file_and_set(in_tmp, quick_report):
    path = write(in_tmp, "mini.toml", MINI)
    out = in_tmp / "out"
    result = brink("run", path, "--set", "states.A.will=0.9", "--set", "steps=3", "--out", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["overrides"] == {"states.A.will": 0.9, "steps": 3}
    assert manifest["scenario_resolved"]["states"][0]["will"] == 0.9
    assert manifest["steps"] == 3
    assert manifest["lens"] == "realism"  # the scenario's default_lens


def test_same_seed_same_run_different_seed_different(in_tmp, quick_report):
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        result = brink("run", "--steps", "8", "--seed", seed, "--out", in_tmp / name)
        assert result.exit_code == 0, result.output
    a, b, c = (pd.read_parquet(in_tmp / n / "model.parquet") for n in "abc")
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_out_refuses_non_empty_dir(in_tmp):
    out = in_tmp / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("precious")
    result = brink("run", "--steps", "2", "--out", out)
    assert_clean_failure(result, in_tmp)
    assert "not empty" in result.stderr and str(out) in result.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert (out / "notes.txt").read_text() == "precious"


def test_out_accepts_empty_dir(in_tmp, quick_report):
    out = in_tmp / "empty"
    out.mkdir()
    result = brink("run", "--steps", "2", "--out", out)
    assert result.exit_code == 0, result.output
    assert (out / "manifest.json").is_file()


# --- the error policy ----------------------------------------------------------------------------

BAD_FILES = {
    "malformed.toml": ('name = "mini"\n[[states]\n', ["malformed.toml", "TOML"]),
    "unknown_key.toml": (
        MINI.replace('name = "A"\n', 'name = "A"\ncolour = "red"\n'),
        ["unknown_key.toml", "states.0.colour", "unknown key"],
    ),
    "nan.toml": (MINI.replace("military = 1.0", "military = nan", 1), ["nan.toml", "states.0.military"]),
    "range.toml": (MINI.replace("will = 0.6", "will = 1.5", 1), ["range.toml", "states.0.will"]),
    "lens.toml": (MINI.replace('"realism"', '"marxism"'), ["lens.toml", "default_lens"]),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_scenario_file(in_tmp, name):
    text, expected = BAD_FILES[name]
    path = write(in_tmp, name, text)
    result = brink("run", path)
    assert_clean_failure(result, in_tmp)
    for fragment in expected:
        assert fragment in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run", "no_such_scenario"], "no_such_scenario"),
        (["run", "missing.toml"], "missing.toml"),
        (["run", "--lens", "marxism"], "marxism"),
        (["run", "--steps", "0"], "--steps"),
        (["run", "--steps", "-3"], "--steps"),
        (["run", "--seed", "-1"], "--seed"),
        (["run", "--set", "states.Russia.will=2"], "states.0.will"),
        (["run", "--set", "nosuchparam=1"], "nosuchparam"),
        (["run", "--set", "states.Atlantis.will=0.5"], "Atlantis"),
        (["run", "--set", "concession_decay=nan"], "concession_decay"),
        (["run", "--set", "no-equals-sign"], "no-equals-sign"),
        (["compare", "no_such_scenario"], "no_such_scenario"),
        (["compare", "ukraine_2025", "--set", "nosuchparam=1"], "nosuchparam"),
        (["run", "--json", "--set", "nosuchparam=1"], "nosuchparam"),
    ],
)
def test_bad_input_exits_2_cleanly(in_tmp, args, expected):
    result = brink(*args)
    assert_clean_failure(result, in_tmp)
    assert expected in result.stderr


def test_compare_out_refuses_non_empty_dir(in_tmp):
    out = in_tmp / "cmp"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    result = brink("compare", "ukraine_2025", "--steps", "2", "--out", out)
    assert_clean_failure(result, in_tmp)
    assert (out / "keep.txt").read_text() == "x"
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


# --- scenarios and check -------------------------------------------------------------------------


def test_scenarios_lists_shipped():
    result = brink("scenarios")
    assert result.exit_code == 0, result.output
    assert "ukraine_2025" in result.stdout
    assert "security_dilemma" in result.stdout


def test_scenarios_tolerates_broken_file(in_tmp, monkeypatch):
    good = write(in_tmp, "mini.toml", MINI)
    broken = write(in_tmp, "broken.toml", "name = \n")
    monkeypatch.setenv("BRINK_SCENARIOS", str(good.parent))
    assert broken.parent == good.parent
    result = brink("scenarios")
    assert result.exit_code == 0, result.output
    assert "mini" in result.stdout and "broken" in result.stdout
    assert "TOML" in result.stdout
    assert "Traceback" not in result.output


def test_check_good_and_bad(in_tmp):
    good = write(in_tmp, "good.toml", MINI)
    bad = write(in_tmp, "bad.toml", MINI.replace("will = 0.6", "will = 1.5", 1))
    result = brink("check", good)
    assert result.exit_code == 0, result.output
    assert f"ok: {good}" in result.stdout

    result = brink("check", good, bad)
    assert result.exit_code == 2
    assert f"ok: {good}" in result.stdout
    assert "bad.toml" in result.stderr and "states.0.will" in result.stderr
    assert "Traceback" not in result.output
    assert not (in_tmp / "runs").exists()


# --- compare ---------------------------------------------------------------------------------


def test_compare_writes_both_runs_and_report(in_tmp):
    result = brink("compare", "ukraine_2025", "--steps", "6")
    assert result.exit_code == 0, result.output
    [compare_dir] = run_dirs(in_tmp)
    assert compare_dir.name.startswith("compare-ukraine_2025-s1-")
    assert (compare_dir / "compare.html").is_file()
    for lens in ("realism", "liberalism"):
        for name in RUN_FILES:
            assert (compare_dir / lens / name).is_file(), (lens, name)
        manifest = json.loads((compare_dir / lens / "manifest.json").read_text())
        assert manifest["lens"] == lens and manifest["seed"] == 1
        assert lens in result.stdout
    assert "compare.html" in result.stdout
    assert "diverge" in result.stdout or "identical" in result.stdout


def test_compare_json(in_tmp, quick_report):
    out = in_tmp / "cmp"
    result = brink("compare", "ukraine_2025", "--steps", "3", "--seed", "2", "--out", out, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert Path(data["report"]) == (out / "compare.html").resolve()
    assert set(data["runs"]) == {"realism", "liberalism"}
    assert data["seed"] == 2
    assert "divergence" in data
