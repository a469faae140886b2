"""Stylized facts from the empirical literature as ensemble targets (THEORY.md).

The population is generated (`sim.generate.war_population`): interstate wars drawn from
documented distributions of power ratios, regimes, stakes, patrons, mediators and nuclear
status, each run once with its own seed under the lens of each state's regime, with the same
defaults as every scenario. The literature's shares of endings, durations and the odds of the
stronger side are set beside the simulated ones; experiments change one input across the whole
population (a bare ceasefire against one with monitors and a DMZ; a third-party guarantor) and
compare. Every fact states its source, the band expected, the simulated value with a Wilson 95%
interval, and a verdict. Nothing in the model is tuned per fact.

Every run of every fact is planned first (`fact_runs`) and run in one ensemble
(`sim.validation.runner`, in worker processes if asked); the checks read the runs' summaries.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from sim.ensemble import wilson_interval
from sim.generate import war_population
from sim.scenario import Scenario, load_scenario, validate
from sim.validation.checks import Check
from sim.validation.runner import RunSummary, run_ensemble, split

SOURCES = {
    "endings": "UCDP-based count of 75 armed conflicts ending 1989-99: 21 agreements, 22 victories, "
    "32 dormant (THEORY.md fact 5); Fazal 2013; Fortna 2009",
    "duration": "Fearon 2004 (median COW interstate war 4-5 months; under 3 months after 1945); "
    "Bennett & Stam 1996 (a long right tail)",
    "power": "Bennett & Stam 1996; Reiter 2009; Reiter & Stam 2002 (the stronger side wins most wars)",
    "ceasefire": "Fortna 2003, 2004 (Peace Time): almost half of interstate ceasefires since 1945 failed; "
    "demilitarised zones and monitors make peace last longer",
    "guarantee": "Walter 1997, 2002: negotiations succeed when a third party guarantees the deal "
    "(civil wars: an upper bound for interstate wars)",
    "escalation": "Vasquez & Henehan 2001 (~): escalation is rare (THEORY.md fact 8, from memory)",
}
WARS_PER_SEED = 50  # `--seeds k` runs a population of 50 k wars (500 at the default 10)
EXPERIMENT_SHARE = 0.4  # share of the population used in the ceasefire and guarantee experiments


def population(seeds: int, overrides: dict[str, Any] | None = None) -> list[Scenario]:
    """50 x `seeds` generated wars, with global `--set` overrides applied to every one."""
    wars = war_population(WARS_PER_SEED * seeds, seed=0)
    if not overrides:
        return wars
    return [load_scenario(w, overrides) for w in wars]


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


def _z_greater(k1: int, n1: int, k2: int, n2: int) -> float:
    """One-sided two-proportion z statistic for p1 > p2 (pooled variance)."""
    p = (k1 + k2) / (n1 + n2)
    se = math.sqrt(max(p * (1 - p) * (1 / n1 + 1 / n2), 1e-12))
    return (k1 / n1 - k2 / n2) / se


# --- how wars end ----------------------------------------------------------------------------
ENDING_BANDS = {  # literature share and the band counted as a pass (within 10 points)
    "victory": (22 / 75, (0.20, 0.40)),
    "settlement": (21 / 75, (0.15, 0.40)),
    "frozen": (32 / 75, (0.30, 0.53)),
}


def duration(run: RunSummary) -> int:
    """Months of fighting until the fighting first stops (a ceasefire or an ending)."""
    phases = run.phases[1:]
    stop = next((i for i, ph in enumerate(phases) if ph not in ("war", "talks")), None)
    return stop + 1 if stop is not None else len(phases)


def prevailed(run: RunSummary, state: int) -> bool:
    """`state` (0 or 1) won: a victory of its own, or the war ended with it holding its war aims."""
    if run.ending is None:
        return False
    if run.ending == "victory":
        return run.winner == state
    return run.ending in ("frozen", "settlement") and run.shares[state] >= run.aims[state] - 0.02


def stronger_side(spec: Scenario) -> tuple[int, float]:
    """The stronger of the two sides by capability (quality x forces^2) and the ratio."""
    a, b = spec.states[0], spec.states[1]
    cap = [a.quality * a.military**2, b.quality * b.military**2]
    strong = int(cap[1] > cap[0])
    return strong, cap[strong] / cap[1 - strong]


def ending_checks(specs: list[Scenario], runs: list[RunSummary]) -> list[Check]:
    """How the population's wars end, how long they last, and how often the stronger side wins."""
    n = len(runs)
    counts = {o: sum(r.outcome == o for r in runs) for o in ("victory", "settlement", "frozen", "escalation")}
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
            "≤ 10% of wars",
            _share(k, n),
            k / n <= 0.10,
            SOURCES["escalation"],
            {"count": k, "n": n},
        )
    )
    months = np.array([duration(r) for r in runs])
    med, p90 = float(np.median(months)), float(np.percentile(months, 90))
    out.append(
        Check(
            "facts",
            "War duration: median months until the fighting first stops, with a long tail",
            "median 3–8 months (COW median 4–5; post-1945 under 3) and a 90th percentile ≥ 3 × the median",
            f"median {med:.0f} months (interquartile {np.percentile(months, 25):.0f}–{np.percentile(months, 75):.0f}, "
            f"90th percentile {p90:.0f}, n={n})",
            3 <= med <= 8 and p90 >= 3 * med,
            SOURCES["duration"],
            {"median": med, "p90": p90, "n": n},
        )
    )
    strong = [(r, stronger_side(s)) for r, s in zip(runs, specs, strict=True)]
    lopsided = [(r, side) for r, (side, ratio) in strong if ratio >= 3.0]
    k = sum(prevailed(r, side) for r, side in lopsided)
    out.append(
        Check(
            "facts",
            "The stronger side (capability 3:1 or more) wins most of its wars",
            "share won by the stronger side > 50% (victory, or the war ends with it holding its war aims)",
            _share(k, max(len(lopsided), 1)),
            bool(lopsided) and k / len(lopsided) > 0.5,
            SOURCES["power"],
            {"won": k, "n": len(lopsided)},
        )
    )
    return out


