"""Atomic writes: a file or a directory is complete or it is not there.

Everything the project writes for a user goes through here: a temporary sibling is written
first and renamed into place (`os.replace` / `os.rename` are atomic on one file system), so an
interrupted or failed write never leaves a half-written file behind.

Temporary names carry the writer's process id (`.tmp-<pid>-*`, `.old-<pid>-*`,
`.<name>.<pid>-*.tmp`). A failed write removes its own; SIGTERM unwinds like an exception
(`terminate_on_sigterm`), so it does too; and what a `kill -9` leaves is swept by the next
write into the same folder (`sweep_leftovers`), once the process that made it is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
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
    sweep_leftovers(target.parent)  # what a killed writer left beside it
    tmp: Path | None = None
    try:
        with signals_held():  # the name is made and remembered in one step, or not at all
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent)
            os.close(fd)
            tmp = Path(name)
        write(tmp)
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp, target)
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    return target


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM for the block (they arrive right after it, at the next line).

    Used where a temporary file or directory is created and its name stored: an interrupt
    between the two would leave a temporary that no cleanup handler knows about.
    """
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


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


# --- temporary directories, and what killed writers leave ---------------------------------------

_LEFTOVER = re.compile(r"^\.(?:tmp|old)-(\d+)-[^/]*$|^\..+\.(\d+)-[^.]*\.tmp$")
_UNNAMED = re.compile(r"^\.(?:tmp|old)-[a-z0-9_]{8}$")  # made before writers put their pid in the name
UNNAMED_AGE = 86_400.0  # seconds; no write takes a day, so an unnamed one this old is abandoned


def temp_dir(parent: Path, kind: str = "tmp") -> Path:
    """A new hidden directory `parent/.<kind>-<pid>-XXXX` (normal permissions, not mkdtemp's 0700)."""
    path = Path(tempfile.mkdtemp(dir=parent, prefix=f".{kind}-{os.getpid()}-"))
    os.chmod(path, 0o777 & ~umask())
    return path


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def is_leftover(name: str) -> bool:
    """Is `name` a temporary file or directory made here (whoever made it)?"""
    return _LEFTOVER.match(name) is not None


def _older_than(entry: os.DirEntry, seconds: float) -> bool:
    return time.time() - entry.stat(follow_symlinks=False).st_mtime > seconds


def sweep_leftovers(parent: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files and directories in `parent` whose writer process is gone.

    Only names this module makes are touched, and only when their process id is not running,
    so a concurrent writer's work in progress is safe (names from older versions, without a pid,
    once they are a day old). Returns what was removed.
    """
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(parent):
            match = _LEFTOVER.match(entry.name)
            if match is None:
                if not (_UNNAMED.match(entry.name) and _older_than(entry, UNNAMED_AGE)):
                    continue
            elif _alive(int(match.group(1) or match.group(2))):
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


class Terminated(SystemExit):
    """SIGTERM arrived: raised in the main thread so `finally` and cleanup handlers run."""


def terminate_on_sigterm() -> None:
    """Make SIGTERM raise `Terminated` (exit status 143) instead of ending the process on the spot.

    Python's default is to die without unwinding, which leaves temporary directories behind and
    pool workers running; raising lets every `except BaseException: clean up` do its work.
    """

    def _raise(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends it at once
        raise Terminated(128 + signum)

    signal.signal(signal.SIGTERM, _raise)
