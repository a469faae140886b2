"""docs/model.md cannot go stale: its parameter table is generated, and it names every outcome,
phase, lens and mechanism module the code has."""

from __future__ import annotations

from pathlib import Path

import pytest

import sim.mechanisms
from sim.lenses import LENSES
from sim.mechanisms.outcomes import Outcome, Phase
from sim.paramdoc import DOC_PATH, END, MISSING, START, block, parameter_table, split_description, write
from sim.params import Params

REFRESH = "run `python -m sim.paramdoc --write` to refresh"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC_PATH.read_text(encoding="utf-8")


def test_parameter_table_is_current(doc):
    table = block(doc)
    assert table is not None, f"docs/model.md lacks the markers {START} ... {END}; {REFRESH}"
    stale = f"the parameter table in docs/model.md is stale: {REFRESH}"
    assert table.strip() == parameter_table(), stale


def test_every_parameter_has_a_source():
    missing = [n for n, f in Params.model_fields.items() if split_description(f.description)[1] == MISSING]
    assert not missing, f"start these parameters' descriptions with [source], then {REFRESH}: {missing}"


def test_a_description_without_a_source_is_flagged():
    assert split_description("monthly chance of something") == ("monthly chance of something", MISSING)
    assert split_description("[Fortna 2004] monthly chance") == ("monthly chance", "Fortna 2004")


def test_table_has_one_row_per_parameter():
    rows = parameter_table().splitlines()[2:]
    assert [r.split("`")[1] for r in rows] == list(Params.model_fields)


@pytest.mark.parametrize("value", [*(str(o) for o in Outcome), *(str(p) for p in Phase)])
def test_every_outcome_and_phase_is_described(doc, value):
    assert f"`{value}`" in doc, f"docs/model.md does not mention {value!r}"


@pytest.mark.parametrize("lens", sorted(LENSES))
def test_every_lens_is_described(doc, lens):
    assert f"`{lens}`" in doc, f"docs/model.md does not mention the lens {lens!r}"


MECHANISMS = sorted(p.stem for p in Path(sim.mechanisms.__file__).parent.glob("*.py") if p.stem != "__init__")


def test_mechanism_modules_found():
    assert len(MECHANISMS) >= 6


@pytest.mark.parametrize("module", MECHANISMS)
def test_every_mechanism_module_is_named(doc, module):
    name = f"sim/mechanisms/{module}.py"
    assert name in doc, f"docs/model.md does not name {name}"


def test_write_refreshes_the_block_in_place(tmp_path):
    stale = f"# title\n\nbefore\n{START}\n| old | table |\n{END}\nafter\n"
    path = tmp_path / "model.md"
    path.write_text(stale, encoding="utf-8")
    assert write(path) is True
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# title\n\nbefore\n") and text.endswith(f"{END}\nafter\n")
    assert block(text).strip() == parameter_table()
    assert write(path) is False  # idempotent


def test_the_validation_page_quotes_the_generated_results():
    """docs/validation.md's numbers come from docs/validation-results.json, rendered, never typed."""
    import json

    from sim.validation import docsync

    results = json.loads(docsync.RESULTS.read_text(encoding="utf-8"))
    assert docsync.block(docsync.DOC.read_text(encoding="utf-8")) == docsync.render(results), (
        "docs/validation.md is stale: run `python -m sim.validation.docsync`"
    )
    assert {"analytic", "facts", "cases"} <= set(results)


def test_the_sensitivity_page_quotes_the_generated_results():
    """docs/sensitivity.md's example comes from docs/sensitivity-results.json, rendered, never typed."""
    from sim.experiments import sensitivity_docsync as docsync

    results = docsync.PAGE.load()
    assert docsync.PAGE.current() == docsync.render(results), (
        "docs/sensitivity.md is stale: run `python -m sim.experiments.sensitivity_docsync` "
        "(or `--render` if only the rendering changed)"
    )
    assert [s["method"] for s in results["studies"]] == ["sobol", "morris"]
    assert "credibility_threshold" not in docsync.DOC.read_text(encoding="utf-8")  # a parameter of model v1


def test_the_sensitivity_example_prose_types_no_numbers():
    """Around the generated block, the example's prose describes in words; every figure is generated."""
    import re

    from sim.docblock import markers
    from sim.experiments import sensitivity_docsync as docsync

    text = docsync.DOC.read_text(encoding="utf-8")
    section = text.split("## Example", 1)[1].split("\n", 1)[1].split("\n## ", 1)[0]  # below the heading
    start, end = markers(docsync.TAG)
    prose = section.split(start, 1)[0] + section.split(end, 1)[1]
    prose = re.sub(r"`[^`]*`|95% interval", "", prose)  # code, and the confidence level of the intervals
    typed = [line for line in prose.splitlines() if re.search(r"\d", line)]
    assert not typed, "numbers typed by hand in the example (render them into the block):\n" + "\n".join(typed)


def test_the_sensitivity_example_varies_parameters_that_exist():
    """The generator's designs name today's parameters, inside their declared ranges (no runs)."""
    from sim.experiments import sensitivity_docsync as docsync
    from sim.experiments.sampling import check_bounds
    from sim.experiments.sensitivity import DEFAULT_BOUNDS

    for bounds in (DEFAULT_BOUNDS, docsync.MORRIS_BOUNDS):
        check_bounds(bounds, docsync.SCENARIO)


def test_a_generated_block_is_replaced_in_place_and_checked(tmp_path):
    from sim.docblock import GeneratedBlock, block

    doc, results = tmp_path / "page.md", tmp_path / "page.json"
    doc.write_text("# page\n\n<!-- demo:start -->\nold\n<!-- demo:end -->\n\nafter\n", encoding="utf-8")
    page = GeneratedBlock(doc, results, "demo", lambda r: f"| x | {r['x']:.2f} |")
    assert not page.is_current()  # no JSON yet
    page.save({"x": 0.5})
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# page\n\n") and text.endswith("<!-- demo:end -->\n\nafter\n")
    assert block(text, "demo") == "| x | 0.50 |" and page.is_current()
    assert page.main(["--check"], run=dict, prog="demo") == 0
    results.write_text('{"x": 0.25}', encoding="utf-8")  # the JSON moved on, the page did not
    assert page.main(["--check"], run=dict, prog="demo") == 1
    assert page.main(["--render"], run=dict, prog="demo") == 0 and page.is_current()
