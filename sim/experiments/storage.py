"""Batch storage: the experiment manifest, streamed parts, and the consolidated outcomes table.

While a batch runs, finished rows are buffered and written every few hundred rows or seconds as
`parts/part-NNNNN.parquet` (each part atomically: a temporary file renamed into place, so a
killed batch leaves only whole parts). `--resume` reads the `run_id`s of the parts back and
skips those runs. At the end the parts are merged into `outcomes.parquet`, sorted by `run_id`
and written in fixed-size row groups, so the file is the same bytes whatever the number of
workers, the backend, the order runs finished in, or how often the batch was resumed; then
`parts/` is removed. Merging goes window by window over `run_id`, so memory stays bounded.

Integrity: each part's SHA-256 and its run ids are recorded in `experiment.json` as it is
written (and the SHA-256 of `outcomes.parquet` once merged). Before `--resume` counts anything
as done, `integrity.check_parts` holds every stored file against that record and its columns
and run ids; a part that fails (damaged, edited, foreign, unrecorded) is removed and its runs
are run again, with a message saying so. A stored row is never taken on trust.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.dataset as pds
import pyarrow.parquet as pq

from sim.atomic import replace_file, write_text
from sim.columns import encode_outcomes, parquet_schema

MANIFEST = "experiment.json"
OUTCOMES = "outcomes.parquet"
SUMMARY = "summary.parquet"
PARTS = "parts"
STEPS = "steps"
RUN_COLUMNS = [("run_id", pa.int64()), ("point", pa.int64()), ("replicate", pa.int64()), ("lens", pa.string()),
               ("seed", pa.int64())]  # fmt: skip
METRIC_COLUMNS = [
    ("outcome", pa.string()),
    ("outcome_step", pa.int64()),
    ("steps", pa.int64()),
    ("mean_tension", pa.float64()),
    ("final_territory", pa.float64()),
    ("final_trust", pa.float64()),
    ("talks_months", pa.int64()),
    ("error", pa.string()),
]
ROW_GROUP = 65_536
MERGE_WINDOW = 262_144  # run_ids merged at a time


def outcomes_schema(points: Sequence[dict[str, Any]], varied: Sequence[str]) -> pa.Schema:
    """Columns of outcomes.parquet; a varied parameter's type is inferred from all its values."""
    fields = [pa.field(n, t) for n, t in RUN_COLUMNS]
    for key in varied:
        kind = pa.array([p[key] for p in points]).type
        fields.append(pa.field(key, pa.float64() if kind == pa.null() else kind))
    return pa.schema(fields + [pa.field(n, t) for n, t in METRIC_COLUMNS])


# --- the manifest -------------------------------------------------------------------------------


def write_json(path: Path, data: dict[str, Any]) -> None:
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def read_manifest(out_dir: Path) -> dict[str, Any]:
    """experiment.json of a batch directory; OSError/ValueError if missing or unreadable."""
    return json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))


# --- streamed parts -------------------------------------------------------------------------


def _write_parquet(table: pa.Table, target: Path) -> None:
    replace_file(target, lambda tmp: pq.write_table(table, tmp, row_group_size=ROW_GROUP))


def write_table(frame: Any, target: Path) -> None:
    """A pandas DataFrame as Parquet, atomically."""
    _write_parquet(pa.Table.from_pandas(frame, preserve_index=False), Path(target))


def _part_number(path: Path) -> int:
    return int(path.stem.split("-")[-1])


def part_files(out_dir: Path) -> list[Path]:
    return sorted((Path(out_dir) / PARTS).glob("part-*.parquet"), key=_part_number)


