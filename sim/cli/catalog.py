"""`brink scenarios` and `brink check`: list and validate scenario files."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sim.cli.common import stderr_console, stdout_console
from sim.scenario import ScenarioError, available_scenarios, load_scenario


def scenarios() -> None:
    """List the shipped scenarios."""
    table = Table(title="Shipped scenarios")
    table.add_column("name", style="bold", no_wrap=True)
    table.add_column("description")
    table.add_column("default lens", no_wrap=True)
    table.add_column("steps", justify="right")
    for name, path in available_scenarios().items():
        try:
            spec = load_scenario(path)
        except ScenarioError as exc:
            table.add_row(name, Text(f"broken: {exc}", style="red"), "-", "-")
            continue
        table.add_row(name, spec.description, spec.default_lens, str(spec.steps))
    Console(highlight=False, markup=False).print(table)  # descriptions are text, not markup


def check(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Scenario .toml files (or shipped names)."),
    ],
) -> None:
    """Validate scenario files without running them."""
    failed = False
    con, err = stdout_console(), stderr_console()
    for file in files:
        try:
            load_scenario(file)
        except ScenarioError as exc:
            failed = True
            err.print(Text("error: ", style="bold red") + Text(str(exc)))
        else:
            con.print(f"ok: {file}")
    if failed:
        raise typer.Exit(2)
