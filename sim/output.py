"""Run directories: write one run (or a realism/liberalism comparison) atomically, read it back.

A run directory holds `manifest.json`, `model.parquet`, `agents.parquet`, `events.parquet`
and `report.html`. It is built in a hidden temporary sibling (`.tmp-*`) and renamed into place
only when every file is written, so an interrupted or failed run leaves nothing behind.
A directory the user named with `--out` is never overwritten unless it is empty (or
`overwrite=True`).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
from collections.abc import Callable, Mapping
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sim.atomic import signals_held, sweep_leftovers, temp_dir, timestamp, unique_path
from sim.columns import tidy

if TYPE_CHECKING:
    from sim.model import ConflictModel

MANIFEST = "manifest.json"
TABLES = {"model_df": "model.parquet", "agents_df": "agents.parquet", "events_df": "events.parquet"}
REPORT = "report.html"
COMPARE_REPORT = "compare.html"
RUN_FILES = (MANIFEST, *TABLES.values(), REPORT)


class OutputError(Exception):
    """A run directory that cannot be written (or read) as asked; the message says why."""


# --- naming and the --out guard ---------------------------------------------------------------


def check_out_dir(out_dir: Path, overwrite: bool = False) -> None:
    """Refuse a user-given output directory that exists and is not empty (or is a file).

    Called before a run starts so the user does not wait for a run that cannot be saved.
    """
    out_dir = Path(out_dir)
    if out_dir.is_symlink() and not out_dir.exists():
        raise OutputError(f"{out_dir}: is a dangling symlink; choose another --out directory")
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a directory; choose another --out")
    if any(out_dir.iterdir()) and not overwrite:
        raise OutputError(
            f"{out_dir}: directory exists and is not empty; refusing to overwrite it "
            "(choose another --out, or remove it first)"
        )
    if overwrite and any(out_dir.iterdir()) and not is_replaceable(out_dir):
        raise OutputError(
            f"{out_dir}: not a run or batch directory written by brink (or it holds other files too); "
            "--overwrite replaces only those. Choose another --out, or move your files first"
        )


# What brink writes, by the file that marks it: --overwrite may replace such a directory when it
# holds nothing else (a user's own file beside it, or any other directory, is never deleted).
_LAYOUTS = {
    "manifest.json": {"manifest.json", "model.parquet", "agents.parquet", "events.parquet", "report.html"},
    "experiment.json": {"experiment.json", "outcomes.parquet", "summary.parquet", "report.html",
                        "sensitivity.parquet", "parts/", "steps/"},
    "summary.json": {"summary.json", "lesson.html", "runs.parquet"},
}  # fmt: skip


def is_replaceable(out_dir: Path) -> bool:
    """True if `out_dir` is a run, comparison, batch or lesson directory and holds nothing else."""
    from sim.atomic import is_leftover

    entries = {e.name + ("/" if e.is_dir() and not e.is_symlink() else ""): e for e in Path(out_dir).iterdir()}
    names = {n for n in entries if not is_leftover(n.rstrip("/"))}
    if COMPARE_REPORT in names:  # a comparison: compare.html and one run directory per lens
        subdirs = names - {COMPARE_REPORT}
        return bool(subdirs) and all(n.endswith("/") and is_replaceable(entries[n]) for n in subdirs)
    for marker, allowed in _LAYOUTS.items():
        if marker in names:
            return names <= allowed
    return False


def atomic_dir(final: Path, build: Callable[[Path], None], overwrite: bool) -> Path:
    """Build a directory with `build(tmp)` in a temporary sibling, then rename it to `final`.

    On any exception the temporary directory is removed and `final` is left as it was.
    """
    parent = final.parent
    parent.mkdir(parents=True, exist_ok=True)
    sweep_leftovers(parent)  # what killed runs left here
    tmp: Path | None = None
    try:
        with signals_held():  # made and remembered in one step: SIGTERM cannot land in between
            tmp = temp_dir(parent)
        build(tmp)
        if final.exists() or final.is_symlink():
            check_out_dir(final, overwrite)  # re-check: it may have appeared while we ran
            if final.is_dir() and not final.is_symlink() and any(final.iterdir()):
                # overwrite=True: move the old one aside, put the new one in, then delete
                old: Path | None = None
                try:
                    with signals_held():
                        old = temp_dir(parent, "old")
                    os.rename(final, old / "run")
                    try:
                        os.rename(tmp, final)
                    except BaseException:
                        os.rename(old / "run", final)  # put the old one back
                        raise
                finally:
                    if old is not None:
                        shutil.rmtree(old, ignore_errors=True)
                return final
        os.rename(tmp, final)  # onto an empty directory, rename replaces it
    except BaseException:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


# --- manifest ---------------------------------------------------------------------------------


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def build_manifest(
    model: ConflictModel,
    overrides: Mapping[str, Any] | None = None,
    source: str | Path | None = None,
    created: datetime | None = None,
) -> dict[str, Any]:
    """Everything needed to reproduce and label a finished run (JSON-serialisable)."""
    import sim

    spec = model.spec
    created = created or datetime.now().astimezone()
    primary = model.primary
    names = list(model.world.names)
    return {
        "scenario": spec.name,
        "scenario_source": str(source) if source is not None else spec.name,
        "scenario_hash": spec.content_hash(),
        "scenario_resolved": spec.model_dump(mode="json"),
        "overrides": dict(overrides or getattr(model, "overrides", None) or {}),
        "seed": model.seed,
        "lens": model.lens_name,
        "steps": int(model.steps),
        "horizon": int(model.horizon),
        "outcome": str(model.final_outcome),
        "outcome_step": model.outcome_step,
        "names": [names[primary.a], names[primary.b]],  # the primary dispute's two states
        "created": created.isoformat(timespec="seconds"),
        "package_version": sim.__version__,
        "python": platform.python_version(),
        "mesa": _version("mesa"),
        "numpy": _version("numpy"),
        "pandas": _version("pandas"),
        "files": {
            "model": TABLES["model_df"],
            "agents": TABLES["agents_df"],
            "events": TABLES["events_df"],
            "report": REPORT,
        },
    }


def _write_contents(model: ConflictModel, manifest: dict[str, Any], target: Path) -> dict[str, pd.DataFrame]:
    """Write the three tables, the manifest and the report into `target`; return the tables."""
    from sim.report import write_report

    frames = {  # the documented column types (sim.columns, docs/outputs.md)
        "model_df": tidy(model.model_table()),
        "agents_df": tidy(model.agent_table()),
        "events_df": tidy(model.event_table()),
    }
    for key, filename in TABLES.items():
        frames[key].to_parquet(target / filename, engine="pyarrow", index=False)
    (target / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    write_report(target / REPORT, frames["model_df"], frames["agents_df"], frames["events_df"], manifest)
    return frames


# --- writing ----------------------------------------------------------------------------------


def default_run_name(model: ConflictModel, now: datetime) -> str:
    seed = "none" if model.seed is None else model.seed
    return f"{model.spec.name}-{model.lens_name}-s{seed}-{timestamp(now)}"


def write_run(
    model: ConflictModel,
    out_dir: Path | None = None,
    runs_root: Path = Path("runs"),
    *,
    overwrite: bool = False,
    overrides: Mapping[str, Any] | None = None,
    source: str | Path | None = None,
) -> Path:
    """Write one finished run to `out_dir` (or a fresh `runs_root/<name>/`) and return it.

    Raises `OutputError` if `out_dir` exists and is not empty (unless `overwrite`), or is a file.
    Nothing is left behind if writing fails.
    """
    now = datetime.now().astimezone()
    if out_dir is None:
        final = unique_path(Path(runs_root), default_run_name(model, now))
    else:
        final = Path(out_dir)
        check_out_dir(final, overwrite)
    manifest = build_manifest(model, overrides, source, now)
    return atomic_dir(final, lambda tmp: _write_contents(model, manifest, tmp), overwrite)


def write_compare(
    models: Mapping[str, ConflictModel],
    out_dir: Path | None = None,
    runs_root: Path = Path("runs"),
    *,
    overwrite: bool = False,
    overrides: Mapping[str, Any] | None = None,
    source: str | Path | None = None,
    title: str | None = None,
) -> Path:
    """Write several runs of one scenario (label -> model) plus `compare.html`, atomically.

    Layout: `<compare dir>/<label>/` (a full run directory each) and `<compare dir>/compare.html`.
    Default directory: `runs_root/compare-<scenario>-s<seed>-<timestamp>/`.
    """
    from sim.report import write_compare_report

    if not models:
        raise ValueError("write_compare needs at least one model")
    now = datetime.now().astimezone()
    first = next(iter(models.values()))
    if out_dir is None:
        seed = "none" if first.seed is None else first.seed
        final = unique_path(Path(runs_root), f"compare-{first.spec.name}-s{seed}-{timestamp(now)}")
    else:
        final = Path(out_dir)
        check_out_dir(final, overwrite)
    title = title or f"{first.spec.name}: {' vs '.join(models)} (seed {first.seed})"

    def build(tmp: Path) -> None:
        runs = []
        for label, model in models.items():
            manifest = build_manifest(model, overrides, source, now)
            sub = tmp / label
            sub.mkdir()
            frames = _write_contents(model, manifest, sub)
            runs.append({"label": label, **frames, "manifest": manifest})
        write_compare_report(tmp / COMPARE_REPORT, runs, title)

    return atomic_dir(final, build, overwrite)


# --- reading ----------------------------------------------------------------------------------


def load_run(run_dir: str | Path) -> dict[str, Any]:
    """Read a run directory back: `{run_dir, manifest, model_df, agents_df, events_df}`."""
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise OutputError(f"{run_dir}: no such run directory")
    missing = [f for f in (MANIFEST, *TABLES.values()) if not (run_dir / f).is_file()]
    if missing:
        raise OutputError(f"{run_dir}: not a run directory (missing {', '.join(missing)})")
    try:
        manifest = json.loads((run_dir / MANIFEST).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise OutputError(f"{run_dir / MANIFEST}: unreadable manifest: {exc}") from None
    out: dict[str, Any] = {"run_dir": run_dir, "manifest": manifest}
    for key, filename in TABLES.items():
        out[key] = pd.read_parquet(run_dir / filename, engine="pyarrow")
    return out
