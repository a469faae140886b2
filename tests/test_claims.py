"""The reference article's claims, each shown as a direction over a seeded ensemble.

Every claim compares two versions of a shipped scenario that differ in one input, run over
the same seeds. Nothing in the model knows about these tests or these scenarios: the
directions must emerge from the mechanisms (see docs/model.md, "How the claims emerge").
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim import LENSES, ConflictModel
from sim.ensemble import run_ensemble

pytestmark = pytest.mark.slow
SEEDS = range(60)
MONITORED = {"disputes.0.monitoring": True, "disputes.0.dmz": True}


def share(runs, outcome: str) -> float:
    return float((runs["outcome"] == outcome).mean())


def ensemble(scenario: str, lens: str = "mixed", **overrides):
    return run_ensemble(scenario, lens, SEEDS, **overrides)


def test_alliance_expansion_raises_tension():
    """Security dilemma: Blue joining the Pact in month 3 raises Red's threat and the dyad's
    tension over the next 20 months, and turns more crises into wars."""
    join = [{"month": 3, "kind": "join", "actor": "Pact", "target": "Blue"}]
    tension = {"joined": [], "baseline": []}
    red_threat = {"joined": [], "baseline": []}
    for seed in range(40):
        for key, events in (("joined", join), ("baseline", [])):
            m = ConflictModel("security_dilemma", rng=seed, steps=24, stop_at_outcome=False, events=events)
            table = m.run().model_table().set_index("step").loc[4:24]
            tension[key].append(table["tension"].mean())
            red_threat[key].append(table["threat_ab"].mean())
    assert np.mean(red_threat["joined"]) > np.mean(red_threat["baseline"]) + 0.1
    assert np.mean(tension["joined"]) > np.mean(tension["baseline"]) + 0.015
    # the spiral: expansion turns more crises into wars that end frozen rather than ongoing
    joined = ensemble("security_dilemma", events=join)
    baseline = ensemble("security_dilemma")
    assert share(joined, "ongoing") < share(baseline, "ongoing") - 0.3


def test_guarantee_reassures_short_term_but_raises_entanglement():
    """A troop-backed guarantee lowers the protected state's threat at once, yet makes
    escalation (a guarantor drawn into the war) more likely over the run."""
    month = 6  # ukraine_2025's guarantee event
    with_g, without_g = [], []
    for seed in range(20):
        for sink, overrides in ((with_g, {}), (without_g, {"events.1.value": 0.0})):
            m = ConflictModel("ukraine_2025", rng=seed, steps=month + 2, stop_at_outcome=False, **overrides)
            m.run()
            sink.append(m.model_table().set_index("step").loc[month + 2, "threat_ba"])
    assert np.mean(with_g) < np.mean(without_g) - 0.02
    guaranteed = run_ensemble("ukraine_2025", "mixed", range(100))
    no_guarantee = run_ensemble("ukraine_2025", "mixed", range(100), **{"events.1.value": 0.0})
    assert share(guaranteed, "escalation") > max(3 * share(no_guarantee, "escalation"), 0.05)


def test_territorial_dispute_makes_frozen_more_likely():
    """The same issue, hardened as homeland territory or not: territory freezes conflicts.

    Pooled over both lenses, since the effect (about ten points) is the same under each."""
    plain_issue = {"disputes.0.issues.0.territorial": False}
    territorial = pd.concat([run_ensemble("ukraine_2022", lens, range(100)) for lens in LENSES])
    plain = pd.concat([run_ensemble("ukraine_2022", lens, range(100), **plain_issue) for lens in LENSES])
    assert share(territorial, "frozen") > share(plain, "frozen") + 0.07
    assert share(territorial, "settlement") < share(plain, "settlement") - 0.07


def _first_pause(seed: int, events: list[dict]) -> int:
    m = ConflictModel("ukraine_2025", rng=seed, events=events).run()
    phases = m.model_table()["phase"].tolist()
    return next((t for t, p in enumerate(phases) if t >= 3 and p != "war"), 10_000)


def test_decisive_battlefield_shift_triggers_talks():
    """A collapse of one side's forces (month 3) makes talks or a ceasefire come sooner."""
    concession = {
        "month": 1,
        "kind": "concession",
        "actor": "Ukraine",
        "target": "Russia",
        "issue": "neutrality",
        "value": 0.0,
    }
    shock = {"month": 3, "kind": "shock", "actor": "Ukraine", "value": -0.5}
    shifted = np.array([_first_pause(s, [concession, shock]) for s in SEEDS])
    steady = np.array([_first_pause(s, [concession]) for s in SEEDS])
    # within five months of the shock, talks or a ceasefire have come far more often
    assert np.mean(shifted <= 8) > np.mean(steady <= 8) + 0.15
    assert np.median(shifted) < np.median(steady)


