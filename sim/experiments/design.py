"""External designs: points from a CSV or Parquet file (`brink batch --design FILE`).

One row per point, one column per parameter: mechanism parameters (`concession_decay`) or
scenario paths, dotted (`states.Russia.will`) or with `__` (`states__Russia__will`). The
points become the spec's `design`, so they run like a grid or a sample: replicates per lens,
the batch's seeds, streaming, resume and every backend. Values are checked against the
scenario by `resolve()` like any other point; this module checks the file itself.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from sim.experiments.spec import SpecError

SUFFIXES = (".csv", ".parquet", ".pq")
MAX_POINTS = 1_000_000


def read_design(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a design file as plain dicts; SpecError naming the file, row and column if bad."""
    import pandas as pd

    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise SpecError(f"--design {path}: expected a .csv or .parquet file")
    if not path.is_file():
        raise SpecError(f"--design {path}: no such file")
    try:
        frame = pd.read_csv(path) if path.suffix.lower() == ".csv" else pd.read_parquet(path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SpecError(f"--design {path}: cannot read: {reason}") from None
    if frame.empty or not len(frame.columns):
        raise SpecError(f"--design {path}: no points (one row per point, one column per parameter)")
    if len(frame) > MAX_POINTS:
        raise SpecError(f"--design {path}: {len(frame)} points; at most {MAX_POINTS:,}")
    unnamed = [str(c) for c in frame.columns if not str(c).strip() or str(c).startswith("Unnamed:")]
    if unnamed:
        raise SpecError(f"--design {path}: a column has no name (an index column? write it with index=False)")
    rows = []
    for i, record in enumerate(frame.to_dict("records")):
        row = {}
        for key, value in record.items():
            value = value.item() if hasattr(value, "item") else value  # numpy scalar -> Python
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                raise SpecError(f"--design {path}: row {i + 1}, column {key}: missing or not a finite number")
            row[str(key)] = value
        rows.append(row)
    return rows
