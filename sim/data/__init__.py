"""The data that ships inside the package: scenarios, history cases and experiment specs.

In the source tree they live at the top level (`scenarios/`, `scenarios/history/`,
`experiments/`), where people look for them; `pyproject.toml` maps them onto the subpackages
`sim.data.scenarios` and `sim.data.experiments`, so a wheel carries them and an editable
install reads the top-level folders in place. Code finds them through `importlib.resources`,
never through a path relative to this file.
"""

from __future__ import annotations

import atexit
import contextlib
from importlib import resources
from pathlib import Path

KINDS = ("scenarios", "experiments")
_extracted = contextlib.ExitStack()  # zip imports: files are extracted once, removed at exit
atexit.register(_extracted.close)


def shipped_dir(kind: str) -> Path:
    """The folder of shipped `kind` files ("scenarios" or "experiments") as a real path."""
    if kind not in KINDS:
        raise ValueError(f"unknown data kind {kind!r} (known: {', '.join(KINDS)})")
    root = resources.files(f"{__name__}.{kind}")
    if isinstance(root, Path):
        return root
    return _extracted.enter_context(resources.as_file(root))


def shipped_experiments() -> dict[str, Path]:
    """Shipped experiment specs by name (`frozen_sweep` -> .../frozen_sweep.toml)."""
    return {p.stem: p for p in sorted(shipped_dir("experiments").glob("*.toml"))}
