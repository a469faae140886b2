"""Run outcomes and monthly phases.

Definitions (also in docs/model.md):
- escalation: the war widens: a guarantor or alliance enters the fighting, or intensity
  reaches `escalation_intensity`.
- frozen: a ceasefire has held `frozen_after` months with the core dispute unresolved.
- settlement: both sides sign a credible agreement on every issue at stake (in talks, in a
  ceasefire, or in a crisis before any war).
- victory: one side's forces fall below `collapse_military` of their initial size, its will
  below `collapse_will`, or it loses (almost) all the disputed territory.
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
    military: float,
    military0: float,
    will: float,
    territory: float,
    collapse_military: float,
    collapse_will: float,
) -> str | None:
    """Why a side has collapsed (its forces, its will or its ground), or None."""
    if military < collapse_military * military0:
        return f"forces at {military / military0:.0%} of their initial strength"
    if will < collapse_will:
        return f"political will down to {will:.2f}"
    if territory <= 0.02:
        return f"holds only {territory:.0%} of the disputed territory"
    return None
