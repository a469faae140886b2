"""Reliability of stored work: damaged batch parts are repaired or refused on --resume, never
accepted; killed or terminated commands leave no orphan processes and no temporary files after
the next run (issue 14).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sim import cli
from sim.experiments import ExperimentSpec, run_batch, storage

runner = CliRunner()
BRINK = Path(sys.executable).with_name("brink")
SPEC = ExperimentSpec(name="r", scenario="security_dilemma", grid={"concession_decay": [0.02, 0.3]},
                      ranges={"disputes.0.trust": "0.1:0.7:2"}, replicates=3, steps=24, seed=5)  # fmt: skip
N_RUNS = 24


class Stop(Exception):
    """Stands for a kill between the last part and the merge."""


class SmallParts(storage.PartWriter):
    def __init__(self, out_dir, schema, every_rows=500, every_seconds=5.0):
        super().__init__(out_dir, schema, every_rows=4, every_seconds=every_seconds)


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("clean") / "b"
    run_batch(SPEC, out, backend="serial", progress=False)
    return (out / storage.OUTCOMES).read_bytes()


@pytest.fixture(scope="module")
def stopped_template(tmp_path_factory) -> Path:
    """A batch whose runs are all stored as parts (4 rows each), stopped before the merge."""
    out = tmp_path_factory.mktemp("stopped") / "b"
    mp = pytest.MonkeyPatch()
    mp.setattr(storage, "PartWriter", SmallParts)
    mp.setattr(storage, "consolidate", lambda *a, **k: (_ for _ in ()).throw(Stop()))
    try:
        with pytest.raises(Stop):
            run_batch(SPEC, out, backend="serial", progress=False, chunk_size=4)
    finally:
        mp.undo()
    assert len(storage.part_files(out)) == N_RUNS // 4
    return out


@pytest.fixture
def stopped(stopped_template, tmp_path) -> Path:
    out = tmp_path / "b"
    shutil.copytree(stopped_template, out)
    return out


def resume(out: Path) -> tuple[object, list[str]]:
    messages: list[str] = []
    result = run_batch(SPEC, out, backend="serial", progress=False, resume=True, notify=messages.append)
    return result, messages


def part(out: Path, k: int = 2) -> Path:
    return out / storage.PARTS / f"part-{k:05d}.parquet"


def assert_repaired(out: Path, clean: bytes, why: str) -> None:
    """Resume: the damaged part is named, its runs are run again, and the result is the clean batch's."""
    result, messages = resume(out)
    assert len(messages) == 1 and messages[0].startswith("parts/part-00002.parquet: ") and why in messages[0]
    assert "run again" in messages[0]
    assert result.complete and result.n_skipped == N_RUNS - 4
    assert (out / storage.OUTCOMES).read_bytes() == clean


def test_an_intact_stopped_batch_resumes_without_rerunning(stopped, clean):
    result, messages = resume(stopped)
    assert messages == [] and result.n_skipped == N_RUNS
    assert (stopped / storage.OUTCOMES).read_bytes() == clean


def test_random_bytes_in_a_part_are_caught(stopped, clean):
    path = part(stopped)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = os.urandom(64)
    path.write_bytes(bytes(data))
    assert_repaired(stopped, clean, why="checksum differs")


def test_a_truncated_part_is_caught(stopped, clean):
    path = part(stopped)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert_repaired(stopped, clean, why="checksum differs")


def _tamper(out: Path, table: pa.Table) -> None:
    """Replace part 2 with `table` and make the manifest's checksum agree (a consistent forgery)."""
    pq.write_table(table, part(out))
    manifest = json.loads((out / storage.MANIFEST).read_text())
    manifest["parts"][part(out).name]["sha256"] = storage.file_sha256(part(out))
    (out / storage.MANIFEST).write_text(json.dumps(manifest))


def test_a_part_with_foreign_columns_is_caught(stopped, clean):
    _tamper(stopped, pa.table({"run_id": [4, 5, 6, 7], "outcome": ["victory"] * 4}))
    assert_repaired(stopped, clean, why="columns are not the batch's")


def test_run_ids_beyond_the_run_count_are_caught(stopped, clean):
    table = pq.read_table(part(stopped))
    ids = pa.array([i + 1000 for i in table["run_id"].to_pylist()], pa.int64())
    _tamper(stopped, table.set_column(0, "run_id", ids))
    assert_repaired(stopped, clean, why="run ids outside 0..23")


def test_run_ids_other_than_recorded_are_caught(stopped, clean):
    table = pq.read_table(part(stopped))
    ids = pa.array([i + 4 for i in table["run_id"].to_pylist()], pa.int64())  # the next part's runs
    _tamper(stopped, table.set_column(0, "run_id", ids))
    assert_repaired(stopped, clean, why="not the ones recorded")


def test_an_unrecorded_part_is_run_again(stopped, clean):
    manifest = json.loads((stopped / storage.MANIFEST).read_text())
    del manifest["parts"][part(stopped).name]  # killed after the part, before its record
    (stopped / storage.MANIFEST).write_text(json.dumps(manifest))
    assert_repaired(stopped, clean, why="not recorded")


def test_a_batch_without_records_is_checked_by_content(stopped, clean):
    """Batches written before part records existed: intact parts count, foreign ones do not."""
    manifest = json.loads((stopped / storage.MANIFEST).read_text())
    del manifest["parts"]
    (stopped / storage.MANIFEST).write_text(json.dumps(manifest))
    pq.write_table(pa.table({"run_id": [4, 5, 6, 7], "outcome": ["victory"] * 4}), part(stopped))
    assert_repaired(stopped, clean, why="columns are not the batch's")


