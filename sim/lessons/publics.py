"""Lesson 4: domestic publics, elections and two-level games.

A deal must be ratified at home as well as agreed abroad (Putnam 1988): a hawkish public
shrinks the leader's win-set, since backing down after escalating publicly is costly (Fearon
1994: audience costs harden red lines month by month). A war-weary public constrains its
leaders in the other direction, and an election can replace a leadership and its will
(Mueller 1973 on casualties and support). The experiment varies both publics' hawkishness in
`ukraine_2022`, makes Russia a democracy with a war-weary public (with realism's `public_weight`
set to liberalism's as the ablation), and varies Ukraine's month-9 election in `ukraine_2025`
with a war-weary public.
"""

from __future__ import annotations

from sim.lessons import measures as M
from sim.lessons.base import Condition, Lesson, assumption_value, direction, equalised
from sim.lessons.concessions import gap
from sim.lessons.experiment import LessonResult

R, L = "realism", "liberalism"


def hawkishness(value: float) -> dict[str, float]:
    return {"states.Russia.public.hawkishness": value, "states.Ukraine.public.hawkishness": value}


WEARY = {"states.Ukraine.public.support": 0.3}
NO_ELECTION = {"states.Ukraine.public.election_interval": 0}
WEARY_DEMOCRACY = {"states.Russia.regime": "democracy", "states.Russia.public.support": 0.2}
ABLATION = equalised("public_weight")  # realist leaders answer to their public as liberal ones do


def overlap(r: LessonResult, a: tuple[str, str], b: tuple[str, str], outcome: str) -> bool:
    """Whether two arms' 95% intervals for an outcome share overlap."""
    _, lo_a, hi_a = r.interval(*a, outcome)
    _, lo_b, hi_b = r.interval(*b, outcome)
    return lo_a <= hi_b and lo_b <= hi_a


def observe(r: LessonResult) -> list[str]:
    def ci(cond: str, lens: str, outcome: str) -> str:
        return r.ci(cond, lens, outcome)

    moved = [
        direction(
            r.share("dovish", lens, "settlement"), r.share("hawkish", lens, "settlement"), "raise", "lower", "keep"
        )
        + f" settlements under {lens}"
        for lens in (R, L)
        if not overlap(r, ("dovish", lens), ("hawkish", lens), "settlement")
    ]
    verdict = (
        "The intervals overlap under both lenses: in this model the public's hawkishness does not move the outcome "
        "of ukraine_2022."
        if not moved
        else "The intervals do not overlap: hawkish publics " + " and ".join(moved) + "."
    )
    will = (r.value("weary", R, "will_b_10"), r.value("weary_no_election", R, "will_b_10"))
    return [
        f"Settlements in ukraine_2022 with dovish publics: {ci('dovish', R, 'settlement')} under realism and "
        f"{ci('dovish', L, 'settlement')} under liberalism; with hawkish publics {ci('hawkish', R, 'settlement')} "
        f"and {ci('hawkish', L, 'settlement')}. {verdict} Realist wars are decided on the battlefield "
        f"({ci('hawkish', R, 'victory')} end in a victory); liberal ones settle at a median month of "
        f"{r.text('hawkish', L, 'outcome_month')}, before audience costs have had time to build up.",
        f"Make Russia a democracy with a war-weary public (support "
        f"{WEARY_DEMOCRACY['states.Russia.public.support']:g}) and realist Russia's victories "
        f"{direction(r.share('shipped', R, 'victory'), r.share('democracy', R, 'victory'), 'rise', 'fall', 'stay')} "
        f"({ci('shipped', R, 'victory')} as shipped, {ci('democracy', R, 'victory')} as a weary democracy); "
        f"settlements "
        + direction(r.share("shipped", R, "settlement"), r.share("democracy", R, "settlement"), "rise", "fall", "stay")
        + " "
        f"({ci('shipped', R, 'settlement')} and {ci('democracy', R, 'settlement')}). Liberalism settles "
        f"{ci('democracy', L, 'settlement')} of these wars.",
        f"public_weight is how far leaders answer to their public (realism {assumption_value('public_weight', R):g}, "
        f"liberalism {assumption_value('public_weight', L):g}). Give realism liberalism's weight and the realist "
        f"weary democracy settles in {ci('democracy_ablated', R, 'settlement')} of runs and wins in "
        f"{ci('democracy_ablated', R, 'victory')}: {gap(r, 'democracy', 'democracy_ablated')}.",
        f"The month-9 election moves will: with a war-weary Ukrainian public (support "
        f"{WEARY['states.Ukraine.public.support']:g}) in ukraine_2025, "
        f"realist Ukraine's will in month 10 is {will[0]:.2f} with the election and {will[1]:.2f} without it. The "
        f"war freezes in {ci('weary', R, 'frozen')} of realist runs with the election and "
        f"{ci('weary_no_election', R, 'frozen')} without. Liberalism settles {ci('weary', L, 'settlement')} of "
        f"these wars, at a median month of {r.text('weary', L, 'outcome_month')}"
        + (", before the election is held." if r.value("weary", L, "outcome_month") < 9 else "."),
    ]


