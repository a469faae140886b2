"""`brink batch` and `brink summarize`: run an experiment of many runs, print its outcome shares.

`brink batch SCENARIO [flags]` builds the experiment from flags; `brink batch FILE.toml` reads an
experiment file (`experiments/*.toml`) and flags given as well override it. Bad input is one
message naming the flag or file and field, exit 2, and nothing written. Exit 1 when some runs
failed (they are recorded with their error), 130 on Ctrl-C (what finished is kept; `--resume`).
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from sim.cli.common import (
    OUTCOME_STYLE,
    Backend,
    JsonOpt,
    LensesOpt,
    SchedulerOpt,
    SetOpt,
    StepsOpt,
    WaitWorkersOpt,
    WorkersOpt,
    fail,
    parse_flag_value,
    parse_sets,
    stderr_console,
    stdout_console,
    user_errors,
)

Sample = StrEnum("Sample", {s: s for s in ("lhs", "sobol", "morris")})
MAX_POINT_ROWS = 30


def _pairs(flag: str, items: list[str] | None, example: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            fail(f"{flag} {item!r}: expected {example}")
        out[key.strip()] = value.strip()
    return out


def _is_experiment_file(target: str) -> bool:
    """An experiment file is a .toml without a `states` table (a scenario file has one)."""
    import tomllib

    path = Path(target)
    if path.suffix != ".toml" or not path.is_file():
        return False
    try:
        return "states" not in tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError, RecursionError):
        return path.parent.name == "experiments"


def build_fields(target: str, flags: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Spec fields from an experiment file (if `target` is one) with the flags laid over them."""
    from sim.data import shipped_experiments
    from sim.experiments.spec import read_experiment

    shipped = shipped_experiments()
    if not Path(target).exists() and target in shipped:  # `brink batch frozen_sweep` from anywhere
        target = str(shipped[target])
    if _is_experiment_file(target):
        fields, source = read_experiment(target), target
    else:
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(target).stem) or "experiment"
        fields, source = {"scenario": target, "name": name}, "brink batch"
    if flags.get("design"):
        fields["design"] = flags["design"]
    for key in ("set", "grid", "ranges", "bounds"):
        if flags.get(key):
            base = fields.get(key) if isinstance(fields.get(key), dict) else {}
            fields[key] = {**base, **flags[key]}
    for key in ("lenses", "sample", "n", "replicates", "steps", "seed", "name"):
        if flags.get(key) is not None:
            fields[key] = flags[key]
    return fields, source


