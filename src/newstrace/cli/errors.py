"""A store that cannot be opened, read or written is one ``error:`` line and a non-zero exit.

Not an SQLite file, a damaged one, a folder given as ``--db``, a full disk or a file system gone
read-only: all of these reach the command as ``StoreError``, ``sqlite3.Error`` or ``OSError``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from newstrace.cli import render
from newstrace.services.errors import StoreError


@contextlib.contextmanager
def store_errors(db: Path) -> Iterator[None]:
    try:
        yield
    except StoreError as exc:
        render.fail(str(exc))
    except sqlite3.Error as exc:
        render.fail(f"store {db}: {exc}")
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        render.fail(f"{exc.strerror or exc}{where}")
