"""Reading typed events, when the store has them.

The ``events`` table arrives with a later migration; every reader of it goes through this module, which
checks that the table exists and selects only the columns it has, so the web app and the API work on
stores made before and after it.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newstrace.store.corrections import corrected_events, has_table

# The columns readers use, in display order; a store may have more, or (before the events migration)
# none at all.
EVENT_COLUMNS = (
    "id",
    "doc_id",
    "event_group",
    "type",
    "acled_event_type",
    "acled_sub_event_type",
    "plover",
    "status",
    "trigger_start",
    "trigger_end",
    "place_name",
    "lat",
    "lon",
    "geo_precision",
    "event_date",
    "time_precision",
    "fatalities",
    "evidence",
    "confidence",
)


def events_available(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").fetchone()
    return row is not None


def _columns(conn: sqlite3.Connection) -> list[str]:
    have = {str(r[1]) for r in conn.execute("PRAGMA table_info(events)")}
    return [c for c in EVENT_COLUMNS if c in have]


def list_events(
    conn: sqlite3.Connection,
    *,
    doc_ids: list[str] | None = None,
    story_id: str | None = None,
    located: bool = False,
    limit: int = 200,
    offset: int = 0,
    extra: tuple[str, list[object]] = ("", []),
) -> tuple[int, list[dict[str, Any]]]:
    """``(total, events)`` with the title and date of each event's document; ``(0, [])`` when the store
    has no events table. ``extra`` is a further ``WHERE ...`` clause on ``e`` and ``d`` with its
    arguments (the list filters)."""
    if not events_available(conn):
        return 0, []
    cols = _columns(conn)
    if "doc_id" not in cols:
        return 0, []
    clauses: list[str] = []
    args: list[object] = []
    if doc_ids is not None:
        if not doc_ids:
            return 0, []
        clauses.append(f"e.doc_id IN ({','.join('?' * len(doc_ids))})")
        args.extend(doc_ids)
    if story_id is not None:
        clauses.append("d.story_id = ?")
        args.append(story_id)
    if located:
        if not {"lat", "lon"} <= set(cols):
            return 0, []
        clauses.append("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    if extra[0]:
        clauses.append(extra[0].removeprefix("WHERE "))
        args.extend(extra[1])
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    # Corrected where an analyst corrected them, rejected ones left out (stores with events have the
    # corrections table too: it comes with a later migration).
    table = corrected_events() if has_table(conn) else "events"
    base = f"FROM {table} e JOIN documents d ON d.id = e.doc_id {where}"
    total = int(conn.execute(f"SELECT count(*) {base}", args).fetchone()[0])
    order = "coalesce(e.event_date, d.date, '')" if "event_date" in cols else "coalesce(d.date, '')"
    if "trigger_start" in cols:
        order += ", e.trigger_start"
    select = ", ".join(f"e.{c}" for c in cols) + (", e.review" if has_table(conn) else "")
    rows = conn.execute(
        f"SELECT {select}, d.title AS doc_title, d.date AS doc_date, d.story_id AS story_id {base} "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    # Every reader sees every column, None where this store's table lacks it.
    blank = dict.fromkeys(EVENT_COLUMNS)
    return total, [{**blank, **dict(r)} for r in rows]
