"""The `brink` command line: run, compare, list and check scenarios.

Error policy: any bad input (unknown scenario, malformed TOML, schema violation, bad `--set`,
unknown lens, a non-empty `--out` directory) prints one message on stderr that names the file
and field, exits with code 2, and leaves no run directory behind. Each command group lives in
its own module (`runs`, `catalog`, `batch`, `sensitivity`, `dashboard`, `validate`, `teach`)
and is registered here.
"""

from __future__ import annotations

from typing import Annotated

import typer

from sim.cli import batch, catalog, dashboard, runs, sensitivity, teach, validate

app = typer.Typer(
    name="brink",
    help="Brinkmanship: agent-based simulation of interstate conflict (escalation, frozen "
    "conflicts, settlements, victories).",
    no_args_is_help=True,
    add_completion=False,
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
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an unexpected error.")] = False,
) -> None:
    """Brinkmanship: agent-based simulation of interstate conflict on Mesa."""
    from sim.cli.common import DEBUG

    DEBUG["on"] = debug


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
