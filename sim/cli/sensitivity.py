"""`brink sensitivity` (issue 4). Placeholder until the sensitivity helper lands."""

from __future__ import annotations

from sim.cli.common import fail


def sensitivity() -> None:
    """Rank which parameters drive P(frozen), P(settlement), P(escalation) (SALib)."""
    fail("brink sensitivity is not implemented yet")