@pytest.mark.parametrize("lens", ["realism", "liberalism"])
def test_early_concession_weighs_more_than_late(lens):
    """Kyiv's neutrality concession in month 1 versus month 36 of the same war: both theories
    agree that the early one buys more (red lines harden, goodwill decays)."""
    early = ensemble("ukraine_2022", lens, **MONITORED)
    late = ensemble("ukraine_2022", lens, **MONITORED, **{"events.0.month": 36})
    assert share(early, "settlement") > share(late, "settlement") + 0.3


def test_incompatible_demands_block_any_deal():
    """With both sides' red lines on guarantees at 1 there is no bargaining space: no settlement."""
    compatible = ensemble("ukraine_2022", "realism", **MONITORED)
    incompatible = ensemble("ukraine_2022", "realism", **MONITORED, **{"disputes.0.issues.2.red_line_b": 1.0})
    assert share(compatible, "settlement") > 0.3
    assert share(incompatible, "settlement") == 0.0


def test_low_trust_lowers_settlement_odds():
    high = ensemble("ukraine_2022", **{"disputes.0.trust": 0.5})
    low = ensemble("ukraine_2022", **{"disputes.0.trust": 0.05})
    assert share(high, "settlement") > share(low, "settlement") + 0.3


def test_elections_shift_political_will():
    """A war-weary public replaces its leadership at the scheduled election; will moves."""
    weary = {"states.Ukraine.public.support": 0.3, "states.Ukraine.will": 0.7}
    jumps, quiet = [], []
    for seed in range(30):
        for sink, extra in ((jumps, {}), (quiet, {"states.Ukraine.public.election_interval": 0})):
            m = ConflictModel("ukraine_2025", rng=seed, steps=10, stop_at_outcome=False, **weary, **extra).run()
            will = m.agent_table().query("kind == 'state' and name == 'Ukraine'").set_index("step")["will"]
            sink.append(abs(will[9] - will[8]))
    assert np.mean(jumps) > 5 * np.mean(quiet)
    assert np.mean(np.array(jumps) > 0.05) > 0.5


def test_neutrality_dmz_and_monitoring_make_settlement_possible():
    """ukraine_2022 without the neutrality concession and institutions, and with all three."""
    bare = ensemble("ukraine_2022", events=[])
    package = ensemble("ukraine_2022", **MONITORED)
    assert share(package, "settlement") > share(bare, "settlement") + 0.05
    bare_r = ensemble("ukraine_2022", "realism", events=[])
    package_r = ensemble("ukraine_2022", "realism", **MONITORED)
    assert share(bare_r, "settlement") == 0.0
    assert share(package_r, "settlement") > 0.3


def test_lenses_tell_different_stories():
    """Same scenario and seeds: liberalism sees less threat, escalates less, settles more."""
    realism = ensemble("ukraine_2025", "realism")
    liberalism = ensemble("ukraine_2025", "liberalism")
    assert liberalism["mean_tension"].mean() < realism["mean_tension"].mean() - 0.02
    assert share(liberalism, "escalation") < share(realism, "escalation") - 0.08
    r22, l22 = ensemble("ukraine_2022", "realism"), ensemble("ukraine_2022", "liberalism")
    assert share(l22, "settlement") > share(r22, "settlement") + 0.1


@pytest.mark.parametrize(
    ("outcome", "scenario", "lens", "overrides"),
    [
        ("escalation", "ukraine_2025", "mixed", {}),
        ("frozen", "ukraine_2025", "mixed", {}),
        ("settlement", "ukraine_2022", "liberalism", {}),
        ("victory", "ukraine_2025", "mixed", {}),
        ("ongoing", "security_dilemma", "mixed", {}),
        ("frozen", "korea_1950", "mixed", {}),
        ("frozen", "cyprus_1974", "mixed", {}),
    ],
)
def test_every_outcome_is_reachable_from_shipped_scenarios(outcome, scenario, lens, overrides):
    runs = run_ensemble(scenario, lens, range(80), **overrides)
    assert (runs["outcome"] == outcome).any(), runs["outcome"].value_counts().to_dict()
