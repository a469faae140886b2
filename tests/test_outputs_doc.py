"""docs/outputs.md documents every column of every table, with the type the table really has."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import sim.cli as cli
from sim.columns import OUTCOME_DTYPE, OUTCOMES, tidy
from sim.ensemble import run_ensemble

DOC = Path(__file__).resolve().parent.parent / "docs" / "outputs.md"
PLACEHOLDER = "<parameter>"


def documented() -> dict[str, dict[str, str]]:
    """{table heading: {column: type}} from the doc's `### \\`name\\`` sections."""
    tables: dict[str, dict[str, str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"### `(.+?)`", line):
            current = tables.setdefault(m.group(1), {})
        elif current is not None and line.startswith("| `"):
            names, kind = (cell.strip() for cell in line.strip("|").split("|")[:2])
            for name in re.findall(r"`([^`]+)`", names):
                current[name] = kind
    return tables


def dtype_name(dtype) -> str:
    if isinstance(dtype, pd.CategoricalDtype):
        return "category"
    return {"string": "str"}.get(str(dtype), str(dtype))


def check(table: str, frame: pd.DataFrame, varied: tuple[str, ...] = ()) -> None:
    doc = documented()[table]
    real = {c: dtype_name(t) for c, t in frame.dtypes.items() if c not in varied}
    listed = {c: t for c, t in doc.items() if c != PLACEHOLDER}
    assert set(real) == set(listed), f"{table}: undocumented {set(real) - set(listed)}, stale {set(listed) - set(real)}"
    for column, kind in real.items():
        assert kind in listed[column].split(", "), f"{table}.{column}: documented {listed[column]}, really {kind}"
    if varied:
        assert PLACEHOLDER in doc


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "r"
    result = CliRunner().invoke(cli.app, ["run", "ukraine_2025", "--steps", "24", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "b"
    args = ["batch", "ukraine_2025", "--grid", "concession_decay=0.05,0.1", "--replicates", "2", "--steps", "24",
            "--backend", "serial", "--out", str(out), "--json"]  # fmt: skip
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("table", ["model.parquet", "agents.parquet", "events.parquet"])
def test_run_tables_are_documented(run_dir, table):
    check(table, pd.read_parquet(run_dir / table))


@pytest.mark.parametrize("table", ["outcomes.parquet", "summary.parquet"])
def test_batch_tables_are_documented(batch_dir, table):
    check(table, pd.read_parquet(batch_dir / table), varied=("concession_decay",))


def test_ensemble_rows_are_documented():
    check("sim.ensemble.run_ensemble", run_ensemble("ukraine_2025", seeds=range(3), steps=24))


def test_outcome_is_ordered_with_every_kind_and_outcome_step_is_an_integer(batch_dir):
    runs = pd.read_parquet(batch_dir / "outcomes.parquet")
    assert runs["outcome"].dtype == OUTCOME_DTYPE
    assert list(runs["outcome"].cat.categories) == list(OUTCOMES)  # all kinds, even unseen ones
    assert runs["outcome_step"].dtype == "Int64"
    assert (runs["outcome_step"].isna() == (runs["outcome"] == "ongoing")).all()
    schema = __import__("pyarrow.parquet", fromlist=["x"]).read_schema(batch_dir / "outcomes.parquet")
    assert str(schema.field("outcome").type) == "dictionary<values=string, indices=int8, ordered=1>"


def test_tidy_orders_outcomes_and_keeps_missing_steps():
    frame = tidy(pd.DataFrame({"outcome": ["ongoing", "escalation"], "outcome_step": [None, 7], "lens": ["a", None]}))
    assert frame["outcome"].min() == "escalation" and frame["outcome"].max() == "ongoing"
    assert frame["outcome_step"].tolist()[1] == 7 and frame["outcome_step"].isna().tolist() == [True, False]
    assert str(frame["lens"].dtype) == "str"
