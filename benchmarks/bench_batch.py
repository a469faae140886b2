"""Batch throughput and memory: `brink batch` (run_batch) against `mesa.batch_run` (not a timed test).

    .venv/bin/python benchmarks/bench_batch.py           # full: 1,000-run grid, 20,000-run batch
    .venv/bin/python benchmarks/bench_batch.py --quick   # smoke: 100 runs and 2,000 runs

Every measurement runs in a fresh interpreter (`--child ...`), so each starts from the same
imports; a sampler thread here sums the RSS (and PSS, which counts pages shared after fork
once) of that process and all its children every 20 ms and keeps the peak. Same model, same
grid, same horizon: ukraine_2025, realism and liberalism, concession_decay over 5 values, 100
seeds each (1,000 runs of up to 120 months, stopping at an outcome in both); mesa gets seeds
0..99, brink its SeedSequence seeds, and the mean months actually run are printed for both.

Targets (issue 4): brink >= 1.5x mesa's runs/s with <= half its peak memory at 1 and 2
workers; parallel efficiency at 2 workers >= 85%; a 20,000-run batch peaks at <= 1.5x the
memory of a 1,000-run batch (both with --steps 12 to keep it minutes; mesa shown alongside).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time

SCENARIO = "ukraine_2025"
LENSES = ["realism", "liberalism"]
DECAY = [0.01, 0.05, 0.1, 0.2, 0.4]


# --- the measured programs (run in a fresh interpreter each) -------------------------------------


def cpu_seconds() -> float:
    """CPU time of this process and its finished (joined) worker processes."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def child_mesa(workers: int, seeds: int, steps: int) -> dict:
    import mesa

    from sim import ConflictModel

    params = {"scenario": SCENARIO, "lens": LENSES, "concession_decay": DECAY, "steps": steps}
    t, cpu = time.perf_counter(), cpu_seconds()
    rows = mesa.batch_run(ConflictModel, parameters=params, rng=range(seeds), max_steps=steps,
                          number_processes=workers, display_progress=False)  # fmt: skip
    elapsed, cpu = time.perf_counter() - t, cpu_seconds() - cpu
    # batch_run gives one row per agent per run (the agent reporters): count runs, not rows
    steps_by_run = {r["RunId"]: r["Step"] for r in rows}
    return {"runs": len(steps_by_run), "elapsed": elapsed, "cpu": cpu,
            "mean_steps": sum(steps_by_run.values()) / len(steps_by_run)}  # fmt: skip


def child_brink(workers: int, seeds: int, steps: int) -> dict:
    import pandas as pd

    from sim.experiments import ExperimentSpec, run_batch

    spec = ExperimentSpec(name="bench", scenario=SCENARIO, lenses=LENSES, grid={"concession_decay": DECAY},
                          replicates=seeds, steps=steps)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        t, cpu = time.perf_counter(), cpu_seconds()
        result = run_batch(spec, os.path.join(tmp, "b"), backend="processes", workers=workers, progress=False)
        elapsed, cpu = time.perf_counter() - t, cpu_seconds() - cpu
        mean_steps = float(pd.read_parquet(result.out_dir / "outcomes.parquet", columns=["steps"])["steps"].mean())
    return {"runs": result.n_done, "elapsed": elapsed, "cpu": cpu, "mean_steps": mean_steps}


# --- the driver -------------------------------------------------------------------------------


def _tree_memory(proc) -> tuple[float, float]:
    import psutil

    rss = pss = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:  # the child ended between two samples
        return 0.0, 0.0
    for p in procs:
        try:
            info = p.memory_full_info()
            rss, pss = rss + info.rss, pss + getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return rss / 2**20, pss / 2**20


