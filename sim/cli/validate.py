"""`brink validate` (issue 6). Placeholder until the validation helper lands."""

from __future__ import annotations

from sim.cli.common import fail


def validate() -> None:
    """Check the model against analytic limits, stylized facts and historical cases."""
    fail("brink validate is not implemented yet")
