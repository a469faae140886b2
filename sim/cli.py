"""The `brink` command line: run, compare, list and check scenarios.

Error policy: any bad input (unknown scenario, malformed TOML, schema violation, bad `--set`,
unknown lens, a non-empty `--out` directory) prints one message on stderr that names the file
and field, exits with code 2, and leaves no run directory behind.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sim.lenses import LENS_CHOICES
from sim.scenario import (
    Scenario,
    ScenarioError,
    available_scenarios,
    load_scenario,
    parse_value,
    resolve_path,
)

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

app = typer.Typer(
    name="brink",
    help="Brinkmanship: agent-based simulation of interstate conflict (escalation, frozen "
    "conflicts, settlements, victories).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


# --- shared helpers -------------------------------------------------------------------------


def _out() -> Console:
    return Console(soft_wrap=True, highlight=False)


def _err() -> Console:
    return Console(stderr=True, soft_wrap=True, highlight=False)


def _fail(message: str, code: int = 2) -> NoReturn:
    _err().print(Text("error: ", style="bold red") + Text(str(message)))
    raise typer.Exit(code)


def _parse_sets(items: list[str] | None) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            _fail(f"--set {item!r}: expected dotted.path=value, e.g. --set states.Russia.will=0.8")
        overrides[key] = parse_value(value.strip())
    return overrides


def _load(scenario: str, overrides: dict[str, Any] | None = None) -> tuple[Path, Scenario]:
    """Resolve, read and validate a scenario; raises ScenarioError naming file and field."""
    path = resolve_path(scenario)
    spec = load_scenario(path, overrides)
    if spec.default_lens not in LENS_CHOICES:  # not checked by the schema itself
        raise ScenarioError(
            f"{path}: default_lens: unknown lens {spec.default_lens!r} (choose one of: {', '.join(LENS_CHOICES)})"
        )
    return path, spec


def _build(spec: Scenario, lens: str | None, seed: int, steps: int | None):
    from sim.model import ConflictModel

    # The scenario is loaded (with overrides) first and passed whole, so that a `--set` key
    # such as `steps` cannot collide with ConflictModel's own keyword arguments.
    try:
        return ConflictModel(spec, lens=lens, rng=seed, steps=steps)
    except ValueError as exc:  # ScenarioError, pydantic errors, unknown lens
        _fail(str(exc))


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """Turn bad-input exceptions into one stderr message and exit code 2."""
    from sim.output import OutputError

    try:
        yield
    except (ScenarioError, OutputError) as exc:
        _fail(str(exc))


@contextlib.contextmanager
def _stdout_guard(json_mode: bool) -> Iterator[None]:
    """In --json mode, send anything printed along the way to stderr to keep stdout clean."""
    if json_mode:
        with contextlib.redirect_stdout(sys.stderr):
            yield
    else:
        yield


def _write(fn, *args, **kwargs) -> Path:
    try:
        return fn(*args, **kwargs)
    except OSError as exc:
        _fail(f"cannot write the run: {exc}", code=1)


def _month(spec: Scenario, step: int) -> str:
    """`month 17 (2027-05)` when the scenario has a `start = "YYYY-MM"`, else `month 17`."""
    try:
        year, month = (int(x) for x in spec.start.split("-")[:2])
    except ValueError:
        return f"month {step}"
    total = year * 12 + (month - 1) + step
    return f"month {step} ({total // 12}-{total % 12 + 1:02d})"


def _outcome_line(model) -> Text:
    outcome = str(model.final_outcome)
    text = Text(outcome.upper(), style=OUTCOME_STYLE.get(outcome, "bold"))
    if model.outcome_step is not None:
        text.append(f" at {_month(model.spec, model.outcome_step)}")
    else:
        text.append(f" (no outcome within {model.steps} months)")
    return text


def _summary(model, run_dir: Path, source: Path) -> dict[str, Any]:
    names = model.world.names
    return {
        "run_dir": str(run_dir.resolve()),
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


def _version_callback(value: bool) -> None:
    if value:
        import sim

        typer.echo(f"brink {sim.__version__}")
        raise typer.Exit()


# --- commands ---------------------------------------------------------------------------------

ScenarioArg = Annotated[
    str,
    typer.Argument(metavar="SCENARIO", help="A shipped scenario name (see `brink scenarios`) or a .toml file."),
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


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Brinkmanship: agent-based simulation of interstate conflict on Mesa."""


