"""The generated example of `docs/sensitivity.md`: which parameters drive each outcome of ukraine_2025.

    python -m sim.experiments.sensitivity_docsync            # rerun both designs (minutes), refresh
    python -m sim.experiments.sensitivity_docsync --check    # exit 1 if the block is stale (no rerun)
    python -m sim.experiments.sensitivity_docsync --render   # rewrite the block from the JSON, no rerun

Two designs run through the API behind `brink sensitivity` (`design_fields`, `run_batch`,
`analyze`, `ranking`) with a fixed seed and two worker processes, each batch in a temporary
directory removed afterwards: (a) Sobol' with the command's defaults; (b) a Morris screen of
levers of how a war ends in model v2 (ceasefires, deals, costs, beliefs, third parties, will).
The rankings, design sizes, run counts, date and wall time go to `docs/sensitivity-results.json`,
and the block between `<!-- sensitivity:start -->` and `<!-- sensitivity:end -->` is rendered
from that file alone (`sim.docblock`); `tests/test_docs.py` checks that the two agree.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from sim import docblock
from sim.report.palette import OUTCOME_ORDER

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "sensitivity.md"
RESULTS = ROOT / "docs" / "sensitivity-results.json"
TAG = "sensitivity"
COMMAND = "python -m sim.experiments.sensitivity_docsync"
SCENARIO = "ukraine_2025"
SEED = 1
WORKERS = 2
# The Morris screen: each range brackets the parameter's default in sim/params.py (and
# Russia's will in the scenario), from well below to well above it.
MORRIS_BOUNDS = {
    "ceasefire_hazard": (0.005, 0.08),
    "monitoring_protection": (0.2, 0.8),
    "renege_base": (0.1, 0.6),
    "preference_persistence": (0.5, 0.95),
    "war_cost_scale": (0.5, 2.0),
    "fog": (0.05, 0.3),
    "entanglement_rate": (0.01, 0.06),
    "mediated_rounds": (0.2, 0.8),
    "states.Russia.will": (0.6, 0.9),
}
STUDIES: tuple[tuple[str, dict[str, tuple[float, float]] | None], ...] = (("sobol", None), ("morris", MORRIS_BOUNDS))
TITLES = {
    "sobol": "Sobol' indices, the default design of `brink sensitivity`",
    "morris": "Morris screen of levers of how a war ends",
}
Results = dict[str, Any]


# --- the runs ---------------------------------------------------------------------------------


def run(workers: int = WORKERS) -> Results:
    """Run both designs (each in a temporary directory) and return what the page quotes."""
    import sim

    started = datetime.now().astimezone()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="brink-sensitivity-") as tmp:
        studies = [run_study(method, bounds, workers, Path(tmp) / method) for method, bounds in STUDIES]
    return {
        "date": started.date().isoformat(),
        "package_version": sim.__version__,
        "scenario": SCENARIO,
        "seed": SEED,
        "workers": workers,
        "cores": os.cpu_count(),
        "load_average": None if load is None else round(load, 1),
        "studies": studies,
    }


def run_study(method: str, bounds: dict[str, tuple[float, float]] | None, workers: int, out_dir: Path) -> Results:
    """One design, run and analyzed exactly as `brink sensitivity` would."""
    from sim.experiments.batch import load_batch, run_batch
    from sim.experiments.sensitivity import ANALYZED_OUTCOMES, RANK_INDEX, SECOND_INDEX, analyze, design_fields, ranking
    from sim.experiments.spec import make_spec

    fields = design_fields(SCENARIO, method, bounds, seed=SEED)
    t0 = time.perf_counter()
    batch = run_batch(make_spec(fields, COMMAND), out_dir, backend="processes", workers=workers,
                      progress=sys.stderr.isatty(), source=COMMAND)  # fmt: skip
    spec, outcomes = load_batch(out_dir)
    table = ranking(analyze(outcomes, spec))
    wall = time.perf_counter() - t0
    ok = outcomes[outcomes["error"].isna()]
    shares = {
        lens: {o: round(float((group["outcome"] == o).mean()), 4) for o in OUTCOME_ORDER}
        for lens, group in ok.groupby(ok["lens"].astype(str), sort=False)
    }
    return {
        "method": method,
        "command": command(method, bounds, workers),
        "bounds": {k: [lo, hi] for k, (lo, hi) in fields["bounds"].items()},
        "n": spec.n,
        "replicates": spec.replicates,
        "lenses": list(spec.lenses),
        "points": len(spec.points()),
        "runs": batch.n_runs,
        "failed": batch.n_failed,
        "wall_seconds": round(wall, 1),
        "index": RANK_INDEX[method],
        "second": SECOND_INDEX[method],
        "analyzed": list(ANALYZED_OUTCOMES),
        "shares": {lens: shares[lens] for lens in spec.lenses if lens in shares},
        "ranking": [_record(row) for row in table.to_dict("records")],
    }


def command(method: str, bounds: dict[str, tuple[float, float]] | None, workers: int) -> str:
    """The `brink sensitivity` command that runs the same design."""
    words = ["brink sensitivity", SCENARIO, *(["--method", method] if method != "sobol" else [])]
    words += [f"-b {k}={lo:g}:{hi:g}" for k, (lo, hi) in (bounds or {}).items()]
    return " ".join([*words, f"--seed {SEED}", f"--workers {workers}"])


def _record(row: dict[str, Any]) -> dict[str, Any]:
    """A ranking row for JSON: floats rounded (the page shows two decimals), NaN as null."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, float):
            value = None if value != value else round(value, 4)
        out[key] = int(value) if key == "rank" else value
    return out


# --- the block --------------------------------------------------------------------------------