# --- ceasefires (Fortna) -----------------------------------------------------------------------
def experiment_population(wars: list[Scenario]) -> list[Scenario]:
    """The first share of the population, used in the ceasefire and guarantee experiments."""
    return wars[: max(20, int(EXPERIMENT_SHARE * len(wars)))]


def resumed_after_ceasefire(phases: list[str]) -> bool | None:
    """Whether the fighting resumed after the first ceasefire the sides reached in a war
    (None: the war never reached one). Fortna counts ceasefires that end a spell of fighting."""
    for k in range(1, len(phases)):
        if phases[k] == "ceasefire" and phases[k - 1] in ("war", "talks"):
            return "war" in phases[k:]
    return None


def ceasefire_variant(spec: Scenario, strong: bool) -> Scenario:
    """The case with or without monitors and a DMZ along the line from the start."""
    return _variant(spec, dispute_monitoring=strong, dispute_dmz=strong)


def ceasefire_fates(runs: list[RunSummary]) -> tuple[int, int]:
    """(ceasefires that broke down, ceasefires reached after fighting) across the runs."""
    fates = [resumed_after_ceasefire(list(r.phases)) for r in runs]
    reached = [f for f in fates if f is not None]
    return sum(reached), len(reached)


def ceasefire_checks(bare: list[RunSummary], monitored: list[RunSummary]) -> list[Check]:
    bare_k, bare_n = ceasefire_fates(bare)
    strong_k, strong_n = ceasefire_fates(monitored)
    z = _z_greater(bare_k, bare_n, strong_k, strong_n)
    return [
        Check(
            "facts",
            "Ceasefires: about half of bare ceasefires break down",
            "share of ceasefires reached after fighting (no monitors, no DMZ) in which the fighting resumes: 30%–70%",
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


def guarantee_check(plain: list[RunSummary], backed: list[RunSummary]) -> Check:
    k0 = sum(r.outcome == "settlement" for r in plain)
    k1 = sum(r.outcome == "settlement" for r in backed)
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


def fact_runs(wars: list[Scenario]) -> dict[str, list[Scenario]]:
    """Every run the facts need, by group; a group's runs take seeds 0, 1, ... in order. The
    guarantee experiment's runs without a guarantor are the first runs of the population (the
    same wars with the same seeds), so they are not run twice."""
    trial = experiment_population(wars)
    return {
        "population": wars,
        "bare": [ceasefire_variant(s, strong=False) for s in trial],
        "monitored": [ceasefire_variant(s, strong=True) for s in trial],
        "guaranteed": [guaranteed(s) for s in trial],
    }


def fact_checks(
    seeds: int = 10, overrides: dict[str, Any] | None = None, workers: int | None = 1, progress: bool = False
) -> list[Check]:
    """Every stylized fact over a population of 50 x `seeds` wars, with optional global overrides.

    `workers`: processes to run the wars in (1: here; None: all cores); the checks are the same
    for any number. `progress`: a progress bar on stderr when it is a terminal.
    """
    wars = population(seeds, overrides)
    groups = fact_runs(wars)
    tasks = [(spec, seed) for specs in groups.values() for seed, spec in enumerate(specs)]
    summaries = run_ensemble(tasks, workers, phases=True, progress=progress, label="stylized facts")
    runs = dict(zip(groups, split(summaries, [len(g) for g in groups.values()]), strict=True))
    plain = runs["population"][: len(runs["guaranteed"])]
    return [
        *ending_checks(wars, runs["population"]),
        *ceasefire_checks(runs["bare"], runs["monitored"]),
        guarantee_check(plain, runs["guaranteed"]),
    ]
