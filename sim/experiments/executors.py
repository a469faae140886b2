"""Executors: run `fn(job, task)` for a stream of tasks and yield `(task, result)` as each finishes.

Three backends, one interface (`Executor.imap_unordered`): in this process (`serial`), a pool
of local processes (`processes`), or a Dask distributed cluster (`dask`: a `LocalCluster`, or
an existing scheduler by address, e.g. one started by dask-jobqueue on SLURM or by the Dask
Helm chart on Kubernetes). Each keeps a bounded window of tasks in flight, so memory does not
depend on how many tasks there are. Executors know nothing about runs, seeds or storage; a
task is whatever the caller hands in, `job` is the part every task shares.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol

BACKENDS = ("serial", "processes", "dask")
WINDOW_PER_WORKER = 3  # tasks in flight per worker: enough to keep it busy, few enough to stay lean


class Executor(Protocol):
    workers: int

    def imap_unordered(self, fn: Callable, job: Any, tasks: Iterable[Any]) -> Iterator[tuple[Any, Any]]: ...

    def close(self, cancel: bool = False) -> None: ...


def os_threads() -> int | None:
    """Threads of this process as the OS sees them (Linux), None where unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("Threads:"))
    except (OSError, StopIteration, ValueError):
        return None


_BASELINE_THREADS = os_threads()  # after numpy's import (BLAS threads), before any other pool


def fork_is_safe() -> bool:
    """Fork only while no thread beyond those at import runs (pyarrow, rich, Dask start more)."""
    import multiprocessing as mp

    now = os_threads()
    return (
        "fork" in mp.get_all_start_methods()
        and threading.active_count() == 1
        and now is not None
        and _BASELINE_THREADS is not None
        and now <= _BASELINE_THREADS
    )


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class SerialExecutor:
    """Runs every task here, in order."""

    workers = 1

    def imap_unordered(self, fn: Callable, job: Any, tasks: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        for task in tasks:
            yield task, fn(job, task)

    def close(self, cancel: bool = False) -> None:
        pass


def _ignore_sigint() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle; workers are shut down by it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """Make this process end when `parent` does, even by `kill -9` (which runs no cleanup there).

    On Linux the kernel sends SIGKILL at the parent's death (prctl PR_SET_PDEATHSIG); elsewhere a
    daemon thread polls the parent id once a second.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        ok = libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        ok = False
    if not ok:  # pragma: no cover - not Linux

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True, name="die-with-parent").start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _init_worker(parent: int) -> None:
    """Pool worker initializer: Ctrl-C is the parent's; SIGTERM ends at once; die with the parent."""
    _ignore_sigint()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # fork copies the parent's handler; a worker just stops
    die_with_parent(parent)


def _bounded(submit: Callable[[Any], Future], tasks: Iterable[Any], window: int) -> Iterator[tuple[Any, Any]]:
    """Submit at most `window` tasks at a time; yield (task, result) as each completes."""
    it = iter(tasks)
    pending: dict[Future, Any] = {}
    try:
        for task in it:
            pending[submit(task)] = task
            if len(pending) >= window:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                task = pending.pop(fut)
                for nxt in it:  # top the window up before handing the result out
                    pending[submit(nxt)] = nxt
                    break
                yield task, fut.result()
    finally:
        for fut in pending:
            fut.cancel()


class ProcessExecutor:
    """A pool of local worker processes (fork when this process has no other threads, else spawn)."""

    def __init__(self, workers: int | None = None):
        import multiprocessing as mp

        self.workers = max(1, workers or cpu_count())
        # fork starts workers at once with the parent's imports; spawn re-imports (~1 s a worker)
        method = "fork" if fork_is_safe() else "spawn"
        self.pool = ProcessPoolExecutor(
            self.workers, mp_context=mp.get_context(method), initializer=_init_worker, initargs=(os.getpid(),)
        )
        self.start_method = method

    def start(self) -> None:
        """Start the workers now (before any other thread exists)."""
        list(self.pool.map(abs, range(self.workers)))

    def imap_unordered(self, fn: Callable, job: Any, tasks: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        return _bounded(lambda t: self.pool.submit(fn, job, t), tasks, self.workers * WINDOW_PER_WORKER)

    def close(self, cancel: bool = False) -> None:
        procs = list((getattr(self.pool, "_processes", None) or {}).values())
        manager = getattr(self.pool, "_executor_manager_thread", None)  # shutdown() forgets it
        self.pool.shutdown(wait=not cancel, cancel_futures=cancel)
        if cancel:  # Ctrl-C: do not wait for the runs in progress
            for proc in procs:
                proc.terminate()
            # Let the pool's manager thread see its workers gone and finish now: left running, it
            # races the interpreter's exit hook over a closed pipe ("Bad file descriptor" traceback).
            if manager is not None:
                manager.join(timeout=5)


def make_executor(
    backend: str, workers: int | None = None, scheduler: str | None = None, wait_workers: float | None = None
) -> Executor:
    """The executor for `--backend` / `--workers` / `--scheduler` (a scheduler implies dask)."""
    if scheduler or backend == "dask":
        from sim.experiments.dask_backend import DaskExecutor

        return DaskExecutor(scheduler, workers, wait_workers=wait_workers)
    if backend == "serial" or (workers == 1 and backend == "processes"):
        return SerialExecutor()
    if backend == "processes":
        return ProcessExecutor(workers)
    raise ValueError(f"unknown backend {backend!r}; choose one of: {', '.join(BACKENDS)}")
