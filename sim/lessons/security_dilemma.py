"""Lesson 1: the security dilemma and alliance expansion.

Two symmetric states (`security_dilemma`): Red, and Blue, which the Pact may admit. What one
side does for its own security (arming, joining an alliance) the other reads as a threat
(Herz 1950; Jervis 1978; Glaser 1997); each arms in response to the other's arms (Richardson
1960); an alliance moving to a rival's side raises its threat (Walt 1987). The experiment
closes the Pact's door, leaves it open as shipped, and lets Blue join in month 3.
"""

from __future__ import annotations

from sim.lessons import measures as M
from sim.lessons.base import Condition, Lesson, direction, pct
from sim.lessons.experiment import LessonResult

R, L = "realism", "liberalism"
JOIN = [{"month": 3, "kind": "join", "actor": "Pact", "target": "Blue"}]


def observe(r: LessonResult) -> list[str]:
    war = {(c, lens): r.value(c, lens, "war_started") for c in ("closed", "open", "joined") for lens in (R, L)}
    threat = {(c, lens): r.value(c, lens, "threat_a_24") for c in ("closed", "open", "joined") for lens in (R, L)}
    out = [
        f"With the Pact's door closed, war broke out in {pct(war['closed', R])} of runs under realism and "
        f"{pct(war['closed', L])} under liberalism. Both sides still arm against each other: Red's forces "
        f"peak at {r.text('closed', R, 'peak_forces_a')} their initial level, and the race levels off (stable).",
        f"Leaving the door open (Blue a candidate, admitted at random when threatened) "
        f"{direction(threat['closed', R], threat['open', R], 'raises', 'lowers', 'leaves')} Red's threat over "
        f"the first two years from {threat['closed', R]:.2f} to {threat['open', R]:.2f} under realism. War then "
        f"broke out in {pct(war['open', R])} of runs (median first month {r.text('open', R, 'first_war_month')}).",
        f"When Blue joins in month 3, Red's threat averages {threat['joined', R]:.2f} under realism and war broke "
        f"out in {pct(war['joined', R])} of runs, with a median first month of "
        f"{r.text('joined', R, 'first_war_month')}. {pct(r.share('joined', R, 'frozen'))} of these runs end frozen, "
        f"{pct(r.share('joined', R, 'settlement'))} settled.",
    ]
    liberal_max = max(war[c, L] for c in ("closed", "open", "joined"))
    if liberal_max == 0:
        out.append(
            f"Under liberalism no run went to war in any condition. A liberal Red weighs the alliance at 0.4 of "
            f"realism's weight and less still as trust grows, so its threat stays at {threat['joined', L]:.2f} even "
            "after Blue joins, below the 0.8 a liberal state needs before it strikes."
        )
    else:
        out.append(
            f"Under liberalism war broke out in at most {pct(liberal_max)} of runs in any condition; Red's threat "
            f"after Blue joins is {threat['joined', L]:.2f} against {threat['joined', R]:.2f} under realism."
        )
    out.append(
        f"Tension over the first two years: {r.text('closed', R, 'tension_24')} (closed), "
        f"{r.text('open', R, 'tension_24')} (open), {r.text('joined', R, 'tension_24')} (joined) under realism; "
        f"{r.text('closed', L, 'tension_24')}, {r.text('open', L, 'tension_24')}, "
        f"{r.text('joined', L, 'tension_24')} under liberalism."
    )
    return out


LESSON = Lesson(
    number=1,
    slug="security-dilemma",
    title="The security dilemma and alliance expansion",
    summary=(
        "Red and Blue are identical states in a crisis over a shared border region; the Pact, led by a "
        "larger Green, may admit Blue. Nobody wants war. Does the mere possibility of Blue joining, or "
        "its joining, turn the crisis into one?"
    ),
    goals=(
        "Explain the security dilemma: measures taken for one's own security reduce the other's.",
        "Trace how an alliance moving closer raises the rival's perceived threat (balance of threat).",
        "Read a Richardson arms race: each side arms in response to the other, and the race levels off.",
        "Compare what realism and liberalism each see in the same expansion.",
    ),
    conditions=(
        Condition("closed", "Pact closed", "security_dilemma", {"alliances.Pact.candidates": []}),
        Condition("open", "Door open (as shipped)", "security_dilemma"),
        Condition("joined", "Blue joins in month 3", "security_dilemma", {"events": JOIN}),
    ),
    metrics=(M.WAR_STARTED, M.FIRST_WAR, M.THREAT_A_24, M.TENSION_24, M.PEAK_FORCES_A),
    showcase=("joined", 2),
    questions=(
        "Blue's joining the Pact is defensive from Blue's point of view. Why does Red not read it that way, "
        "and what would Blue have to do to make its intentions readable?",
        "With the door closed, both sides still arm. What keeps this arms race from running away, and which "
        "parameter would you change to make it run away?",
        "Under realism, an open door alone leads to war in some runs. Is the door or the admission doing the "
        "work? Look at the month war broke out.",
        "Liberalism sees the same alliance move and does not go to war. Which of its assumptions does the work: "
        "the lower weight on alliances, trust, or the higher bar for attacking?",
        "A deal exists in this crisis (Blue neutral, the border split) in most months, yet it is never signed. "
        "Why not? What would make it credible?",
    ),
    readings=(
        "Herz, J. H. (1950). Idealist Internationalism and the Security Dilemma. World Politics 2(2): 157–180.",
        "Jervis, R. (1978). Cooperation under the Security Dilemma. World Politics 30(2): 167–214.",
        "Glaser, C. L. (1997). The Security Dilemma Revisited. World Politics 50(1): 171–201.",
        "Walt, S. M. (1987). The Origins of Alliances. Ithaca: Cornell University Press.",
        "Richardson, L. F. (1960). Arms and Insecurity. Pittsburgh: Boxwood Press.",
    ),
    observe=observe,
)
