"""The teaching notebooks run top to bottom, and are saved without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds per cell: generous, the whole notebook takes a few seconds
NOTEBOOK_SEEDS, TEST_SEEDS = "SEEDS = 10", "SEEDS = 4"


def test_there_is_a_notebook_per_lesson():
    from sim.lessons import LESSONS

    assert [p.name.split("-")[1] for p in NOTEBOOKS] == [str(n) for n in LESSONS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_saved_clean(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear outputs before saving"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path: Path, tmp_path: Path):
    nb = nbformat.read(path, as_version=4)
    setup = next(c for c in nb.cells if c.cell_type == "code" and NOTEBOOK_SEEDS in c.source)
    setup.source = setup.source.replace(NOTEBOOK_SEEDS, TEST_SEEDS)  # the same cells, fewer runs
    client = NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as exc:  # the failing cell's source and traceback
        pytest.fail(f"{path.name} failed:\n{exc}", pytrace=False)
    assert list(tmp_path.iterdir()) == [], "notebooks should not write files"
