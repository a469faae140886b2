"""`brink sensitivity`: which parameters drive P(frozen), P(settlement), P(escalation), P(victory).

`brink sensitivity SCENARIO --bounds key=lo:hi ...` runs a Sobol' (or Morris) batch through the
batch engine and analyzes it; `brink sensitivity DIR` analyzes a batch made with
`brink batch --sample sobol|morris`. Either way `sensitivity.parquet` is written into the batch
directory, its report.html gains the sensitivity chart, and a ranking table is printed.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from sim.cli.common import (
    DEFAULT_SCENARIO,
    Backend,
    JsonOpt,
    LensesOpt,
    SchedulerOpt,
    StepsOpt,
    WaitWorkersOpt,
    WorkersOpt,
    fail,
    json_stdout_guard,
    stderr_console,
    stdout_console,
    user_errors,
)
from sim.output import check_out_dir


class Method(StrEnum):
    sobol = "sobol"
    morris = "morris"


def sensitivity(
    target: Annotated[
        str,
        typer.Argument(
            metavar="SCENARIO|DIR",
            help="A scenario to sample and run, or a batch directory made with --sample sobol|morris.",
        ),
    ] = DEFAULT_SCENARIO,
    method: Annotated[Method | None, typer.Option(help="Sobol' indices or Morris screening (default: sobol).")] = None,
    n: Annotated[
        int | None,
        typer.Option(min=1, help="Sobol' base samples, a power of 2 (default: 16); Morris trajectories (default: 10)."),
    ] = None,
    bounds: Annotated[
        list[str] | None,
        typer.Option(
            "--bounds",
            "-b",
            metavar="KEY=LO:HI",
            help="A parameter to vary and its range, e.g. concession_decay=0.01:0.2. Repeatable. "
            "Default: ceasefire_hazard, renege_base, concession_decay, war_drain.",
        ),
    ] = None,
    lens: LensesOpt = None,
    replicates: Annotated[int | None, typer.Option(min=1, help="Runs per point (default: 20).")] = None,
    steps: StepsOpt = None,
    seed: Annotated[int | None, typer.Option(min=0, help="Random seed of the design and runs (default: 1).")] = None,
    workers: WorkersOpt = None,
    backend: Annotated[Backend | None, typer.Option(help="Where the runs execute (default: processes).")] = None,
    scheduler: SchedulerOpt = None,
    wait_workers: WaitWorkersOpt = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Batch directory (default: runs/<scenario>-<method>-<time>).")
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run in --out.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Rank which parameters drive P(frozen), P(settlement), P(escalation) (SALib Sobol' or Morris)."""
    options = {"bounds": bounds, "n": n, "lens": lens, "replicates": replicates, "steps": steps, "seed": seed}
    options |= {"workers": workers, "backend": backend, "scheduler": scheduler, "out": out}
    given = sorted(f"--{k}" for k, v in options.items() if v is not None and v != [])
    with json_stdout_guard(json_out), user_errors():
        path = Path(target)
        if path.is_dir():
            if given or resume:
                fail(f"{target} is a batch directory; {', '.join(given) or '--resume'}: only for running a new batch")
            out_dir = path
            spec, outcomes = _load(path)
            method_name = method.value if method else None
        else:
            method_name = (method or Method.sobol).value
            spec = _make_spec(target, method_name, n, bounds, lens, replicates, steps, seed)
            out_dir = out or _default_out(spec)
            if not resume:
                check_out_dir(out_dir)
            backend_name = (backend or Backend.processes).value
            outcomes = _run(spec, out_dir, backend_name, workers, scheduler, resume, json_out, wait_workers)
        df = _analyze(outcomes, spec, method_name, where=f"{path}: " if path.is_dir() else "")
        _write(df, out_dir)
    _print(df, out_dir, outcomes, json_out)


def _make_spec(scenario, method, n, bounds, lens, replicates, steps, seed):
    """A validated ExperimentSpec, checked against the scenario before anything runs."""
    from sim.experiments.resolve import resolve
    from sim.experiments.sampling import parse_bounds
    from sim.experiments.sensitivity import DEFAULT_BOUNDS, design_fields
    from sim.experiments.spec import SpecError, make_spec

    parsed: dict[str, tuple[float, float]] = {}
    for item in bounds or []:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            fail(f"--bounds {item!r}: expected key=lo:hi, e.g. --bounds concession_decay=0.01:0.2")
        if key.strip() in parsed:
            fail(f"--bounds {key.strip()}: given twice")
        try:
            parsed[key.strip()] = parse_bounds(text.strip())
        except ValueError as exc:
            fail(f"--bounds {key.strip()}: {exc}")
    if not parsed:
        stderr_console().print(f"no --bounds given: varying {', '.join(DEFAULT_BOUNDS)} (see docs/sensitivity.md)")
    lenses = [str(choice.value) for choice in lens] if lens else None
    fields = design_fields(scenario, method, parsed, n=n, replicates=replicates, lenses=lenses, steps=steps, seed=seed)
    try:
        spec = make_spec(fields, source="brink sensitivity")
        resolve(spec, source="brink sensitivity")  # the scenario, every point, bounds vs declared ranges
    except (SpecError, ValueError) as exc:
        fail(str(exc))
    return spec