def batch(
    target: Annotated[
        str,
        typer.Argument(
            metavar="SCENARIO|EXPERIMENT",
            help="A scenario (name or file), an experiment file, or a shipped experiment's name (frozen_sweep).",
        ),
    ],
    lens: LensesOpt = None,
    grid: Annotated[
        list[str] | None, typer.Option(metavar="KEY=V1,V2", help="Vary a parameter over values. Repeatable.")
    ] = None,
    range_: Annotated[
        list[str] | None,
        typer.Option("--range", metavar="KEY=LO:HI:N", help="Vary a parameter over N evenly spaced values."),
    ] = None,
    sample: Annotated[Sample | None, typer.Option(help="Sampling design over --bounds.")] = None,
    design: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Points to run: a CSV or Parquet file, one column per parameter."),
    ] = None,
    n: Annotated[int | None, typer.Option("--n", min=1, help="LHS points, Sobol' base samples, Morris paths.")] = None,
    bounds: Annotated[
        list[str] | None,
        typer.Option("--bounds", "-b", metavar="KEY=LO:HI", help="Range of a sampled parameter. Repeatable."),
    ] = None,
    set_: SetOpt = None,
    replicates: Annotated[int | None, typer.Option(min=1, help="Runs per point and lens (default 10).")] = None,
    steps: StepsOpt = None,
    seed: Annotated[int | None, typer.Option(min=0, help="Base seed (default 1).")] = None,
    name: Annotated[str | None, typer.Option(help="Experiment name (default: the file's or scenario's).")] = None,
    workers: WorkersOpt = None,
    backend: Annotated[Backend, typer.Option(case_sensitive=False, help="Where runs execute.")] = Backend.processes,
    scheduler: SchedulerOpt = None,
    wait_workers: WaitWorkersOpt = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output directory (default runs/NAME-TIME).")] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the batch in --out, skipping stored runs.")
    ] = False,
    save_steps: Annotated[bool, typer.Option("--save-steps", help="Also store every run's monthly table.")] = False,
    max_runs: Annotated[
        int, typer.Option("--max-runs", min=1, help="Refuse a design with more runs than this.")
    ] = 1_000_000,
    json_: JsonOpt = False,
) -> None:
    """Run an experiment: parameter sweeps and samples x lenses x replicates, in parallel, resumable."""
    from sim.experiments import BatchInterrupted, SpecError, run_batch
    from sim.experiments.dask_backend import ClusterError, ClusterLost
    from sim.experiments.sampling import parse_bounds
    from sim.experiments.spec import make_spec

    if resume and out is None:
        fail("--resume needs --out DIR (the directory of the batch to continue)")
    parsed_bounds = {}
    for key, text in _pairs("--bounds", bounds, "key=lo:hi, e.g. concession_decay=0.01:0.2").items():
        try:
            parsed_bounds[key] = parse_bounds(text)
        except ValueError as exc:
            fail(f"--bounds {key}: {exc}")
    from sim.experiments.design import read_design

    try:
        design_points = read_design(design) if design is not None else None
    except SpecError as exc:
        fail(str(exc))
    flags = {
        "design": design_points,
        "set": parse_sets(set_),
        "grid": {k: [parse_flag_value(v, f"--grid {k}") for v in vals.split(",")]
                 for k, vals in _pairs("--grid", grid, "key=v1,v2, e.g. concession_decay=0.05,0.1").items()},
        "ranges": _pairs("--range", range_, "key=lo:hi:n, e.g. states.Russia.will=0.3:0.9:4"),
        "bounds": parsed_bounds,
        "lenses": [lens_.value for lens_ in lens] if lens else None,
        "sample": sample.value if sample else None,
        "n": n, "replicates": replicates, "steps": steps, "seed": seed, "name": name,
    }  # fmt: skip
    con, err = table_console(), stderr_console()
    with user_errors():
        try:
            fields, source = build_fields(target, flags)
            spec = make_spec(fields, source)
            result = run_batch(spec, out, backend=backend.value, workers=workers, scheduler=scheduler,
                               wait_workers=wait_workers, resume=resume, save_steps=save_steps,
                               progress=not json_, source=source, max_runs=max_runs)  # fmt: skip
        except SpecError as exc:
            fail(str(exc))
        except ClusterLost as exc:  # finished runs are stored: say how to continue
            fail(f"{exc}; resume with: {_resume_command(exc.out_dir, out is None)}", code=1)
        except ClusterError as exc:  # nothing was written
            fail(str(exc), code=1)
        except BatchInterrupted as exc:
            err.print(Text(str(exc), style="yellow"))
            err.print(Text(f"resume with: {_resume_command(exc.out_dir, out is None)}"))
            raise typer.Exit(130) from None
        except OSError as exc:
            fail(f"cannot write the batch: {exc}", code=1)
    if json_:
        print(json.dumps(_result_json(result)))
    else:
        rate = (result.n_done - result.n_skipped) / result.elapsed if result.elapsed > 0 else 0.0
        con.print(Text.assemble((spec.name, "bold"), f"  scenario {spec.scenario}  {result.n_runs} runs  "
                                f"backend {result.backend} x{result.workers}"))  # fmt: skip
        con.print(f"done:     {result.n_done - result.n_skipped} runs in {result.elapsed:.1f} s ({rate:.1f} runs/s)"
                  + (f", {result.n_skipped} already stored" if result.n_skipped else ""))  # fmt: skip
        _print_overall(con, result.out_dir)
        con.print(f"outcomes: {result.out_dir / 'outcomes.parquet'}")
        con.print(f"report:   {result.out_dir / 'report.html'}")
    if result.n_failed:
        err.print(Text(f"{result.n_failed} of {result.n_runs} runs failed", style="bold red")
                  + Text(" (their error is in the `error` column of outcomes.parquet)"))  # fmt: skip
        raise typer.Exit(1)


