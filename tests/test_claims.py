"""The reference article's claims, each shown as an effect over seeded runs, with its ablation.

Every claim compares two versions of the same wars that differ in one input, run over the same
seeds (common random numbers), then repeats the comparison with the mechanism that should
produce the effect switched off: the effect must be gone (its "ablation twin"). Most claims run
on a slice of the generated population of wars (`sim.generate.war_population`), so they hold
for wars in general, not for one scenario; the security dilemma, the concession and the
election run on the shipped scenarios the article is about. Nothing in the model knows about
these tests: the directions emerge from the mechanisms (docs/model.md, "How the claims emerge").
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from sim import ConflictModel
from sim.generate import war_population
from sim.mechanisms.outcomes import Outcome

pytestmark = pytest.mark.slow
WARS = 60  # a fresh slice of the population: seed 7 is not the one the defaults were set on
OFF = {
    "territory": {"territorial_hardening": 0.0},
    "demands": {"loss_aversion": 0.0},
    "trust": {"renege_base": 0.0},
    "institutions": {"institution_weight_realism": 0.0, "institution_weight_liberalism": 0.0},
    "entanglement": {"entanglement_rate": 0.0},
    "reassurance": {"reassurance": 0.0},
}


@cache
def wars() -> tuple:
    return tuple(war_population(WARS, seed=7))


def run_wars(change=None, **params) -> list[ConflictModel]:
    out = []
    for k, w in enumerate(wars()):
        overrides = dict(params)
        if change is not None:
            overrides.update(change(w))
        out.append(ConflictModel(w, rng=k, **overrides).run())
    return out


def share(runs, outcome: str) -> float:
    return float(np.mean([str(m.final_outcome) == outcome for m in runs]))


MANY = 300  # for the two claims whose effect is a few points: a paired test over more wars


@cache
def many_wars() -> tuple:
    return tuple(war_population(MANY, seed=7))


def paired_z(first: list[bool], second: list[bool]) -> float:
    """McNemar's one-sided z for "more often in `first` than in `second`", the same wars paired."""
    gained = sum(a and not b for a, b in zip(first, second, strict=True))
    lost = sum(b and not a for a, b in zip(first, second, strict=True))
    return (gained - lost) / np.sqrt(gained + lost) if gained + lost else 0.0


@cache
def arms(claim: str, ablated: bool) -> tuple[list, list]:
    """(with the input, without it) for one claim, with its mechanism on or off."""
    params = OFF[claim] if ablated else {}
    if claim == "reassurance":
        return run_wars(guarantor(troops=True), **params), run_wars(**params)
    raise KeyError(claim)  # pragma: no cover


def guarantor(troops: bool):
    """The war with a third party's Article-5 guarantee to the defender, with or without troops."""

    def change(w):
        raw = w.model_dump(mode="json")
        states = raw["states"] + [{"name": "Guarantor", "military": 3.0, "regime": "democracy", "lens": "liberalism"}]
        pledge = {
            "name": "Pledge",
            "members": ["Guarantor"],
            "protects": ["B"],
            "guarantee": "article5",
            "troops": troops,
            "credibility": 0.8,
            "cohesion": 0.8,
        }
        return {"states": states, "alliances": raw["alliances"] + [pledge]}

    return change


# --- territory, demands, trust, institutions: the bargaining claims ------------------------------
def test_territory_is_the_sticking_point_territorial_wars_freeze():
    """Homeland territory is hard to sign away: more wars end frozen (paired over the same many
    wars, z >= 1.64), and fewer of the ones that stop end in a deal. Ablation:
    territorial_hardening = 0, and the two arms end alike. (Over the 60-war slice the deal
    share differed by a point either way: too few wars for it.)"""

    def territorial_endings(territorial: bool, **params) -> list[str]:
        return endings(**{"disputes.0.issues.0.territorial": territorial}, **params)

    def deal_share(runs: list[str]) -> float:
        return runs.count("settlement") / max(runs.count("settlement") + runs.count("frozen"), 1)

    terr, plain = territorial_endings(True), territorial_endings(False)
    assert paired_z([o == "frozen" for o in terr], [o == "frozen" for o in plain]) >= 1.64
    assert deal_share(terr) < deal_share(plain) - 0.02
    off = OFF["territory"]
    assert territorial_endings(True, **off) == territorial_endings(False, **off)