def test_a_garbled_record_means_every_part_is_run_again(stopped, clean):
    manifest = json.loads((stopped / storage.MANIFEST).read_text())
    manifest["parts"] = ["not", "a", "record"]
    (stopped / storage.MANIFEST).write_text(json.dumps(manifest))
    result, messages = resume(stopped)
    assert len(messages) == N_RUNS // 4 and all("not recorded" in m for m in messages)
    assert result.complete and result.n_skipped == 0
    assert (stopped / storage.OUTCOMES).read_bytes() == clean


def test_a_damaged_outcomes_file_is_rebuilt(tmp_path, clean):
    out = tmp_path / "done"
    run_batch(SPEC, out, backend="serial", progress=False)
    path = out / storage.OUTCOMES
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = os.urandom(64)
    path.write_bytes(bytes(data))
    result, messages = resume(out)
    assert len(messages) == 1 and messages[0].startswith("outcomes.parquet: its checksum differs")
    assert result.complete and result.n_skipped == 0 and path.read_bytes() == clean


def test_the_cli_says_which_part_it_repairs(stopped, clean):
    data = bytearray(part(stopped).read_bytes())
    data[100:164] = bytes(64)
    part(stopped).write_bytes(bytes(data))
    args = ["batch", "security_dilemma", "--grid", "concession_decay=0.02,0.3", "--range", "disputes.0.trust=0.1:0.7:2",
            "--replicates", "3", "--steps", "24", "--seed", "5", "--name", "r", "--backend", "serial",
            "--out", str(stopped), "--resume"]  # fmt: skip
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert "warning: parts/part-00002.parquet: its checksum differs" in result.output
    assert (stopped / storage.OUTCOMES).read_bytes() == clean


# --- killed and terminated commands --------------------------------------------------------------

BATCH_ARGS = ["security_dilemma", "--grid", "concession_decay=0.02,0.1,0.3,0.5", "--replicates", "25",
              "--steps", "24", "--seed", "9", "--backend", "processes", "--workers", "2"]  # fmt: skip


def _start_batch(out: Path) -> tuple[subprocess.Popen, list[psutil.Process]]:
    """`brink batch` with two pool workers, once both are running and a part is stored."""
    proc = subprocess.Popen([BRINK, "batch", *BATCH_ARGS, "--out", out], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while not storage.part_files(out):
        assert proc.poll() is None and time.monotonic() < deadline, "the batch ended before it was stopped"
        time.sleep(0.05)
    workers = psutil.Process(proc.pid).children()
    assert len(workers) == 2
    return proc, workers


def _gone(proc: psutil.Process) -> bool:
    try:
        return proc.status() == psutil.STATUS_ZOMBIE  # dead, waiting to be reaped by init
    except psutil.NoSuchProcess:
        return True


def _assert_workers_die(workers: list[psutil.Process], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not all(_gone(w) for w in workers):
        if time.monotonic() > deadline:
            orphans = [w for w in workers if not _gone(w)]
            for w in orphans:  # ours: do not leave them running after the test
                w.kill()
            pytest.fail(f"orphaned workers: {[w.pid for w in orphans]}")
        time.sleep(0.05)


def _hidden(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob(".*"))


def _resume_completes(out: Path) -> None:
    result = runner.invoke(cli.app, ["batch", *BATCH_ARGS[:-4], "--backend", "serial", "--out", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert "already stored" in result.output
    assert _hidden(out) == []


def test_kill_9_of_a_batch_leaves_no_orphan_workers(tmp_path):
    out = tmp_path / "k"
    proc, workers = _start_batch(out)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _assert_workers_die(workers)
    _resume_completes(out)


def test_sigterm_of_a_batch_stops_workers_and_cleans_up(tmp_path):
    out = tmp_path / "t"
    proc, workers = _start_batch(out)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143 and "Traceback" not in err, err
    _assert_workers_die(workers)
    assert _hidden(out) == []
    _resume_completes(out)


def _run_until_writing(cwd: Path) -> subprocess.Popen:
    """`brink run` into cwd/runs, caught while it writes its temporary run directory."""
    for _ in range(5):
        proc = subprocess.Popen([BRINK, "run", "ukraine_2025", "--steps", "60"], cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)  # fmt: skip
        while proc.poll() is None:
            if list((cwd / "runs").glob(f".tmp-{proc.pid}-*")):
                return proc
            time.sleep(0.002)
        shutil.rmtree(cwd / "runs")  # it finished before we looked: try again
    pytest.fail("never caught `brink run` while it was writing")


def test_sigterm_of_a_run_removes_its_temporary_directory(tmp_path):
    proc = _run_until_writing(tmp_path)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143 and "Traceback" not in err, err
    # no temporary left (and, unless the signal came after the final rename, no run either)
    assert [p.name for p in (tmp_path / "runs").iterdir() if p.name.startswith(".")] == []


def test_the_next_run_cleans_up_after_a_kill_9(tmp_path):
    for _ in range(5):
        proc = _run_until_writing(tmp_path)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        left = [p.name for p in (tmp_path / "runs").iterdir()]
        if left and left[0].startswith(f".tmp-{proc.pid}-"):
            break
        shutil.rmtree(tmp_path / "runs")  # it renamed its run into place just before the kill: again
    assert len(left) == 1 and left[0].startswith(f".tmp-{proc.pid}-"), left
    done = subprocess.run([BRINK, "run", "ukraine_2025", "--steps", "2"], cwd=tmp_path, capture_output=True)
    assert done.returncode == 0
    names = [p.name for p in (tmp_path / "runs").iterdir()]
    assert len(names) == 1 and not names[0].startswith(".")
