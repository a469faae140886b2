"""The scenario catalogue: which scenario files exist, where, and what a name refers to.

The shipped scenarios live inside the installed package (`sim.data`, read through
importlib.resources); a user's own folders (`brink --scenarios DIR`, or `BRINK_SCENARIOS`) are
searched first, so a user's file hides a shipped one of the same name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sim.data import shipped_dir
from sim.errors import ScenarioError

SCENARIO_DIR = shipped_dir("scenarios")  # inside the installed package (see sim.data)
SCENARIO_ENV = "BRINK_SCENARIOS"  # the user's scenario folders (os.pathsep-separated), searched first


@dataclass(frozen=True)
class CatalogueEntry:
    """One scenario of the catalogue: its file, and the folder it was found in."""

    name: str
    path: Path
    root: Path
    shipped: bool

    @property
    def label(self) -> str:
        """The name, or `folder/name` for a file in a subfolder such as history/."""
        return self.path.relative_to(self.root).with_suffix("").as_posix()

    @property
    def source(self) -> str:
        """Where the scenario comes from: "shipped", or the user's folder."""
        return "shipped" if self.shipped else str(self.root)


def user_scenario_dirs() -> list[Path]:
    """The user's scenario folders from `BRINK_SCENARIOS` (set by `brink --scenarios DIR` too)."""
    raw = os.environ.get(SCENARIO_ENV, "")
    return [Path(part).expanduser() for part in raw.split(os.pathsep) if part.strip()]


def scenario_catalogue() -> dict[str, CatalogueEntry]:
    """Every scenario by name: the user's folders first, then the shipped ones.

    A user's scenario hides a shipped one of the same name. Raises ScenarioError for a user
    folder that does not exist and for an empty catalogue (a broken install).
    """
    roots = [(d, False) for d in user_scenario_dirs()] + [(SCENARIO_DIR, True)]
    entries: dict[str, CatalogueEntry] = {}
    for root, shipped in roots:
        if not root.is_dir():
            where = "the shipped scenario folder" if shipped else f"{SCENARIO_ENV} / --scenarios"
            raise ScenarioError(f"{root}: {where}: no such folder")
        for path in sorted(root.rglob("*.toml"), key=lambda p: (len(p.parts), p)):  # top level first
            entries.setdefault(path.stem, CatalogueEntry(path.stem, path, root, shipped))
    if not entries:
        searched = ", ".join(str(root) for root, _ in roots)
        raise ScenarioError(f"no scenarios found (searched {searched}); the installation looks incomplete")
    return entries


def available_scenarios() -> dict[str, Path]:
    """Scenarios by name (user folders first, then shipped, including `history/` cases)."""
    return {name: entry.path for name, entry in scenario_catalogue().items()}


def resolve_path(name_or_path: str | Path) -> Path:
    """A scenario file from a path (anything ending in .toml or existing) or a catalogue name."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise ScenarioError(f"{path}: no such scenario file")
        return path
    known = available_scenarios()
    if str(name_or_path) not in known:
        raise ScenarioError(
            f"unknown scenario {str(name_or_path)!r}; choose one of: {', '.join(known)} or give a path to a .toml file"
        )
    return known[str(name_or_path)]