def _resume_command(out_dir: Path, add_out: bool) -> str:
    """This command line again, with --out (if it was defaulted) and --resume."""
    import shlex
    import sys

    args = sys.argv[1:] if sys.argv[1:2] == ["batch"] else ["batch", "..."]
    args += ["--out", str(out_dir)] if add_out else []
    args += [] if "--resume" in args else ["--resume"]
    return "brink " + shlex.join(args)


def _result_json(result) -> dict[str, Any]:
    return {
        "out_dir": str(result.out_dir.resolve()),
        "report": str((result.out_dir / "report.html").resolve()),
        "n_runs": result.n_runs,
        "n_done": result.n_done,
        "n_failed": result.n_failed,
        "n_skipped": result.n_skipped,
        "elapsed": round(result.elapsed, 3),
    }


def share_table(pooled, index: list[str], title: str) -> Table:
    """A rich table: one row per `index` value, one column per outcome (share [95% interval])."""
    outcomes = list(dict.fromkeys(pooled["outcome"]))
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  caption="share % [95% interval]", caption_justify="left")  # fmt: skip
    for col in index:
        table.add_column(col, no_wrap=True)
    table.add_column("n", justify="right")
    for outcome in outcomes:
        table.add_column(Text(outcome, style=OUTCOME_STYLE.get(outcome, "bold")), justify="right", no_wrap=True)
    for key, rows in pooled.groupby(index, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        by = dict(zip(rows["outcome"], rows.itertuples(), strict=True))
        cells = [f"{by[o].share:.0%} [{100 * by[o].ci_low:.0f}-{100 * by[o].ci_high:.0f}]" for o in outcomes]
        table.add_row(*(f"{v:g}" if isinstance(v, float) else str(v) for v in key), str(int(rows["n"].iloc[0])),
                      *cells)  # fmt: skip
    return table


def table_console():
    """stdout; wide enough for the share tables when it is not a terminal (pipes, files)."""
    con = stdout_console()
    if not con.is_terminal:
        con.width = max(con.width, 200)
    return con


def _load_summary(out_dir: Path):
    import pandas as pd

    from sim.experiments.storage import read_manifest

    try:
        manifest = read_manifest(out_dir)
        return manifest, pd.read_parquet(out_dir / "summary.parquet")
    except (OSError, ValueError):
        fail(f"{out_dir}: not a finished batch directory (needs experiment.json and summary.parquet)")


def _print_overall(con, out_dir: Path) -> None:
    from sim.experiments.summary import pool

    _, summary = _load_summary(out_dir)
    con.print(share_table(pool(summary, ["lens"]), ["lens"], "Outcome shares, all points (95% Wilson intervals)"))


def summarize(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="A batch directory written by `brink batch`.")],
    by_point: Annotated[bool, typer.Option("--by-point", help="One row per point and lens, however many.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Print the outcome-share table of a finished batch directory."""
    from sim.experiments.summary import pool

    manifest, summary = _load_summary(directory)
    overall = pool(summary, ["lens"])
    varied = list(manifest.get("varied") or [])
    if json_:
        records = {"overall": overall.to_dict("records"), "points": summary.to_dict("records")}
        print(json.dumps({"out_dir": str(directory.resolve()), "name": manifest.get("name"), "varied": varied,
                          "n_runs": manifest.get("n_runs"), "n_failed": manifest.get("n_failed"), **records},
                         default=str))  # fmt: skip
        return
    con = table_console()
    con.print(Text.assemble((str(manifest.get("name")), "bold"), f"  scenario {manifest.get('scenario')}  "
                            f"{manifest.get('n_runs')} runs, {manifest.get('n_failed', 0)} failed"))  # fmt: skip
    con.print(share_table(overall, ["lens"], "Outcome shares, all points (95% Wilson intervals)"))
    n_points = int(manifest.get("n_points") or summary["point"].nunique())
    if varied and (by_point or n_points <= MAX_POINT_ROWS):
        con.print(share_table(summary, ["point", *varied, "lens"], "By point"))
    elif varied:
        con.print(f"{n_points} points: add --by-point for the full table, or read {directory / 'summary.parquet'}")
