"""`brink lesson` (issue 6). Placeholder until the teaching helper lands."""

from __future__ import annotations

from sim.cli.common import fail


def lesson() -> None:
    """Run a lesson's experiment and write its exhibit."""
    fail("brink lesson is not implemented yet")