def endings(**overrides) -> list[str]:
    """How each of the many wars ends (in order, so two calls pair up)."""
    return [str(ConflictModel(w, rng=k, **overrides).run().final_outcome) for k, w in enumerate(many_wars())]


def settled(**overrides) -> list[bool]:
    """Whether each of the many wars ends in a settlement."""
    return [o == Outcome.SETTLEMENT for o in endings(**overrides)]


def settled_with_claims(claim: float, **params) -> list[bool]:
    """Whether each war settles within five years when both sides claim `claim` of the ground."""
    over = {"disputes.0.issues.0.red_line_a": claim, "disputes.0.issues.0.red_line_b": claim}
    return settled(steps=60, **over, **params)


def test_incompatible_demands_mean_fewer_deals():
    """Claims of 0.95 each on the same ground (Mearsheimer's "polar opposites") against claims
    of 0.3: fewer settlements, the same wars paired. Claims are reference points, not vetoes,
    so this is an effect, not a rule. Ablation: loss_aversion = 0 (a claim signed away costs
    nothing extra): the difference is gone. Not to the last war: the claims are still the points
    where the mediator's package search looks (`bargaining.candidate_shares`), so a package may
    differ by a hair and a choice with it."""
    low, high = settled_with_claims(0.3), settled_with_claims(0.95)
    assert paired_z(low, high) >= 1.64
    off = OFF["demands"]
    low_off, high_off = settled_with_claims(0.3, **off), settled_with_claims(0.95, **off)
    assert abs(sum(low_off) - sum(high_off)) <= 2 < sum(low) - sum(high)
    assert sum(a != b for a, b in zip(low_off, high_off, strict=True)) <= 0.02 * len(low_off)


def settled_with_trust(trust: float, **params) -> list[bool]:
    """Whether each war ends in a settlement when the sides start from `trust` in each other."""
    return settled(**{"disputes.0.trust": trust}, **params)


def test_scarce_trust_lowers_the_odds_of_a_deal():
    """Trust 0.02 against 0.6: fewer settlements, the same wars paired. Since a deal signed in a
    ceasefire is trusted at least as far as the ceasefire (`truce_precedent`), trust works
    through fewer channels and the effect (about ten points) is measured over 300 wars, not 60.
    Ablation: renege_base = 0 (promises always kept): scarce trust no longer costs deals. Trust
    still steadies ceasefires (`bargaining.ceasefire_breakdown`), so with scarce trust fewer
    wars freeze and some of them settle instead: what is left of the difference, if anything,
    runs the other way."""
    assert paired_z(settled_with_trust(0.6), settled_with_trust(0.02)) >= 1.64
    off = OFF["trust"]
    assert paired_z(settled_with_trust(0.6, **off), settled_with_trust(0.02, **off)) < 1.64


def settled_with_a_mediator(**params) -> list[bool]:
    """Whether each war, given a mediator, ends in a settlement."""
    return settled(**{"disputes.0.mediator": True}, **params)


def test_monitors_and_a_dmz_on_the_table_make_a_settlement_possible():
    """A mediator can add monitoring and a DMZ to a package; when they make promises credible,
    more wars settle (the same wars paired; a few points since a deal signed in a ceasefire is
    trusted at least as far as the ceasefire, so measured over 300 wars). Ablation: no lens
    believes in institutions (institution_weight = 0): the same wars settle either way."""
    worthless = {"monitoring_credibility": 0.0, "dmz_credibility": 0.0}
    assert paired_z(settled_with_a_mediator(), settled_with_a_mediator(**worthless)) >= 1.64
    off = OFF["institutions"]
    assert settled_with_a_mediator(**off) == settled_with_a_mediator(**worthless, **off)


