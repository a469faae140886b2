"""The historical cases: each loads with a valid history table, and `brink validate --history`
reports simulated outcome shares beside what happened."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sim import cli
from sim.mechanisms.outcomes import Outcome
from sim.scenario import available_scenarios, read_toml
from sim.validation.history import case_files, load_case, run_case

runner = CliRunner()
CASES = case_files()
# `brink validate`'s pool forks while numpy's BLAS threads idle, as `brink batch`'s does
# (executors.fork_is_safe); Python warns about any fork in a process with threads.
pytestmark = pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")


def brink(*args: str):
    return runner.invoke(cli.app, [str(a) for a in args], prog_name="brink")


def test_at_least_eight_cases_with_a_spread_of_outcomes():
    assert len(CASES) >= 8
    outcomes = {load_case(p)[1].history.outcome for p in CASES}
    assert {Outcome.FROZEN, Outcome.VICTORY, Outcome.SETTLEMENT} <= outcomes


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_loads_with_a_valid_history_table(path):
    _, spec = load_case(path)
    h = spec.history
    assert spec.name == path.stem
    assert h.sources and all(s.strip() for s in h.sources)
    assert h.outcome in set(Outcome)
    if h.winner is not None:
        assert h.outcome is Outcome.VICTORY and h.winner in spec.disputes[0].sides
    assert "params" not in read_toml(path), "one calibration for all cases: no per-case [params]"
    assert path.read_text(encoding="utf-8").count("#") >= 20, "initial conditions need sourcing comments"


def test_moved_cases_are_still_found_by_name():
    shipped = available_scenarios()
    assert shipped["korea_1950"].parent.name == "history"
    assert shipped["cyprus_1974"].parent.name == "history"


def test_same_seeds_same_shares():
    a, b = run_case(CASES[0], seeds=3), run_case(CASES[0], seeds=3)
    assert a.as_dict() == b.as_dict()


def test_history_json_has_the_documented_keys():
    result = brink("validate", "--history", "--seeds", "2", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"cases", "matched", "total"} == set(data)
    assert data["total"] == len(CASES) and 0 <= data["matched"] <= data["total"]
    for case in data["cases"]:
        assert {"name", "historical", "shares", "modal", "match"} <= set(case)
        assert set(case["shares"]) == {str(o) for o in Outcome}
        assert abs(sum(case["shares"].values()) - 1) < 1e-9
        assert case["modal"] == max(case["shares"], key=case["shares"].get) or case["shares"][case["modal"]] == max(
            case["shares"].values()
        )
    assert data["matched"] == sum(c["match"] for c in data["cases"])


def test_any_history_file_can_be_passed(tmp_path):
    text = (CASES[0]).read_text(encoding="utf-8").replace(f'name = "{CASES[0].stem}"', 'name = "my_case"', 1)
    mine = tmp_path / "my_case.toml"
    mine.write_text(text, encoding="utf-8")
    result = brink("validate", "--history", mine, "--seeds", "2", "--json")
    assert result.exit_code == 0, result.output
    assert [c["name"] for c in json.loads(result.stdout)["cases"]] == ["my_case"]


def test_a_file_without_history_table_exits_2_naming_file_and_field():
    result = brink("validate", "--history", "scenarios/ukraine_2025.toml")
    assert result.exit_code == 2
    assert "ukraine_2025.toml" in result.output and "history" in result.output
    assert result.stdout == ""


def test_a_winner_who_is_not_a_side_exits_2(tmp_path):
    text = next(p for p in CASES if p.stem == "gulf_1991").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('winner = "Coalition"', 'winner = "Atlantis"'), encoding="utf-8")
    result = brink("validate", "--history", bad)
    assert result.exit_code == 2 and "history.winner" in result.output


def test_set_applies_to_every_case_alike():
    result = brink("validate", "--history", "--seeds", "2", "--json", "--set", "renege_base=0.2")
    assert result.exit_code == 0, result.output
    bad = brink("validate", "--history", "--set", "no_such_parameter=1")
    assert bad.exit_code == 2 and "no_such_parameter" in bad.output
