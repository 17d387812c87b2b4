"""Events in the store: written with their document, read back onto it, listed with filters."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.model import Document, Event, EventActor, Place
from newstrace.store.corrections import corrected_events
from newstrace.store.rows import insert_rows, record, stored
from newstrace.store.sqlite import Database


def _actor_columns(n: int, a: EventActor | None) -> dict[str, object]:
    return {
        f"actor{n}": (a.name or a.text) if a else None,
        f"actor{n}_text": a.text if a else None,
        f"actor{n}_entity": a.entity_id if a else None,
        f"actor{n}_side": a.side if a else None,
    }


def _place_columns(p: Place | None) -> dict[str, object]:
    return {
        "place_name": p.name if p else None,
        "place_start": p.start if p else None,
        "place_end": p.end if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "geonames_id": p.geonames_id if p else None,
        "geo_precision": p.precision if p else None,
        "country": p.country if p else None,
    }


# Event fields stored under other names or in several columns (given to ``stored`` one by one).
_EVENT_SPREAD = ("start", "end", "actor1", "actor2", "place", "date", "claim_starts")


def write_events(c: sqlite3.Connection, doc: Document, groups: Sequence[str | None] = ()) -> None:
    rows = []
    for i, e in enumerate(doc.events):
        rows.append(
            stored(
                e,
                doc.id,
                skip=_EVENT_SPREAD,
                id=f"{doc.id}:{i}",
                idx=i,
                event_group=groups[i] if i < len(groups) else None,
                trigger_start=e.start,
                trigger_end=e.end,
                evidence=" ".join(doc.raw[e.evidence_start : e.evidence_end].split()),
                **_actor_columns(1, e.actor1),
                **_actor_columns(2, e.actor2),
                **_place_columns(e.place),
                event_date=e.date,
                claim_starts=json.dumps(list(e.claim_starts)),
            )
        )
    insert_rows(c, "events", rows)


def _actor(r: sqlite3.Row, n: int) -> EventActor | None:
    if r[f"actor{n}_text"] is None:
        return None
    return EventActor(r[f"actor{n}_text"], r[f"actor{n}"], r[f"actor{n}_entity"], r[f"actor{n}_side"])


def read_events(conn: sqlite3.Connection, doc_id: str, places: Sequence[Place]) -> tuple[Event, ...]:
    by_span = {(p.start, p.end): p for p in places}
    out = []
    for r in conn.execute("SELECT * FROM events WHERE doc_id = ? ORDER BY idx", (doc_id,)):
        place = by_span.get((r["place_start"], r["place_end"])) if r["place_start"] is not None else None
        out.append(
            record(
                Event,
                r,
                start=r["trigger_start"],
                end=r["trigger_end"],
                actor1=_actor(r, 1),
                actor2=_actor(r, 2),
                place=place,
                date=r["event_date"],
                claim_starts=tuple(json.loads(r["claim_starts"])),
                # Stored before version 10: no confidence was computed; 0.0 says "unknown", not sure.
                confidence=r["confidence"] if r["confidence"] is not None else 0.0,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class EventFilter:
    type: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    status: str | None = "asserted"
    story_id: str | None = None
    doc_id: str | None = None


def known_event_groups(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None, str | None]]:
    """``(story id, group, type, place key, date)`` of every asserted event group, for linking."""
    rows = conn.execute(
        "SELECT coalesce(d.story_id, d.id), e.event_group, e.type, "
        "max(CASE WHEN e.geonames_id IS NOT NULL THEN 'gn:' || e.geonames_id ELSE e.place_name END), "
        "min(e.event_date) FROM events e JOIN documents d ON d.id = e.doc_id "
        "WHERE e.status = 'asserted' AND e.event_group IS NOT NULL GROUP BY e.event_group"
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


class EventStore:
    """Queries over events: one row per event (the group), with how many reports tell it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list_events(self, flt: EventFilter, limit: int = 50, offset: int = 0) -> list[sqlite3.Row]:
        where, args = _where(flt)
        return self.db.conn.execute(
            "WITH g AS (SELECT coalesce(e.event_group, e.id) AS event, min(e.id) AS first_report, "
            "max(e.place_name) AS place_name, max(e.lat) AS lat, max(e.lon) AS lon, "
            "min(e.geo_precision) AS geo_precision, max(e.country) AS country, "
            "min(e.event_date) AS event_date, min(e.time_precision) AS time_precision, "
            "max(e.fatalities) AS fatalities, max(e.actor1) AS actor1, max(e.actor2) AS actor2, "
            "count(DISTINCT e.doc_id) AS reports, group_concat(DISTINCT d.lang) AS languages, "
            "max(d.story_id) AS story_id "
            f"FROM {corrected_events()} e JOIN documents d ON d.id = e.doc_id {where} "
            "GROUP BY coalesce(e.event_group, e.doc_id || ':' || e.cluster) "
            "ORDER BY coalesce(min(e.event_date), '') DESC, min(e.id) LIMIT ? OFFSET ?) "
            "SELECT g.*, f.type, f.acled_event_type, f.acled_sub_event_type, f.plover, f.status, "
            "f.evidence, f.review, coalesce(dd.url, dd.source) AS source FROM g "
            f"JOIN {corrected_events()} f ON f.id = g.first_report JOIN documents dd ON dd.id = f.doc_id "
            "ORDER BY coalesce(g.event_date, '') DESC, g.first_report",
            (*args, limit, offset),
        ).fetchall()

    def reports(self, event: str) -> list[sqlite3.Row]:
        """Every report of one event (its group id, or one report's id)."""
        return self.db.conn.execute(
            "SELECT e.*, d.title, d.lang, d.date AS doc_date "
            f"FROM {corrected_events()} e JOIN documents d ON d.id = e.doc_id "
            "WHERE e.event_group = ? OR e.id = ? ORDER BY d.date, e.id",
            (event, event),
        ).fetchall()


def _where(flt: EventFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    args: list[object] = []
    if flt.type:
        clauses.append("e.type = ?")
        args.append(flt.type)
    if flt.place:
        clauses.append("e.place_name LIKE ?")
        args.append(f"%{flt.place}%")
    if flt.since:
        clauses.append("e.event_date >= ?")
        args.append(flt.since)
    if flt.until:
        clauses.append("e.event_date <= ?")
        args.append(flt.until + "\uffff")
    if flt.status:
        clauses.append("e.status = ?")
        args.append(flt.status)
    if flt.story_id:
        clauses.append("d.story_id = ?")
        args.append(flt.story_id)
    if flt.doc_id:
        clauses.append("e.doc_id = ?")
        args.append(flt.doc_id)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args
