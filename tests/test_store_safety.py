"""The store under concurrency, damage and interruption (issue 18's defects 5, 6 and 8): migrations
that two processes race to apply, a store that is not one, a full disk, a run killed mid-way, and date
options that are not dates."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from helpers.corpus import text_folder
from newstrace.cli.app import app
from newstrace.services.ingest import ingest
from newstrace.settings import Settings
from newstrace.store import sqlite as store_sqlite
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database

# Reading the files is not under test: the first stage alone keeps the runs fast.
runner = CliRunner(env={"NEWSTRACE_STAGES": "normalise"})
FAST = Settings(stages=("normalise",))
ARTICLES = [
    "Ferry service across the river resumed on Tuesday after engineers inspected the landing stage.\n",
    "The regional library reopened its reading room after repairs to the roof that took two months.\n",
    "Volunteers in the district delivered water filters to villages cut off by the flooded road.\n",
]
STORE_COMMANDS = [
    ["docs"],
    ["show", "abc"],
    ["search", "river"],
    ["rejected"],
    ["entities"],
    ["entity", "Kyiv"],
    ["stories"],
    ["story", "s1"],
    ["claims"],
    ["ledger", "killed:civilians"],
    ["events"],
    ["export"],
]


def _folder(tmp_path: Path) -> Path:
    return text_folder(tmp_path, {f"a{i}.txt": text for i, text in enumerate(ARTICLES)})


def _one_error_line(result: Result, *expected: str) -> None:
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    # One message (the console may wrap it at its width), no traceback.
    assert result.output.lstrip().startswith("error:") and result.output.count("error:") == 1, result.output
    assert "Traceback" not in result.output
    message = " ".join(result.output.split())
    for text in expected:
        assert text in message, result.output


# -- 5. two processes creating one store ----------------------------------------------------------------
def test_a_migration_applied_meanwhile_by_another_process_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new.db"
    real = store_sqlite.migrations
    raced = []

    def racing_migrations() -> list[tuple[int, str, str]]:
        if not raced:  # the first opener is overtaken: another process migrates the whole store now
            raced.append(True)
            Database(path).close()
        return real()

    monkeypatch.setattr(store_sqlite, "migrations", racing_migrations)
    db = Database(path)
    try:
        assert raced
        versions = [r[0] for r in db.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == list(range(1, len(real()) + 1))
    finally:
        db.close()


OPEN_STORE = """
import sys, time
from pathlib import Path
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
from newstrace.store.sqlite import Database
Database(sys.argv[1]).close()
"""


def test_processes_creating_one_store_at_once_all_succeed(tmp_path: Path) -> None:
    src = str(Path(store_sqlite.__file__).parents[2])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for attempt in range(3):
        path, go = tmp_path / f"race{attempt}.db", tmp_path / f"go{attempt}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN_STORE, str(path), str(go)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(5)
        ]
        time.sleep(1.0)  # let them all import and wait at the start line
        go.touch()
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(
                store_sqlite.migrations()
            )
        conn.close()


# -- 6. a store that cannot be used is one error line ---------------------------------------------------
@pytest.mark.parametrize("command", STORE_COMMANDS, ids=lambda c: c[0])
def test_a_text_file_given_as_store_is_one_error_line(tmp_path: Path, command: list[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("These are my notes, not a database.\n" * 200, encoding="utf-8")
    _one_error_line(runner.invoke(app, ["--db", str(notes), *command]), "not a database")
    assert notes.read_text(encoding="utf-8").startswith("These are my notes")


def test_ingest_load_and_serve_into_a_text_file_are_one_error_line(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("These are my notes, not a database.\n" * 200, encoding="utf-8")
    folder = _folder(tmp_path)
    _one_error_line(runner.invoke(app, ["--db", str(notes), "ingest", str(folder)]), "not a database")
    _one_error_line(runner.invoke(app, ["--db", str(notes), "load", str(tmp_path)]))
    _one_error_line(runner.invoke(app, ["serve", "--db", str(notes), "--port", "1"]), "not a database")
    _one_error_line(runner.invoke(app, ["--db", str(tmp_path), "docs"]))  # a folder


def test_a_damaged_store_is_one_error_line(tmp_path: Path) -> None:
    db_path = tmp_path / "s.db"
    result = runner.invoke(app, ["--db", str(db_path), "ingest", str(_folder(tmp_path))])
    assert result.exit_code == 0, result.output
    size = db_path.stat().st_size
    with db_path.open("r+b") as fh:  # keep the header, overwrite the pages after the first
        fh.seek(4096)
        fh.write(bytes((i * 37) % 256 for i in range(size - 4096)))
    for command in (["docs"], ["search", "river"], ["export"]):
        _one_error_line(runner.invoke(app, ["--db", str(db_path), *command]))


def test_a_full_disk_during_ingest_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_migrate = Database.migrate

    def migrate_then_fill(self: Database) -> int:
        version = real_migrate(self)
        # SQLite answers SQLITE_FULL ("database or disk is full") past this size, as on a full disk.
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        self.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        return version

    monkeypatch.setattr(Database, "migrate", migrate_then_fill)
    folder = _folder(tmp_path)
    (folder / "long.txt").write_text(ARTICLES[0] * 2000, encoding="utf-8")
    result = runner.invoke(app, ["--db", str(tmp_path / "s.db"), "ingest", str(folder)])
    _one_error_line(result, "full")


# -- 8. a run killed after some batches keeps their counts ---------------------------------------------
def test_an_interrupted_run_keeps_the_counts_of_its_committed_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    batches = []

    def killed_after_two_batches(files: int, total: int, report: object) -> None:
        batches.append(files)
        if len(batches) == 2:
            raise KeyboardInterrupt  # as SIGKILL would, but in process

    # A killed process never reaches the end of the run, where the counts used to be written.
    monkeypatch.setattr(DocumentStore, "finish_run", lambda *args, **kwargs: None)
    db = Database(tmp_path / "s.db")
    try:
        with pytest.raises(KeyboardInterrupt):
            ingest([folder], FAST.with_overrides(batch_size=1), db, killed_after_two_batches)
        [run] = DocumentStore(db).runs()
        assert run["status"] == "running"
        assert (run["accepted"], run["duplicates"], run["rejected"]) == (2, 0, 0)
        assert DocumentStore(db).count() == 2
    finally:
        db.close()


def test_a_finished_run_has_its_counts(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "copy.txt").write_text(ARTICLES[0], encoding="utf-8")
    db = Database(tmp_path / "s.db")
    try:
        report = ingest([folder], FAST.with_overrides(batch_size=2), db)
        [run] = DocumentStore(db).runs()
        assert run["status"] == "done"
        assert (run["accepted"], run["duplicates"], run["rejected"]) == (
            report.accepted,
            report.duplicates,
            report.rejected_total,
        )
        assert report.rejected_total == 1 and report.accepted == 3 and report.unchanged == 1
    finally:
        db.close()


# -- 8. date options must be dates ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "command",
    [["docs", "--since"], ["docs", "--until"], ["claims", "--since"], ["events", "--since"]],
    ids=" ".join,
)
def test_a_date_option_that_is_no_date_is_refused(tmp_path: Path, command: list[str]) -> None:
    db_path = tmp_path / "s.db"
    Database(db_path).close()
    refused = runner.invoke(app, ["--db", str(db_path), *command, "2022-13-45"])
    assert refused.exit_code == 2 and "not a date" in refused.output
    accepted = runner.invoke(app, ["--db", str(db_path), *command, "2022-02"])
    assert accepted.exit_code == 0, accepted.output
