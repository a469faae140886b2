"""The dashboard page: a collapsible control panel and five views (run, compare, ensemble,
saved results, scenario info), laid out for phones (one column), laptops and projectors.

A link may open a view with a scenario chosen: `?view=info&scenario=security_dilemma`
(the lessons link to the Info view this way).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import solara
import solara.server.settings

from sim.dashboard import quiet, state, views
from sim.dashboard.asset_cache import AssetCache, install_route
from sim.dashboard.components import RunView
from sim.dashboard.config import (
    DEFAULT_SCENARIO,
    LENS_MODES,
    PER_STATE,
    SLIDERS,
    RunConfig,
    load_choice,
    scenario_choices,
)
from sim.dashboard.controls import Controls, QuickControls
from sim.dashboard.editor import EditorView
from sim.dashboard.info import InfoView
from sim.dashboard.panels import CompareView, EnsembleView
from sim.dashboard.saved import SavedView
from sim.dashboard.session import Simulation
from sim.dashboard.style import CSS
from sim.dashboard.viewport import PHONE_WIDTH, AddressBar, PauseWitness, Viewport

install_route()  # the service worker that keeps the large scripts compiled (asset_cache.py)
quiet.apply()  # no "Failed to evaluate Vue script" in the console, no cookie warnings in the log


def _warm_up() -> None:
    """The default page's figures, built while the server starts rather than for its first visitor."""
    try:
        views.warm_up(Simulation(RunConfig(load_choice(DEFAULT_SCENARIO))))
    except Exception:  # noqa: BLE001 - a warm-up must never stop the server; the page reports errors
        pass


_warm_up()
solara.server.settings.theme.show_banner = False  # its "runs on Solara" badge covered the charts

VIEWS = {
    "Run": RunView,
    "Compare lenses": CompareView,
    "Ensemble": EnsembleView,
    "Saved results": SavedView,
    "Scenario info": InfoView,
    "Edit scenario": EditorView,
}
VIEW_KEYS = {
    "run": "Run",
    "compare": "Compare lenses",
    "ensemble": "Ensemble",
    "saved": "Saved results",
    "info": "Scenario info",
    "edit": "Edit scenario",
}


def _from_link(search: str | None) -> str:
    """Apply `?scenario=...&lens=...&seed=...&fog=...&view=...` from the address once; returns the view."""
    query = {k: v[-1] for k, v in parse_qs(search or "").items()}
    if query.get("scenario") in scenario_choices():
        state.scenario_label.set(query["scenario"])
    if query.get("lens") in LENS_MODES and query["lens"] != PER_STATE:
        state.lens_mode.set(query["lens"])
    if query.get("seed", "").isdigit():
        state.seed.set(int(query["seed"]))
    moved = {}
    for name, slider in SLIDERS.items():
        try:
            value = float(query[name])
        except (KeyError, ValueError):
            continue
        if slider.low <= value <= slider.high:
            moved[name] = int(value) if slider.integer else value
    if moved:
        state.params.set(moved)
    return VIEW_KEYS.get(query.get("view", ""), "Run")


def _link(view: str) -> str:
    """The address of what is on screen: a reload or a shared link opens the same run."""
    query: dict[str, str] = {}
    if state.scenario_label.value != state.UPLOADED:
        query["scenario"] = state.scenario_label.value
    if state.lens_mode.value not in ("mixed", PER_STATE):
        query["lens"] = state.lens_mode.value
    query["seed"] = str(state.seed.value)
    query |= {name: f"{value:g}" for name, value in sorted(state.params.value.items())}
    key = next((k for k, v in VIEW_KEYS.items() if v == view), "run")
    if key != "run":
        query["view"] = key
    return "?" + urlencode(query)


def _fold_controls_on_phones(width: int) -> None:
    if width < PHONE_WIDTH:
        state.controls_open.set(False)


@solara.component
def Page():
    solara.Title("Brinkmanship dashboard")
    router = solara.use_router()
    first = solara.use_memo(lambda: _from_link(router.search), [])
    view = solara.use_reactive(first)
    # A view once shown stays mounted and is only hidden: closing its chart widgets while the
    # browser still holds them would log "no comm channel" errors.
    shown, set_shown = solara.use_state((first,))
    if view.value not in shown:
        set_shown((*shown, view.value))
    with solara.Div(style={"display": "none"}):  # one hidden box, so no gaps above the header
        solara.Style(CSS)
        Viewport(on_width=_fold_controls_on_phones)
        PauseWitness(on_shown=state.page_shows)
        AddressBar(_link(view.value))
        AssetCache()
    with solara.Div(classes=["brink-header"]):
        solara.Button(
            "Hide controls" if state.controls_open.value else "Show controls",
            icon_name="mdi-tune",
            text=True,
            on_click=lambda: state.controls_open.set(not state.controls_open.value),
            classes=["brink-controls-toggle"],
        )
        if not state.controls_open.value:
            QuickControls()
        solara.HTML(tag="span", unsafe_innerHTML="Brinkmanship: interstate conflict on Mesa", classes=["brink-title"])
    with solara.Div(classes=["brink-layout"]):
        if state.controls_open.value:
            with solara.Div(classes=["brink-controls"]):
                Controls()
        with solara.Div(classes=["brink-main"]):
            with solara.Div(classes=["brink-views"]):
                solara.ToggleButtonsSingle(value=view, values=list(VIEWS), classes=["brink-view-switch"])
            for name, component in VIEWS.items():
                if name in shown or name == view.value:
                    with solara.Div(
                        style={"display": "block" if name == view.value else "none"},
                        classes=["brink-view", f"brink-view-{name.split()[0].lower()}"],
                    ):
                        component()
