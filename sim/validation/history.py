"""Historical cases: an ensemble per case, simulated outcome shares beside what happened.

A case is any scenario file with a `[history]` table (`sim.history_spec.HistorySpec`); the
shipped ones live in `scenarios/history/`. Each case runs under its own default lens over the
same seeds and the parameters of `sim.params.Params` (one calibration for all cases: no case
sets `[params]`). A case *matches* when the simulated modal outcome is the historical one and,
for a victory with a recorded winner, the modal winner is the historical winner. The runs of
every case go through one ensemble (`sim.validation.runner`, in worker processes if asked).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.ensemble import wilson_interval
from sim.mechanisms.outcomes import Outcome
from sim.scenario import SCENARIO_DIR, Scenario, ScenarioError, load_scenario, resolve_path
from sim.validation.runner import RunSummary, run_ensemble, split

HISTORY_DIR = SCENARIO_DIR / "history"
ORDER = list(Outcome)  # ties in the modal outcome go to the earlier outcome in this order


@dataclass
class CaseResult:
    name: str
    file: str
    historical: str
    historical_winner: str | None
    historical_month: int | None
    n: int
    counts: dict[str, int]
    winners: dict[str, int]
    months: list[int] = field(default_factory=list)

    @property
    def shares(self) -> dict[str, float]:
        return {o: self.counts.get(o, 0) / self.n for o in map(str, ORDER)}

    @property
    def modal(self) -> str:
        return max(map(str, ORDER), key=lambda o: (self.counts.get(o, 0), -ORDER.index(Outcome(o))))

    @property
    def modal_winner(self) -> str | None:
        return max(self.winners, key=self.winners.get) if self.winners else None

    @property
    def match(self) -> bool:
        if self.modal != self.historical:
            return False
        return self.historical != "victory" or self.historical_winner in (None, self.modal_winner)

    @property
    def median_month(self) -> float | None:
        if not self.months:
            return None
        ordered = sorted(self.months)
        mid = len(ordered) // 2
        return float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2

    def as_dict(self) -> dict[str, Any]:
        k = self.counts.get(self.historical, 0)
        lo, hi = wilson_interval(k, self.n)
        return {
            "name": self.name,
            "historical": self.historical,
            "shares": self.shares,
            "modal": self.modal,
            "match": self.match,
            "historical_winner": self.historical_winner,
            "modal_winner": self.modal_winner if self.modal == "victory" else None,
            "historical_share_ci": [lo, hi],
            "historical_month": self.historical_month,
            "median_month": self.median_month,
            "seeds": self.n,
            "file": self.file,
        }


def case_files() -> list[Path]:
    """The shipped historical cases."""
    return sorted(HISTORY_DIR.glob("*.toml"))


def load_case(path: str | Path, overrides: dict[str, Any] | None = None) -> tuple[Path, Scenario]:
    """Load a history-format scenario; ScenarioError (file and field named) if it is not one.

    `overrides` (dotted paths or parameter names, as `brink run --set`) apply to every case
    alike: a global calibration, never a per-case one.
    """
    resolved = resolve_path(path)
    spec = load_scenario(resolved, overrides)
    if spec.history is None:
        raise ScenarioError(
            f"{resolved}: history: missing [history] table (outcome, sources; optional winner, "
            "outcome_month, notes): not a historical case"
        )
    winner = spec.history.winner
    sides = spec.disputes[0].sides
    if winner is not None and winner not in sides:
        raise ScenarioError(f"{resolved}: history.winner: {winner!r} is not a side of the first dispute {list(sides)}")
    return resolved, spec


def winner_of(run: RunSummary) -> str | None:
    """The state that won the primary dispute by victory (the side that did not collapse)."""
    if run.ending != str(Outcome.VICTORY):
        return None
    return run.winner_name


def case_result(resolved: Path, spec: Scenario, runs: list[RunSummary]) -> CaseResult:
    """A case's ensemble (its runs over seeds 0, 1, ...) beside what happened."""
    counts: Counter[str] = Counter()
    winners: Counter[str] = Counter()
    months = []
    for run in runs:
        counts[run.outcome] += 1
        if (w := winner_of(run)) is not None:
            winners[w] += 1
        if run.outcome_step is not None:
            months.append(run.outcome_step)
    h = spec.history
    n = len(runs)
    return CaseResult(
        spec.name, str(resolved), str(h.outcome), h.winner, h.outcome_month, n, dict(counts), dict(winners), months
    )


def run_case(path: str | Path, seeds: int = 50, spec: Scenario | None = None, workers: int | None = 1) -> CaseResult:
    resolved, spec = (Path(path), spec) if spec is not None else load_case(path)
    return case_result(resolved, spec, run_ensemble([(spec, seed) for seed in range(seeds)], workers))


def run_history(
    paths: list[str | Path] | None = None,
    seeds: int = 50,
    overrides: dict[str, Any] | None = None,
    workers: int | None = 1,
    progress: bool = False,
) -> dict[str, Any]:
    """Every case (validated first, so a bad file fails before any run) and the match count.

    `workers`: processes to run the cases in (1: here; None: all cores); the results are the
    same for any number. `progress`: a progress bar on stderr when it is a terminal.
    """
    loaded = [load_case(p, overrides) for p in (paths or case_files())]
    tasks = [(spec, seed) for _, spec in loaded for seed in range(seeds)]
    runs = split(run_ensemble(tasks, workers, progress=progress, label="historical cases"), [seeds] * len(loaded))
    results = [case_result(path, spec, r) for (path, spec), r in zip(loaded, runs, strict=True)]
    cases = [r.as_dict() for r in results]
    return {"cases": cases, "matched": sum(c["match"] for c in cases), "total": len(cases)}


BASELINES_TITLE = "Against rules that need no model"
BASELINES_NOTE = (
    "The same cases; a rule's match counts the outcome alone, without the winner. Brier score: 0 is perfect, "
    "2 is all the weight on a wrong outcome."
)


def brier(shares: dict[str, float], historical: str) -> float:
    """Multi-outcome Brier score of a forecast: sum over outcomes of (p - happened)^2; 0 is
    perfect, 2 is all the weight on a wrong outcome (Brier 1950)."""
    return sum((shares.get(o, 0.0) - (o == historical)) ** 2 for o in map(str, ORDER))


def against_baselines(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The model beside rules that need no model: always one outcome, and the base rate of the
    other cases (leave one out). Each row: matches (modal outcome right; for the rules, the
    outcome alone, without the winner) and the mean Brier score over the cases."""
    if not cases:
        return []
    rows = [
        {
            "forecast": "the model (ensemble shares)",
            "matches": sum(c["match"] for c in cases),
            "brier": sum(brier(c["shares"], c["historical"]) for c in cases) / len(cases),
        }
    ]
    for outcome in ("frozen", "victory", "settlement"):
        rows.append(
            {
                "forecast": f"always {outcome}",
                "matches": sum(c["historical"] == outcome for c in cases),
                "brier": sum(brier({outcome: 1.0}, c["historical"]) for c in cases) / len(cases),
            }
        )
    if len(cases) > 1:
        scores, hits = [], 0
        for k, c in enumerate(cases):
            others = Counter(o["historical"] for j, o in enumerate(cases) if j != k)
            rate = {o: n / (len(cases) - 1) for o, n in others.items()}
            scores.append(brier(rate, c["historical"]))
            hits += max(rate, key=lambda o: (rate[o], -ORDER.index(Outcome(o)))) == c["historical"]
        rows.append({"forecast": "base rate of the other cases", "matches": hits, "brier": sum(scores) / len(cases)})
    return rows
