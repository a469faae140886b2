"""`brink validate`: the analytic limits pass, can fail, and the facts carry their sources."""

from __future__ import annotations

import json
import math

import pytest
from offline import assert_offline, outside_plotlyjs
from typer.testing import CliRunner

from sim import cli
from sim.validation import analytic, comparative
from sim.validation.analytic import LANCHESTER_TOL, lanchester_duel, richardson_case
from sim.validation.history import case_files, run_history
from sim.validation.stylized import SOURCES, fact_checks

runner = CliRunner()
# `brink validate`'s pool forks while numpy's BLAS threads idle, as `brink batch`'s does
# (executors.fork_is_safe); Python warns about any fork in a process with threads.
pytestmark = pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
SMALL = {"zartman": 5, "putnam": 20}  # seeds: enough for the verdict, quick in the suite


def brink(*args: str):
    return runner.invoke(cli.app, [str(a) for a in args], prog_name="brink")


@pytest.mark.parametrize("name", list(analytic.CHECKS))
def test_each_analytic_check_passes(name):
    fn = analytic.CHECKS[name]
    checks = fn(SMALL[name]) if name in SMALL else fn()
    assert checks
    for c in checks:
        assert c.passed, f"{c.name}: expected {c.expected}, simulated {c.simulated}"
        assert c.source and c.expected and c.simulated


def test_richardson_runaway_is_detected_as_runaway():
    case = richardson_case(reaction=0.2, fatigue=0.1)  # kl = 0.04 > ab = 0.01
    assert case["expected"] == case["simulated"] == "runaway"
    assert case["final"] > 100
    stable = richardson_case(reaction=0.05, fatigue=0.1)
    assert stable["simulated"] == "stable" and stable["error"] < 0.02


def test_lanchester_check_tells_the_square_law_from_the_linear_law():
    """The check can fail: the linear law's survivors (A0 - B0) miss the simulation by far
    more than the tolerance, the square law's do not."""
    a_t, _ = lanchester_duel(1.0, 0.8)
    assert abs(a_t - math.sqrt(1.0 - 0.8**2)) / 0.6 <= LANCHESTER_TOL
    assert abs(a_t - (1.0 - 0.8)) / 0.2 > 10 * LANCHESTER_TOL


def test_fearon_private_information_means_war_first():
    full, private = analytic.fearon_run(0.0), analytic.fearon_run(0.3)
    assert full["war_months"] == 0 and private["war_months"] > 0
    assert private["gap0"] > private["gap_end"]


def test_putnam_win_set_shrinks_with_hawkishness():
    assert comparative.win_set(0.9) < comparative.win_set(0.5) < comparative.win_set(0.1)


@pytest.fixture(scope="module")
def facts2():
    """The facts over the smallest population (100 wars), run here: the serial reference."""
    return fact_checks(seeds=2)


def test_facts_have_sources_and_verdicts(facts2):
    checks = facts2
    assert len(checks) >= 7
    for c in checks:
        assert c.group == "facts"
        assert c.source in SOURCES.values()
        assert any(ch.isdigit() for ch in c.source), f"{c.name}: the source should name a year"
        assert isinstance(c.passed, bool)
    json.dumps([c.as_dict() for c in checks], allow_nan=False)


def test_facts_are_the_same_with_any_number_of_workers():
    """Workers get the overrides with the wars (applied before the runs are shipped) and every
    run keeps its seed, so two processes give the very numbers one does. Short wars (steps=12),
    which also show that the override reached the runs."""
    serial = [c.as_dict() for c in fact_checks(2, {"steps": 12}, workers=1)]
    parallel = [c.as_dict() for c in fact_checks(2, {"steps": 12}, workers=2)]
    assert parallel == serial
    duration = next(c for c in serial if c["name"].startswith("War duration"))
    assert duration["detail"]["p90"] <= 12


def test_history_is_the_same_with_any_number_of_workers():
    cases = case_files()[:2]
    serial = run_history(cases, seeds=3, overrides={"steps": 24})
    assert run_history(cases, seeds=3, overrides={"steps": 24}, workers=2) == serial
    assert [c["seeds"] for c in serial["cases"]] == [3, 3]
    assert all(c["median_month"] is None or c["median_month"] <= 24 for c in serial["cases"])


