"""Atomic writes: a file or a directory is complete or it is not there.

Everything the project writes for a user goes through here: a temporary sibling is written
first and renamed into place (`os.replace` / `os.rename` are atomic on one file system), so an
interrupted or failed write never leaves a half-written file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path


def umask() -> int:
    """The process umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def replace_file(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` on a temporary file next to `path`, then move it onto `path`.

    On any exception the temporary file is removed and `path` is left as it was.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write `text` (UTF-8) to `path` atomically."""
    return replace_file(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def timestamp(now: datetime) -> str:
    """The suffix of default output names: `20261125-170102`."""
    return now.strftime("%Y%m%d-%H%M%S")


def unique_path(parent: Path, name: str) -> Path:
    """`parent/name`, or `parent/name-2`, `-3`, ... if taken."""
    candidate, k = parent / name, 1
    while candidate.exists() or candidate.is_symlink():
        k += 1
        candidate = parent / f"{name}-{k}"
    return candidate
