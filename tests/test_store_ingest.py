"""Ingest into the SQLite store: idempotence, duplicates, search, export, migrations."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from newstrace.services.export import export_jsonl
from newstrace.services.ingest import ingest
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.filters import DocumentFilter
from newstrace.store.sqlite import Database, StoreError, migrations

ARTICLE = (
    " date 2023-06-06 Kakhovka dam destroyed, thousands evacuated\n\n"
    "The Kakhovka dam on the Dnipro collapsed early on Tuesday, flooding villages downstream. "
    "Ukrainian officials said about 16,000 people lived in the area at risk.\n\n"
    "Kyiv blamed Russian forces, who had controlled the dam since February 2022; Moscow denied it.\n\n"
    "Residents of Kherson were moved by bus and train to Mykolaiv and Odesa as the water rose.\n"
)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _export(db: Database) -> list[dict[str, object]]:
    buf = io.StringIO()
    export_jsonl(DocumentStore(db), buf)
    return [json.loads(line) for line in buf.getvalue().splitlines()]


def test_ingest_twice_changes_nothing(tmp_path: Path, db: Database) -> None:
    corpus = tmp_path / "in"
    _write(corpus, "a.txt", ARTICLE)
    _write(corpus, "b.txt", ARTICLE.replace("Kakhovka dam", "Nova Kakhovka dam").replace("16,000", "17,000"))
    first = ingest([corpus], Settings(), db)
    before = _export(db)
    second = ingest([corpus], Settings(), db)
    assert first.accepted + first.duplicates == 2
    assert second.accepted == 0 and second.duplicates == 0 and second.unchanged == 2
    assert _export(db) == before
    runs = DocumentStore(db).runs()
    assert [r["status"] for r in runs] == ["done", "done"]


def test_copies_are_marked_duplicates_of_the_first(tmp_path: Path, db: Database) -> None:
    corpus = tmp_path / "in"
    _write(corpus, "1_original.txt", ARTICLE)
    # The same article reformatted: exact duplicate after normalisation.
    _write(corpus, "2_reformatted.txt", ARTICLE.replace("\n\n", "\n\n\n").replace(". ", ".  "))
    # A syndicated copy with a caption added and one word changed: near duplicate.
    _write(
        corpus,
        "3_syndicated.txt",
        ARTICLE.replace("early on Tuesday", "early Tuesday") + "\nFlooded streets in Kherson Photo: AFP\n",
    )
    # Another story altogether.
    _write(
        corpus,
        "4_other.txt",
        ARTICLE.replace("Kakhovka dam", "Crimean bridge")
        .replace("flooding villages downstream", "cutting the main road to the peninsula")
        .replace(
            "Residents of Kherson were moved by bus and train to Mykolaiv and Odesa as the water rose.",
            "Traffic was halted for hours while divers inspected the supports.",
        ),
    )
    report = ingest([corpus], Settings(), db)
    assert report.accepted == 2 and report.duplicates == 2
    docs = {Path(d.source).name: d for d in DocumentStore(db).iter_documents()}
    original = docs["1_original.txt"].id
    assert docs["2_reformatted.txt"].duplicate_of == original
    assert docs["3_syndicated.txt"].duplicate_of == original
    assert docs["4_other.txt"].duplicate_of is None


def test_duplicates_found_across_runs(tmp_path: Path, db: Database) -> None:
    ingest([_write(tmp_path / "a", "x.txt", ARTICLE)], Settings(), db)
    report = ingest(
        [_write(tmp_path / "b", "y.txt", ARTICLE + "\nRead more: Kherson one year on\n")], Settings(), db
    )
    assert report.duplicates == 1


def test_search_and_filters(tmp_path: Path, db: Database) -> None:
    ingest([_write(tmp_path / "in", "a.txt", ARTICLE)], Settings(), db)
    store = DocumentStore(db)
    hits = store.search("Mykolaiv")
    assert len(hits) == 1 and "[Mykolaiv]" in hits[0]["snippet"]
    assert store.search("Mykolaiv AND Odesa")
    assert not store.search("Zaporizhzhia")
    with pytest.raises(StoreError):
        store.search('"unbalanced')
    assert store.count(DocumentFilter(lang="en")) == 1
    assert store.count(DocumentFilter(lang="fr")) == 0
    assert store.count(DocumentFilter(since="2023-06-01")) == 1
    assert store.count(DocumentFilter(since="2023-07")) == 0


def test_export_contract(tmp_path: Path, db: Database) -> None:
    ingest(
        [_write(tmp_path / "in", "a.txt", ARTICLE + "\nKherson under water Photo: Reuters\n")], Settings(), db
    )
    (rec,) = _export(db)
    for key in (
        "id",
        "source",
        "source_id",
        "raw",
        "title",
        "text",
        "lang",
        "date",
        "date_source",
        "duplicate_of",
        "removed",
        "sentences",
    ):
        assert key in rec
    assert rec["date"] == "2023-06-06" and rec["date_source"] == "header" and rec["lang"] == "en"
    raw = rec["raw"]
    assert isinstance(raw, str)
    for span in rec["removed"]:  # type: ignore[attr-defined]
        assert raw[span["start"] : span["end"]] == span["text"]
    assert any(s["reason"] == "caption" for s in rec["removed"])  # type: ignore[attr-defined]
    first = rec["sentences"][0]  # type: ignore[index]
    assert raw[first["start"] : first["end"]] == "Kakhovka dam destroyed, thousands evacuated"


def test_migrations_are_numbered_and_recorded(db: Database) -> None:
    versions = [v for v, _, _ in migrations()]
    assert versions == list(range(1, len(versions) + 1))
    rows = db.conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == versions
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future.sql', 'now')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Database(path)


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    a = Database(tmp_path / "s.db")
    b = Database(tmp_path / "s.db")
    a.acquire_writer()
    with pytest.raises(StoreError, match="another newstrace process"):
        b.acquire_writer()
    a.release_writer()
    b.acquire_writer()
    b.close()
    a.close()


def test_pool_executor_gives_the_same_documents(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    for i, town in enumerate(["Kherson", "Mykolaiv", "Odesa", "Izium", "Lyman", "Kupiansk"]):
        _write(corpus, f"{i}.txt", ARTICLE.replace("Kherson", town).replace("16,000", f"{i + 1}0,000"))
    one, two = Database(tmp_path / "one.db"), Database(tmp_path / "two.db")
    ingest([corpus], Settings(), one)
    ingest([corpus], Settings(workers=2, batch_size=4), two)
    strip = [{k: v for k, v in r.items() if k != "run_id"} for r in _export(one)]
    assert strip == [{k: v for k, v in r.items() if k != "run_id"} for r in _export(two)]
    one.close()
    two.close()
