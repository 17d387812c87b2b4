"""The files of a built index kept between processes (the gazetteer's), and their tidying.

Each build is kept under the fingerprint of what it was built from, so that a cache shared by
several checkouts or versions is never read stale. Left alone, every upgrade (or every edit of a
data file) would leave a build behind: the gazetteer's is about 150 MB. So the folder keeps the
KEEP builds used last (reading one marks it used) and the one just written; a build some other
version still uses is rebuilt on its next run at worst. Temporary files that a process killed while
writing left behind are removed once they are STALE_SECONDS old (a live writer is never that slow).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

KEEP = 3
STALE_SECONDS = 3600.0


def load_or_build(path: Path, kind: type[T], build: Callable[[], T]) -> T:
    """The object pickled at ``path`` if it is a ``kind``, else ``build()``, written to ``path`` (through
    a temporary file, so that a reader never sees half a file) with older builds beside it tidied."""
    try:
        with path.open("rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, kind):
            with contextlib.suppress(OSError):
                os.utime(path)  # used now: the tidying keeps the builds used last
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        return built  # a read-only home is fine: the next process builds it again
    tidy(path)
    return built


def tidy(current: Path, keep: int = KEEP, now: float | None = None) -> list[Path]:
    """Remove the builds beside ``current`` (same name up to its last dash) beyond the ``keep`` used
    last, never ``current`` itself, and stale temporary files; the paths removed."""
    now = time.time() if now is None else now
    prefix = current.name.rsplit("-", 1)[0] + "-"
    builds: list[tuple[float, Path]] = []
    removed: list[Path] = []
    for path in current.parent.glob(prefix + "*"):
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue  # another process removed it meanwhile
        if path.name.endswith(".tmp"):
            if now - mtime > STALE_SECONDS:
                removed.append(path)
        elif path.suffix == current.suffix and path != current:
            builds.append((mtime, path))
    builds.sort(reverse=True)
    removed += [path for _, path in builds[max(0, keep - 1) :]]
    for path in removed:
        with contextlib.suppress(OSError):
            path.unlink()
    return removed