class PartWriter:
    """Buffers finished rows and writes them as numbered parts (rows and, optionally, step tables)."""

    def __init__(self, out_dir: Path, schema: pa.Schema, every_rows: int = 500, every_seconds: float = 5.0):
        self.dir = Path(out_dir) / PARTS
        self.steps_dir = Path(out_dir) / STEPS
        self.dir.mkdir(parents=True, exist_ok=True)
        self.schema = schema
        self.every_rows, self.every_seconds = every_rows, every_seconds
        self.rows: list[dict[str, Any]] = []
        self.steps: list[Any] = []
        existing = part_files(out_dir)
        self.next_part = _part_number(existing[-1]) + 1 if existing else 1
        self.last_flush = time.monotonic()

    def add(self, rows: Iterable[dict[str, Any]], step_tables: Sequence[Any] = ()) -> None:
        self.rows.extend(rows)
        self.steps.extend(step_tables)
        if len(self.rows) >= self.every_rows or time.monotonic() - self.last_flush >= self.every_seconds:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows as the next part (step tables first, so a part never lacks them)."""
        self.last_flush = time.monotonic()
        if not self.rows:
            return
        name = f"part-{self.next_part:05d}.parquet"
        if self.steps:
            import pandas as pd

            self.steps_dir.mkdir(exist_ok=True)
            frame = pd.concat(self.steps, ignore_index=True)
            _write_parquet(pa.Table.from_pandas(frame, preserve_index=False), self.steps_dir / name)
        table = pa.Table.from_pylist(self.rows, schema=self.schema)
        _write_parquet(table, self.dir / name)
        steps = self.steps_dir / name if self.steps else None
        record_part(self.dir.parent, name, table["run_id"].to_numpy(), steps)
        self.next_part += 1
        self.rows, self.steps = [], []


def tidy_parts(out_dir: Path) -> None:
    """Remove what a killed batch may leave: temporary files, and step parts without their part."""
    out_dir = Path(out_dir)
    for folder in (out_dir / PARTS, out_dir / STEPS, out_dir):
        for tmp in folder.glob(".*.tmp") if folder.is_dir() else ():
            tmp.unlink(missing_ok=True)
    parts = {p.name for p in part_files(out_dir)}
    if (out_dir / STEPS).is_dir() and (out_dir / PARTS).is_dir():
        for orphan in (out_dir / STEPS).glob("part-*.parquet"):
            if orphan.name not in parts:
                orphan.unlink()


def _sources(out_dir: Path) -> list[Path]:
    out = Path(out_dir) / OUTCOMES
    return part_files(out_dir) + ([out] if out.is_file() else [])


def completed_runs(out_dir: Path, n_runs: int) -> np.ndarray:
    """A boolean mask over run_ids: True where a row is already stored (parts or outcomes)."""
    done = np.zeros(n_runs, dtype=bool)
    for src in _sources(out_dir):
        ids = pq.read_table(src, columns=["run_id"])["run_id"].to_numpy()
        done[ids[(ids >= 0) & (ids < n_runs)]] = True
    return done


def consolidate(out_dir: Path, schema: pa.Schema, n_runs: int) -> tuple[int, int]:
    """Merge parts (and any earlier outcomes.parquet) into outcomes.parquet sorted by run_id.

    Returns (rows written, rows with an error). Removes `parts/` once the file is in place.
    """
    out_dir = Path(out_dir)
    sources = _sources(out_dir)
    counts = {"rows": 0, "failed": 0}

    final = parquet_schema(schema)  # outcome: ordered dictionary; pandas reads the documented dtypes

    def merge(tmp: Path) -> None:
        with pq.ParquetWriter(tmp, final) as writer:
            if not sources:
                writer.write_table(final.empty_table())
                return
            data = pds.dataset([str(s) for s in sources], schema=schema, format="parquet")
            for lo in range(0, n_runs, MERGE_WINDOW):
                field = pds.field("run_id")
                window = _sorted_unique(data.to_table(filter=(field >= lo) & (field < lo + MERGE_WINDOW)))
                window = encode_outcomes(window).cast(final)
                counts["rows"] += window.num_rows
                counts["failed"] += window.num_rows - window["error"].null_count
                for start in range(0, window.num_rows, ROW_GROUP):
                    writer.write_table(window.slice(start, ROW_GROUP), row_group_size=ROW_GROUP)

    replace_file(out_dir / OUTCOMES, merge)
    manifest = read_manifest(out_dir)  # record the merged file before its parts go
    manifest.update(outcomes_sha256=file_sha256(out_dir / OUTCOMES), parts={})
    write_json(out_dir / MANIFEST, manifest)
    shutil.rmtree(out_dir / PARTS, ignore_errors=True)
    return counts["rows"], counts["failed"]


def _sorted_unique(table: pa.Table) -> pa.Table:
    ids = table["run_id"].to_numpy()
    order = np.argsort(ids, kind="stable")
    ids = ids[order]
    keep = np.ones(len(ids), dtype=bool)
    keep[1:] = ids[1:] != ids[:-1]
    return table.take(pa.array(order[keep])).combine_chunks()


# --- integrity ------------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def id_ranges(ids: np.ndarray) -> list[list[int]]:
    """Run ids as sorted inclusive ranges `[[lo, hi], ...]` (runs finish in near order: few ranges)."""
    ids = np.unique(np.asarray(ids, dtype=np.int64))
    if not len(ids):
        return []
    breaks = np.flatnonzero(np.diff(ids) != 1)
    starts, ends = np.r_[ids[0], ids[breaks + 1]], np.r_[ids[breaks], ids[-1]]
    return [[int(a), int(b)] for a, b in zip(starts, ends, strict=True)]


def record_part(out_dir: Path, name: str, run_ids: np.ndarray, steps: Path | None = None) -> None:
    """Add part `name` (its checksum, rows and run ids) to the manifest, after the part is in place.

    A part written but not yet recorded (the batch was killed in between) fails `check_parts`
    and is run again: the order makes an unrecorded part harmless.
    """
    manifest = read_manifest(out_dir)
    entry = {"sha256": file_sha256(Path(out_dir) / PARTS / name), "rows": int(len(run_ids)),
             "run_ids": id_ranges(run_ids)}  # fmt: skip
    if steps is not None:
        entry["steps_sha256"] = file_sha256(steps)
    manifest.setdefault("parts", {})[name] = entry
    write_json(Path(out_dir) / MANIFEST, manifest)
