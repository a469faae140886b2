"""Lesson 4: domestic publics, elections and two-level games.

A deal must be ratified at home as well as agreed abroad (Putnam 1988): a hawkish public
shrinks the leader's win-set, since backing down after escalating publicly is costly (Fearon
1994: audience costs harden red lines month by month). A war-weary public constrains its
leaders in the other direction, and an election can replace a leadership and its will
(Mueller 1973 on casualties and support). The experiment varies both publics' hawkishness in
`ukraine_2022`, and Ukraine's public support and its month-9 election in `ukraine_2025`.
"""

from __future__ import annotations

from sim.lessons import measures as M
from sim.lessons.base import Condition, Lesson, direction, pct
from sim.lessons.experiment import LessonResult

R, L = "realism", "liberalism"


def hawkishness(value: float) -> dict[str, float]:
    return {"states.Russia.public.hawkishness": value, "states.Ukraine.public.hawkishness": value}


WEARY = {"states.Ukraine.public.support": 0.3}
NO_ELECTION = {"states.Ukraine.public.election_interval": 0}


def observe(r: LessonResult) -> list[str]:
    def settled(cond: str, lens: str) -> str:
        return pct(r.share(cond, lens, "settlement"))

    deals = (r.value("dovish", R, "deal_months"), r.value("hawkish", R, "deal_months"))
    return [
        f"Settlements in ukraine_2022: {settled('dovish', R)} with dovish "
        f"publics, {settled('shipped', R)} as shipped and {settled('hawkish', R)} with hawkish ones under realism; "
        f"{settled('dovish', L)}, {settled('shipped', L)} and {settled('hawkish', L)} under liberalism.",
        f"From dovish to hawkish publics the win-set {direction(*deals, 'grows', 'shrinks', 'stays put')} "
        f"under realism: a deal inside both sides' hardened red lines exists in "
        f"{r.text('dovish', R, 'deal_months')} of months with dovish publics and "
        f"{r.text('hawkish', R, 'deal_months')} with hawkish ones (realism; liberalism "
        f"{r.text('dovish', L, 'deal_months')} and {r.text('hawkish', L, 'deal_months')}).",
        f"In ukraine_2025 as shipped, {settled('y2025', R)} (realism) and {settled('y2025', L)} (liberalism) of "
        f"runs settle. With a war-weary Ukrainian public (support 0.3) liberalism settles {settled('weary', L)}: "
        f"a weary democracy concedes on the blocking issue. Realism, which lets the public constrain leaders "
        f"only weakly and has no war-weariness rule, settles {settled('weary', R)}.",
        f"The month-9 election moves will: with a weary public Ukraine's will in month 10 is "
        f"{r.text('weary', L, 'will_b_10')} with the election and {r.text('weary_no_election', L, 'will_b_10')} "
        f"without it (liberalism; realism {r.text('weary', R, 'will_b_10')} and "
        f"{r.text('weary_no_election', R, 'will_b_10')}). Settlements: {settled('weary', L)} with the election, "
        f"{settled('weary_no_election', L)} without (liberalism).",
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
        Condition("y2025", "ukraine_2025 as shipped", "ukraine_2025"),
        Condition("weary", "War-weary Ukraine (2025)", "ukraine_2025", WEARY),
        Condition("weary_no_election", "War-weary, no election", "ukraine_2025", {**WEARY, **NO_ELECTION}),
    ),
    metrics=(M.DEAL_MONTHS, M.WILL_B_10, M.OUTCOME_MONTH),
    showcase=("weary", 2),
    questions=(
        "Putnam argues that a small win-set can be a bargaining advantage. Does the model ever reward a hawkish "
        "public? What would it need to represent for that to happen?",
        "Hawkishness matters more under realism than under liberalism in ukraine_2022. Why? (Hint: what else "
        "closes the deal under liberalism?)",
        "A war-weary Ukrainian public makes a settlement far more likely under liberalism. Is that a good "
        "outcome? For whom? What does the settlement give up?",
        "In the model an election replaces a leadership when support is low and moves will toward the public "
        "mood. Which real elections in the cases you know did that, and which did the opposite?",
        "Russia is an autocracy in both scenarios. How much does its public matter in the model, and how much "
        "should it?",
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
