"""Reports of simulation runs: plotly figures and self-contained offline HTML pages.

`figures` holds pure DataFrame -> Figure functions (shared with the dashboard); `html` and
`compare` write single-run and side-by-side reports that embed plotly.js once and work offline.
"""

from sim.report.compare import first_divergence, render_compare_report, write_compare_report
from sim.report.ensemble_figures import outcome_share_figure
from sim.report.figures import (
    bargaining_figure,
    military_territory_figure,
    politics_figure,
    resources_figure,
    run_figures,
    tension_figure,
    timeline_figure,
    trust_figure,
)
from sim.report.html import render_report, write_report
from sim.report.palette import OUTCOME_COLORS, PHASE_COLORS, STATE_COLORS

__all__ = [
    "OUTCOME_COLORS",
    "PHASE_COLORS",
    "STATE_COLORS",
    "bargaining_figure",
    "first_divergence",
    "military_territory_figure",
    "outcome_share_figure",
    "politics_figure",
    "render_compare_report",
    "render_report",
    "resources_figure",
    "run_figures",
    "tension_figure",
    "timeline_figure",
    "trust_figure",
    "write_compare_report",
    "write_report",
]
