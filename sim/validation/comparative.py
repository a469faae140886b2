"""Analytic limits that need an ensemble: Zartman's ripeness and Putnam's two-level game.

- Zartman (2000): talks open after a mutually hurting stalemate, when both sides expect a
  ceasefire or the package on the table to be worth more than fighting on. Over seeded runs of
  real war scenarios, months the model judges ripe open talks, a ceasefire or a deal far more
  often than unripe ones; choices are noisy best responses, so unripe months rarely do.
- Putnam (1988): a hawkish public shrinks the win-set (audience costs harden the red lines:
  Fearon 1994) and lowers the odds of a settlement, all else equal.
"""

from __future__ import annotations

import numpy as np

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
    rate_ripe = opened_ripe / max(ripe, 1)
    rate_unripe = opened_unripe / max(unripe, 1)
    return Check(
        "analytic",
        "Zartman: talks open in ripe months (a mutually hurting stalemate), rarely before",
        "P(talks | ripe month) ≥ 5 × P(talks | unripe month), and P(talks | unripe month) ≤ 10%",
        f"{opened_unripe}/{unripe} unripe months opened talks ({rate_unripe:.0%}); "
        f"{opened_ripe}/{ripe} ripe months did "
        f"({rate_ripe:.0%}, 95% CI {lo:.0%}–{hi:.0%}); {len(runs)} runs",
        ripe > 0 and rate_ripe >= 5 * rate_unripe and rate_unripe <= 0.10,
        "Zartman 2000",
        {
            "opened_ripe": int(opened_ripe),
            "ripe": int(ripe),
            "opened_unripe": int(opened_unripe),
            "unripe": int(unripe),
        },
    )


# --- Putnam ----------------------------------------------------------------------------------
PUTNAM_RED_LINE = 0.55  # each side claims more than half: every deal signs some claim away, so audiences matter
PUTNAM_WINDOW = 12  # months within which a deal is counted
PUTNAM_AGE = 12  # the war is a year old at the start: audience costs have begun to accumulate


def putnam_spec(hawkishness: float, months_at_war: int = PUTNAM_AGE):
    public = {"hawkishness": hawkishness}
    return dyad(
        "two_level",
        {},
        {"public": public, "optimism": 0.1, "regime": "democracy"},  # ratification at home: Putnam's level II
        {"public": public, "optimism": 0.1, "lens": "liberalism", "regime": "democracy"},
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
    """The room for agreement after `months` of war: over every split x of the one issue, the
    best of min(u_A(x) - r_A, u_B(x) - r_B), each side's signed value of x over its best option
    without a deal. Positive: a win-set exists, and its size; negative: how far apart they are
    (Putnam 1988: domestic ratification shrinks the win-set)."""
    from sim.lenses.calculus import reserve
    from sim.mechanisms.bargaining import issue_values
    from sim.model.view import assess, penalties

    m = ConflictModel(putnam_spec(hawkishness, months), rng=0)
    d, p = m.primary, m.params
    views = assess(m, d).views
    xs = np.linspace(0.0, 1.0, 201)
    room = np.full_like(xs, np.inf)
    for s, share in ((d.a, xs), (d.b, 1.0 - xs)):
        side = d.side(s)
        claim = d.red_a[0] if side == 0 else d.red_b[0]
        value = issue_values(share, 1.0, claim, penalties(d, m.world, s, p)[0])
        room = np.minimum(room, value - reserve(views[side], m.assumptions[s], p))
    return float(room.max())


def putnam_check(seeds: int = 60) -> Check:
    res = {}
    for label, h in (("dovish", 0.1), ("hawkish", 0.9)):
        runs = [ConflictModel(putnam_spec(h), rng=s).run() for s in range(seeds)]
        # within a year: the win-set decides how soon a deal comes; in the long run audiences fade
        k = sum(str(m.final_outcome) == "settlement" and m.outcome_step <= PUTNAM_WINDOW for m in runs)
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
        "Putnam: a hawkish public shrinks the win-set and lowers the odds of a deal",
        f"room for agreement after 24 months smaller and P(settlement within {PUTNAM_WINDOW} months) lower with "
        "hawkishness 0.9 than 0.1 "
        f"(red lines {PUTNAM_RED_LINE} each, war {PUTNAM_AGE} months old at the start)",
        f"room for agreement {d['win_set_24']:+.2f} → {h['win_set_24']:+.2f}; P(settlement) {d['share']:.0%} "
        f"({d['ci'][0]:.0%}–{d['ci'][1]:.0%}) → {h['share']:.0%} ({h['ci'][0]:.0%}–{h['ci'][1]:.0%}), "
        f"{seeds} seeds each",
        h["win_set_24"] < d["win_set_24"] and h["share"] < d["share"],
        "Putnam 1988; Fearon 1994",
        res,
    )
