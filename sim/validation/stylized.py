"""Stylized facts from the empirical literature as ensemble targets (THEORY.md).

The population is the case library (`scenarios/history/`): real dyads with sourced initial
conditions, each run over the same seeds under its own lens, pooled with equal weight. The
library's historical endings (4 frozen, 3 victories, 2 settlements of 9) are close to the
shares the literature reports, so pooled simulated shares can be set beside them. Experiments
change one input across the whole library (monitoring and a DMZ; a third-party guarantor) and
compare. Every fact states its source, the direction or band expected, the simulated value
with a Wilson 95% interval, and a verdict. Nothing in the model is tuned per fact.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from sim.ensemble import wilson_interval
from sim.model import ConflictModel
from sim.scenario import Scenario, validate
from sim.validation.checks import Check
from sim.validation.history import case_files, load_case

SOURCES = {
    "endings": "UCDP-based count of 75 armed conflicts ending 1989-99: 21 agreements, 22 victories, "
    "32 dormant (THEORY.md fact 5); Fazal 2013; Fortna 2009",
    "duration": "Fearon 2004 (median COW interstate war 4-5 months; under 3 months after 1945); Bennett & Stam 1996",
    "ceasefire": "Fortna 2003, 2004 (Peace Time): almost half of interstate ceasefires since 1945 failed; "
    "demilitarised zones and monitors make peace last longer",
    "guarantee": "Walter 1997, 2002: negotiations succeed when a third party guarantees the deal "
    "(civil wars: an upper bound for interstate wars)",
    "escalation": "Vasquez & Henehan 2001 (~): escalation is rare (THEORY.md fact 8, from memory)",
}


OVERRIDES: dict[str, Any] = {}  # global `--set` overrides for the whole library (set by fact_checks)


def library() -> list[Scenario]:
    return [load_case(p, OVERRIDES)[1] for p in case_files()]


def _share(k: int, n: int) -> str:
    lo, hi = wilson_interval(k, n)
    return f"{k / n:.0%} (95% CI {lo:.0%}–{hi:.0%}, n={n})"


def _variant(spec: Scenario, **changes: Any) -> Scenario:
    raw = spec.model_dump(mode="json")
    for key, value in changes.items():
        if key.startswith("dispute_"):
            raw["disputes"][0][key.removeprefix("dispute_")] = value
        else:
            raw[key] = value
    return validate(raw, spec.name)


def _runs(specs: list[Scenario], seeds: int) -> list[ConflictModel]:
    return [ConflictModel(s, rng=seed).run() for s in specs for seed in range(seeds)]


def _z_greater(k1: int, n1: int, k2: int, n2: int) -> float:
    """One-sided two-proportion z statistic for p1 > p2 (pooled variance)."""
    p = (k1 + k2) / (n1 + n2)
    se = math.sqrt(max(p * (1 - p) * (1 / n1 + 1 / n2), 1e-12))
    return (k1 / n1 - k2 / n2) / se


# --- how wars end ----------------------------------------------------------------------------
ENDING_BANDS = {  # literature share (UCDP 1989-99 count) and the band counted as a pass
    "victory": (22 / 75, (0.15, 0.45)),
    "settlement": (21 / 75, (0.15, 0.45)),
    "frozen": (32 / 75, (0.25, 0.60)),
}


def ending_checks(seeds: int) -> list[Check]:
    runs = _runs(library(), seeds)
    n = len(runs)
    counts = {
        o: sum(str(m.final_outcome) == o for m in runs) for o in ("victory", "settlement", "frozen", "escalation")
    }
    out = []
    for outcome, (lit, (lo, hi)) in ENDING_BANDS.items():
        k = counts[outcome]
        out.append(
            Check(
                "facts",
                f"How wars end: {outcome} share",
                f"≈ {lit:.0%} of endings (band {lo:.0%}–{hi:.0%})",
                _share(k, n),
                lo <= k / n <= hi,
                SOURCES["endings"],
                {"count": k, "n": n, "literature": lit, "band": [lo, hi]},
            )
        )
    k = counts["escalation"]
    out.append(
        Check(
            "facts",
            "Escalation (a widened war) is rare",
            "≤ 10% of runs",
            _share(k, n),
            k / n <= 0.10,
            SOURCES["escalation"],
            {"count": k, "n": n},
        )
    )
    durations = []
    for m in runs:  # months of fighting until the fighting first stops (any phase but war/talks)
        if m.spec.disputes[0].phase != "war":
            continue
        phases = m.model_table()["phase"].tolist()[1:]
        stop = next((i for i, ph in enumerate(phases) if ph not in ("war", "talks")), None)
        durations.append(stop + 1 if stop is not None else len(phases))
    med = float(np.median(durations)) if durations else float("nan")
    out.append(
        Check(
            "facts",
            "War duration: median months until the fighting first stops",
            "median ≤ 12 months (COW median 4–5; post-1945 under 3)",
            f"median {med:.0f} months (interquartile {np.percentile(durations, 25):.0f}–"
            f"{np.percentile(durations, 75):.0f}, n={len(durations)} runs that start at war)",
            med <= 12,
            SOURCES["duration"],
            {"median": med, "n": len(durations)},
        )
    )
    return out


# --- ceasefires (Fortna) -----------------------------------------------------------------------
def ceasefire_runs(seeds: int, strong: bool) -> tuple[int, int]:
    """(ceasefires that broke down, ceasefires) when every case starts in a ceasefire."""
    specs = [
        _variant(s, events=[], dispute_phase="ceasefire", dispute_monitoring=strong, dispute_dmz=strong)
        for s in library()
    ]
    runs = _runs(specs, seeds)
    broke = sum("war" in m.model_table()["phase"].tolist() for m in runs)
    return broke, len(runs)


def ceasefire_checks(seeds: int) -> list[Check]:
    bare_k, bare_n = ceasefire_runs(seeds, strong=False)
    strong_k, strong_n = ceasefire_runs(seeds, strong=True)
    z = _z_greater(bare_k, bare_n, strong_k, strong_n)
    return [
        Check(
            "facts",
            "Ceasefires: about half of bare ceasefires break down",
            "share of bare ceasefires in which fighting resumes: 30%–70%",
            _share(bare_k, bare_n),
            0.30 <= bare_k / bare_n <= 0.70,
            SOURCES["ceasefire"],
            {"broke": bare_k, "n": bare_n},
        ),
        Check(
            "facts",
            "Ceasefires: monitoring and a DMZ make them last",
            "breakdown share lower with monitoring + DMZ (one-sided z ≥ 1.64)",
            f"bare {_share(bare_k, bare_n)} vs monitored + DMZ {_share(strong_k, strong_n)}; z = {z:.1f}",
            z >= 1.64,
            SOURCES["ceasefire"],
            {"bare": [bare_k, bare_n], "strong": [strong_k, strong_n], "z": z},
        ),
    ]


# --- third-party guarantees (Walter) -----------------------------------------------------------
def guaranteed(spec: Scenario) -> Scenario:
    """The case with a credible third party guaranteeing both sides (no troops: an enforcer,
    not a tripwire)."""
    raw = spec.model_dump(mode="json")
    sides = list(raw["disputes"][0]["sides"])
    raw["states"].append({"name": "Guarantor", "military": 1.0, "regime": "democracy", "lens": "liberalism"})
    raw["alliances"].append(
        {
            "name": "Guarantor",
            "members": ["Guarantor"],
            "protects": sides,
            "cohesion": 0.9,
            "credibility": 0.9,
            "guarantee": "multilateral",
            "troops": False,
        }
    )
    return validate(raw, spec.name)


def guarantee_check(seeds: int) -> Check:
    plain = _runs(library(), seeds)
    backed = _runs([guaranteed(s) for s in library()], seeds)
    k0 = sum(str(m.final_outcome) == "settlement" for m in plain)
    k1 = sum(str(m.final_outcome) == "settlement" for m in backed)
    z = _z_greater(k1, len(backed), k0, len(plain))
    return Check(
        "facts",
        "Third-party guarantees raise settlement odds",
        "P(settlement) higher with a guarantor of both sides (one-sided z ≥ 1.64)",
        f"without {_share(k0, len(plain))} vs with {_share(k1, len(backed))}; z = {z:.1f}",
        z >= 1.64,
        SOURCES["guarantee"],
        {"without": [k0, len(plain)], "with": [k1, len(backed)], "z": z},
    )


FACTS: dict[str, Callable[[int], list[Check]]] = {
    "endings": ending_checks,
    "ceasefire": ceasefire_checks,
    "guarantee": lambda seeds: [guarantee_check(seeds)],
}


def fact_checks(seeds: int = 30, overrides: dict[str, Any] | None = None) -> list[Check]:
    """Every stylized fact, each case run over `seeds` seeds, with optional global overrides."""
    OVERRIDES.clear()
    OVERRIDES.update(overrides or {})
    try:
        return [c for fn in FACTS.values() for c in fn(seeds)]
    finally:
        OVERRIDES.clear()
