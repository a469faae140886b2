"""Run directories: atomic writes, the --out guard, and load_run round trips.

The report writer is replaced by a tiny stand-in here (these are tests of `sim.output`, not of
the report); tests/test_cli.py exercises the real one end to end.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from sim.columns import OUTCOME_DTYPE, tidy
from sim.model import ConflictModel
from sim.output import (
    RUN_FILES,
    OutputError,
    load_run,
    write_compare,
    write_run,
)


def _report_module(fail: bool = False) -> types.ModuleType:
    module = types.ModuleType("sim.report")

    def write_report(path, model_df, agents_df, events_df, manifest):
        if fail:
            raise RuntimeError("report exploded")
        Path(path).write_text(f"<html>{manifest['outcome']}</html>")
        return Path(path)

    def write_compare_report(path, runs, title):
        if fail:
            raise RuntimeError("compare report exploded")
        Path(path).write_text(f"<html>{title}: {[r['label'] for r in runs]}</html>")
        return Path(path)

    module.write_report = write_report
    module.write_compare_report = write_compare_report
    return module


@pytest.fixture
def fake_report(monkeypatch):
    monkeypatch.setitem(sys.modules, "sim.report", _report_module())


@pytest.fixture
def failing_report(monkeypatch):
    monkeypatch.setitem(sys.modules, "sim.report", _report_module(fail=True))


@pytest.fixture(scope="module")
def model():
    return ConflictModel("ukraine_2025", lens="realism", rng=7, steps=8).run()


def leftovers(root: Path) -> list[Path]:
    return list(root.rglob("*")) if root.exists() else []


def test_write_run_default_name_and_contents(tmp_path, model, fake_report):
    run_dir = write_run(model, runs_root=tmp_path / "runs")
    assert run_dir.parent == tmp_path / "runs"
    assert run_dir.name.startswith("ukraine_2025-realism-s7-")
    assert sorted(p.name for p in run_dir.iterdir()) == sorted(RUN_FILES)
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["scenario"] == "ukraine_2025"
    assert manifest["scenario_hash"] == model.spec.content_hash()
    assert manifest["seed"] == 7 and manifest["lens"] == "realism"
    assert manifest["outcome"] == str(model.final_outcome)
    assert manifest["outcome_step"] == model.outcome_step
    assert manifest["steps"] == model.steps
    assert manifest["names"] == ["Russia", "Ukraine"]
    assert manifest["scenario_resolved"] == model.spec.model_dump(mode="json")
    for key in ("package_version", "python", "mesa", "created", "overrides"):
        assert key in manifest
    assert not list((tmp_path / "runs").glob(".tmp-*"))


def test_default_names_do_not_collide(tmp_path, model, fake_report):
    first = write_run(model, runs_root=tmp_path)
    second = write_run(model, runs_root=tmp_path)
    assert first != second and first.is_dir() and second.is_dir()


@pytest.mark.parametrize("given_out", [False, True])
def test_failure_leaves_nothing(tmp_path, model, failing_report, given_out):
    root = tmp_path / "runs"
    out = tmp_path / "runs" / "mine" if given_out else None
    with pytest.raises(RuntimeError, match="report exploded"):
        write_run(model, out, runs_root=root)
    assert leftovers(root) == []  # no run dir, no .tmp-* dir


def test_compare_failure_leaves_nothing(tmp_path, model, failing_report):
    with pytest.raises(RuntimeError):
        write_compare({"realism": model, "liberalism": model}, runs_root=tmp_path)
    assert leftovers(tmp_path) == []


def test_failure_keeps_existing_empty_out_dir(tmp_path, model, failing_report):
    out = tmp_path / "empty"
    out.mkdir()
    with pytest.raises(RuntimeError):
        write_run(model, out)
    assert out.is_dir() and list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_out_guard(tmp_path, model, fake_report):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep")
    with pytest.raises(OutputError, match="not empty"):
        write_run(model, out)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    (tmp_path / "afile").write_text("x")
    with pytest.raises(OutputError, match="not a directory"):
        write_run(model, tmp_path / "afile")
    # even with --overwrite, a directory of the user's own files is refused and kept
    with pytest.raises(OutputError, match="not a run or batch directory"):
        write_run(model, out, overwrite=True)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    # explicit consent replaces a run directory
    (out / "notes.txt").unlink()
    write_run(model, out)
    write_run(model, out, overwrite=True)
    assert sorted(p.name for p in out.iterdir()) == sorted(RUN_FILES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "mine"]


def test_load_run_round_trips(tmp_path, model, fake_report):
    run_dir = write_run(model, tmp_path / "run", overrides={"concession_decay": 0.1})
    loaded = load_run(run_dir)
    assert loaded["manifest"]["overrides"] == {"concession_decay": 0.1}
    assert loaded["manifest"]["outcome"] == str(model.final_outcome)
    # the same values, read back with the documented column types (sim.columns)
    pd.testing.assert_frame_equal(loaded["model_df"], tidy(model.model_table()))
    pd.testing.assert_frame_equal(loaded["agents_df"], tidy(model.agent_table()))
    pd.testing.assert_frame_equal(loaded["events_df"], tidy(model.event_table()))
    assert loaded["model_df"]["outcome"].dtype == OUTCOME_DTYPE


def test_load_run_rejects_non_run_dir(tmp_path):
    with pytest.raises(OutputError, match="no such run directory"):
        load_run(tmp_path / "nope")
    with pytest.raises(OutputError, match="missing"):
        load_run(tmp_path)


def test_write_compare_layout(tmp_path, fake_report):
    models = {
        lens: ConflictModel("ukraine_2025", lens=lens, rng=1, steps=4).run() for lens in ("realism", "liberalism")
    }
    out = write_compare(models, runs_root=tmp_path)
    assert out.name.startswith("compare-ukraine_2025-s1-")
    assert "['realism', 'liberalism']" in (out / "compare.html").read_text()
    for lens in models:
        assert load_run(out / lens)["manifest"]["lens"] == lens
