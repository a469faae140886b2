"""Lesson 2: bargaining, commitment problems and the timing of concessions.

War is a bargaining failure (Fearon 1995): a deal both sides prefer to fighting exists unless
beliefs are mutually optimistic, demands are incompatible, or promises are not credible
(Powell 2006). Talks need ripeness (Zartman 2000). The experiment moves Kyiv's neutrality
concession in `ukraine_2022` from month 1 to month 36 of the same war, under each lens and
with realism's `relative_gains` set to liberalism's (the ablation). A last arm concedes in month
1 with no goodwill (`concession_value` = 0), the ablation of what the early concession buys.
"""

from __future__ import annotations

from sim.lessons import measures as M
from sim.lessons.base import Condition, Lesson, assumption_value, equalised, gap_verdict
from sim.lessons.experiment import LessonResult

R, L = "realism", "liberalism"
LATE = {"events.0.month": 36}
ABLATION = equalised("relative_gains")  # realism weighs only its own gain, as liberalism does
NO_GOODWILL = {"concession_value": 0.0}  # a concession that moves no one: the rival's reading has nothing to read


def observe(r: LessonResult) -> list[str]:
    def settled(cond: str, lens: str) -> str:
        return r.ci(cond, lens, "settlement")

    return [
        f"Conceded in month 1, neutrality ends the war in a settlement in {settled('early', R)} of runs under "
        f"realism and {settled('early', L)} under liberalism; conceded in month 36, in {settled('late', R)} and "
        f"{settled('late', L)}. Realist wars end instead in a victory ({r.ci('early', R, 'victory')} early, "
        f"{r.ci('late', R, 'victory')} late), at a median month of {r.text('early', R, 'outcome_month')}.",
        f"Liberal wars settle at a median month of {r.text('early', L, 'outcome_month')} after the early concession "
        f"and {r.text('late', L, 'outcome_month')} when it is held back to month 36"
        + (
            ": most deals close before the late concession is ever made, so its timing barely changes whether a "
            "liberal signs."
            if r.value("late", L, "outcome_month") < 36
            else "."
        ),
        f"The timing changes what is signed. In a liberal settlement Russia keeps {share_a(r, 'early')} of the "
        f"region after the early concession and {share_a(r, 'late')} after the late one: liberalism reads a "
        f"concession as an opening to reciprocate, so its goodwill softens Russia's claims, and goodwill fades with "
        f"every month of war "
        f"(concession_decay). Conceded in month 1 with no goodwill (concession_value = 0), it leaves Russia "
        f"{share_a(r, 'early_no_goodwill')}: {terms_verdict(r)}.",
        f"The assumption responsible is relative_gains: the weight a state puts on what the rival gains from a "
        f"deal (realism {assumption_value('relative_gains', R):g}, liberalism "
        f"{assumption_value('relative_gains', L):g}). Give realism liberalism's weight and realism settles "
        f"{settled('early_ablated', R)} of runs after the early concession (liberalism "
        f"{settled('early_ablated', L)}): {gap(r, 'early', 'early_ablated')}.",
        f"Without relative gains, the timing matters to realism: it settles {settled('early_ablated', R)} after the "
        f"early concession and {settled('late_ablated', R)} after the late one, when by month 36 the battlefield "
        f"has decided most wars ({r.ci('late_ablated', R, 'victory')} end in a victory).",
    ]


def share_a(r: LessonResult, condition: str) -> str:
    """Russia's mean share of the region in the liberal settlements of one arm."""
    return r.text(condition, L, "settled_share_a")


def terms_verdict(r: LessonResult) -> str:
    """Whether removing the goodwill removes the early concession's better terms (liberalism)."""
    late = r.value("late", L, "settled_share_a")
    bought = late - r.value("early", L, "settled_share_a")
    left = late - r.value("early_no_goodwill", L, "settled_share_a")
    if bought <= 0:
        return "the early concession buys Kyiv no better terms here"
    return "most of the better terms are gone" if left < bought / 2 else "the better terms remain"


def gap(r: LessonResult, before: str, after: str, outcome: str = "settlement") -> str:
    """The verdict on an ablation: the lens gap in `outcome` in condition `before` against `after`."""
    return gap_verdict(
        abs(r.share(before, L, outcome) - r.share(before, R, outcome)),
        abs(r.share(after, L, outcome) - r.share(after, R, outcome)),
    )


LESSON = Lesson(
    number=2,
    slug="timing-of-concessions",
    title="Bargaining, commitment problems and the timing of concessions",
    summary=(
        "In March 2022 Kyiv offered permanent neutrality at Istanbul; in late 2025 it dropped the NATO bid "
        "again. The same concession, early and late: what does each buy, and what else must be in place "
        "for a deal to be signed?"
    ),
    goals=(
        "State Fearon's three rationalist causes of war and find each in the model's runs.",
        "Explain why the same concession buys more early than late (goodwill decays, red lines harden).",
        "Distinguish a deal that exists from a deal that is credible: the commitment problem.",
        "Find the assumption that separates the lenses (relative gains) and remove it (an ablation).",
    ),
    conditions=(
        Condition("early", "Conceded in month 1", "ukraine_2022"),
        Condition("late", "Conceded in month 36", "ukraine_2022", LATE),
        Condition("early_ablated", "Month 1, relative gains equalised", "ukraine_2022", ABLATION),
        Condition("late_ablated", "Month 36, relative gains equalised", "ukraine_2022", {**LATE, **ABLATION}),
        Condition("early_no_goodwill", "Month 1, no goodwill", "ukraine_2022", NO_GOODWILL),
    ),
    metrics=(M.DEAL_MONTHS, M.FIRST_PAUSE, M.OUTCOME_MONTH, M.SETTLED_SHARE_A),
    showcase=("early", 6),
    questions=(
        "The concession is the same text in month 1 and in month 36. Which two things changed in between, "
        "and which of them does each lens care about?",
        "Realist Russia prefers fighting on to a deal it would itself gain from. Why does the rival's gain "
        "matter to it? Relate your answer to Grieco's relative gains and to Powell's commitment problem.",
        "Once relative gains are switched off, the early concession settles far more often than the late one. "
        "What happens on the battlefield between month 1 and month 36 that closes the window?",
        "Realism reads a concession as weakness. When, if ever, is that reading right? Find a run in which it "
        "pays off for the receiver.",
        "Liberal wars mostly settle before month 36, so the late concession rarely decides whether they settle. "
        "Is that a "
        "strength of liberalism's account, or a sign that the model's liberal leaders are too ready to settle?",
        "Under liberalism the early concession barely changes whether Russia signs, yet it changes the terms. "
        "Which arm shows where the better terms come from, and why would goodwill be worth less in month 36?",
    ),
    readings=(
        "Fearon, J. D. (1995). Rationalist Explanations for War. International Organization 49(3): 379–414.",
        "Powell, R. (2006). War as a Commitment Problem. International Organization 60(1): 169–203.",
        "Zartman, I. W. (2000). Ripeness: The Hurting Stalemate and Beyond. In P. C. Stern & D. Druckman (eds.), "
        "International Conflict Resolution after the Cold War, 225–250. National Academy Press.",
        "Fearon, J. D. (1994). Domestic Political Audiences and the Escalation of International Disputes. "
        "American Political Science Review 88(3): 577–592.",
        "Slantchev, B. L. (2003). The Principle of Convergence in Wartime Negotiations. APSR 97(4): 621–632.",
    ),
    observe=observe,
)
