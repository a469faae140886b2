"""Teaching lessons: the registry, `brink lesson`, the exhibit, the docs, and the lessons' claims."""

from __future__ import annotations

import dataclasses
import html
import json
import math
import os
import re
import shlex
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from offline import assert_offline, outside_plotlyjs
from typer.testing import CliRunner

from sim import ConflictModel, cli
from sim.cli.common import parse_sets
from sim.lessons import LESSONS, get_lesson, run_lesson
from sim.lessons.base import direction, toml_value
from sim.lessons.exhibit import EXHIBIT, RUNS, SUMMARY
from sim.lessons.experiment import load_condition
from sim.lessons.guarantees import NO_PROTECTION
from sim.lessons.measures import ceasefire_breakdowns, first_war_month, outcome_month, war_started
from sim.lessons.publics import ABLATION, WEARY_DEMOCRACY
from sim.mechanisms.outcomes import Outcome
from sim.report import run_figures
from sim.scenario import load_scenario, parse_value, resolve_path
from tests.test_claims import paired_z

ROOT = Path(__file__).resolve().parent.parent
TEACHING = ROOT / "docs" / "teaching"
runner = CliRunner()


def brink(*args: object):
    return runner.invoke(cli.app, ["lesson", *map(str, args)], prog_name="brink")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Run from an empty directory so the default `runs/` lands in tmp_path."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def narrowed(number: int, conditions: tuple[str, ...], lenses: tuple[str, ...] = ("realism", "liberalism")):
    """A lesson restricted to some of its conditions and lenses (cheaper claims tests)."""
    lesson = get_lesson(number)
    keep = tuple(c for c in lesson.conditions if c.key in conditions)
    return dataclasses.replace(lesson, conditions=keep, lenses=lenses, showcase=(conditions[0], 0))


# --- the registry and its conditions -----------------------------------------------------------


def test_registry_holds_four_complete_lessons():
    assert list(LESSONS) == [1, 2, 3, 4]
    for n, lesson in LESSONS.items():
        assert lesson.number == n and lesson.title and lesson.summary
        assert len(lesson.goals) >= 3 and len(lesson.questions) >= 3 and len(lesson.readings) >= 3
        keys = [c.key for c in lesson.conditions]
        assert len(keys) == len(set(keys)) >= 2
        assert lesson.showcase[0] in keys
        assert set(lesson.lenses) == {"realism", "liberalism"}


def test_every_condition_validates_and_its_command_reproduces_it():
    """The `--set` arguments shown in the docs and the exhibit give exactly the condition's scenario."""
    for lesson in LESSONS.values():
        for cond in lesson.conditions:
            spec = load_condition(cond)
            args = shlex.split(cond.command("run", 0))
            sets = [args[i + 1] for i, a in enumerate(args) if a == "--set"]
            again = load_scenario(resolve_path(args[2]), parse_sets(sets))
            assert again.model_dump() == spec.model_dump(), cond.command()


@pytest.mark.parametrize(
    "value",
    [True, 0.0, 3, "join", [], [{"month": 3, "kind": "join", "actor": "Pact", "target": "Blue"}], {"a": [1, 2]}],
)
def test_toml_value_round_trips_through_set(value):
    assert parse_value(toml_value(value)) == value


def test_direction_follows_the_data():
    assert direction(0.1, 0.2, "up", "down", "same") == "up"
    assert direction(0.2, 0.1, "up", "down", "same") == "down"
    assert direction(0.2, 0.2, "up", "down", "same") == "same"


def test_measures_on_a_small_table():
    phases = ["crisis", "crisis", "war", "ceasefire", "war", "ceasefire", "ceasefire"]
    table = pd.DataFrame({"step": range(7), "phase": phases, "outcome": [None] * 6 + ["frozen"]})
    assert war_started(table) == 1.0 and first_war_month(table) == 2.0
    assert ceasefire_breakdowns(table) == 1.0 and outcome_month(table) == 6.0
    calm = table.assign(phase="crisis", outcome=None)
    assert war_started(calm) == 0.0 and math.isnan(first_war_month(calm)) and math.isnan(outcome_month(calm))


# --- brink lesson ---------------------------------------------------------------------------------


def test_lesson_list_names_the_four_lessons():
    for args in ([], ["--list"]):
        result = brink(*args)
        assert result.exit_code == 0, result.output
        for lesson in LESSONS.values():
            assert lesson.title in result.output
    listed = json.loads(brink("--list", "--json").stdout)["lessons"]
    assert [row["number"] for row in listed] == [1, 2, 3, 4]


@pytest.mark.parametrize("number", [9, 0])
def test_unknown_lesson_exits_2_with_one_message(number, in_tmp):
    result = brink(number)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.strip().splitlines() == [
        f"error: no lesson {number}; choose one of 1, 2, 3, 4 (see `brink lesson --list`)"
    ]
    assert not (in_tmp / "runs").exists()


