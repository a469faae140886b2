"""Validation of the model: analytic limits, stylized facts and historical cases.

- `analytic`: the formal results of `THEORY.md` (Lanchester, Fearon, Richardson, Zartman,
  Putnam), each reproduced by the full `ConflictModel` with the other mechanisms switched off
  through ordinary parameters.
- `stylized`: ensemble targets from the empirical literature, with sources and Wilson intervals.
- `history`: the historical cases of `scenarios/history/`, an ensemble each, simulated outcome
  shares beside what happened.
- `runner`: the ensembles of the facts and the cases, one run per task, in worker processes
  if asked, each run summarized (`RunSummary`) and returned in task order.
- `report`: the rich table, the JSON object and the offline HTML report of `brink validate`.
"""

from __future__ import annotations

from sim.validation.checks import Check

__all__ = ["Check"]
