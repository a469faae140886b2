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


# --- a population of wars (stylized-fact validation) ----------------------------------------
# Each entry: what is drawn, its distribution, and where the distribution comes from. Figures
# marked (~) are from memory of the cited works and are stated as such in docs/validation.md.
POPULATION_SOURCES = {
    "power_ratio": "capability ratio stronger:weaker ~ lognormal, median 2, 30% at 3:1 or more "
    "(COW NMC/CINC of interstate war dyads; Bennett & Stam 1996; Reiter 2009) (~)",
    "initiator_stronger": "the initiator is the stronger side in about two thirds of wars (Reiter & Stam 2002) (~)",
    "regime": "democracy 25%, hybrid 30%, autocracy 45% of war participants (Polity IV; Reiter & Stam 2002) (~)",
    "territorial": "about 55% of interstate wars are fought over territory (Holsti 1991; Vasquez & Henehan 2001) (~)",
    "indivisible": "a second, indivisible issue (alignment, regime) in 30% of wars (Goddard 2006) (~)",
    "nuclear": "one side nuclear-armed in 10% of dyads (post-1945 share of COW wars) (~)",
    "patron": "a major-power patron arming one side in 35% of wars (Pressman 2008; COW) (~)",
    "mediator": "third-party mediation in about half of interstate wars (Bercovitch 1996; Frazier & Dixon 2006) (~)",
    "optimism": "each side's optimism ~ N(0.05, 0.07): mutual optimism is common (Blainey 1973; Johnson 2004)",
    "aims": "limited aims: the initiator fights for 40-100% of the region it claims (Reiter 2009)",
}


def _war(rng: np.random.Generator, k: int) -> dict:
    ratio = float(np.exp(abs(rng.normal(np.log(2.0), 0.78))))  # capability stronger : weaker, >= 1
    initiator_stronger = rng.random() < 0.65
    # capability (CINC) compares like square-law strength, quality x forces^2, so forces go as its root
    mil_a, mil_b = (np.sqrt(ratio), 1.0) if initiator_stronger else (1.0, np.sqrt(ratio))
    regimes = rng.choice(["democracy", "hybrid", "autocracy"], 2, p=[0.25, 0.30, 0.45])
    nuclear = rng.random() < 0.10
    held = float(rng.uniform(0.0, 0.3))
    aim = float(rng.uniform(0.4, 1.0))
    territorial = bool(rng.random() < 0.55)

    def state(name: str, military: float, regime: str, nuke: bool) -> dict:
        return {
            "name": name,
            "military": float(military),
            "resources": float(military**2 * rng.uniform(0.7, 1.3)),
            "quality": float(np.exp(rng.normal(0.0, 0.2))),
            "will": float(rng.uniform(0.5, 0.85)),
            "regime": str(regime),
            "lens": "liberalism" if regime == "democracy" else "realism",
            "optimism": float(np.clip(rng.normal(0.05, 0.07), -0.2, 0.3)),
            "nuclear": bool(nuke),
            "public": {
                "support": float(rng.uniform(0.5, 0.8)),
                "casualty_sensitivity": float(rng.uniform(0.2, 0.7)),
                "cost_sensitivity": float(rng.uniform(0.2, 0.6)),
                "hawkishness": float(rng.uniform(0.3, 0.7)),
                "rally": float(rng.uniform(0.05, 0.15)),
                "election_interval": 48 if regime == "democracy" else 0,
                "next_election": int(rng.integers(6, 48)) if regime == "democracy" else 0,
            },
        }

    nuke_side = int(rng.integers(2))
    states = [
        state("A", mil_a, regimes[0], nuclear and nuke_side == 0),
        state("B", mil_b, regimes[1], nuclear and nuke_side == 1),
    ]
    issues = [
        {
            "name": "territory" if territorial else "policy",
            "territorial": territorial,
            "salience": 1.0,
            "red_line_a": float(aim * rng.uniform(0.6, 1.0)),
            "red_line_b": float((1.0 - held) * rng.uniform(0.7, 1.0)),
        }
    ]
    if rng.random() < 0.3:
        issues.append(
            {
                "name": "alignment",
                "divisible": False,
                "salience": float(rng.uniform(0.3, 0.8)),
                "red_line_a": 1.0,
                "red_line_b": float(rng.choice([0.0, 1.0])),
                "status_quo": 0.0,
            }
        )
    alliances = []
    if rng.random() < 0.35:
        client = "A" if rng.random() < 0.5 else "B"
        states.append(
            {
                "name": "Patron",
                "military": float(2 * ratio),
                "regime": "democracy",
                "lens": "liberalism",
                "nuclear": bool(rng.random() < 0.5),
            }
        )
        alliances.append(
            {
                "name": "Patronage",
                "members": ["Patron"],
                "protects": [client],
                "aid": float(rng.uniform(0.005, 0.02)),
                "pressure": float(rng.uniform(0.0, 0.6)),
                "credibility": float(rng.uniform(0.3, 0.8)),
                "guarantee": "none",
            }
        )
    return {
        "name": f"war_{k:04d}",
        "steps": 120,
        "default_lens": "mixed",
        "states": states,
        "alliances": alliances,
        "disputes": [
            {
                "sides": ["A", "B"],
                "phase": "war",
                "territory_held": held,
                "intensity": float(rng.uniform(0.35, 0.8)),
                "trust": float(rng.uniform(0.05, 0.35)),
                "stakes": [float(rng.uniform(0.5, 2.0)), float(rng.uniform(0.5, 2.0))],
                "aim_a": aim,
                "mediator": bool(rng.random() < 0.5),
                "trade": float(rng.beta(1.0, 6.0)),
                "issues": issues,
            }
        ],
    }


def war_population(n: int = 500, seed: int = 0) -> list[Scenario]:
    """`n` interstate wars drawn from the documented distributions in `POPULATION_SOURCES`.

    A is the initiator. Each state takes the lens of its regime (democracies liberal, others
    realist), so `mixed` runs the population. Seeded: the same (n, seed) gives the same wars.
    """
    rng = np.random.default_rng(seed)
    return [validate(_war(rng, k), f"generated war {k}") for k in range(n)]
