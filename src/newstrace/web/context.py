"""What every request needs: read connections to the store, the write token, settings, templates.

Built by ``create_app`` and kept on ``app.state`` (never at import time), so several apps on several
stores can live in one process (the tests do).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from newstrace.services.session import Database, open_read_only
from newstrace.services.story_index import StoryIndexCache
from newstrace.settings import Settings


class ReadPool:
    """One read-only connection per worker thread: sqlite3 connections stay in the thread that opened
    them, and FastAPI runs plain ``def`` endpoints in a thread pool. ``query_only`` makes SQLite itself
    refuse writes on them, whatever a bug in a read path might try."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Database] = []

    def get(self) -> Database:
        db: Database | None = getattr(self._local, "db", None)
        if db is None:
            db = open_read_only(self.path)
            self._local.db = db
            with self._lock:
                self._opened.append(db)
        return db

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for db in opened:
            # Connections of other threads cannot be closed from here; the process end closes them.
            with contextlib.suppress(sqlite3.ProgrammingError):
                db.close()


@dataclass
class WebContext:
    db_path: Path
    pool: ReadPool
    templates: Jinja2Templates
    settings: Settings
    token: str | None = None
    story_index: StoryIndexCache = field(default_factory=StoryIndexCache)
    # One ingest at a time through the API (the store's writer lock would refuse a second anyway).
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def writable(self) -> bool:
        return self.token is not None


def context(request: Request) -> WebContext:
    ctx = request.app.state.newstrace
    assert isinstance(ctx, WebContext)
    return ctx


def read_db(request: Request) -> Database:
    """The calling thread's read connection. Call it inside the endpoint, not in a dependency: FastAPI
    may run a dependency in another pool thread than the endpoint."""
    return context(request).pool.get()