def _default_out(spec) -> Path:
    return Path("runs") / f"{spec.name}-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}"


def _run(spec, out_dir: Path, backend: str, workers, scheduler, resume: bool, json_out: bool, wait_workers=None):
    """Run the batch through the batch engine and return its outcomes."""
    from sim.experiments import load_batch, run_batch

    try:
        from sim.experiments import BatchInterrupted
    except ImportError:  # pragma: no cover - older engine
        BatchInterrupted = KeyboardInterrupt  # noqa: N806
    from sim.experiments.dask_backend import ClusterError, ClusterLost

    try:
        result = run_batch(spec, out_dir, backend=backend, workers=workers, scheduler=scheduler,
                           wait_workers=wait_workers, resume=resume, progress=not json_out)  # fmt: skip
    except ClusterLost as exc:
        fail(f"{exc}; continue with: brink sensitivity ... --out {out_dir} --resume", code=1)
    except ClusterError as exc:
        fail(str(exc), code=1)
    except BatchInterrupted:
        fail(f"interrupted; continue with: brink sensitivity ... --out {out_dir} --resume", code=130)
    except ValueError as exc:  # SpecError and bad --out
        fail(str(exc))
    if getattr(result, "n_failed", 0):
        stderr_console().print(
            Text(f"warning: {result.n_failed} of {result.n_runs} runs failed; left out of the shares", style="yellow")
        )
    return load_batch(out_dir)[1]


def _load(path: Path):
    if not (path / "experiment.json").exists():
        fail(f"{path}: not a batch directory (no experiment.json); make one with brink batch --sample sobol")
    from sim.experiments import load_batch

    try:
        return load_batch(path)
    except (ValueError, OSError) as exc:
        fail(f"{path}: cannot read the batch: {exc}")


def _analyze(outcomes, spec, method, where: str = ""):
    from sim.experiments.sensitivity import analyze

    try:
        return analyze(outcomes, spec, method)
    except ValueError as exc:
        fail(f"{where}{exc}")


def _write(df, out_dir: Path) -> None:
    from sim.experiments import write_batch_report
    from sim.experiments.sensitivity import write_sensitivity

    try:
        write_sensitivity(df, out_dir)
        write_batch_report(out_dir)
    except OSError as exc:
        fail(f"cannot write the sensitivity results: {exc}", code=1)


def _print(df, out_dir: Path, outcomes, json_out: bool) -> None:
    from sim.experiments.sensitivity import ANALYZED_OUTCOMES, RANK_INDEX, SECOND_INDEX, method_of, ranking

    table = ranking(df)
    report = (out_dir / "report.html").resolve()
    if json_out:
        payload = {
            "out_dir": str(out_dir.resolve()),
            "report": str(report),
            "sensitivity": str((out_dir / "sensitivity.parquet").resolve()),
            "method": method_of(df) if len(df) else None,
            "runs": len(outcomes),
            "ranking": json.loads(table.to_json(orient="records")),
        }
        typer.echo(json.dumps(payload, indent=2))
        return
    console = stdout_console()
    if df.empty:
        console.print("no outcome probability varied across the design: nothing to rank")
    else:
        method = method_of(df)
        main, second = RANK_INDEX[method], SECOND_INDEX[method]
        present = set(table["outcome"])
        for outcome in [o for o in ANALYZED_OUTCOMES if o in present]:
            console.print(_outcome_table(outcome, table[table["outcome"] == outcome], main, second))
        flat = [o for o in ANALYZED_OUTCOMES if o not in set(df["outcome"])]
        if flat:
            console.print(f"not ranked (the same probability at every point): {', '.join(flat)}")
    console.print(f"report:  {report}")


def _outcome_table(outcome: str, rows, main: str, second: str) -> Table:
    """One outcome: for each lens, its parameters from most to least influential."""
    from sim.cli.common import OUTCOME_STYLE

    table = Table(
        title=Text(f"P({outcome})", style=OUTCOME_STYLE.get(outcome, "bold")),
        title_justify="left",
        caption=f"dim: {main} within the replicate-noise floor (no effect detectable)",
        caption_justify="left",
    )
    for name, justify in (("lens", "left"), ("#", "right"), ("parameter", "left")):
        table.add_column(name, justify=justify)
    table.add_column(f"{main} ± 95%", justify="right")
    table.add_column(second, justify="right")
    lenses = list(dict.fromkeys(rows["lens"]))
    for lens in lenses:
        ranked = rows[rows["lens"] == lens].sort_values("rank")
        floor = float(ranked["noise_floor"].iloc[0])
        for k, (_, row) in enumerate(ranked.iterrows()):
            label = Text(lens) if k == 0 else Text(f"(noise {floor:.2f})", style="dim") if k == 1 else Text("")
            last = k == len(ranked) - 1 and lens != lenses[-1]
            table.add_row(label, str(int(row["rank"])), *_cells(row, main, second), end_section=last)
    return table


def _cells(row, main: str, second: str) -> list[Text]:
    style = "dim" if row[main] <= row["noise_floor"] else ""
    conf = row.get(f"{main}_conf")
    value = f"{row[main]:.2f}" + (f" ± {conf:.2f}" if conf == conf else "")
    return [Text(str(row["parameter"]), style=style), Text(value, style=style), Text(f"{row[second]:.2f}", style=style)]
