"""The Dask backend: a batch on a LocalCluster or on an existing scheduler, failing clearly.

What a cluster user meets, and what happens:

- an unreachable `--scheduler` fails after `CONNECT_TIMEOUT` seconds with one line (not Dask's
  30 s default and a traceback);
- a scheduler without workers yet (SLURM jobs still queued) is waited for, up to
  `--wait-workers` seconds, before anything is written; then one line says so;
- the job (the scenario, sent by value) is a task of the graph, not data scattered to every
  worker, so sending it needs no worker up front and a worker that joins later gets it too;
- losing every worker mid-batch (or the scheduler) stops the batch with `ClusterLost` once no
  worker has come back for `--wait-workers` seconds: what finished is stored and resumable.
Losing some workers is Dask's business: their tasks are rerun elsewhere.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

CONNECT_TIMEOUT = 5.0  # seconds to reach a scheduler
WAIT_WORKERS = 60.0  # default seconds to wait for a first worker, or for one to come back
POLL = 1.0  # seconds between checks of the cluster while waiting for results
WINDOW_PER_WORKER = 3


class ClusterError(RuntimeError):
    """The Dask cluster cannot run the batch: unreachable, no workers, or all workers lost."""


class ClusterLost(ClusterError):
    """Every worker (or the scheduler) went away mid-batch; finished runs are stored in `out_dir`."""

    out_dir = None  # set by run_batch


def _job(job: Any) -> Any:
    """The job as a task result: workers fetch it from whichever worker computed it."""
    return job


def _cluster_gone(exc: BaseException) -> bool:
    """Futures cancelled (the scheduler went away), a task that killed its workers, a closed comm."""
    from concurrent.futures import CancelledError

    from distributed.comm.core import CommClosedError
    from distributed.scheduler import KilledWorker

    return isinstance(exc, CancelledError | KilledWorker | CommClosedError | OSError)


class DaskExecutor:
    """Dask distributed: an existing cluster (`scheduler` address) or a LocalCluster of `workers`."""

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int | None = None,
        wait_workers: float | None = None,
        connect_timeout: float = CONNECT_TIMEOUT,
        **cluster_kwargs: Any,
    ):
        from distributed import Client, LocalCluster

        from sim.experiments.executors import cpu_count

        self.cluster = None
        self.wait_workers = WAIT_WORKERS if wait_workers is None else wait_workers
        # the client logs a traceback when it loses the scheduler; we report that in one line
        logging.getLogger("distributed.client").setLevel(logging.CRITICAL)
        self.address = scheduler
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=f"{connect_timeout}s")
            except (OSError, TimeoutError, ValueError) as exc:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise ClusterError(
                    f"--scheduler {scheduler}: cannot reach the Dask scheduler within {connect_timeout:g} s "
                    f"({reason}); is it running, and is the address right?"
                ) from None
        else:
            opts = {"n_workers": workers or cpu_count(), "threads_per_worker": 1, "dashboard_address": None}
            self.cluster = LocalCluster(**{**opts, **cluster_kwargs})
            self.client = Client(self.cluster)
        self._wait_for_workers()
        self.workers = max(1, sum(self.client.nthreads().values()) or (workers or 1))

    def _wait_for_workers(self) -> None:
        try:
            self.client.wait_for_workers(1, timeout=self.wait_workers)
        except TimeoutError:
            self.close()
            raise ClusterError(
                f"no Dask worker joined the scheduler {self.address} within {self.wait_workers:g} s "
                f"(start some with `dask worker {self.address}`, or wait longer with --wait-workers SECONDS)"
            ) from None

    def _n_workers(self) -> int:
        try:
            return len(self.client.nthreads())
        except Exception:  # noqa: BLE001 - the scheduler itself is gone
            return 0

    def imap_unordered(self, fn: Callable, job: Any, tasks: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        from distributed import wait

        job_ref = self.client.submit(_job, job, pure=False)  # no worker needed to send it
        it = iter(tasks)
        window = self.workers * WINDOW_PER_WORKER
        pending: dict[Any, Any] = {}

        def submit(task: Any) -> None:
            pending[self.client.submit(fn, job_ref, task, pure=False)] = task

        for task in it:
            submit(task)
            if len(pending) >= window:
                break
        alone_since: float | None = None
        try:
            while pending:
                try:
                    done, _ = wait(list(pending), timeout=POLL, return_when="FIRST_COMPLETED")
                except TimeoutError:  # nothing finished within POLL seconds: is anyone still working?
                    done = set()
                except Exception as exc:
                    if _cluster_gone(exc):  # the futures were cancelled: the scheduler is gone
                        raise self._lost(type(exc).__name__, scheduler=True) from None
                    raise
                if not done:
                    alone_since = self._check_alive(alone_since)
                    continue
                alone_since = None
                for fut in done:
                    task = pending.pop(fut)
                    try:
                        result = fut.result()
                    except Exception as exc:
                        if _cluster_gone(exc):
                            raise self._lost(f"{type(exc).__name__}: {exc}") from None
                        raise
                    fut.release()
                    for nxt in it:  # top the window up before handing the result out
                        submit(nxt)
                        break
                    yield task, result
        finally:
            for fut in pending:
                fut.cancel()
            job_ref.release()

    def _check_alive(self, alone_since: float | None) -> float | None:
        """None while workers exist; the time the last one left otherwise (ClusterLost when too long)."""
        if self._n_workers() > 0:
            return None
        now = time.monotonic()
        alone_since = alone_since or now
        if now - alone_since >= self.wait_workers:
            raise self._lost(f"no worker for {self.wait_workers:g} s")
        return alone_since

    def _lost(self, why: str, scheduler: bool = False) -> ClusterLost:
        where = self.address or "the local cluster"
        if scheduler:
            return ClusterLost(f"lost the connection to the Dask scheduler {where} ({why})")
        return ClusterLost(f"lost all Dask workers of {where} ({why})")

    def close(self, cancel: bool = False) -> None:
        try:
            self.client.close(timeout=CONNECT_TIMEOUT)
        except Exception:  # noqa: BLE001 - closing a client whose scheduler is gone
            pass
        if self.cluster is not None:
            self.cluster.close()