def test_cli_facts_in_parallel_print_one_json_object_with_the_serial_numbers(facts2):
    result = brink("validate", "--facts", "--seeds", "2", "--workers", "2", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # one JSON object and nothing else (no progress bar)
    assert data["facts"] == json.loads(json.dumps([c.as_dict() for c in facts2], allow_nan=False))


def test_cli_workers_must_be_at_least_one():
    result = brink("validate", "--facts", "--workers", "0")
    assert result.exit_code == 2
    assert "--workers" in result.output and result.output.count("Error") == 1, result.output


def test_cli_analytic_json_and_exit_code():
    result = brink("validate", "--analytic", "--seeds", "5", "--json")
    data = json.loads(result.stdout)
    assert {"analytic", "passed", "checks"} <= set(data)
    assert all({"name", "expected", "simulated", "passed", "source"} <= set(c) for c in data["analytic"])
    assert result.exit_code == (0 if data["passed"] == data["checks"] else 1)


def test_cli_writes_an_offline_html_report(tmp_path):
    result = brink("validate", "--analytic", "--seeds", "5", "--out", tmp_path / "v")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "v" / "validation.html").read_text(encoding="utf-8")
    assert_offline(page)
    assert "Analytic limits" in outside_plotlyjs(page)
    assert "Lanchester" in result.stdout


def test_cli_never_replaces_a_report_without_asking(tmp_path):
    report = tmp_path / "v" / "validation.html"
    report.parent.mkdir()
    report.write_text("my notes", encoding="utf-8")
    result = brink("validate", "--analytic", "--seeds", "5", "--out", tmp_path / "v")
    assert result.exit_code == 2 and "--overwrite" in result.output
    assert report.read_text(encoding="utf-8") == "my notes"
    result = brink("validate", "--analytic", "--seeds", "5", "--out", tmp_path / "v", "--overwrite")
    assert result.exit_code == 0 and "Analytic limits" in report.read_text(encoding="utf-8")


def test_cli_paths_need_history():
    result = brink("validate", "scenarios/history/korea_1950.toml")
    assert result.exit_code == 2


def test_the_history_table_sets_the_model_beside_rules_that_need_no_model():
    """A forecast that puts all its weight on what happened scores 0, one that puts it all on
    a wrong outcome 2; "always frozen" is right exactly on the frozen cases; the base rate is
    taken from the other cases only (leave one out)."""
    from sim.validation.history import against_baselines, brier

    assert brier({"frozen": 1.0}, "frozen") == 0.0
    assert brier({"victory": 1.0}, "frozen") == 2.0
    assert brier({"frozen": 0.5, "victory": 0.5}, "frozen") == pytest.approx(0.5)
    cases = [
        {"historical": "frozen", "shares": {"frozen": 1.0}, "match": True},
        {"historical": "frozen", "shares": {"victory": 1.0}, "match": False},
        {"historical": "victory", "shares": {"victory": 0.5, "frozen": 0.5}, "match": True},
    ]
    rows = {r["forecast"]: r for r in against_baselines(cases)}
    assert rows["the model (ensemble shares)"]["matches"] == 2
    assert rows["the model (ensemble shares)"]["brier"] == pytest.approx((0.0 + 2.0 + 0.5) / 3)
    assert rows["always frozen"]["matches"] == 2 and rows["always victory"]["matches"] == 1
    assert rows["always frozen"]["brier"] == pytest.approx(2.0 / 3)
    # leave one out: the victory case is forecast from two frozen cases, each frozen case from
    # one frozen and one victory (a tie, which goes to the earlier outcome in `Outcome`)
    base = rows["base rate of the other cases"]
    assert base["brier"] == pytest.approx((0.5 + 0.5 + 2.0) / 3)
    assert base["matches"] == 2
    assert against_baselines([]) == []


def test_cli_verdicts_print_as_words_not_markup():
    """The console keeps markup off (names are the user's), so verdicts are styled text: a user
    reads "pass", never "[bold green]pass[/]" cut to "[bold gree…"."""
    result = brink("validate", "--analytic")
    assert result.exit_code == 0
    assert "pass" in result.output and "[bold" not in result.output and "[/]" not in result.output
