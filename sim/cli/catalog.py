"""`brink scenarios` and `brink check`: list and validate scenario files.

The catalogue is the user's folders (`brink --scenarios DIR`, or `BRINK_SCENARIOS`) first,
then the scenarios shipped inside the package; `brink scenarios` says where each comes from.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from sim.cli.common import JsonOpt, fail, stderr_console, stdout_console
from sim.scenario import ScenarioError, load_scenario, scenario_catalogue


def scenarios(json_: JsonOpt = False) -> None:
    """List the scenarios: your folders (--scenarios DIR) first, then the shipped ones."""
    try:
        catalogue = scenario_catalogue()
    except ScenarioError as exc:
        fail(str(exc))
    rows = []
    for entry in catalogue.values():
        row = {"name": entry.name, "label": entry.label, "source": entry.source, "file": str(entry.path)}
        try:
            spec = load_scenario(entry.path)
        except ScenarioError as exc:
            row |= {"error": str(exc), "description": None, "default_lens": None, "steps": None}
        else:
            row |= {"error": None, "description": spec.description, "default_lens": spec.default_lens,
                    "steps": spec.steps}  # fmt: skip
        rows.append(row)
    if json_:
        print(json.dumps({"scenarios": rows}))
        return
    table = Table(title="Scenarios")
    table.add_column("name", style="bold", no_wrap=True)
    table.add_column("description")
    table.add_column("default lens", no_wrap=True)
    table.add_column("steps", justify="right")
    table.add_column("source", overflow="fold")
    for row in rows:
        if row["error"]:
            table.add_row(row["label"], Text(f"broken: {row['error']}", style="red"), "-", "-", row["source"])
        else:
            table.add_row(row["label"], row["description"], row["default_lens"], str(row["steps"]), row["source"])
    stdout_console().print(table)


def check(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Scenario .toml files (or scenario names)."),
    ],
    json_: JsonOpt = False,
) -> None:
    """Validate scenario files without running them."""
    results = []
    for file in files:
        try:
            load_scenario(file)
        except ScenarioError as exc:
            results.append({"file": file, "ok": False, "error": str(exc)})
        else:
            results.append({"file": file, "ok": True, "error": None})
    failed = not all(r["ok"] for r in results)
    if json_:
        print(json.dumps({"ok": not failed, "files": results}))
    else:
        con, err = stdout_console(), stderr_console()
        for r in results:
            if r["ok"]:
                con.print(f"ok: {r['file']}")
            else:
                err.print(Text("error: ", style="bold red") + Text(r["error"]))
    if failed:
        raise typer.Exit(2)
