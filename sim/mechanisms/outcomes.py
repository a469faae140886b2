"""Run outcomes and monthly phases.

Definitions (also in docs/model.md):
- escalation: the war widens: a third party decides to enter it (a guarantor drawn in), or
  deliberate escalation drives intensity to `escalation_intensity`.
- frozen: fighting stopped by a ceasefire without agreement on the core issues, which holds
  `frozen_after` months or to the horizon.
- settlement: both sides sign an agreement on every issue at stake that neither imposed.
- victory: one side's forces or will collapse, it accepts imposed terms (capitulation, or a
  deal so one-sided it is imposed), or the fighting stops after its army broke with the
  winner holding its war aims.
- ongoing: none of these by the horizon.
"""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    CRISIS = "crisis"
    WAR = "war"
    TALKS = "talks"
    CEASEFIRE = "ceasefire"
    SETTLED = "settled"


class Outcome(StrEnum):
    ESCALATION = "escalation"
    FROZEN = "frozen"
    SETTLEMENT = "settlement"
    VICTORY = "victory"
    ONGOING = "ongoing"


def collapsed(
    military: float, military0: float, will: float, collapse_military: float, collapse_will: float
) -> str | None:
    """Why a side has collapsed (its forces or its will), or None."""
    if military0 > 0 and military < collapse_military * military0:
        return f"its forces are down to {military / military0:.0%} of their pre-war strength"
    if will < collapse_will:
        return f"its political will has collapsed ({will:.2f})"
    return None
