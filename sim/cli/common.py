"""Shared pieces of the `brink` commands: options, error handling, output formatting."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from sim.lenses import LENS_CHOICES
from sim.scenario import Scenario, ScenarioError, load_scenario, parse_value, resolve_path

LensChoice = StrEnum("LensChoice", {name: name for name in LENS_CHOICES})
COMPARE_LENSES = ("realism", "liberalism")
DEFAULT_SCENARIO = "ukraine_2025"
OUTCOME_STYLE = {
    "escalation": "bold red",
    "victory": "bold magenta",
    "frozen": "bold cyan",
    "settlement": "bold green",
    "ongoing": "bold yellow",
}


# --- shared helpers -------------------------------------------------------------------------


def stdout_console() -> Console:
    # markup off: paths and names are the user's, and `out[/]x` is a fine directory name
    return Console(soft_wrap=True, highlight=False, markup=False)


def stderr_console() -> Console:
    return Console(stderr=True, soft_wrap=True, highlight=False, markup=False)


def fail(message: str, code: int = 2) -> NoReturn:
    stderr_console().print(Text("error: ", style="bold red") + Text(str(message)))
    raise typer.Exit(code)


def parse_sets(items: list[str] | None) -> dict[str, Any]:
    """`--set a.b=value` items as overrides, values read as TOML."""
    overrides: dict[str, Any] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            fail(f"--set {item!r}: expected dotted.path=value, e.g. --set states.Russia.will=0.8")
        overrides[key] = parse_flag_value(value, f"--set {key}")
    return overrides


def parse_flag_value(text: str, flag: str) -> Any:
    """One value of `--set`/`--grid` read as TOML; a multi-line or too deeply nested one ends in `fail`."""
    try:
        return parse_value(text.strip())
    except ScenarioError as exc:
        fail(f"{flag}: {exc}")


def real_out(out: Path | None) -> Path | None:
    """`--out` as the directory it names: a symlink to a directory is followed, so the run is
    written into the directory it points to (renaming onto the link itself would fail)."""
    if out is None:
        return None
    check_out_path(out)
    if out.is_symlink() and out.is_dir():
        return out.resolve()
    return out


def check_out_path(out: Path) -> None:
    """Refuse an `--out` that can never be written (too long a name, a file on the way, a folder
    one may not write in) before the run, rather than failing after it. Raises OutputError."""
    from sim.output import OutputError

    for part in out.parts:
        if len(os.fsencode(part)) > 255:  # NAME_MAX on the usual file systems
            raise OutputError(f"{str(out)[:80]}...: a name in the path is longer than 255 bytes")
    ancestor = out.absolute().parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(f"{out}: {ancestor} is not a directory")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise OutputError(f"{out}: no permission to write in {ancestor}")


def prepare(scenario: str, overrides: dict[str, Any], out: Path | None, overwrite: bool) -> tuple[Path, Scenario]:
    """Resolve and validate the scenario and check `--out` before any work is done.

    Raises ScenarioError or OutputError, naming the file and field.
    """
    from sim.output import check_out_dir

    path = resolve_path(scenario)
    spec = load_scenario(path, overrides)
    if out is not None:
        check_out_path(out)
        check_out_dir(out, overwrite)
    return path, spec


def build_model(spec: Scenario, lens: str | None, seed: int, steps: int | None):
    """A ConflictModel from a validated scenario; bad input ends in `fail`."""
    from sim.model import ConflictModel

    # The scenario is loaded (with overrides) first and passed whole, so that a `--set` key
    # such as `steps` cannot collide with ConflictModel's own keyword arguments.
    try:
        return ConflictModel(spec, lens=lens, rng=seed, steps=steps)
    except ValueError as exc:  # ScenarioError, pydantic errors, unknown lens
        fail(str(exc))


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn bad-input exceptions into one stderr message and exit code 2."""
    from sim.output import OutputError

    try:
        yield
    except (ScenarioError, OutputError) as exc:
        fail(str(exc))
    except RecursionError:  # a structure nested deeper than any parser check foresaw
        fail("the input is nested too deeply (arrays or tables inside each other)")


@contextlib.contextmanager
def json_stdout_guard(json_mode: bool) -> Iterator[None]:
    """In --json mode, send anything printed along the way to stderr to keep stdout clean."""
    if json_mode:
        with contextlib.redirect_stdout(sys.stderr):
            yield
    else:
        yield


def write_safely(fn, *args, **kwargs) -> Path:
    """Call a writer; a disk error is one message and exit code 1, not a traceback."""
    try:
        return fn(*args, **kwargs)
    except OSError as exc:
        fail(f"cannot write the run: {exc}", code=1)