def render(results: Results) -> str:
    """The generated block of docs/sensitivity.md, from the saved results alone (deterministic)."""
    load = results.get("load_average")
    machine = f"{results['cores']}-core machine" + (
        f" (load average {load:g} when the runs started)" if load is not None else ""
    )
    lines = [
        f"Generated on {results['date']} by `{COMMAND}` from `docs/sensitivity-results.json` "
        f"(brinkmanship {results['package_version']}): do not edit by hand. Scenario "
        f"`{results['scenario']}`, seed {results['seed']}, {results['workers']} worker processes on a {machine}.",
    ]
    for study in results["studies"]:
        lines += ["", *_study(study)]
    return "\n".join(lines)


def _study(study: Results) -> list[str]:
    d, n, method = len(study["bounds"]), study["n"], study["method"]
    size = f"n = {n} base samples × (2·{d} + 2)" if method == "sobol" else f"n = {n} trajectories × ({d} + 1)"
    ranges = ", ".join(f"`{k}` {lo:g}–{hi:g}" for k, (lo, hi) in study["bounds"].items())
    failed = f" ({study['failed']:,} failed, left out)" if study["failed"] else ""
    lines = [
        f"**{TITLES.get(method, method)}**: `{study['command']}`. {d} parameters: {ranges}. "
        f"{size} = {study['points']:,} points × {study['replicates']} replicates × {len(study['lenses'])} lenses "
        f"= {study['runs']:,} runs{failed}, {_duration(study['wall_seconds'])} wall time.",
        "",
        *_shares_table(study["shares"]),
    ]
    index, second, lenses = study["index"], study["second"], study["lenses"]
    ranked_lenses = {r["lens"] for r in study["ranking"]}
    all_flat = [lens for lens in lenses if lens not in ranked_lenses]  # nothing varies under this lens
    not_ranked = [
        f"- Under {lens}: every outcome's probability is the same at every point of the design." for lens in all_flat
    ]
    shown = [lens for lens in lenses if lens not in all_flat]
    for outcome in study["analyzed"]:
        rows = [r for r in study["ranking"] if r["outcome"] == outcome]
        ranked = list(dict.fromkeys(r["lens"] for r in rows))
        flat = [lens for lens in shown if lens not in ranked]
        why = [f"the same at every point of the design{_under(flat, lenses)}"] if flat else []
        if rows and not any(_clear(r, index) for r in rows):
            why.append(f"no index whose interval clears the noise floor{_under(ranked, lenses)}")
        elif rows:
            lines += ["", *_ranking_table(outcome, rows, index, second)]
        if why:
            not_ranked.append(f"- P({outcome}): {'; '.join(why)}.")
    if not_ranked:
        lines += ["", "Not ranked:", "", *not_ranked]
    return lines


def _under(some: list[str], lenses: list[str]) -> str:
    return "" if some == lenses else f" under {', '.join(some)}"


def _shares_table(shares: dict[str, dict[str, float]]) -> list[str]:
    """Share of the design's runs ending in each outcome, per lens (outcomes that never happen left out)."""
    outcomes = [o for o in OUTCOME_ORDER if any(s.get(o, 0) > 0 for s in shares.values())]
    rows = [[lens, *(f"{100 * s.get(o, 0):.0f}%" for o in outcomes)] for lens, s in shares.items()]
    return _table(["share of the runs", *outcomes], rows)


def _clear(row: Results, index: str) -> bool:
    """Does the index's whole 95% interval lie above the replicate-noise floor?

    Stricter than the dimming of `brink sensitivity` (the index itself above the floor): the
    page names only effects this design detects, not rankings its intervals leave open.
    """
    value, conf, floor = row[index], row.get(f"{index}_conf") or 0.0, row["noise_floor"]
    return value is not None and floor is not None and value - conf > floor


def _ranking_table(outcome: str, rows: list[Results], index: str, second: str) -> list[str]:
    lenses = list(dict.fromkeys(r["lens"] for r in rows))
    by_lens = {lens: sorted((r for r in rows if r["lens"] == lens), key=lambda r: r["rank"]) for lens in lenses}
    head = [f"{lens} (noise floor {by_lens[lens][0]['noise_floor']:.2f})" for lens in lenses]
    ranked = [
        [str(k + 1), *(_cell(by_lens[lens][k], index, second) if k < len(by_lens[lens]) else "" for lens in lenses)]
        for k in range(max(len(v) for v in by_lens.values()))
    ]
    lines = [
        f"P({outcome}): `{index}` ± 95% interval, most influential first (`{second}` in brackets); "
        "**bold**: the whole interval lies above the replicate-noise floor.",
        "",
        *_table(["rank", *head], ranked),
    ]
    clear = [f"{lens}: " + (", ".join(f"`{r['parameter']}`" for r in by_lens[lens] if _clear(r, index)) or "none")
             for lens in lenses]  # fmt: skip
    return [*lines, "", "Clear of the floor, interval and all, most influential first: " + "; ".join(clear) + "."]


def _cell(row: Results, index: str, second: str) -> str:
    name = f"**`{row['parameter']}`**" if _clear(row, index) else f"`{row['parameter']}`"
    conf = row.get(f"{index}_conf")
    value = f"{row[index]:.2f}" + (f" ± {conf:.2f}" if conf is not None else "")
    other = f" ({second} {row[second]:.2f})" if row.get(second) is not None else ""
    return f"{name} {value}{other}"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|---" * len(head) + "|", *("| " + " | ".join(r) + " |" for r in rows)]


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


PAGE = docblock.GeneratedBlock(DOC, RESULTS, TAG, render)


def main(argv: list[str] | None = None) -> int:
    return PAGE.main(argv, run, COMMAND)


if __name__ == "__main__":
    raise SystemExit(main())
