"""The figures a document states: an annotation field the claims stage provides and the store keeps by
field name (the store computes nothing from the text)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from newstrace.model import Document
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database

ARTICLE = (
    "Reservists called up\n\nThe minister said on Tuesday that 300,000 reservists would be called up out "
    "of 25 million, and that 12 regions would take part in 2022.\n"
)


def _stored_figures(db: Database, doc_id: str) -> str | None:
    value = db.conn.execute("SELECT figures FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    return value if value is None else str(value)


def test_the_claims_stage_states_the_figures_and_the_store_keeps_them(run_text, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc: Document = run_text(ARTICLE)
    # Counts of 100 or more as written; not a small count, not a year.
    assert doc.figures == (300000.0, 25000000.0)
    assert "figures" in doc.provided
    db = Database(tmp_path / "s.db")
    try:
        DocumentStore(db).write_batch([doc], {}, [], None)
        assert json.loads(_stored_figures(db, doc.id) or "null") == [300000.0, 25000000.0]
        assert DocumentStore(db).get(doc.id).figures == doc.figures
    finally:
        db.close()


def test_a_document_the_claims_stage_did_not_see_has_no_figures(run_text, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = dataclasses.replace(run_text(ARTICLE), figures=None)
    db = Database(tmp_path / "s.db")
    try:
        DocumentStore(db).write_batch([doc], {}, [], None)
        # Unknown, not "none stated": story assignment then falls back on the claims' values.
        assert _stored_figures(db, doc.id) is None
        assert DocumentStore(db).get(doc.id).figures is None
    finally:
        db.close()
