"""`brink batch` and `brink summarize` (issue 4). Placeholder until the batch helper lands."""

from __future__ import annotations

from sim.cli.common import fail


def batch() -> None:
    """Run an experiment: sweeps, replicates, parallel and distributed runs."""
    fail("brink batch is not implemented yet")


def summarize() -> None:
    """Print the outcome-share table of a finished batch directory."""
    fail("brink summarize is not implemented yet")