def test_non_empty_out_dir_exits_2(in_tmp):
    (in_tmp / "taken").mkdir()
    (in_tmp / "taken" / "file").write_text("x")
    result = brink(1, "--seeds", 1, "--out", "taken")
    assert result.exit_code == 2 and "not empty" in result.output


def figures_per_run() -> int:
    """How many figures the run report draws (the showcase shows one report per lens)."""
    model = ConflictModel("security_dilemma", rng=0, steps=2).run()
    tables = model.model_table(), model.agent_table(), model.event_table()
    return len(run_figures(*tables, ["Red", "Blue"], model.spec.model_dump(mode="json")))


def check_exhibit(out_dir: Path, number: int, seeds: int) -> None:
    lesson = LESSONS[number]
    page = (out_dir / EXHIBIT).read_text(encoding="utf-8")
    assert_offline(page)
    rest = outside_plotlyjs(page)
    assert rest.count('class="plotly-graph-div"') == len(lesson.conditions) + 2 * figures_per_run()
    for text in (*lesson.questions, *lesson.goals, lesson.title):
        assert html.escape(text) in page
    runs = pd.read_parquet(out_dir / RUNS)
    assert len(runs) == seeds * len(lesson.conditions) * len(lesson.lenses)
    summary = json.loads((out_dir / SUMMARY).read_text(encoding="utf-8"))
    assert summary["lesson"] == number and summary["questions"] == list(lesson.questions)
    for line in summary["observations"]:
        assert html.escape(line) in page