def outcome_line(model) -> Text:
    """`FROZEN at month 17 (2027-05)`, coloured by outcome."""
    outcome = str(model.final_outcome)
    text = Text(outcome.upper(), style=OUTCOME_STYLE.get(outcome, "bold"))
    if model.outcome_step is not None:
        text.append(f" at {model.spec.month_label(model.outcome_step)}")
    else:
        text.append(f" (no outcome within {model.steps} months)")
    return text


def run_summary(model, run_dir: Path, source: Path) -> dict[str, Any]:
    """The facts `--json` prints about one run."""
    names = model.world.names
    return {
        "out_dir": str(run_dir.resolve()),
        "report": str((run_dir / "report.html").resolve()),
        "scenario": model.spec.name,
        "scenario_file": str(source),
        "lens": model.lens_name,
        "seed": model.seed,
        "steps": int(model.steps),
        "outcome": str(model.final_outcome),
        "outcome_step": model.outcome_step,
        "names": [names[model.primary.a], names[model.primary.b]],
    }


# --- the edge: nothing unexpected reaches the user as a traceback --------------------------------

DEBUG = {"on": False}  # set by `brink --debug`
BUG_HINT = "this is a bug in brink; please report it with the command you ran (`brink --debug ...` shows the traceback)"


def expected_error(exc: BaseException) -> str | None:
    """The one-line message of an error that is the input's fault (exit 2), or None for a bug."""
    from rich.errors import MarkupError

    from sim.experiments.spec import SpecError
    from sim.output import OutputError

    if isinstance(exc, ScenarioError | SpecError | OutputError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply (arrays or tables inside each other)"
    if isinstance(exc, MarkupError):
        return f"text that looks like console markup could not be shown: {exc}"
    return None


def run_guarded(command: Callable[[], Any]) -> None:
    """Run the CLI; an uncaught error is one line on stderr (exit 2 if it is the input's fault,
    else exit 1 and a hint to report it), with the traceback only under `brink --debug`."""
    try:
        command()
    except Exception as exc:  # SystemExit (typer's exit codes) and Ctrl-C pass through
        if DEBUG["on"]:
            raise
        message = expected_error(exc)
        con = stderr_console()
        if message is not None:
            con.print(Text("error: ", style="bold red") + Text(message))
            sys.exit(2)
        con.print(Text("error: ", style="bold red") + Text(f"{type(exc).__name__}: {exc}"[:500].splitlines()[0]))
        con.print(Text(BUG_HINT, style="dim"))
        sys.exit(1)


# --- options shared by commands --------------------------------------------------------------


def complete_scenario(incomplete: str) -> list[str]:
    """Shell completion of scenario names (`brink --install-completion` turns it on)."""
    from sim.scenario import available_scenarios

    try:
        return [name for name in available_scenarios() if name.startswith(incomplete)]
    except ScenarioError:
        return []


ScenarioArg = Annotated[
    str,
    typer.Argument(
        metavar="SCENARIO",
        help="A scenario name (see `brink scenarios`) or a .toml file.",
        autocompletion=complete_scenario,
    ),
]
SeedOpt = Annotated[int, typer.Option(min=0, help="Random seed; same seed, same run.")]
StepsOpt = Annotated[
    int | None,
    typer.Option(min=1, max=10_000, help="Months to simulate (default: the scenario's)."),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        "-s",
        metavar="PATH=VALUE",
        help="Override a scenario value, e.g. states.Russia.will=0.8 or concession_decay=0.1. Repeatable.",
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Output directory (must not exist or be empty)."),
]
OverwriteOpt = Annotated[bool, typer.Option("--overwrite", help="Replace a non-empty --out directory.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout and nothing else.")]

# batch execution, shared by `brink batch` and `brink sensitivity` (names from sim.experiments.executors)
Backend = StrEnum("Backend", {b: b for b in ("serial", "processes", "dask")})
WorkersOpt = Annotated[int | None, typer.Option(min=1, help="Worker processes (default: all cores).")]
SchedulerOpt = Annotated[
    str | None, typer.Option(metavar="ADDRESS", help="A running Dask scheduler, e.g. tcp://host:8786.")
]
WaitWorkersOpt = Annotated[
    float | None,
    typer.Option(
        min=0,
        metavar="SECONDS",
        help="Dask: how long to wait for a first worker, or for one to come back (default 60).",
    ),
]
LensesOpt = Annotated[
    list[LensChoice] | None,
    typer.Option("--lens", "-l", case_sensitive=False, help="Lens to run; repeat for several (default: both)."),
]
