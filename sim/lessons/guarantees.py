"""Lesson 3: security guarantees, entanglement and frozen conflicts.

A guarantee reassures the protected state at once but can entrap the guarantor (Snyder 1984's
alliance security dilemma); third-party enforcement helps settlements (Walter 1997, 2002);
monitors and demilitarised zones make ceasefires last (Fortna 2003, 2004), and frozen endings
are the typical modern outcome (Fazal 2013). The experiment varies `ukraine_2025`'s month-6
guarantee (with troops, without troops, none) and switches off the protection that Korea's DMZ
and armistice commission, and Cyprus's UN buffer zone, give their ceasefires.
"""

from __future__ import annotations

from sim.lessons import measures as M
from sim.lessons.base import Condition, Lesson, pct
from sim.lessons.experiment import LessonResult

R, L = "realism", "liberalism"
NO_PROTECTION = {"monitoring_protection": 0.0, "dmz_protection": 0.0}


def observe(r: LessonResult) -> list[str]:
    def share(cond: str, lens: str, outcome: str) -> str:
        return pct(r.share(cond, lens, outcome))

    return [
        f"Two months after the troop-backed guarantee, Ukraine's threat from Russia is "
        f"{r.text('guarantee', R, 'threat_b_8')}, against {r.text('no_guarantee', R, 'threat_b_8')} without one. "
        f"Over the run the war escalates in {share('guarantee', R, 'escalation')} of runs under realism and "
        f"{share('guarantee', L, 'escalation')} under liberalism, against {share('no_guarantee', R, 'escalation')} "
        f"and {share('no_guarantee', L, 'escalation')} with no guarantee.",
        f"Without troops the same guarantee escalates in "
        f"{share('no_troops', R, 'escalation')} (realism) and {share('no_troops', L, 'escalation')} (liberalism); "
        f"the peak monthly risk that the guarantor is drawn in falls from {r.text('guarantee', R, 'peak_risk')} "
        f"to {r.text('no_troops', R, 'peak_risk')}.",
        f"With the guarantee {share('guarantee', R, 'settlement')} (realism) and "
        f"{share('guarantee', L, 'settlement')} (liberalism) of runs settle: Western troops in Ukraine are "
        "themselves one of the red lines that block a deal. Frozen is the common ending "
        f"({share('guarantee', R, 'frozen')} and {share('guarantee', L, 'frozen')}).",
        f"Korea freezes in {share('korea', R, 'frozen')} (realism) and {share('korea', L, 'frozen')} "
        f"(liberalism) of runs. Take away the protection its DMZ and armistice commission give the ceasefire "
        f"and ceasefires break down {r.text('korea_bare', R, 'breakdowns')} times a run instead of "
        f"{r.text('korea', R, 'breakdowns')} (realism); frozen falls to {share('korea_bare', R, 'frozen')} and "
        f"{share('korea_bare', L, 'frozen')}, escalation rises to {share('korea_bare', R, 'escalation')} and "
        f"{share('korea_bare', L, 'escalation')}.",
        f"Cyprus freezes in {share('cyprus', R, 'frozen')} and {share('cyprus', L, 'frozen')} of runs with the "
        f"UN buffer zone working; without its protection {share('cyprus_bare', R, 'frozen')} and "
        f"{share('cyprus_bare', L, 'frozen')}, with {share('cyprus_bare', R, 'victory')} Turkish victories "
        f"under realism and {share('cyprus_bare', L, 'settlement')} settlements under liberalism.",
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
    ),
    conditions=(
        Condition("guarantee", "Guarantee with troops (ukraine_2025)", "ukraine_2025"),
        Condition("no_troops", "Guarantee, no troops", "ukraine_2025", {"events.1.troops": False}),
        Condition("no_guarantee", "No guarantee", "ukraine_2025", {"events.1.value": 0.0}),
        Condition("korea", "Korea 1950", "korea_1950"),
        Condition("korea_bare", "Korea, DMZ and commission unprotective", "korea_1950", NO_PROTECTION),
        Condition("cyprus", "Cyprus 1974", "cyprus_1974"),
        Condition("cyprus_bare", "Cyprus, buffer zone unprotective", "cyprus_1974", NO_PROTECTION),
    ),
    metrics=(M.THREAT_B_8, M.PEAK_RISK, M.BREAKDOWNS, M.OUTCOME_MONTH),
    showcase=("guarantee", 16),
    questions=(
        "The guarantee lowers Ukraine's threat within two months and raises the chance of a wider war over the "
        "years. Is that a contradiction? Use Snyder's terms abandonment and entrapment.",
        "Why do troops on the ground matter so much more than the words of the guarantee? What does the model "
        "assume about how a guarantor is drawn in, and is that plausible?",
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
