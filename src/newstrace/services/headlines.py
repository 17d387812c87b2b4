"""What a store holds at a glance (the end of ``newstrace demo``): the stories told in the most
languages, a disputed quantity of the claims ledger, and the events by type."""

from __future__ import annotations

from typing import Any

from newstrace.services.browse import claim_quantities, story_list
from newstrace.services.ledger import ledger_report
from newstrace.store.documents import DocumentStore
from newstrace.store.events_view import events_available
from newstrace.store.sqlite import Database

TOP_STORIES = 3
QUANTITIES_TRIED = 12


def top_stories(db: Database, n: int = TOP_STORIES) -> list[dict[str, Any]]:
    """The stories told in the most languages (then by the most articles)."""
    stories = story_list(db, limit=100_000)["stories"]
    ranked = sorted(stories, key=lambda s: (-len(s["languages"]), -s["documents"], s["id"]))
    return [
        {
            "id": s["id"],
            "title": s["title"],
            "languages": s["languages"],
            "documents": s["documents"],
            "first_date": s["first_date"],
            "last_date": s["last_date"],
        }
        for s in ranked[:n]
        if len(s["languages"]) > 1 or s["documents"] > 1
    ]


def disputed_quantity(db: Database) -> dict[str, Any] | None:
    """The quantity with the most claimants among those whose claims disagree, with its disputed claims."""
    store = DocumentStore(db)
    ranked = sorted(claim_quantities(db), key=lambda q: (-q["claimants"], -q["claims"], q["quantity"]))
    for q in ranked[:QUANTITIES_TRIED]:
        if q["claimants"] < 2:
            break
        report = ledger_report(store, quantity=q["quantity"])
        disputed = [c for c in report["claims"] if c["disputed"]]
        if disputed:
            return {"quantity": q["quantity"], "claims": q["claims"], "disputed": disputed}
    return None


def events_by_type(db: Database) -> dict[str, int]:
    """Asserted event reports by type, most first (empty on a store made before events existed)."""
    if not events_available(db.conn):
        return {}
    rows = db.conn.execute(
        "SELECT type, count(*) AS n FROM events WHERE status = 'asserted' GROUP BY type ORDER BY n DESC, type"
    ).fetchall()
    return {str(r[0]): int(r[1]) for r in rows}


def headlines(db: Database) -> dict[str, Any]:
    return {
        "top_stories": top_stories(db),
        "disputed": disputed_quantity(db),
        "events_by_type": events_by_type(db),
    }