@app.command()
def run(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    lens: Annotated[
        LensChoice | None,
        typer.Option(case_sensitive=False, help="Decision lens (default: the scenario's)."),
    ] = None,
    seed: SeedOpt = 1,
    steps: StepsOpt = None,
    set_: SetOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    json_: JsonOpt = False,
) -> None:
    """Run one scenario and write a run directory with data and an HTML report."""
    from sim.output import check_out_dir, write_run

    overrides = _parse_sets(set_)
    with _stdout_guard(json_), _user_errors():
        source, spec = _load(scenario, overrides)
        if out is not None:
            check_out_dir(out, overwrite)
        model = _build(spec, lens.value if lens else None, seed, steps)
        model.run()
        run_dir = _write(write_run, model, out, overwrite=overwrite, overrides=overrides, source=source)
    summary = _summary(model, run_dir, source)
    if json_:
        print(json.dumps(summary))
        return
    con = _out()
    a, b = summary["names"]
    con.print(Text.assemble((spec.name, "bold"), f"  {a} vs {b}  lens {model.lens_name}  seed {seed}"))
    con.print(Text("outcome: ") + _outcome_line(model))
    con.print(f"run:     {run_dir}")
    con.print(f"report:  {run_dir / 'report.html'}")


@app.command()
def compare(
    scenario: ScenarioArg,
    seed: SeedOpt = 1,
    steps: StepsOpt = None,
    set_: SetOpt = None,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    json_: JsonOpt = False,
) -> None:
    """Run realism and liberalism on the same scenario and seed; write a comparison report."""
    from sim.output import COMPARE_REPORT, check_out_dir, write_compare
    from sim.report import first_divergence

    overrides = _parse_sets(set_)
    with _stdout_guard(json_), _user_errors():
        source, spec = _load(scenario, overrides)
        if out is not None:
            check_out_dir(out, overwrite)
        models = {lens: _build(spec, lens, seed, steps).run() for lens in COMPARE_LENSES}
        compare_dir = _write(write_compare, models, out, overwrite=overwrite, overrides=overrides, source=source)
    a, b = COMPARE_LENSES
    tables = {lens: m.model_table().set_index("step")["phase"].astype(str) for lens, m in models.items()}
    step = first_divergence([models[a].model_table(), models[b].model_table()])
    div = None if step is None else {"step": step, a: tables[a][step], b: tables[b][step]}
    report = compare_dir / COMPARE_REPORT
    if json_:
        print(
            json.dumps(
                {
                    "compare_dir": str(compare_dir.resolve()),
                    "report": str(report.resolve()),
                    "scenario": spec.name,
                    "seed": seed,
                    "runs": {lens: _summary(m, compare_dir / lens, source) for lens, m in models.items()},
                    "divergence": div,
                }
            )
        )
        return
    con = _out()
    con.print(Text.assemble((spec.name, "bold"), f"  seed {seed}  {a} vs {b}"))
    width = max(len(lens) for lens in models)
    for lens, model in models.items():
        con.print(Text(f"{lens:<{width}}  ") + _outcome_line(model))
    if div is None:
        con.print("phases: identical over the months both runs reached")
    else:
        con.print(f"phases first diverge at {_month(spec, div['step'])}: {a} {div[a]}, {b} {div[b]}")
    con.print(f"runs:    {compare_dir}")
    con.print(f"report:  {report}")


@app.command()
def scenarios() -> None:
    """List the shipped scenarios."""
    table = Table(title="Shipped scenarios")
    table.add_column("name", style="bold", no_wrap=True)
    table.add_column("description")
    table.add_column("default lens", no_wrap=True)
    table.add_column("steps", justify="right")
    for name, path in available_scenarios().items():
        try:
            _, spec = _load(str(path))
        except ScenarioError as exc:
            table.add_row(name, Text(f"broken: {exc}", style="red"), "-", "-")
            continue
        table.add_row(name, spec.description, spec.default_lens, str(spec.steps))
    Console(highlight=False).print(table)


@app.command()
def check(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Scenario .toml files (or shipped names)."),
    ],
) -> None:
    """Validate scenario files without running them."""
    failed = False
    con, err = _out(), _err()
    for file in files:
        try:
            _load(file)
        except ScenarioError as exc:
            failed = True
            err.print(Text("error: ", style="bold red") + Text(str(exc)))
        else:
            con.print(f"ok: {file}")
    if failed:
        raise typer.Exit(2)


def main() -> None:
    app(prog_name="brink")


if __name__ == "__main__":  # pragma: no cover
    main()
