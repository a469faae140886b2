"""Analytic limits that need an ensemble: Zartman's ripeness and Putnam's two-level game.

- Zartman (2000): talks open only after a mutually hurting stalemate or a decisive shift. Over
  seeded runs of real war scenarios, no month at war that the model judges unripe may open talks
  or a ceasefire, while ripe months do.
- Putnam (1988): a hawkish public shrinks the win-set (audience costs harden the red lines:
  Fearon 1994) and lowers the odds of a settlement, all else equal.
"""

from __future__ import annotations

import numpy as np

from sim.assess import assess
from sim.ensemble import wilson_interval
from sim.model import ConflictModel
from sim.validation.checks import Check, dyad

# --- Zartman ---------------------------------------------------------------------------------
ZARTMAN_SCENARIOS = ("ukraine_2022", "korea_1950")


def _ripeness_sample(model: ConflictModel) -> tuple[int, int, int, int]:
    """(talks opened in ripe months, ripe months at war, opened in unripe months, unripe months)."""
    t = model.model_table()
    phases, ripe = t["phase"].tolist(), t["ripe"].tolist()
    out = [0, 0, 0, 0]
    for s in range(1, len(t)):
        if phases[s - 1] != "war":
            continue
        opened = phases[s] in ("talks", "ceasefire") or (
            phases[s] == "settled" and str(model.final_outcome) == "settlement" and model.outcome_step == s
        )
        k = 0 if ripe[s] else 2
        out[k] += opened
        out[k + 1] += 1
    return tuple(out)


def zartman_check(seeds: int = 20) -> Check:
    runs = [
        ConflictModel(spec, rng=seed).run()
        for seed in range(seeds)
        for spec in (
            *ZARTMAN_SCENARIOS,
            dyad("ripeness", a={"optimism": 0.1}, b={"optimism": 0.1, "lens": "liberalism"}, dispute={"trust": 0.4}),
        )
    ]
    opened_ripe, ripe, opened_unripe, unripe = np.sum([_ripeness_sample(m) for m in runs], axis=0)
    lo, hi = wilson_interval(int(opened_ripe), int(ripe))
    return Check(
        "analytic",
        "Zartman: no talks before a hurting stalemate or a decisive shift",
        "P(talks | unripe month at war) = 0; P(talks | ripe month) > 0",
        f"{opened_unripe}/{unripe} unripe months opened talks; {opened_ripe}/{ripe} ripe months did "
        f"({opened_ripe / max(ripe, 1):.0%}, 95% CI {lo:.0%}–{hi:.0%}); {len(runs)} runs",
        opened_unripe == 0 and opened_ripe > 0,
        "Zartman 2000",
        {
            "opened_ripe": int(opened_ripe),
            "ripe": int(ripe),
            "opened_unripe": int(opened_unripe),
            "unripe": int(unripe),
        },
    )


# --- Putnam ----------------------------------------------------------------------------------
PUTNAM_RED_LINE = 0.4  # each side's red line on the one territorial issue: win-set 0.2 before hardening
PUTNAM_AGE = 12  # the war is a year old at the start: audience costs have begun to accumulate


def putnam_spec(hawkishness: float, months_at_war: int = PUTNAM_AGE):
    public = {"hawkishness": hawkishness}
    return dyad(
        "two_level",
        {},
        {"public": public, "optimism": 0.1},
        {"public": public, "optimism": 0.1, "lens": "liberalism"},
        {
            "phase": "war",
            "trust": 0.5,
            "months_at_war": months_at_war,
            "issues": [
                {"name": "border", "territorial": True, "red_line_a": PUTNAM_RED_LINE, "red_line_b": PUTNAM_RED_LINE}
            ],
        },
        steps=120,
    )


def win_set(hawkishness: float, months: int = 24) -> float:
    """Width of the deals both red lines allow after `months` of war (1 − r'_A − r'_B)."""
    m = ConflictModel(putnam_spec(hawkishness, months), rng=0)
    a = assess(m.world, m.primary, m.params, m.lenses, 0)
    return float(1.0 - a.red_a[0] - a.red_b[0])


def putnam_check(seeds: int = 60) -> Check:
    res = {}
    for label, h in (("dovish", 0.1), ("hawkish", 0.9)):
        outcomes = [str(ConflictModel(putnam_spec(h), rng=s).run().final_outcome) for s in range(seeds)]
        k = sum(o == "settlement" for o in outcomes)
        res[label] = {
            "hawkishness": h,
            "settled": k,
            "n": seeds,
            "share": k / seeds,
            "ci": wilson_interval(k, seeds),
            "win_set_24": win_set(h),
        }
    d, h = res["dovish"], res["hawkish"]
    return Check(
        "analytic",
        "Putnam: a hawkish public shrinks the win-set and lowers settlement odds",
        f"win-set after 24 months smaller and P(settlement) lower with hawkishness 0.9 than 0.1 "
        f"(red lines {PUTNAM_RED_LINE} each, war {PUTNAM_AGE} months old at the start)",
        f"win-set {d['win_set_24']:.2f} → {h['win_set_24']:.2f}; P(settlement) {d['share']:.0%} "
        f"({d['ci'][0]:.0%}–{d['ci'][1]:.0%}) → {h['share']:.0%} ({h['ci'][0]:.0%}–{h['ci'][1]:.0%}), "
        f"{seeds} seeds each",
        h["win_set_24"] < d["win_set_24"] and h["share"] < d["share"],
        "Putnam 1988; Fearon 1994",
        res,
    )
