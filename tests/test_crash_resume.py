"""A real ``newstrace ingest`` killed with SIGKILL mid-run leaves a sound store, and a re-run completes it."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newstrace.services.export import iter_records
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database

pytestmark = pytest.mark.slow

N_ARTICLES = 3000
BATCH = 50
# A guard against a stalled ingest, not a speed target (speed is measured in benchmarks/): generous,
# so that a loaded machine does not fail the test.
DEADLINE_S = 300.0

PLACES = [
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Zaporizhzhia",
    "Mykolaiv",
    "Sumy",
    "Poltava",
    "Chernihiv",
    "Lviv",
    "Kherson",
    "Izium",
    "Kupiansk",
    "Bakhmut",
    "Avdiivka",
    "Pokrovsk",
    "Kramatorsk",
    "Sloviansk",
    "Uman",
    "Vinnytsia",
    "Zhytomyr",
    "Kryvyi Rih",
    "Nikopol",
    "Okhtyrka",
    "Lozova",
    "Bilhorod",
    "Ochakiv",
]
SUBJECTS = [
    "the regional governor",
    "a military spokesman",
    "local volunteers",
    "the city council",
    "rescue workers",
    "the energy company",
    "a police officer",
    "the mayor",
    "emergency services",
    "residents",
    "a hospital director",
    "railway staff",
    "a village head",
    "teachers",
    "farmers",
]
VERBS = [
    "reported",
    "confirmed",
    "denied",
    "described",
    "announced",
    "estimated",
    "documented",
    "counted",
    "welcomed",
    "criticised",
    "photographed",
    "investigated",
    "mapped",
    "recorded",
]
OBJECTS = [
    "damage to a school",
    "a new evacuation route",
    "power cuts in three districts",
    "a drone attack",
    "repairs to the water network",
    "the arrival of aid convoys",
    "shelling near the railway",
    "a longer curfew",
    "the reopening of a market",
    "fuel shortages",
    "a mine found in a field",
    "craters along the highway",
    "a flooded cellar shelter",
    "queues at the bakery",
    "a collapsed footbridge",
    "new bomb shelters",
    "grain trucks waiting at the border",
]
TIMES = [
    "at dawn",
    "overnight",
    "on Sunday",
    "in the afternoon",
    "after midnight",
    "before noon",
    "late on Friday",
]


def make_articles(folder: Path, n: int, seed: int = 20220224) -> None:
    """``n`` short distinct articles: random sentences from word lists, numbers and places (fixed seed)."""
    rnd = random.Random(seed)
    folder.mkdir()
    for i in range(n):
        sentences = [
            f"In {rnd.choice(PLACES)}, {rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)} "
            f"{rnd.choice(TIMES)} on day {rnd.randint(1, 900)}, "
            f"and {rnd.randint(2, 9999)} people were affected."
            for _ in range(rnd.randint(3, 5))
        ]
        (folder / f"article_{i:05d}.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")


def cli(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", "from newstrace.cli.app import main; main()", "--db", str(db), *args]


# Crash safety is the store's and the ingest loop's business, not the stages': the foundation stages
# keep this test fast (the NER stages would make 3,000 articles take minutes).
STAGES = "normalise,boilerplate,language,sentences,dates"


def clean_env() -> dict[str, str]:
    """The environment without other NEWSTRACE_* settings, so the child runs with our options only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSTRACE_")}
    env["NEWSTRACE_STAGES"] = STAGES
    return env


def count_documents(db: Path) -> int:
    """Documents committed so far, seen through a separate read-only connection (0 before the schema)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.OperationalError:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the migrations have not created the table yet
    finally:
        conn.close()


def run_to_completion(db: Path, folder: Path, cwd: Path) -> dict[str, Any]:
    proc = subprocess.run(
        cli(db, "ingest", str(folder), "--batch-size", str(BATCH), "--json"),
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


def exported(db_path: Path) -> dict[str, dict[str, Any]]:
    db = Database(db_path)
    try:
        records = {rec["id"]: rec for rec in iter_records(DocumentStore(db))}
    finally:
        db.close()
    return records


def test_killed_ingest_leaves_whole_batches_and_resumes(tmp_path: Path) -> None:
    started = time.monotonic()
    corpus = tmp_path / "corpus"
    make_articles(corpus, N_ARTICLES)
    db = tmp_path / "killed.db"
    log = tmp_path / "killed.log"

    # 1. Start a real ingest and kill it once some, but not all, batches are committed.
    with log.open("w") as out:
        proc = subprocess.Popen(
            cli(db, "ingest", str(corpus), "--batch-size", str(BATCH), "--json"),
            cwd=tmp_path,
            env=clean_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            target = N_ARTICLES // 5
            seen = 0
            while seen < target:
                assert proc.poll() is None, f"ingest ended before it could be killed:\n{log.read_text()}"
                assert time.monotonic() - started < DEADLINE_S, f"only {seen} documents after {DEADLINE_S}s"
                time.sleep(0.005)
                seen = count_documents(db)
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    # 2. The store is sound: whole batches only, every document with its sentences, no orphans.
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert 0 < stored < N_ARTICLES
        assert stored % BATCH == 0, f"{stored} documents is not a whole number of {BATCH}-document batches"
        assert conn.execute(
            "SELECT count(*) FROM documents d "
            "WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
        ).fetchone() == (0,)
        for table in ("sentences", "removed_spans", "flags"):
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} t "
                "WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = t.doc_id)"
            ).fetchone()
            assert orphans == (0,), f"orphan rows in {table}"
        assert conn.execute("SELECT status FROM runs").fetchall() == [("running",)]
    finally:
        conn.close()
    # The full-text index holds exactly the committed documents.
    check = sqlite3.connect(db)
    try:
        check.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    finally:
        check.close()

    # 3. Re-run to completion: the rest is added, what was there is left alone.
    resumed = run_to_completion(db, corpus, tmp_path)
    assert resumed["unchanged"] == stored
    assert resumed["accepted"] + resumed["duplicates"] == N_ARTICLES - stored
    assert resumed["rejected"] == 0
    assert count_documents(db) == N_ARTICLES
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert [r[0] for r in conn.execute("SELECT status FROM runs ORDER BY id")] == ["interrupted", "done"]
    finally:
        conn.close()

    # 4. The result is the same as one clean, uninterrupted run.
    clean_db = tmp_path / "clean.db"
    clean = run_to_completion(clean_db, corpus, tmp_path)
    assert clean["accepted"] + clean["duplicates"] == N_ARTICLES
    after_crash, uninterrupted = exported(db), exported(clean_db)
    assert len(after_crash) == N_ARTICLES
    assert after_crash.keys() == uninterrupted.keys()
    for doc_id, record in uninterrupted.items():
        assert after_crash[doc_id] == record, doc_id
