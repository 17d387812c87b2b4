"""Events for the CLI, the API and exports: one entry per event, with its reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from newstrace.readers.names import public_source
from newstrace.services.export import write_csv, write_jsonl
from newstrace.store.events import EventFilter as EventFilter
from newstrace.store.events import EventStore
from newstrace.store.sqlite import Database

# ACLED's column names where ACLED has the field, then newstrace's own.
ACLED_COLUMNS = [
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "fatalities",
    "notes",
    "source",
    "country",
    "newstrace_type",
    "plover",
    "reports",
    "languages",
    "story_id",
    "review",
]
PAGE = 1000


# The ACLED-like record of an event group: (record key, column of the events view), in record order.
EVENT_COLUMNS = (
    ("event_id", "event"),
    ("event_date", "event_date"),
    ("event_type", "acled_event_type"),
    ("sub_event_type", "acled_sub_event_type"),
    ("actor1", "actor1"),
    ("actor2", "actor2"),
    ("location", "place_name"),
    ("latitude", "lat"),
    ("longitude", "lon"),
    ("geo_precision", "geo_precision"),
    ("time_precision", "time_precision"),
    ("fatalities", "fatalities"),
    ("notes", "evidence"),
    ("source", "source"),
    ("country", "country"),
    ("newstrace_type", "type"),
    ("plover", "plover"),
    ("reports", "reports"),
    ("languages", "languages"),
    ("story_id", "story_id"),
    ("review", "review"),
)


def event_record(row: Any) -> dict[str, Any]:
    # The source as shown publicly (a file name, never a path on this machine).
    return {key: public_source(row[c]) if c == "source" else row[c] for key, c in EVENT_COLUMNS}


def list_events(db: Database, flt: EventFilter, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    rows = EventStore(db).list_events(flt, limit, offset)
    return {"events": [event_record(r) for r in rows], "limit": limit, "offset": offset}


def report_record(r: Any) -> dict[str, Any]:
    return {
        "id": r["id"],
        "doc_id": r["doc_id"],
        "title": r["title"],
        "lang": r["lang"],
        "status": r["status"],
        "trigger": {"start": r["trigger_start"], "end": r["trigger_end"]},
        "evidence": r["evidence"],
        "evidence_start": r["evidence_start"],
        "evidence_end": r["evidence_end"],
        "place": r["place_name"],
        "place_source": r["place_source"],
        "event_date": r["event_date"],
        "fatalities": r["fatalities"],
        "confidence": r["confidence"],
        "stage": r["stage"],
    }


def show_event(db: Database, event: str) -> dict[str, Any] | None:
    reports = EventStore(db).reports(event)
    if not reports:
        return None
    return {"event": event, "reports": [report_record(r) for r in reports]}


def iter_event_records(db: Database, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    store = EventStore(db)
    offset = 0
    while True:
        rows = store.list_events(flt or EventFilter(), PAGE, offset)
        for r in rows:
            yield event_record(r)
        if len(rows) < PAGE:
            return
        offset += PAGE


def export_events_jsonl(db: Database, out: IO[str]) -> int:
    return write_jsonl(iter_event_records(db), out)


def export_events_csv(db: Database, out: IO[str]) -> int:
    return write_csv(iter_event_records(db), ACLED_COLUMNS, out)
