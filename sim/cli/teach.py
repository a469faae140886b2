"""`brink lesson`: run a teaching lesson's experiment and write its exhibit (issue 6).

`brink lesson` (or `--list`) lists the lessons; `brink lesson N` runs lesson N's ensembles under
realism and liberalism plus one showcase seed under both, writes `runs/lesson-N-<timestamp>/`
(`lesson.html`, `runs.parquet`, `summary.json`) atomically and prints the observations and
where the exhibit is. Bad input (an unknown lesson, a non-empty `--out`) is one message and
exit code 2.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.text import Text

from sim.cli.common import (
    OUTCOME_STYLE,
    JsonOpt,
    OutOpt,
    OverwriteOpt,
    fail,
    json_stdout_guard,
    stderr_console,
    stdout_console,
    user_errors,
    write_safely,
)


def _listing(json_: bool) -> None:
    from sim.lessons import LESSONS

    rows = [
        {
            "number": n,
            "slug": lesson.slug,
            "title": lesson.title,
            "scenarios": sorted({c.scenario for c in lesson.conditions}),
            "doc": lesson.doc,
        }
        for n, lesson in LESSONS.items()
    ]
    if json_:
        print(json.dumps({"lessons": rows}))
        return
    con = stdout_console()
    for row in rows:
        scenarios = ", ".join(row["scenarios"])
        con.print(Text.assemble((f"{row['number']}  ", "bold"), (row["title"], "bold"), f"  ({scenarios})"))
        con.print(f"   {row['doc']}")
    con.print("Run one with `brink lesson N`, e.g. `brink lesson 1`.")


def lesson(
    number: Annotated[
        int | None,
        typer.Argument(metavar="[N]", help="The lesson to run (1-4); omit it to list the lessons."),
    ] = None,
    seeds: Annotated[
        int | None,
        typer.Option(min=1, max=5000, help="Seeds per condition and lens (seeds 0..K-1); default 100."),
    ] = None,
    seed: Annotated[int | None, typer.Option(min=0, help="Seed of the showcase run (default: the lesson's).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the lessons and exit.")] = False,
    out: OutOpt = None,
    overwrite: OverwriteOpt = False,
    json_: JsonOpt = False,
) -> None:
    """Run a lesson's experiment and write its exhibit (HTML with the plots and the questions)."""
    from sim.lessons import DEFAULT_SEEDS, get_lesson, run_lesson
    from sim.lessons.exhibit import EXHIBIT, write_exhibit
    from sim.output import check_out_dir

    if list_ or number is None:
        _listing(json_)
        return
    try:
        chosen = get_lesson(number)
    except ValueError as exc:
        fail(str(exc))
    count = seeds or DEFAULT_SEEDS
    with json_stdout_guard(json_), user_errors():
        if out is not None:
            check_out_dir(out, overwrite)
        runs = count * len(chosen.conditions) * len(chosen.lenses)
        with stderr_console().status(f"lesson {number}: {runs} runs ..."):
            result = run_lesson(chosen, count, showcase_seed=seed)
            out_dir = write_safely(write_exhibit, result, out, overwrite=overwrite)
    exhibit = out_dir / EXHIBIT
    if json_:
        print(json.dumps({**result.to_json(), "out_dir": str(out_dir.resolve()), "exhibit": str(exhibit.resolve())}))
        return
    con = stdout_console()
    con.print(Text(f"Lesson {chosen.number}: {chosen.title}", style="bold"))
    con.print(
        f"{result.seed_text()} x {len(chosen.conditions)} conditions x {', '.join(chosen.lenses)}: "
        f"{len(result.runs)} runs in {result.elapsed:.1f} s"
    )
    for line in result.observations:
        con.print(Text("  - ") + Text(line))
    key, _ = chosen.showcase
    showcase = Text(f"showcase: {chosen.condition(key).label}, seed {result.showcase_seed}:")
    for lens, model in result.showcase.items():
        outcome = str(model.final_outcome)
        when = f" at month {model.outcome_step}" if model.outcome_step is not None else ""
        showcase.append(f" {lens} ").append(outcome.upper(), style=OUTCOME_STYLE.get(outcome, "bold")).append(when)
    con.print(showcase)
    con.print(f"questions: {len(chosen.questions)} in the exhibit and in {chosen.doc}")
    con.print(f"exhibit: {exhibit}")