# --- guarantees: reassurance now, entanglement later ------------------------------------------
def test_a_guarantee_reassures_the_protected_state_at_once():
    """The month a guarantee is in place, the defender's threat is lower than without one.
    Ablation: reassurance = 0."""
    guaranteed, bare = arms("reassurance", False)
    threat = lambda runs: np.mean([m.model_table()["threat_ba"].iloc[1] for m in runs])  # noqa: E731
    assert threat(guaranteed) < threat(bare) - 0.05
    guaranteed, bare = arms("reassurance", True)
    assert threat(guaranteed) >= threat(bare) - 0.01


@cache
def widened(troops: bool, ablated: bool) -> tuple[list[bool], list[bool]]:
    """For each of the many wars, with a guarantee with or without troops: (the war widened,
    the guarantor chose to enter it)."""
    change, params = guarantor(troops), OFF["entanglement"] if ablated else {}
    runs = [ConflictModel(w, rng=k, **change(w), **params).run() for k, w in enumerate(many_wars())]
    return (
        [str(m.final_outcome) == Outcome.ESCALATION for m in runs],
        [m.primary.outcome_reason.startswith("Pledge decides to enter") for m in runs],
    )


def test_troops_on_the_ground_entangle_the_guarantor():
    """The control is the same guarantee without troops, not no guarantee: troops make a widened
    war (the guarantor enters) more likely, the same wars paired. A few points, so measured over
    300 wars. Ablation: entanglement_rate = 0."""
    (esc_troops, in_troops), (esc_paper, in_paper) = widened(True, False), widened(False, False)
    assert np.mean(esc_troops) > np.mean(esc_paper) + 0.05 and paired_z(esc_troops, esc_paper) >= 1.64
    assert np.mean(in_troops) > np.mean(in_paper) + 0.05 and paired_z(in_troops, in_paper) >= 1.64
    (esc_troops, in_troops), (esc_paper, in_paper) = widened(True, True), widened(False, True)
    assert not any(in_troops) and not any(in_paper)
    # a war can still widen by the belligerents' own escalation, about equally with or without
    # troops (not to the last war: troops change more than the guarantor's choice to enter, so
    # a run can take another path)
    assert abs(np.mean(esc_troops) - np.mean(esc_paper)) <= 0.01


# --- decisive shifts open talks -----------------------------------------------------------------
def signed_within_a_year(shock: str) -> list[bool | None]:
    """For each war still going at month 4: whether it ends in signed terms (a settlement, or
    terms the loser accepts) by month 16, when in month 4 the weaker side loses half its forces
    (`weaker`), both sides do (`both`) or neither does (None: the war was over by month 4)."""
    out: list[bool | None] = []
    for k, w in enumerate(many_wars()):
        names = [st.name for st in w.states[:2]]
        weaker = min(w.states[:2], key=lambda st: st.military).name
        hit = {"weaker": [weaker], "both": names, "none": []}[shock]
        events = [e.model_dump(mode="json") for e in w.events]
        events += [{"month": 4, "kind": "shock", "actor": name, "value": -0.5} for name in hit]
        m = ConflictModel(w, rng=k, steps=16, events=events).run()
        over = m.outcome_step is not None and m.outcome_step <= 4
        out.append(None if over else m.primary.deal is not None)
    return out


