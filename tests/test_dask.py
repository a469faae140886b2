"""Dask faults against real `dask scheduler` and `dask worker` processes on 127.0.0.1.

An unreachable scheduler fails fast; a scheduler without workers is waited for and then
refused in one line; a worker that joins late gets the job; losing every worker mid-batch
stops with one line and the exact `--resume` command, which then finishes the batch.
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

BIN = Path(sys.executable).parent
BRINK, DASK = str(BIN / "brink"), str(BIN / "dask")
pytestmark = pytest.mark.skipif(not Path(DASK).exists(), reason="the dask command is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    """End a process we started, and its children (a worker's nanny), by its own group id."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture
def scheduler(tmp_path):
    port = free_port()
    proc = start([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                 tmp_path / "scheduler.log")  # fmt: skip
    address = f"tcp://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    yield address
    stop(proc)


@pytest.fixture
def worker(tmp_path):
    procs = []

    def launch(address: str) -> subprocess.Popen:
        args = [DASK, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"]
        procs.append(start(args, tmp_path / f"worker-{len(procs)}.log"))
        return procs[-1]

    yield launch
    for proc in procs:
        stop(proc)


def batch(*args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([BRINK, "batch", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


SMALL = ["ukraine_2025", "--replicates", "3", "--steps", "24", "--lens", "realism"]


def test_unreachable_scheduler_fails_in_a_few_seconds(tmp_path):
    # the command's own start-up (imports) is the baseline, so that a busy machine does not fail
    # the test; Dask's own default would add 30 s of connect timeout to it, ours adds 5 s
    t0 = time.monotonic()
    subprocess.run([BRINK, "batch", "--help"], capture_output=True, timeout=120)
    start_up = time.monotonic() - t0
    t0 = time.monotonic()
    out = batch(*SMALL, "--scheduler", f"tcp://127.0.0.1:{free_port()}", "--out", "b", cwd=tmp_path)
    assert time.monotonic() - t0 < start_up + 15
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "cannot reach the Dask scheduler within 5 s" in out.stderr
    assert not (tmp_path / "b").exists()


def test_no_worker_is_waited_for_then_refused(tmp_path, scheduler):
    t0 = time.monotonic()
    out = batch(*SMALL, "--scheduler", scheduler, "--wait-workers", "2", "--out", "b", cwd=tmp_path)
    assert 2 <= time.monotonic() - t0 < 30
    assert out.returncode == 1 and out.stderr.count("\n") == 1
    assert f"no Dask worker joined the scheduler {scheduler} within 2 s" in out.stderr
    assert f"dask worker {scheduler}" in out.stderr
    assert not (tmp_path / "b").exists()  # nothing written


def test_a_worker_joining_late_gets_the_scenario_and_the_same_results(tmp_path, scheduler, worker):
    proc = subprocess.Popen([BRINK, "batch", *SMALL, "--scheduler", scheduler, "--wait-workers", "60", "--out", "d"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    time.sleep(3)
    assert proc.poll() is None  # still waiting, not failed
    worker(scheduler)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    serial = batch(*SMALL, "--backend", "serial", "--out", "s", cwd=tmp_path)
    assert serial.returncode == 0, serial.stderr
    columns = ["run_id", "seed", "outcome", "outcome_step", "mean_tension"]
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "d" / "outcomes.parquet")[columns],
                                  pd.read_parquet(tmp_path / "s" / "outcomes.parquet")[columns])  # fmt: skip


def batch_under_way(args: list[str], cwd: Path) -> tuple[subprocess.Popen, Path]:
    """`brink batch ARGS --out b` started in `cwd`, once its first part is stored (or 120 s)."""
    proc = subprocess.Popen([BRINK, "batch", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    parts = cwd / "b" / "parts"
    deadline = time.monotonic() + 120
    while not (parts.is_dir() and any(parts.glob("part-*.parquet"))) and time.monotonic() < deadline:
        time.sleep(0.2)
    return proc, parts


def test_losing_all_workers_stops_with_the_resume_command(tmp_path, scheduler, worker):
    args = ["ukraine_2025", "--replicates", "100", "--scheduler", scheduler, "--wait-workers", "3", "--out", "b"]
    first = worker(scheduler)
    proc, parts = batch_under_way(args, tmp_path)
    stop(first)  # the only worker goes away mid-batch
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert err.count("\n") == 1 and "lost all Dask workers" in err and "Traceback" not in err
    resume = err.split("resume with: ", 1)[1].strip()
    assert resume == "brink batch " + shlex.join([*args, "--resume"])
    stored = len(pd.concat(pd.read_parquet(p) for p in parts.glob("part-*.parquet")))
    assert 0 < stored < 200

    worker(scheduler)
    again = subprocess.run([BRINK, *shlex.split(resume)[1:]], cwd=tmp_path, capture_output=True, text=True,
                           timeout=300)  # fmt: skip
    assert again.returncode == 0, again.stderr
    runs = pd.read_parquet(tmp_path / "b" / "outcomes.parquet")
    assert runs["run_id"].tolist() == list(range(200)) and runs["error"].isna().all()


def test_losing_the_scheduler_is_one_line_with_the_resume_command(tmp_path, worker):
    port = free_port()
    sched = start([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                  tmp_path / "own-scheduler.log")  # fmt: skip
    address = f"tcp://127.0.0.1:{port}"
    worker(address)
    args = ["ukraine_2025", "--replicates", "500", "--scheduler", address, "--wait-workers", "30", "--out", "b"]
    proc, parts = batch_under_way(args, tmp_path)
    t0 = time.monotonic()
    stop(sched)
    _, err = proc.communicate(timeout=120)
    assert time.monotonic() - t0 < 20  # at once, not after --wait-workers
    assert proc.returncode == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert f"lost the connection to the Dask scheduler {address}" in err
    assert err.rstrip().endswith("resume with: brink batch " + shlex.join([*args, "--resume"]))
