"""The dashboard page: a sidebar of controls and four views (run, compare, ensemble, saved)."""

from __future__ import annotations

import solara

from sim.dashboard.components import RunView, Sidebar
from sim.dashboard.panels import CompareView, EnsembleView, SavedView

CSS = """
.brink-phasebar { font-size: 15px; margin: 4px 0 6px 0; }
.brink-phase { padding: 2px 10px; border-radius: 10px; font-weight: 600; text-transform: uppercase;
  letter-spacing: .04em; }
.brink-outcome { color: white; padding: 10px 14px; border-radius: 6px; font-size: 16px; margin-bottom: 8px; }
.brink-eventlog { overflow-y: auto; border: 1px solid #e3e3e3; border-radius: 6px; padding: 6px 10px;
  font-size: 13px; background: #fcfcfc; }
.brink-eventlog h4 { margin: 2px 0 6px 0; }
.brink-eventlog ul { padding-left: 16px; margin: 0; }
.brink-eventlog li { margin-bottom: 4px; }
.brink-eventlog li.brink-kind-outcome { color: #922b21; font-weight: 600; }
.brink-eventlog li.brink-kind-phase { color: #1a5276; }
.brink-divergence { font-weight: 600; color: #ad1457; margin: 6px 0; }
.brink-compare-col { border-top: 3px solid #ddd; padding-top: 4px; }
.brink-chart { min-height: 120px; }
.brink-upload-error .v-alert__content, .brink-error .v-alert__content { white-space: pre-line; }
"""

VIEWS = {"Run": RunView, "Compare lenses": CompareView, "Ensemble": EnsembleView, "Saved results": SavedView}


@solara.component
def Page():
    solara.Style(CSS)
    solara.Title("Brinkmanship dashboard")
    with solara.AppBar():
        solara.AppBarTitle("Brinkmanship: interstate conflict on Mesa")
    with solara.Sidebar():
        Sidebar()
    # A plain switch of views (this solara's lab.Tabs needs a newer ipyvuetify than it works
    # with). A view once shown stays mounted and is only hidden: closing its plotly widgets
    # while the browser still holds them would log "no comm channel" errors.
    view = solara.use_reactive("Run")
    shown, set_shown = solara.use_state(("Run",))
    if view.value not in shown:
        set_shown((*shown, view.value))
    with solara.Div(classes=["brink-views"]):
        solara.ToggleButtonsSingle(value=view, values=list(VIEWS), classes=["brink-view-switch"])
    for name, component in VIEWS.items():
        if name in shown or name == view.value:
            with solara.Div(style={"display": "block" if name == view.value else "none"}, classes=["brink-view"]):
                component()
