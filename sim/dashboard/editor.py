"""Edit the scenario in the page, checked live with the same messages as `brink check`.

Two views of one text: a form generated from the schema (`sim.dashboard.form`: every field of
the states, alliances, disputes, events, parameters and history, with its bounds and
description), and, for advanced use, the TOML itself, comments and all. Each change is
validated at once through the same path as an upload (`parse_upload`: TOML, the schema's
`validate`, then building the world); the messages are listed above the form and shown at
their fields. A valid scenario can be run here, and any scenario downloaded as a .toml file.
"""

from __future__ import annotations

import solara

from sim.dashboard import state
from sim.dashboard.config import parse_upload, scenario_choices
from sim.dashboard.form import ScenarioForm
from sim.scenario import Scenario, ScenarioError

EDITED_NAME = "edited.toml"
MODES = ("Form", "TOML text")


def current_text() -> str:
    """The TOML of the scenario on screen: the shipped file, or the uploaded or loaded one."""
    if state.scenario_label.value == state.UPLOADED:
        return state.uploaded_text.value
    path = scenario_choices().get(state.scenario_label.value)
    return path.read_text(encoding="utf-8") if path else ""


def check(text: str) -> tuple[Scenario | None, str]:
    """(scenario, "") when `text` is a valid scenario, else (None, the messages of `brink check`)."""
    try:
        return parse_upload(EDITED_NAME, text.encode("utf-8")), ""
    except ScenarioError as exc:
        return None, str(exc)


@solara.component
def EditorStatus(spec: Scenario | None, problems: str):
    with solara.Div(classes=["brink-editor-status"]):
        if problems:
            solara.Error(problems, text=True, dense=True, classes=["brink-editor-error"])
        else:
            solara.Success(f"valid: {spec.name}, {len(spec.states)} states", dense=True, classes=["brink-editor-ok"])


@solara.component
def EditorView():
    start = solara.use_memo(current_text, [state.scenario_label.value, state.uploaded_text.value])
    text, set_text = solara.use_state(start)
    solara.use_effect(lambda: set_text(start), [start])  # another scenario chosen: edit that one
    mode = solara.use_reactive(MODES[0])
    spec, problems = solara.use_memo(lambda: check(text), [text])
    # plain HTML, not solara.Markdown: that one fetches KaTeX from a CDN
    solara.HTML(
        unsafe_innerHTML="Change any field of the scenario; it is checked as you type, with the same messages "
        "as <code>brink check</code>. <b>Run this scenario</b> uses it in the Run view; <b>Download .toml</b> "
        "saves it as a file. The form changes only the values you change: the file's comments are kept.",
        classes=["brink-editor-help"],
    )
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, classes=["brink-editor-actions"]):
        solara.ToggleButtonsSingle(value=mode, values=list(MODES), dense=True, classes=["brink-editor-mode"])
        solara.Button(
            "Run this scenario",
            icon_name="mdi-play",
            color="primary",
            disabled=spec is None,
            on_click=lambda: state.use_edited(spec, text),
            classes=["brink-editor-use"],
        )
        with solara.Div(classes=["brink-editor-download"]):
            solara.FileDownload(
                text,
                filename=f"{spec.name if spec else 'scenario'}.toml",
                label="Download .toml",
                mime_type="application/toml",
            )
    EditorStatus(spec, problems)
    if mode.value == MODES[0]:
        ScenarioForm(text, set_text, problems, EDITED_NAME)
    else:
        with solara.Div(classes=["brink-editor-text"]):
            solara.InputTextArea(
                "Scenario (TOML)", value=text, on_value=set_text, continuous_update=True, rows=22, auto_grow=False
            )
