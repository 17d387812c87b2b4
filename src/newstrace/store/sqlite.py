"""SQLite connection, numbered migrations, transactions and the single-writer lock."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class StoreError(RuntimeError):
    pass


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every file in ``store/migrations``, in order."""
    found = []
    for entry in resources.files("newstrace.store").joinpath("migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return found


class Database:
    """One SQLite file in WAL mode. Writes go through :meth:`transaction`; a crash inside one rolls it
    back, so the file always holds whole batches."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock_file: int | None = None
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        try:
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable against a crash of the process (WAL), which is what a killed run is.
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
        except sqlite3.Error as exc:  # not an SQLite file, a damaged one, or no room to write
            self.conn.close()
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        except StoreError:
            self.conn.close()
            raise

    def close(self) -> None:
        self.release_writer()
        self.conn.close()

    def migrate(self) -> int:
        """Apply pending migrations, each in its own transaction; return the schema version.

        Safe when several processes open a new store at once: the version is read again inside each
        migration's write transaction, so a migration another process applied meanwhile is skipped.
        """
        known = migrations()
        if not self._has_migrations_table():
            with self.transaction():
                self.conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
        applied = self._versions()
        if applied and max(applied) > len(known):
            raise StoreError(
                f"store {self.path} has schema version {max(applied)}, "
                f"newer than this newstrace ({len(known)})"
            )
        for version, name, sql in known:
            if version in applied:
                continue
            with self.transaction():
                if version in self._versions():  # applied by another process while we waited
                    continue
                for statement in _split_sql(sql):
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, utcnow()),
                )
        return len(known)

    def _has_migrations_table(self) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).fetchone()
        return row is not None

    def _versions(self) -> set[int]:
        return {int(r[0]) for r in self.conn.execute("SELECT version FROM schema_migrations")}

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            # SQLite may have rolled back already (a full disk, an I/O error): then there is nothing to
            # undo, and the error that did it is the one to report.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def acquire_writer(self) -> None:
        """Take the store's writer lock: one ingest at a time, a clear error for the second."""
        if self._lock_file is not None or str(self.path) == ":memory:":
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = _open_lock(lock_path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise StoreError(f"another newstrace process is writing to {self.path}") from exc
        self._lock_file = fd

    def release_writer(self) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            os.close(self._lock_file)
            self._lock_file = None


def _open_lock(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (which contain ';') whole."""
    statements: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements
