"""The generated results block of `docs/validation.md`: every number quoted there comes from here.

    python -m sim.validation.docsync            # run the validation, refresh the block and the JSON
    python -m sim.validation.docsync --check    # exit 1 if the block does not match the JSON
    python -m sim.validation.docsync --render   # rewrite the block from the JSON, no rerun

The run (analytic limits, stylized facts over the population of wars, the historical cases) is
saved as `docs/validation-results.json`; the block between the markers is rendered from that
file, so the suite can check the page against it cheaply, and an opt-in slow test reruns it.
The markers, the check and the command line are shared with other pages (`sim.docblock`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sim import docblock
from sim.validation.history import BASELINES_NOTE, BASELINES_TITLE, against_baselines

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "validation.md"
RESULTS = ROOT / "docs" / "validation-results.json"
TAG = "validation"
START, END = docblock.markers(TAG)
HISTORY_SEEDS = 50


def run() -> dict[str, Any]:
    from sim.validation.analytic import analytic_checks
    from sim.validation.history import run_history
    from sim.validation.report import as_json
    from sim.validation.stylized import fact_checks

    # every core: the runs keep their seeds, so the figures are those of a serial run
    checks = analytic_checks() + fact_checks(10, workers=None)
    return as_json(checks, run_history(None, HISTORY_SEEDS, {}, workers=None))


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _month(month: float | None) -> str:
    return "–" if month is None else f"{month:g}"


def render(results: dict[str, Any]) -> str:
    lines = []
    for group, title in (("analytic", "Analytic limits"), ("facts", "Stylized facts (population of 500 wars)")):
        rows = results.get(group, [])
        passed = sum(r["passed"] for r in rows)
        lines += [
            f"**{title}: {passed} of {len(rows)} pass.**",
            "",
            "| check | expected | simulated | verdict |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {_cell(r['name'])} | {_cell(r['expected'])} | {_cell(r['simulated'])} | "
            f"{'pass' if r['passed'] else '**fail**'} |"
            for r in rows
        ]
        lines.append("")
    history = {k: results[k] for k in ("cases", "matched", "total") if k in results}  # as `brink validate --json`
    cases = history.get("cases", [])
    lines += [
        f"**Historical cases: the modal outcome matches in {history.get('matched', 0)} of {len(cases)} "
        f"({HISTORY_SEEDS} seeds each).**",
        "",
        "| case | what happened | model's modal outcome | share of runs that match history | match "
        "| month it ended: history, model's median (all endings) |",
        "|---|---|---|---|---|---|",
    ]
    for c in cases:
        real = c["historical"] + (f" ({c['historical_winner']})" if c.get("historical_winner") else "")
        modal = c["modal"] + (f" ({c['modal_winner']})" if c.get("modal_winner") else "")
        share = c["shares"].get(c["historical"], 0.0)
        months = f"{_month(c.get('historical_month'))}, {_month(c.get('median_month'))}"
        lines.append(f"| {c['name']} | {real} | {modal} | {share:.0%} | {'yes' if c['match'] else 'no'} | {months} |")
    baselines = against_baselines(cases)
    if baselines:
        lines += [
            "",
            f"**{BASELINES_TITLE}.** {BASELINES_NOTE}",
            "",
            "| forecast | modal outcome right | mean Brier score |",
            "|---|---|---|",
        ]
        lines += [f"| {r['forecast']} | {r['matches']} of {len(cases)} | {r['brier']:.2f} |" for r in baselines]
    return "\n".join(lines)


PAGE = docblock.GeneratedBlock(DOC, RESULTS, TAG, render)


def block(text: str) -> str | None:
    """The generated block of docs/validation.md as `text` has it (None without markers)."""
    return docblock.block(text, TAG)


def main(argv: list[str] | None = None) -> int:
    return PAGE.main(argv, run, "python -m sim.validation.docsync")


if __name__ == "__main__":
    raise SystemExit(main())
