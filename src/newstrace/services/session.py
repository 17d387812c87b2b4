"""The store handles an interface holds: the CLI and the web app open one (``Database`` for a
connection, ``DocumentStore`` for the documents in it) and hand it to services, which do every query;
neither interface imports the store itself (tests/test_layers.py checks)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database

__all__ = ["Database", "DocumentStore", "documents_in", "open_documents", "open_read_only"]


def documents_in(db: Database) -> DocumentStore:
    """The documents of an open store."""
    return DocumentStore(db)


@contextlib.contextmanager
def open_documents(path: Path) -> Iterator[DocumentStore]:
    """The documents of the store at ``path``, closed on leaving."""
    db = Database(path)
    try:
        yield DocumentStore(db)
    finally:
        db.close()


def open_read_only(path: Path) -> Database:
    """A connection on which SQLite itself refuses writes (``query_only``), whatever a bug in a read
    path might try: the web app's read connections."""
    db = Database(path)
    db.conn.execute("PRAGMA query_only = ON")
    return db
