"""Export: a chart's data as CSV, and the run as the folder `brink run` writes (saved under
runs/ or downloaded as a zip). A chart's PNG comes from the camera button of its own bar.

One download button for all charts, not one per chart: every button is a set of widgets the
page must build, and the page has to open fast for a class of students at once.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import solara

from sim.dashboard.config import RUNS_ROOT
from sim.dashboard.session import Simulation
from sim.output import write_run


def save_run(sim: Simulation, runs_root: Path = RUNS_ROOT) -> Path:
    """Write the run as it stands to a new folder under runs/ (never over an existing one)."""
    with sim.lock:
        return write_run(
            sim.model, runs_root=runs_root, overrides=sim.config.overrides(), source=sim.config.scenario.name
        )


def run_zip(sim: Simulation) -> bytes:
    """The run folder `brink run` would write, as a zip file."""
    with tempfile.TemporaryDirectory() as tmp:
        with sim.lock:
            folder = write_run(sim.model, Path(tmp) / "run", overrides=sim.config.overrides())
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, Path(folder.name) / path.relative_to(folder))
        return buffer.getvalue()


@solara.component
def ExportBar(sim: Simulation, finished: bool, tables: dict[str, Callable[[], str]]):
    saved, set_saved = solara.use_state("")
    chosen, set_chosen = solara.use_state(next(iter(tables)))

    def save() -> None:
        try:
            set_saved(f"saved to {save_run(sim)}")
        except Exception as exc:  # shown, not raised: a full disk must not break the page
            set_saved(f"could not save: {exc}")

    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, classes=["brink-export"]):
        with solara.Div(classes=["brink-csv-choice"], style={"min-width": "220px"}):
            solara.Select("Chart data", value=chosen, values=list(tables), on_value=set_chosen, dense=True)
        with solara.Div(classes=["brink-csv"]):
            solara.FileDownload(
                tables.get(chosen, next(iter(tables.values()))),
                filename=f"{chosen.split()[0]}.csv",
                label="CSV",
                mime_type="text/csv",
            )
        solara.Button(
            "Save run to runs/",
            icon_name="mdi-content-save",
            text=True,
            on_click=save,
            disabled=not finished,
            classes=["brink-save-run"],
        )
        with solara.Div(classes=["brink-download-run"]):
            solara.FileDownload(
                lambda: run_zip(sim),
                filename=f"{sim.model.spec.name}-seed{sim.config.seed}.zip",
                label="Download run (.zip)",
                mime_type="application/zip",
            )
        solara.Text(
            saved or ("" if finished else "save and download the run folder once it has ended"),
            style={"font-size": "12px", "color": "#555"},
            classes=["brink-save-note"],
        )