LESSON = Lesson(
    number=4,
    slug="two-level-games",
    title="Domestic publics, elections and two-level games",
    summary=(
        "Leaders bargain with each other and with their own publics at once. How do hawkish and war-weary "
        "publics, and elections, change what can be agreed?"
    ),
    goals=(
        "Explain Putnam's two-level game: a deal must fall inside both sides' domestic win-sets.",
        "Trace audience costs: how a hawkish public hardens red lines the longer a war lasts.",
        "See how war-weariness and elections move political will, and through it the outcome.",
        "Compare how much each lens lets the public constrain its leaders.",
    ),
    conditions=(
        Condition("dovish", "Dovish publics (2022)", "ukraine_2022", hawkishness(0.0)),
        Condition("shipped", "ukraine_2022 as shipped", "ukraine_2022"),
        Condition("hawkish", "Hawkish publics (2022)", "ukraine_2022", hawkishness(1.0)),
        Condition("democracy", "Russia a war-weary democracy (2022)", "ukraine_2022", WEARY_DEMOCRACY),
        Condition(
            "democracy_ablated",
            "War-weary democracy, public weight equalised",
            "ukraine_2022",
            {**WEARY_DEMOCRACY, **ABLATION},
        ),
        Condition("weary", "War-weary Ukraine (2025)", "ukraine_2025", WEARY),
        Condition("weary_no_election", "War-weary, no election", "ukraine_2025", {**WEARY, **NO_ELECTION}),
    ),
    metrics=(M.DEAL_MONTHS, M.WILL_B_10, M.OUTCOME_MONTH),
    showcase=("democracy", 2),
    questions=(
        "Putnam argues that a small win-set can be a bargaining advantage. Does the model ever reward a hawkish "
        "public? What would it need to represent for that to happen?",
        "Hawkishness barely matters in ukraine_2022 under either lens. Why? (Hint: look at the month each "
        "war ends, and ask how long audience costs need to build up.)",
        "A war-weary democratic Russia wins less often under realism. Is it the public, the regime, or the "
        "lens's weight on the public that does the work? Use the ablation to argue it.",
        "In the model an election replaces a leadership when support is low and moves will toward the public "
        "mood. Which real elections in the cases you know did that, and which did the opposite?",
        "Russia is an autocracy in both scenarios as shipped. How much does its public matter in the model, and "
        "how much should it?",
    ),
    readings=(
        "Putnam, R. D. (1988). Diplomacy and Domestic Politics: The Logic of Two-Level Games. International "
        "Organization 42(3): 427–460.",
        "Fearon, J. D. (1994). Domestic Political Audiences and the Escalation of International Disputes. "
        "American Political Science Review 88(3): 577–592.",
        "Mueller, J. E. (1973). War, Presidents and Public Opinion. New York: Wiley.",
        "Gartner, S. S. (2008). The Multiple Effects of Casualties on Public Support for War. APSR 102(1): 95–106.",
        "Russett, B. & Oneal, J. R. (2001). Triangulating Peace. New York: Norton.",
    ),
    observe=observe,
)
