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


def event_record(row: Any) -> dict[str, Any]:
    return {
        "event_id": row["event"],
        "event_date": row["event_date"],
        "event_type": row["acled_event_type"],
        "sub_event_type": row["acled_sub_event_type"],
        "actor1": row["actor1"],
        "actor2": row["actor2"],
        "location": row["place_name"],
        "latitude": row["lat"],
        "longitude": row["lon"],
        "geo_precision": row["geo_precision"],
        "time_precision": row["time_precision"],
        "fatalities": row["fatalities"],
        "notes": row["evidence"],
        "source": public_source(row["source"]),
        "country": row["country"],
        "newstrace_type": row["type"],
        "plover": row["plover"],
        "reports": row["reports"],
        "languages": row["languages"],
        "story_id": row["story_id"],
        "review": row["review"],
    }


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