def test_a_decisive_shift_opens_talks():
    """'Real negotiations only gain traction after decisive battlefield shifts': when the weaker
    side loses half its forces, more wars end in signed terms within a year (the same wars
    paired). The twin keeps the losses and removes the shift (both sides lose half): no
    significant rise, and the shift beats it."""
    runs = {k: signed_within_a_year(k) for k in ("none", "weaker", "both")}
    going = [i for i, x in enumerate(runs["none"]) if x is not None and runs["weaker"][i] is not None]
    pick = lambda arm: [bool(runs[arm][i]) for i in going]  # noqa: E731
    assert paired_z(pick("weaker"), pick("none")) >= 1.64
    both = [i for i in going if runs["both"][i] is not None]
    equal_losses = [bool(runs["both"][i]) for i in both]
    assert paired_z(equal_losses, [bool(runs["none"][i]) for i in both]) < 1.64
    assert paired_z([bool(runs["weaker"][i]) for i in both], equal_losses) >= 1.64


# --- the security dilemma ------------------------------------------------------------------------
def red_threat(lens: str, join: bool, **params) -> float:
    events = [{"month": 3, "kind": "join", "actor": "Pact", "target": "Blue"}] if join else []
    values = []
    for seed in range(12):
        m = ConflictModel(
            "security_dilemma", lens=lens, rng=seed, steps=24, stop_at_outcome=False, events=events, **params
        )
        values.append(m.run().model_table().set_index("step").loc[4:24, "threat_ab"].mean())
    return float(np.mean(values))


@pytest.mark.parametrize("lens", ["realism", "liberalism"])
def test_alliance_expansion_raises_the_rivals_threat(lens):
    """Blue joining the Pact in month 3 raises Red's threat. Ablation: threat_alliance_weight = 0:
    the join no longer raises it (Pact forces may still deter some fighting, and with it the
    threat that fighting adds, so the twin is one-sided)."""
    assert red_threat(lens, True) > red_threat(lens, False) + 0.03
    off = {"threat_alliance_weight": 0.0}
    assert red_threat(lens, True, **off) - red_threat(lens, False, **off) < 0.005


# --- concessions, elections --------------------------------------------------------------------
def receiver_reaction(month: int, lens: str, **params) -> float:
    """How far Russia moves at once (claims softened, or belief of winning raised) when Kyiv
    concedes neutrality `month` months into ukraine_2022's war, all else as at the start."""
    from sim.model.phases.events import concede

    m = ConflictModel("ukraine_2022", lens=lens, rng=0, events=[], **{"disputes.0.months_at_war": month}, **params)
    d = m.primary
    claims, belief = d.red_a.copy(), d.belief_a
    concede(m, d, m.world.index["Ukraine"], d.issue_names.index("neutrality"), 0.0)
    return float(np.abs(d.red_a - claims).sum() + abs(d.belief_a - belief))


@pytest.mark.parametrize("lens", ["realism", "liberalism"])
def test_an_early_concession_moves_the_rival_more_than_a_late_one(lens):
    """The same concession in month 1 and month 36: the rival reacts more to the early one (its
    goodwill decays, v0 exp(-lambda t)); both theories agree. Ablation: concession_decay = 0."""
    early, late = receiver_reaction(1, lens), receiver_reaction(36, lens)
    assert early > 1.5 * late > 0
    off = {"concession_decay": 0.0}
    assert receiver_reaction(1, lens, **off) == pytest.approx(receiver_reaction(36, lens, **off), rel=0.35)


def test_elections_shift_political_will():
    """An election in a war-weary democracy replaces its leadership and moves its will toward
    the public mood. Ablation: election_swing = 0."""

    def will_after(election: bool, **params) -> float:
        overrides = {"states.Ukraine.public.support": 0.2, **params}
        if election:
            overrides["events"] = [{"month": 2, "kind": "election", "actor": "Ukraine"}]
        m = ConflictModel("ukraine_2025", lens="realism", rng=1, steps=2, stop_at_outcome=False, **overrides).run()
        return float(m.world.will[m.world.index["Ukraine"]])

    assert will_after(True) < will_after(False) - 0.1
    off = {"election_swing": 0.0}
    assert will_after(True, **off) == pytest.approx(will_after(False, **off))
