"""Generated worlds for benchmarks and stress tests: N states, K alliances, N/2 disputes.

Seeded: the same (n_states, n_alliances, seed) always gives the same scenario.
"""

from __future__ import annotations

import numpy as np

from sim.scenario import Scenario, validate


def generated_world(n_states: int, n_alliances: int, seed: int = 0, steps: int = 120) -> Scenario:
    rng = np.random.default_rng(seed)
    names = [f"S{i:03d}" for i in range(n_states)]
    regimes = rng.choice(["democracy", "hybrid", "autocracy"], n_states)
    states = [
        {
            "name": n,
            "military": float(rng.uniform(0.5, 2.0)),
            "will": float(rng.uniform(0.4, 0.9)),
            "regime": str(r),
            "lens": "realism" if r != "democracy" else "liberalism",
            "optimism": float(rng.uniform(0.0, 0.1)),
            "public": {
                "support": float(rng.uniform(0.4, 0.8)),
                "election_interval": 48 if r == "democracy" else 0,
                "next_election": int(rng.integers(1, 48)),
            },
        }
        for n, r in zip(names, regimes, strict=True)
    ]
    order = rng.permutation(n_states)
    disputes = [
        {
            "sides": [names[order[2 * k]], names[order[2 * k + 1]]],
            "phase": str(rng.choice(["crisis", "war"])),
            "territory_held": float(rng.uniform(0.3, 0.7)),
            "trust": float(rng.uniform(0.1, 0.5)),
            "issues": [
                {"name": "territory", "territorial": True, "red_line_a": 0.4, "red_line_b": 0.4},
                {"name": "alignment", "divisible": False, "salience": 0.5, "red_line_a": 1.0},
            ],
        }
        for k in range(n_states // 2)
    ]
    groups = np.array_split(rng.permutation(n_states), n_alliances)
    alliances = [
        {
            "name": f"A{k}",
            "members": [names[i] for i in g[: max(1, len(g) // 2)]],
            "protects": [names[i] for i in g[max(1, len(g) // 2) :]],
            "guarantee": "multilateral",
            "aid": 0.005,
        }
        for k, g in enumerate(groups)
    ]
    raw = {
        "name": f"world_{n_states}x{n_alliances}",
        "steps": steps,
        "states": states,
        "alliances": alliances,
        "disputes": disputes,
    }
    return validate(raw, f"generated world {n_states}x{n_alliances}")
