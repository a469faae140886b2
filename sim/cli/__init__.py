"""The `brink` command line: run, compare, list and check scenarios.

Error policy: any bad input (unknown scenario, malformed TOML, schema violation, bad `--set`,
unknown lens, a non-empty `--out` directory) prints one message on stderr that names the file
and field, exits with code 2, and leaves no run directory behind. Each command group lives in
its own module (`runs`, `catalog`, `batch`, `sensitivity`, `dashboard`, `validate`, `teach`)
and is registered here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from sim.cli import batch, catalog, dashboard, runs, sensitivity, teach, validate
from sim.scenario import SCENARIO_ENV

app = typer.Typer(
    name="brink",
    help="Brinkmanship: agent-based simulation of interstate conflict (escalation, frozen "
    "conflicts, settlements, victories).",
    no_args_is_help=True,
    add_completion=True,  # brink --install-completion / --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_show_locals=False,
)


def _version_callback(value: bool) -> None:
    if value:
        import sim

        typer.echo(f"brink {sim.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit."),
    ] = False,
    scenarios: Annotated[
        list[Path] | None,
        typer.Option(
            "--scenarios",
            metavar="DIR",
            file_okay=False,
            help=f"A folder of your own scenario files, searched before the shipped ones (repeatable; "
            f"also ${SCENARIO_ENV}).",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an unexpected error.")] = False,
) -> None:
    """Brinkmanship: agent-based simulation of interstate conflict on Mesa."""
    from sim.cli.common import DEBUG

    DEBUG["on"] = debug
    if scenarios:
        # Through the environment, so that worker processes and the dashboard server see it too.
        before = [os.environ[SCENARIO_ENV]] if os.environ.get(SCENARIO_ENV) else []
        os.environ[SCENARIO_ENV] = os.pathsep.join([*(str(d.resolve()) for d in scenarios), *before])


app.command()(runs.run)
app.command()(runs.compare)
app.command()(catalog.scenarios)
app.command()(catalog.check)
app.command()(batch.batch)
app.command()(batch.summarize)
app.command()(sensitivity.sensitivity)
app.command(name="app")(dashboard.app)
app.command()(validate.validate)
app.command()(teach.lesson)


def main() -> None:
    from sim.atomic import terminate_on_sigterm
    from sim.cli.common import run_guarded

    terminate_on_sigterm()  # SIGTERM unwinds like an exception, so temporary files are removed
    run_guarded(lambda: app(prog_name="brink"))
