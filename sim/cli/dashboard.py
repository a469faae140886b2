"""`brink app` (issue 5). Placeholder until the dashboard helper lands."""

from __future__ import annotations

from sim.cli.common import fail


def app() -> None:
    """Open the browser dashboard."""
    fail("brink app is not implemented yet")
