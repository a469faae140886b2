"""Speed targets for the core model (not a timed test: run `make bench`).

1. One 120-step ukraine_2025 run end to end (construction + 120 steps) in < 0.2 s of model time.
2. A generated world of 200 states and 10 alliances runs 120 steps in < 10 s.
3. Step cost grows no faster than ~N^1.3 from 20 to 200 states.
"""

from __future__ import annotations

import time

import numpy as np

from sim import ConflictModel
from sim.generate import generated_world


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def ukraine_run() -> float:
    return best_of(lambda: ConflictModel("ukraine_2025", rng=1, stop_at_outcome=False).run(), repeat=7)


def world_run(n: int, repeat: int = 3) -> float:
    spec = generated_world(n, 10 if n >= 100 else max(2, n // 10), seed=0)
    return best_of(lambda: ConflictModel(spec, rng=1, stop_at_outcome=False).run(), repeat=repeat)


def main() -> None:
    t = ukraine_run()
    print(f"ukraine_2025, 120 steps:          {t:.3f} s  (target < 0.2 s)  {'OK' if t < 0.2 else 'MISSED'}")
    sizes = [20, 50, 100, 200]
    times = [world_run(n, repeat=3 if n < 200 else 2) for n in sizes]
    for n, s in zip(sizes, times, strict=True):
        print(f"generated world {n:4d} states, 120 steps: {s:.3f} s")
    print(f"200 states target < 10 s: {'OK' if times[-1] < 10 else 'MISSED'}")
    slope = np.polyfit(np.log(sizes), np.log(times), 1)[0]
    print(f"scaling exponent 20->200 states: N^{slope:.2f}  (target <= ~1.3)  {'OK' if slope <= 1.35 else 'MISSED'}")


if __name__ == "__main__":
    main()
