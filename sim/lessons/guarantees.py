"""Lesson 3: security guarantees, entanglement and frozen conflicts.

A guarantee reassures the protected state at once but can entrap the guarantor (Snyder 1984's
alliance security dilemma); third-party enforcement helps settlements (Walter 1997, 2002);
monitors and demilitarised zones make ceasefires last (Fortna 2003, 2004), and frozen endings
are the typical modern outcome (Fazal 2013). The experiment varies `ukraine_2025`'s month-6
guarantee (with troops or none), switches off the protection that Korea's DMZ and armistice
commission, and Cyprus's UN buffer zone, give their ceasefires, and sets realism's
`cost_weight` to liberalism's in Cyprus (the ablation).
"""

from __future__ import annotations

from sim.lessons import measures as M
from sim.lessons.base import Condition, Lesson, assumption_value, direction, equalised
from sim.lessons.concessions import gap
from sim.lessons.experiment import LessonResult

R, L = "realism", "liberalism"
NO_PROTECTION = {"monitoring_protection": 0.0, "dmz_protection": 0.0}
ABLATION = equalised("cost_weight")  # realism weighs the costs of war as liberalism does


def observe(r: LessonResult) -> list[str]:
    def ci(cond: str, lens: str, outcome: str) -> str:
        return r.ci(cond, lens, outcome)

    threat = (r.value("guarantee", R, "threat_b_8"), r.value("no_guarantee", R, "threat_b_8"))
    return [
        f"Two months after the troop-backed guarantee, realist Ukraine's threat from Russia is {threat[0]:.2f}, "
        f"against {threat[1]:.2f} without it: the guarantee "
        f"{direction(threat[1], threat[0], 'adds to the threat', 'reassures', 'changes nothing')}. The war "
        f"escalates in {ci('guarantee', R, 'escalation')} of realist runs with the guarantee and "
        f"{ci('no_guarantee', R, 'escalation')} without; it freezes in {ci('guarantee', R, 'frozen')}.",
        f"Under liberalism the war settles in {ci('guarantee', L, 'settlement')} of runs, at a median month of "
        f"{r.text('guarantee', L, 'outcome_month')}"
        + (
            ", before the guarantee arrives in month 6: it never gets to work."
            if r.value("guarantee", L, "outcome_month") < 6
            else "."
        ),
        f"Korea freezes in {ci('korea', L, 'frozen')} of liberal runs. Take away the protection its DMZ and "
        f"armistice commission give the ceasefire and the frozen share "
        f"{direction(r.share('korea', L, 'frozen'), r.share('korea_bare', L, 'frozen'), 'rises', 'falls', 'stays')} "
        f"to {ci('korea_bare', L, 'frozen')}; "
        f"the renewed fighting ends in a settlement in {ci('korea_bare', L, 'settlement')}. Under realism the North "
        f"wins before any armistice in {ci('korea', R, 'victory')} of runs.",
        f"Cyprus freezes in {ci('cyprus', R, 'frozen')} of realist runs behind the UN buffer zone; without its "
        f"protection {ci('cyprus_bare', R, 'frozen')} freeze and {ci('cyprus_bare', R, 'settlement')} settle. "
        f"Liberal Cyprus settles in {ci('cyprus', L, 'settlement')} of runs even with the buffer zone working.",
        f"The assumption behind the Cyprus difference is cost_weight: how heavily the costs of war weigh "
        f"(realism {assumption_value('cost_weight', R):g}, liberalism {assumption_value('cost_weight', L):g}). "
        f"Give realism liberalism's weight and realist Cyprus settles in {ci('cyprus_ablated', R, 'settlement')} "
        f"of runs (liberalism {ci('cyprus_ablated', L, 'settlement')}): {gap(r, 'cyprus', 'cyprus_ablated')}.",
    ]


LESSON = Lesson(
    number=3,
    slug="guarantees-and-frozen-conflicts",
    title="Security guarantees, entanglement and frozen conflicts",
    summary=(
        "Kyiv wants guarantees with 'real troops and real capabilities'; Moscow calls that NATO expansion by "
        "another name. Korea and Cyprus froze behind a DMZ and a UN buffer zone. What do guarantees and "
        "buffers buy, and what do they risk?"
    ),
    goals=(
        "Explain Snyder's alliance security dilemma: firmer commitments trade abandonment for entrapment.",
        "Separate the short-term effect of a guarantee (reassurance) from its long-term risk (entanglement).",
        "Explain why frozen conflicts last: what monitors and DMZs do to a ceasefire (Fortna).",
        "Ask when third-party guarantees help settlements (Walter) and why they may not here.",
        "Find the assumption that separates the lenses in Cyprus (the costs of war) and remove it (an ablation).",
    ),
    conditions=(
        Condition("guarantee", "Guarantee with troops (ukraine_2025)", "ukraine_2025"),
        Condition("no_guarantee", "No guarantee", "ukraine_2025", {"events.1.value": 0.0}),
        Condition("korea", "Korea 1950", "korea_1950"),
        Condition("korea_bare", "Korea, DMZ and commission unprotective", "korea_1950", NO_PROTECTION),
        Condition("cyprus", "Cyprus 1974", "cyprus_1974"),
        Condition("cyprus_bare", "Cyprus, buffer zone unprotective", "cyprus_1974", NO_PROTECTION),
        Condition("cyprus_ablated", "Cyprus, cost weight equalised", "cyprus_1974", ABLATION),
    ),
    metrics=(M.THREAT_B_8, M.PEAK_RISK, M.BREAKDOWNS, M.OUTCOME_MONTH),
    showcase=("guarantee", 16),
    questions=(
        "The guarantee lowers Ukraine's threat within two months, yet in these runs it almost never draws the "
        "guarantor in. Use Snyder's terms abandonment and entrapment: what would have to happen for it to entrap?",
        "Without the buffer zone's protection, renewed fighting ends Korea's and Cyprus's wars in settlements "
        "rather than frozen lines. Is a buffer zone then a way to peace, or a way to avoid it?",
        "Walter finds that third-party enforcement makes settlements possible. Why does the guarantee in "
        "ukraine_2025 not do so? What would have to be true of the red lines?",
        "Korea and Cyprus froze for decades. Which parts of the armistice (line, DMZ, commission, guarantee) "
        "does the model say kept them frozen, and which historical facts does it leave out?",
        "Is a frozen conflict a success or a failure? Argue it from each lens.",
    ),
    readings=(
        "Snyder, G. H. (1984). The Security Dilemma in Alliance Politics. World Politics 36(4): 461–495.",
        "Walter, B. F. (1997). The Critical Barrier to Civil War Settlement. International Organization "
        "51(3): 335–364.",
        "Walter, B. F. (2002). Committing to Peace: The Successful Settlement of Civil Wars. Princeton UP.",
        "Fortna, V. P. (2003). Scraps of Paper? Agreements and the Durability of Peace. International "
        "Organization 57(2): 337–372.",
        "Fortna, V. P. (2004). Peace Time: Cease-Fire Agreements and the Durability of Peace. Princeton UP.",
        "Fazal, T. M. (2013). The Demise of Peace Treaties in Interstate War. International Organization "
        "67(4): 695–724.",
    ),
    observe=observe,
)
