"""Decision lenses: IR theories as sets of assumptions in one calculus, registered by name.

`LENSES` is the registry; the CLI's `--lens` choices and the dashboard's come from it.
`mixed` is not a lens but a choice: each state keeps the lens its scenario gives it, and a
state without one is an error (no theory is assumed silently).
"""

from __future__ import annotations

from sim.lenses.base import ASSUMPTION_WORDS, Action, Assumptions, Decision, Lens, View
from sim.lenses.liberalism import Liberalism
from sim.lenses.realism import Realism

LENSES: dict[str, type[Lens]] = {cls.name: cls for cls in (Realism, Liberalism)}
LENS_CHOICES = (*LENSES, "mixed")


def get_lens(name: str) -> Lens:
    try:
        return LENSES[name]()
    except KeyError:
        raise ValueError(f"unknown lens {name!r}; choose one of: {', '.join(LENS_CHOICES)}") from None


__all__ = [
    "ASSUMPTION_WORDS",
    "LENSES",
    "LENS_CHOICES",
    "Action",
    "Assumptions",
    "Decision",
    "Lens",
    "View",
    "get_lens",
]
