"""Lesson 1: the security dilemma and alliance expansion.

Two symmetric states (`security_dilemma`): Red, and Blue, which the Pact may admit. What one
side does for its own security (arming, joining an alliance) the other reads as a threat
(Herz 1950; Jervis 1978; Glaser 1997); each arms in response to the other's arms (Richardson
1960); an alliance moving to a rival's side raises its threat (Walt 1987). The experiment
closes the Pact's door, leaves it open as shipped, and lets Blue join in month 3; the ablation
lets Blue join with realism's `alliance_weight` set to liberalism's, so the two lenses read the
alliance alike.
"""

from __future__ import annotations

from sim.lessons import measures as M
from sim.lessons.base import Condition, Lesson, assumption_value, direction, equalised, gap_verdict
from sim.lessons.experiment import LessonResult

R, L = "realism", "liberalism"
JOIN = [{"month": 3, "kind": "join", "actor": "Pact", "target": "Blue"}]
ABLATION = equalised("alliance_weight")  # realism reads the alliance as liberalism does


def observe(r: LessonResult) -> list[str]:
    threat = {
        (c, lens): r.value(c, lens, "threat_a_24") for c in ("closed", "open", "joined", "ablated") for lens in (R, L)
    }

    def war(cond: str, lens: str) -> str:
        return r.ci(cond, lens, metric="war_started")

    def war_gap(cond: str) -> float:
        return abs(r.value(cond, R, "war_started") - r.value(cond, L, "war_started"))

    return [
        f"With the Pact's door closed, war broke out in {war('closed', R)} of runs under realism and "
        f"{war('closed', L)} under liberalism, and Red's threat over the first two years is the same under "
        f"both ({threat['closed', R]:.2f} and {threat['closed', L]:.2f}). Both sides still arm: Red's forces peak "
        f"at {r.text('closed', R, 'peak_forces_a')} their initial level and the race levels off.",
        "Blue joining the Pact in month 3 "
        + direction(threat["closed", R], threat["joined", R], "raises", "lowers", "leaves")
        + " "
        f"Red's threat from {threat['closed', R]:.2f} to {threat['joined', R]:.2f} under realism, and "
        f"{direction(threat['closed', L], threat['joined', L], 'raises', 'lowers', 'leaves')} it from "
        f"{threat['closed', L]:.2f} to {threat['joined', L]:.2f} under liberalism. War then broke out in "
        f"{war('joined', R)} of realist runs (median first month {r.text('joined', R, 'first_war_month')}) and "
        f"{war('joined', L)} of liberal runs.",
        f"Leaving the door open (Blue a candidate, admitted at random when threatened) is the mild version: "
        f"Red's threat {threat['open', R]:.2f} under realism and {threat['open', L]:.2f} under liberalism; war in "
        f"{war('open', R)} and {war('open', L)} of runs.",
        f"The assumption responsible is alliance_weight: how strongly a rival alliance moving closer reads as "
        f"threat (realism {assumption_value('alliance_weight', R):g}, liberalism "
        f"{assumption_value('alliance_weight', L):g}). Give realism liberalism's weight and, after Blue joins, "
        f"realist Red's threat is {threat['ablated', R]:.2f} (liberalism {threat['ablated', L]:.2f}) and war broke "
        f"out in {war('ablated', R)} of realist runs: {gap_verdict(war_gap('joined'), war_gap('ablated'))}.",
    ]


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
        "Find the one assumption that makes the difference, and remove it (an ablation).",
    ),
    conditions=(
        Condition("closed", "Pact closed", "security_dilemma", {"alliances.Pact.candidates": []}),
        Condition("open", "Door open (as shipped)", "security_dilemma"),
        Condition("joined", "Blue joins in month 3", "security_dilemma", {"events": JOIN}),
        Condition("ablated", "Blue joins, alliance weight equalised", "security_dilemma", {"events": JOIN, **ABLATION}),
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
        "Liberalism sees the same alliance move and rarely goes to war. The ablation says one assumption, the "
        "weight on rival alliances, does the work. Is that a fair model of the difference between the theories?",
        "Many runs end in a deal (Blue neutral, the border split), but only after years of standoff and "
        "arming. Why does a deal that leaves both better off take so long? What would make it credible sooner?",
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
