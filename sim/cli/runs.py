"""`brink run` and `brink compare`: run a scenario, write run directories and reports."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.text import Text

from sim.cli.common import (
    COMPARE_LENSES,
    DEFAULT_SCENARIO,
    JsonOpt,
    LensChoice,
    OutOpt,
    OverwriteOpt,
    ScenarioArg,
    SeedOpt,
    SetOpt,
    StepsOpt,
    build_model,
    json_stdout_guard,
    outcome_line,
    parse_sets,
    prepare,
    real_out,
    run_summary,
    stdout_console,
    user_errors,
    write_safely,
)


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
    from sim.output import write_run

    overrides = parse_sets(set_)
    with json_stdout_guard(json_), user_errors():
        out = real_out(out)
        source, spec = prepare(scenario, overrides, out, overwrite)
        model = build_model(spec, lens.value if lens else None, seed, steps)
        model.run()
        run_dir = write_safely(write_run, model, out, overwrite=overwrite, overrides=overrides, source=source)
    summary = run_summary(model, run_dir, source)
    if json_:
        print(json.dumps(summary))
        return
    con = stdout_console()
    a, b = summary["names"]
    con.print(Text.assemble((spec.name, "bold"), f"  {a} vs {b}  lens {model.lens_name}  seed {seed}"))
    con.print(Text("outcome: ") + outcome_line(model))
    con.print(f"run:     {run_dir}")
    con.print(f"report:  {run_dir / 'report.html'}")


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
    from sim.output import COMPARE_REPORT, write_compare
    from sim.report import first_divergence

    overrides = parse_sets(set_)
    with json_stdout_guard(json_), user_errors():
        out = real_out(out)
        source, spec = prepare(scenario, overrides, out, overwrite)
        models = {lens: build_model(spec, lens, seed, steps).run() for lens in COMPARE_LENSES}
        compare_dir = write_safely(write_compare, models, out, overwrite=overwrite, overrides=overrides, source=source)
    a, b = COMPARE_LENSES
    tables = {lens: m.model_table() for lens, m in models.items()}
    step = first_divergence([tables[a], tables[b]])
    phase = {lens: t.set_index("step")["phase"].astype(str) for lens, t in tables.items()}
    div = None if step is None else {"step": step, a: phase[a][step], b: phase[b][step]}
    report = compare_dir / COMPARE_REPORT
    if json_:
        print(
            json.dumps(
                {
                    "out_dir": str(compare_dir.resolve()),
                    "report": str(report.resolve()),
                    "scenario": spec.name,
                    "seed": seed,
                    "runs": {lens: run_summary(m, compare_dir / lens, source) for lens, m in models.items()},
                    "divergence": div,
                }
            )
        )
        return
    con = stdout_console()
    con.print(Text.assemble((spec.name, "bold"), f"  seed {seed}  {a} vs {b}"))
    width = max(len(lens) for lens in models)
    for lens, model in models.items():
        con.print(Text(f"{lens:<{width}}  ") + outcome_line(model))
    if div is None:
        con.print("phases: identical over the months both runs reached")
    else:
        con.print(f"phases first diverge at {spec.month_label(div['step'])}: {a} {div[a]}, {b} {div[b]}")
    con.print(f"runs:    {compare_dir}")
    con.print(f"report:  {report}")
