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