@pytest.mark.parametrize("number", [2, 3, 4])
def test_lesson_writes_its_exhibit(number, in_tmp):
    result = brink(number, "--seeds", 2, "--out", "exhibit", "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)  # --json: stdout is one JSON object
    assert printed["lesson"] == number and len(printed["observations"]) >= 3
    assert printed["seeds"] == {"count": 2, "first": 0, "last": 1}
    assert Path(printed["exhibit"]) == (in_tmp / "exhibit" / EXHIBIT).resolve()
    check_exhibit(in_tmp / "exhibit", number, 2)


def test_lesson_default_out_dir_and_text_output(in_tmp):
    result = brink(1, "--seeds", 1)
    assert result.exit_code == 0, result.output
    (out_dir,) = (in_tmp / "runs").glob("lesson-1-*")
    assert f"exhibit: runs/{out_dir.name}/{EXHIBIT}" in result.output
    assert "Lesson 1: The security dilemma" in result.output and "showcase:" in result.output
    assert not list((in_tmp / "runs").glob(".tmp-*"))  # written atomically
    check_exhibit(out_dir, 1, 1)


# --- the docs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_lesson_page_carries_the_lessons_text(number):
    lesson = LESSONS[number]
    page = (ROOT / lesson.doc).read_text(encoding="utf-8")
    assert page.startswith(f"# Lesson {number}: {lesson.title}")
    for text in (*lesson.questions, *lesson.goals):
        assert text in page
    for reading in lesson.readings:
        assert reading.split(")")[0] + ")" in page  # author and year
    block = page.split(f"<!-- lesson-results:{number}:begin -->")[1].split(f"<!-- lesson-results:{number}:end -->")[0]
    assert f"`brink lesson {number}` (seeds 0–99" in block
    for cond in lesson.conditions:
        assert cond.label in block


def test_teaching_index_and_lens_explainer_link_every_lesson():
    index = (TEACHING / "README.md").read_text(encoding="utf-8")
    lenses = (TEACHING / "lenses.md").read_text(encoding="utf-8")
    for n in LESSONS:
        assert f"(lesson-{n}.md)" in index
        assert f"<!-- lesson-outcomes:{n}:begin -->\nLesson {n}, seeds 0–99" in lenses
    assert "## Predict, then run" in lenses


def doc_commands() -> list[str]:
    """Every `brink run` and `brink compare` command in the teaching pages (code blocks and inline)."""
    found = []
    for page in sorted(TEACHING.glob("*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            found += [c.strip() for c in re.findall(r"`(brink (?:run|compare) [^`]+)`", line)]
            if re.match(r"brink (run|compare) ", line):
                found.append(line.split("  #")[0].strip())
    return sorted(set(found))


def test_every_command_in_the_teaching_pages_validates():
    """Scenario, lens and `--set` overrides of each documented command load (nothing is run)."""
    commands = doc_commands()
    assert len(commands) >= 20
    for command in commands:
        args = shlex.split(command)
        sets = [args[i + 1] for i, a in enumerate(args) if a == "--set"]
        if "--lens" in args:
            assert args[args.index("--lens") + 1] in ("realism", "liberalism", "mixed"), command
        load_scenario(resolve_path(args[2]), parse_sets(sets))


def test_lens_explainer_shows_the_assumptions_generated_from_params():
    """The side-by-side table of the nine assumptions is the one `Params` gives (cheap: no runs)."""
    from sim.lenses.base import Assumptions
    from sim.lessons.docsync import LENSES_DOC, updated_assumptions

    text = LENSES_DOC.read_text(encoding="utf-8")
    assert updated_assumptions(text) == text, "run `python -m sim.lessons.docsync`"
    block = text.split("<!-- lens-assumptions:begin -->")[1].split("<!-- lens-assumptions:end -->")[0]
    for name in Assumptions.__dataclass_fields__:
        assert f"`{name}`" in block


GENERATED = re.compile(r"<!-- (?P<tag>[\w:-]+):begin -->.*?<!-- (?P=tag):end -->", re.S)
RESULT_NUMBER = re.compile(r"\d\s*%(?<!95%)|\d\.\d|\d\s*×")  # "95% intervals" is a confidence level, not a result


def hand_written_prose(page: str) -> str:
    """A teaching page without what may hold numbers: generated blocks, code, readings, table rows."""
    page = GENERATED.sub("", page.split("## Readings")[0])
    page = re.sub(r"```.*?```", "", page, flags=re.S)
    page = re.sub(r"`[^`]*`", "", page)
    return "\n".join(line for line in page.splitlines() if not line.startswith("|"))


@pytest.mark.parametrize("page", sorted(TEACHING.glob("*.md")), ids=lambda p: p.stem)
def test_teaching_pages_quote_no_hand_typed_numbers(page):
    """Every share, ratio or decimal quoted in prose sits in a generated block (docsync), never typed."""
    prose = hand_written_prose(page.read_text(encoding="utf-8"))
    typed = [line for line in prose.splitlines() if RESULT_NUMBER.search(line)]
    assert not typed, f"{page.name}: numbers typed by hand (move them into a generated block):\n" + "\n".join(typed)


@pytest.mark.skipif(not os.environ.get("BRINK_CHECK_LESSON_DOCS"), reason="minutes; set BRINK_CHECK_LESSON_DOCS=1")
def test_lesson_docs_numbers_match_the_model():
    from sim.lessons.docsync import main

    assert main(["--check"]) == 0, "run `python -m sim.lessons.docsync` and reread the prose"


# --- claims the lessons make, on fresh seeds (not the docs' 0-99), with 95% intervals -------------


def fresh(count: int) -> list[int]:
    """Seeds the lesson pages do not use: the claims must hold beyond the runs that are quoted."""
    return list(range(1000, 1000 + count))


def above(result, high: tuple[str, str], low: tuple[str, str], outcome=None, metric=None) -> bool:
    """The 95% interval of arm `high` lies wholly above that of arm `low` (outcome share or 0/1 measure)."""
    _, lo, _ = result.interval(*high, outcome, metric)
    _, _, hi = result.interval(*low, outcome, metric)
    return lo > hi


def test_lesson_1_alliance_expansion_threatens_and_leads_to_war_under_realism_and_the_ablation_removes_it():
    """Blue joining raises Red's threat more under realism, and turns the crisis into war only under
    realism; with realism's alliance weight set to liberalism's, both differences vanish."""
    R, L = "realism", "liberalism"
    realism = run_lesson(narrowed(1, ("closed", "joined", "ablated"), (R,)), seeds=fresh(40))
    liberal = run_lesson(narrowed(1, ("closed", "joined"), (L,)), seeds=fresh(8))
    threat_r = {c: realism.value(c, R, "threat_a_24") for c in ("closed", "joined", "ablated")}
    threat_l = {c: liberal.value(c, L, "threat_a_24") for c in ("closed", "joined")}
    assert abs(threat_r["closed"] - threat_l["closed"]) < 0.03  # no alliance move, no lens difference
    assert threat_r["joined"] - threat_r["closed"] > threat_l["joined"] - threat_l["closed"] + 0.1
    assert abs(threat_r["ablated"] - threat_l["joined"]) < 0.03  # ablation: the threat gap is gone
    war = {c: realism.value(c, R, "war_started") for c in ("closed", "joined", "ablated")}
    assert war["closed"] == 0.0 and war["joined"] >= 0.1  # realist Red goes to war only after the join
    assert war["ablated"] < war["joined"] / 2  # ablation: so is most of the war
    assert liberal.value("joined", L, "war_started") < realism.value("joined", R, "war_started") / 2


def test_lesson_2_relative_gains_block_the_realist_deal_and_timing_matters_once_they_are_removed():
    R, L = "realism", "liberalism"
    realism = run_lesson(narrowed(2, ("early", "early_ablated", "late_ablated"), (R,)), seeds=fresh(16))
    liberal = run_lesson(narrowed(2, ("early",), (L,)), seeds=fresh(16))  # *_realism overrides do not touch it
    _, lib_low, _ = liberal.interval("early", L, "settlement")
    assert lib_low > realism.interval("early", R, "settlement")[2]
    assert above(realism, ("early_ablated", R), ("early", R), "settlement")  # ablation: realism settles too
    gap = liberal.share("early", L, "settlement") - realism.share("early", R, "settlement")
    assert abs(liberal.share("early", L, "settlement") - realism.share("early_ablated", R, "settlement")) < gap / 2
    assert above(realism, ("early_ablated", R), ("late_ablated", R), "settlement")  # early beats late


def mean_gap(result, lens: str, metric: str, high: str, low: str) -> tuple[float, float]:
    """(difference of the two arms' means of `metric`, its standard error): Welch, NaNs dropped."""
    a, b = (result.arm(c, lens)[metric].astype(float).dropna() for c in (high, low))
    return float(a.mean() - b.mean()), float(np.sqrt(a.var() / len(a) + b.var() / len(b)))


def test_lesson_2_an_early_concession_buys_better_terms_under_liberalism_and_goodwill_is_why():
    """Liberal wars settle whether neutrality is conceded in month 1 or month 36, but Russia keeps
    less of the region after the early concession (the difference of means above 1.96 standard
    errors). Ablation: the month-1 concession with no goodwill (concession_value = 0) buys less
    than a quarter of that difference (not nothing: the claim dropped in month 1 still changes
    the packages on the table, and so the runs, a little)."""
    L = "liberalism"
    liberal = run_lesson(narrowed(2, ("early", "late", "early_no_goodwill"), (L,)), seeds=fresh(60))
    bought, se = mean_gap(liberal, L, "settled_share_a", "late", "early")
    assert bought > 1.96 * se
    left, _ = mean_gap(liberal, L, "settled_share_a", "late", "early_no_goodwill")
    assert left < bought / 4


def test_lesson_3_buffer_zones_keep_conflicts_frozen_and_cost_weight_separates_the_lenses():
    R, L = "realism", "liberalism"
    realism = run_lesson(narrowed(3, ("cyprus", "cyprus_bare", "cyprus_ablated"), (R,)), seeds=fresh(24))
    liberal = run_lesson(narrowed(3, ("cyprus",), (L,)), seeds=fresh(24))
    assert above(realism, ("cyprus", R), ("cyprus_bare", R), "frozen")
    assert liberal.interval("cyprus", L, "settlement")[1] > realism.interval("cyprus", R, "settlement")[2]
    assert above(realism, ("cyprus_ablated", R), ("cyprus", R), "settlement")  # ablation: realism settles too

    # Korea, the same seeds paired: without the protection of its DMZ and armistice commission,
    # liberal ceasefires break down more often, and runs that freeze behind the protection thaw
    # without it, not the reverse
    def korea(**params) -> list[ConflictModel]:
        return [ConflictModel("korea_1950", lens=L, rng=s, **params).run() for s in fresh(60)]

    protected, bare = korea(), korea(**NO_PROTECTION)
    breakdowns = [np.mean([ceasefire_breakdowns(m.model_table()) for m in runs]) for runs in (protected, bare)]
    assert breakdowns[1] > breakdowns[0] + 0.1
    frozen = [[m.final_outcome is Outcome.FROZEN for m in runs] for runs in (protected, bare)]
    assert paired_z(*frozen) >= 1.64


def test_lesson_4_a_weary_democracy_constrains_realist_leaders_through_public_weight():
    R = "realism"

    def won(**params) -> list[bool]:  # the same seeds paired, as in lesson 3's Korea check
        runs = (ConflictModel("ukraine_2022", lens=R, rng=s, **params).run() for s in fresh(60))
        return [m.final_outcome is Outcome.VICTORY for m in runs]

    # runs that realist Russia wins as shipped are lost as a war-weary democracy, not the reverse
    assert paired_z(won(), won(**WEARY_DEMOCRACY)) >= 1.64
    # ablation: with liberalism's public_weight the weary democracy's realist leaders stop winning
    # the runs they still win, the same seeds paired (few wins are left, so the 95% intervals of a
    # few seeds would overlap even where every paired run moves the same way)
    assert paired_z(won(**WEARY_DEMOCRACY), won(**WEARY_DEMOCRACY, **ABLATION)) >= 1.64


def test_lesson_4_the_election_moves_a_weary_publics_will():
    result = run_lesson(narrowed(4, ("weary", "weary_no_election"), ("realism",)), seeds=fresh(6))
    assert (
        result.value("weary", "realism", "will_b_10") < result.value("weary_no_election", "realism", "will_b_10") - 0.1
    )