def measure(kind: str, workers: int, seeds: int, steps: int) -> dict:
    """Run one child; return its report plus peak RSS and PSS (MiB) of its process tree."""
    import psutil

    cmd = [sys.executable, os.path.abspath(__file__), "--child", kind, str(workers), str(seeds), str(steps)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    ps, peak, stop = psutil.Process(proc.pid), [0.0, 0.0], threading.Event()

    def sample() -> None:
        while not stop.is_set():
            rss, pss = _tree_memory(ps)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} benchmark child failed with exit code {proc.returncode}")
    report = json.loads(out.strip().splitlines()[-1])
    report.update(kind=kind, workers=workers, rss=peak[0], pss=peak[1], rate=report["runs"] / report["elapsed"],
                  cpu_rate=report["runs"] / report["cpu"])  # fmt: skip
    return report


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def main(quick: bool) -> None:
    seeds, big, repeats = (10, 200, 1) if quick else (100, 2000, 3)
    n = len(LENSES) * len(DECAY) * seeds
    print(f"machine: {_load()}")
    print(f"grid: {SCENARIO}, {len(LENSES)} lenses x {len(DECAY)} concession_decay x {seeds} seeds = {n} runs, "
          f"up to 120 months each; best of {repeats}, alternating")  # fmt: skip
    results: dict = {}
    for _ in range(repeats):
        for workers in (1, 2):
            for kind in ("mesa", "brink"):
                r = measure(kind, workers, seeds, 120)
                if (kind, workers) not in results or r["rate"] > results[kind, workers]["rate"]:
                    results[kind, workers] = r
    print(f"{'runner':<7}{'workers':>8}{'runs':>7}{'months/run':>11}{'runs/s':>9}{'months/s':>10}"
          f"{'runs/CPU-s':>12}{'peak RSS MiB':>14}{'peak PSS MiB':>14}")  # fmt: skip
    for (kind, workers), r in sorted(results.items(), key=lambda kv: (kv[0][1], kv[0][0] == "brink")):
        months = r["rate"] * r["mean_steps"]
        print(f"{kind:<7}{workers:>8}{r['runs']:>7}{r['mean_steps']:>11.1f}{r['rate']:>9.1f}{months:>10.0f}"
              f"{r['cpu_rate']:>12.1f}{r['rss']:>14.0f}{r['pss']:>14.0f}")  # fmt: skip
    print()
    for workers in (1, 2):
        m, b = results["mesa", workers], results["brink", workers]
        speed, mem = b["rate"] / m["rate"], b["rss"] / m["rss"]
        months = speed * b["mean_steps"] / m["mean_steps"]
        print(f"{workers} worker(s): brink/mesa {speed:.2f}x runs/s, {months:.2f}x months/s, "
              f"{b['cpu_rate'] / m['cpu_rate']:.2f}x runs per CPU-second (target >= 1.5x "
              f"{'OK' if speed >= 1.5 else 'MISSED'}); peak RSS {mem:.2f}x (target <= 0.5x "
              f"{'OK' if mem <= 0.5 else 'MISSED'}); peak PSS {b['pss'] / m['pss']:.2f}x")  # fmt: skip
    for kind in ("brink", "mesa"):
        one, two = results[kind, 1], results[kind, 2]
        eff, cpu = two["rate"] / (2 * one["rate"]), two["cpu_rate"] / one["cpu_rate"]
        verdict = f" (target >= 85% {'OK' if eff >= 0.85 else 'MISSED'})" if kind == "brink" else ""
        print(
            f"parallel efficiency at 2 workers, {kind}: {eff:.0%} of ideal wall-clock{verdict}; "
            f"CPU per run at 2 workers vs 1: {1 / cpu:.2f}x"
        )
    for kind in ("brink", "mesa"):
        small, large = measure(kind, 2, seeds, 12), measure(kind, 2, big, 12)
        ratio = large["rss"] / small["rss"]
        verdict = f" (target <= 1.5x {'OK' if ratio <= 1.5 else 'MISSED'})" if kind == "brink" else ""
        print(
            f"memory growth, {kind}, --steps 12, 2 workers: {small['runs']} runs peak {small['rss']:.0f} MiB "
            f"({small['rate']:.0f} runs/s), {large['runs']} runs peak {large['rss']:.0f} MiB "
            f"({large['rate']:.0f} runs/s): {ratio:.2f}x{verdict}"
        )
    print(f"machine after: {_load()}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, workers, seeds, steps = sys.argv[2], *map(int, sys.argv[3:6])
        fn = child_mesa if kind == "mesa" else child_brink
        print(json.dumps(fn(workers, seeds, steps)))
    else:
        main(quick="--quick" in sys.argv)
