"""Integrity of a stored batch: hold its parts and outcomes.parquet against the manifest's record.

`storage` records each part's SHA-256 and run ids in `experiment.json` as it writes them (and
the SHA-256 of `outcomes.parquet` once merged). Before `--resume` counts any stored row as done,
`check_parts` holds every file against that record and against the batch's columns and run ids;
a file that fails (damaged, truncated, edited, foreign, written but never recorded) is removed
and its runs are run again. Nothing stored is taken on trust, so a corrupted part is repaired,
never accepted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from sim.experiments.storage import (
    MANIFEST,
    OUTCOMES,
    PARTS,
    STEPS,
    file_sha256,
    id_ranges,
    part_files,
    read_manifest,
    write_json,
)


def _content_problem(path: Path, schema: pa.Schema, n_runs: int) -> tuple[str | None, np.ndarray | None]:
    """Why a Parquet file cannot be a part of this batch (None if it can), and its run ids."""
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        return f"unreadable ({str(exc).splitlines()[0][:120]})", None
    if not table.schema.equals(schema, check_metadata=False):
        return "its columns are not the batch's", None
    ids = table["run_id"].to_numpy(zero_copy_only=False)
    if table["run_id"].null_count or (len(ids) and (ids.min() < 0 or ids.max() >= n_runs)):
        return f"run ids outside 0..{n_runs - 1}", None
    if len(np.unique(ids)) != len(ids):
        return "a run id appears twice", None
    return None, ids


def _part_problem(path: Path, entry: dict[str, Any] | None, schema: pa.Schema, n_runs: int) -> str | None:
    if not isinstance(entry, dict):
        return "not recorded in experiment.json (the batch was stopped as it was written)"
    if file_sha256(path) != entry.get("sha256"):
        return "its checksum differs from experiment.json (the file was changed or damaged)"
    steps = path.parent.parent / STEPS / path.name
    if "steps_sha256" in entry and (not steps.is_file() or file_sha256(steps) != entry["steps_sha256"]):
        return "its monthly table is missing or damaged"
    problem, ids = _content_problem(path, schema, n_runs)
    if problem is None and id_ranges(ids) != entry.get("run_ids"):
        problem = "its run ids are not the ones recorded"
    return problem


def check_parts(out_dir: Path, schema: pa.Schema, n_runs: int) -> list[str]:
    """Hold the stored parts and outcomes.parquet against the manifest; remove any that fail.

    Returns one message per removed file. A manifest without a `parts` record (a batch from an
    older version) has its files checked by content alone (readable, the batch's columns,
    unique run ids in range).
    """
    out_dir = Path(out_dir)
    manifest = read_manifest(out_dir)
    legacy = "parts" not in manifest
    recorded = manifest.get("parts")
    entries = dict(recorded) if isinstance(recorded, dict) else {}  # an edited record counts as none
    messages = []
    for part in part_files(out_dir):
        if legacy:
            problem = _content_problem(part, schema, n_runs)[0]
        else:
            problem = _part_problem(part, entries.get(part.name), schema, n_runs)
        if problem:
            part.unlink(missing_ok=True)
            (out_dir / STEPS / part.name).unlink(missing_ok=True)
            entries.pop(part.name, None)
            messages.append(f"{PARTS}/{part.name}: {problem}; its runs will be run again")
    outcomes = out_dir / OUTCOMES
    if outcomes.is_file():
        want = manifest.get("outcomes_sha256")
        if want is not None:
            problem = None if file_sha256(outcomes) == want else "its checksum differs from experiment.json"
        else:
            problem = _content_problem(outcomes, schema, n_runs)[0]
        if problem:
            outcomes.unlink()
            manifest.pop("outcomes_sha256", None)
            messages.append(f"{OUTCOMES}: {problem}; its runs will be run again")
    present = {p.name for p in part_files(out_dir)}
    manifest["parts"] = {k: v for k, v in entries.items() if k in present}
    write_json(out_dir / MANIFEST, manifest)
    return messages
