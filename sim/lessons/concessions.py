"""Lesson 2: bargaining, commitment problems and the timing of concessions.

War is a bargaining failure (Fearon 1995): a deal both sides prefer to fighting exists unless
beliefs are mutually optimistic, demands are incompatible, or promises are not credible
(Powell 2006). Talks need ripeness (Zartman 2000). The experiment moves Kyiv's neutrality
concession in `ukraine_2022` from month 1 to month 36 of the same war, with and without
monitors and a demilitarised zone, and sets it beside `ukraine_2025`, where the same
concession comes after 46 months.
"""

from __future__ import annotations

from sim.lessons import measures as M
from sim.lessons.base import Condition, Lesson, pct
from sim.lessons.experiment import LessonResult

R, L = "realism", "liberalism"
LATE = {"events.0.month": 36}
INSTITUTIONS = {"disputes.0.monitoring": True, "disputes.0.dmz": True}


def observe(r: LessonResult) -> list[str]:
    def settled(cond: str, lens: str) -> str:
        return pct(r.share(cond, lens, "settlement"))

    return [
        f"Conceded in month 1, neutrality buys a settlement in {settled('early', R)} of runs under realism and "
        f"{settled('early', L)} under liberalism; conceded in month 36 of the same war, in {settled('late', R)} "
        f"and {settled('late', L)}. A deal inside both sides' red lines exists in "
        f"{r.text('early', L, 'deal_months')} of months after the early concession (liberalism) against "
        f"{r.text('late', L, 'deal_months')} after the late one.",
        f"Monitors and a DMZ make a deal credible: with them the early concession settles "
        f"{settled('early_inst', R)} (realism) and {settled('early_inst', L)} (liberalism), at a median month "
        f"of {r.text('early_inst', R, 'outcome_month')} and {r.text('early_inst', L, 'outcome_month')}. Late, the "
        f"same package settles only {settled('late_inst', R)} and {settled('late_inst', L)}: institutions cannot "
        "help once hardened red lines no longer overlap.",
        f"In ukraine_2025, where Kyiv drops the NATO bid after 46 months of war, {settled('y2025', R)} (realism) "
        f"and {settled('y2025', L)} (liberalism) of runs settle; {pct(r.share('y2025', R, 'frozen'))} and "
        f"{pct(r.share('y2025', L, 'frozen'))} freeze, and {pct(r.share('y2025', R, 'escalation'))} and "
        f"{pct(r.share('y2025', L, 'escalation'))} escalate.",
        lens_contrast(
            settled("early", L),
            settled("early", R),
            r.share("early", L, "settlement"),
            r.share("early", R, "settlement"),
        ),
    ]


def lens_contrast(lib_text: str, real_text: str, lib_share: float, real_share: float) -> str:
    """Say how the lenses differ after the early concession, without claiming a gap the runs don't show."""
    mechanism = (
        "liberalism reciprocates the concession (softens its own red lines, trusts more) and settles "
        f"{lib_text}; realism reads it as weakness (its belief of winning rises) and settles {real_text}"
    )
    if abs(lib_share - real_share) < 0.05:
        return f"Without institutions, the lenses settle about equally often after the early concession: {mechanism}."
    return f"Without institutions, the lenses differ most early on: {mechanism}."


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
        "Read ripeness: why talks start only after a stalemate or a decisive shift.",
    ),
    conditions=(
        Condition("early", "Conceded in month 1", "ukraine_2022"),
        Condition("late", "Conceded in month 36", "ukraine_2022", LATE),
        Condition("early_inst", "Month 1, monitors + DMZ", "ukraine_2022", INSTITUTIONS),
        Condition("late_inst", "Month 36, monitors + DMZ", "ukraine_2022", {**LATE, **INSTITUTIONS}),
        Condition("y2025", "ukraine_2025 (month 46)", "ukraine_2025"),
    ),
    metrics=(M.DEAL_MONTHS, M.FIRST_PAUSE, M.OUTCOME_MONTH),
    showcase=("early", 6),
    questions=(
        "The concession is the same text in month 1 and in month 36. Which two things changed in between, "
        "and which of them does each lens care about?",
        "In most early runs a deal exists for months, yet many of them freeze instead of settling. What is "
        "missing? Relate your answer to Powell's commitment problem.",
        "Monitors and a DMZ turn the early concession into a settlement almost every time, but do little for "
        "the late one. What does this say about the order of concessions and institutions in a peace process?",
        "Realism reads a concession as weakness. When, if ever, is that reading right? Find a run in which it "
        "pays off for the receiver.",
        "The reference article calls the 2025 concession 'too little, too late'. Does the model agree? What "
        "would have to change in ukraine_2025 for a settlement to become likely?",
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
