"""Records to table rows and back by field name (store/rows.py), and a document read back as written."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from newstrace.model import Mention
from newstrace.store.documents import DocumentStore
from newstrace.store.rows import insert_rows, record, stored
from newstrace.store.sqlite import Database


def _conn() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    conn.execute(
        'CREATE TABLE mentions(doc_id, start, "end", text, type, entity_id, name, confidence, stage, '
        "in_boilerplate)"
    )
    return conn


def test_a_record_goes_to_its_columns_and_comes_back() -> None:
    conn = _conn()
    mention = Mention(3, 9, "Odesa", "place", "gn:1", "Odesa", 0.9, "entities", True, label="LOC")
    row = stored(mention, "d1", skip=("label", "unresolved"))
    assert row["in_boilerplate"] == 1 and row["doc_id"] == "d1" and "label" not in row
    insert_rows(conn, "mentions", [row])
    back = record(Mention, conn.execute("SELECT * FROM mentions").fetchone())
    # The transient label is not stored; everything else is, the boolean as a boolean again.
    assert back == Mention(3, 9, "Odesa", "place", "gn:1", "Odesa", 0.9, "entities", True)
    assert back.in_boilerplate is True


def test_a_field_without_a_column_is_an_error_not_a_loss() -> None:
    conn = _conn()
    with pytest.raises(sqlite3.OperationalError, match="label"):
        insert_rows(conn, "mentions", [stored(Mention(0, 4, "Kyiv", "place", None, None, 1.0, "x"), "d")])


def test_given_fields_override_the_row() -> None:
    conn = _conn()
    mention = Mention(0, 4, "Kyiv", "place", None, None, 1.0, "x")
    insert_rows(conn, "mentions", [stored(mention, "d", skip=("label", "unresolved"))])
    back = record(Mention, conn.execute("SELECT * FROM mentions").fetchone(), name="Kyiv city")
    assert back.name == "Kyiv city" and back.in_boilerplate is False


def test_a_stored_document_reads_back_as_analysed(run_text, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = run_text(
        "Dam breached near Kherson\n\nOfficials in Kherson said on Tuesday that at least 40 people were "
        'killed and 2,000 evacuated, according to the regional governor. "We are moving everyone," '
        "he told reporters in Mykolaiv.\n"
    )
    assert doc.sentences and doc.mentions and doc.claims and doc.places and doc.quotes
    db = Database(tmp_path / "s.db")
    try:
        DocumentStore(db).write_batch([doc], {}, [], None)
        # What the store does not keep: the mentions' passing labels; a missing content hash reads "".
        kept = dataclasses.replace(
            doc,
            mentions=tuple(dataclasses.replace(m, label=None, unresolved=None) for m in doc.mentions),
            content_hash=doc.content_hash or "",
        )
        assert DocumentStore(db).get(doc.id) == kept
    finally:
        db.close()
