"""Edit the scenario in the page: its TOML, checked live with the same messages as `brink check`.

Every field the schema allows (states, alliances, disputes, events, parameters) can be
changed, because the editor works on the scenario file itself, comments and all; each change
is validated at once through the same path as an upload (`parse_upload`: TOML, the schema's
`validate`, then building the world), and a valid scenario can be run here or downloaded.
"""

from __future__ import annotations

import solara

from sim.dashboard import state
from sim.dashboard.config import parse_upload, scenario_choices
from sim.scenario import Scenario, ScenarioError

EDITED_NAME = "edited.toml"


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
def EditorView():
    start = solara.use_memo(current_text, [state.scenario_label.value, state.uploaded_text.value])
    text, set_text = solara.use_state(start)
    solara.use_effect(lambda: set_text(start), [start])  # another scenario chosen: edit that one
    spec, problems = solara.use_memo(lambda: check(text), [text])
    # plain HTML, not solara.Markdown: that one fetches KaTeX from a CDN
    solara.HTML(
        unsafe_innerHTML="Edit any value of the scenario below; it is checked as you type, with the same "
        "messages as <code>brink check</code>. <b>Run this scenario</b> uses it in the Run view; "
        "<b>Download .toml</b> saves it as a file.",
        classes=["brink-editor-help"],
    )
    with solara.Div(classes=["brink-editor-text"]):
        solara.InputTextArea(
            "Scenario (TOML)", value=text, on_value=set_text, continuous_update=True, rows=22, auto_grow=False
        )
    with solara.Div(classes=["brink-editor-status"]):
        if problems:
            solara.Error(problems, text=True, classes=["brink-editor-error"])
        else:
            solara.Success(f"valid: {spec.name}, {len(spec.states)} states", dense=True, classes=["brink-editor-ok"])
    with solara.Row(style={"align-items": "center"}):
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
