"""The export contract (see README): one JSON object per stored document, offsets into ``raw``.

A key whose capability does not exist yet is absent, never faked.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any

from newstrace.model import (
    Claim,
    Document,
    Event,
    EventActor,
    Flag,
    Mention,
    Place,
    QualitySpan,
    RemovedSpan,
    Sentence,
    Source,
)
from newstrace.readers.names import public_source
from newstrace.services.corrections_apply import CorrectionSet, apply_to_document, mark_record
from newstrace.store.documents import DocumentStore

CSV_COLUMNS = (
    "id",
    "source",
    "source_id",
    "url",
    "title",
    "lang",
    "date",
    "date_precision",
    "date_source",
    "duplicate_of",
    "removed",
    "sentences",
    "chars",
    "text",
)


# What a claim says, in the order every claim record lists it.
CLAIM_VALUES = ("kind", "low", "high", "bound", "unit", "subject", "side")


def pick(obj: Any, names: Sequence[str]) -> dict[str, Any]:
    """The named fields of a record, in that order."""
    return {name: getattr(obj, name) for name in names}


# Fields of an annotation the contract leaves out: which stage made it, and what the pipeline uses in
# passing. Every other field is exported under its own name, in the dataclass's order, so a field added
# to one of these annotations reaches the contract with no change here.
_NOT_EXPORTED: dict[type, tuple[str, ...]] = {
    RemovedSpan: (),
    Flag: (),
    Sentence: ("stage",),
    QualitySpan: ("stage",),
    Mention: ("stage", "label", "unresolved"),
    Place: ("stage",),
}


def exported(obj: Any) -> dict[str, Any]:
    """An annotation as the contract lists it: its fields but those in ``_NOT_EXPORTED``."""
    skip = _NOT_EXPORTED[type(obj)]
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if f.name not in skip}


def document_record(doc: Document) -> dict[str, Any]:
    date = doc.date
    record: dict[str, Any] = {
        "id": doc.id,
        "source": public_source(doc.source),
        "source_id": doc.source_id,
        "url": doc.meta.url,
        "format": doc.fmt,
        "raw": doc.raw,
        "title": doc.title.text if doc.title else None,
        "title_source": doc.title.source.value if doc.title else None,
        "text": doc.text,
        "lang": doc.lang,
        "date": date.value.iso() if date else None,
        "date_precision": date.value.precision.value if date else None,
        "date_source": date.source.value if date else "none",
        "duplicate_of": doc.duplicate_of,
        "removed": [exported(r) for r in doc.removed],
        "flags": [exported(f) for f in doc.flags],
    }
    for section in _SECTIONS:
        record.update(section(doc))
    return record


def _sentences(doc: Document) -> dict[str, Any]:
    if "sentences" not in doc.provided:
        return {}
    return {"sentences": [exported(s) for s in doc.sentences]}


def _quality(doc: Document) -> dict[str, Any]:
    if doc.quality is None:
        return {}
    spans = [exported(q) for q in doc.quality.spans]
    return {"quality": {"label": doc.quality.label, "score": doc.quality.score, "spans": spans}}


def _entities(doc: Document) -> dict[str, Any]:
    if "mentions" not in doc.provided:
        return {}
    return {"entities": [exported(m) for m in doc.mentions if m.type != "place"]}


def _places(doc: Document) -> dict[str, Any]:
    if "places" not in doc.provided:
        return {}
    return {"places": [exported(p) for p in doc.places]}


def _claims(doc: Document) -> dict[str, Any]:
    if "claims" not in doc.provided:
        return {}
    quotes = [
        {
            "speaker": (q.speaker.name or q.speaker.text) if q.speaker else None,
            "speaker_entity_id": q.speaker.entity_id if q.speaker else None,
            "text": doc.raw[q.start : q.end],
            "start": q.start,
            "end": q.end,
            "via": list(q.via),
        }
        for q in doc.quotes
    ]
    sourcing = [
        {"source": _source(a.source), "via": list(a.via), "evidence": _evidence(doc, a.start, a.end)}
        for a in doc.attributions
    ]
    return {"claims": [claim_record(doc, k) for k in doc.claims], "quotes": quotes, "sourcing": sourcing}


def _events(doc: Document) -> dict[str, Any]:
    return {"events": [event_record(doc, e) for e in doc.events]} if "events" in doc.provided else {}


def _extras(doc: Document) -> dict[str, Any]:
    """The repaired text, the story and the reader's extra fields, where the document has them."""
    out: dict[str, Any] = {}
    if doc.repaired is not None:
        out["repaired_text"] = doc.repaired.text
    if doc.story_id is not None:
        out["story_id"] = doc.story_id
    if doc.meta.extra_json:
        out["extra"] = json.loads(doc.meta.extra_json)
    return out


# The record's sections after the document's own fields, in the order the contract lists them; a
# section whose capability did not run is absent.
_SECTIONS: tuple[Callable[[Document], dict[str, Any]], ...] = (
    _sentences,
    _quality,
    _entities,
    _places,
    _claims,
    _events,
    _extras,
)


def _actor(a: EventActor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"text": a.text, "name": a.name, "entity_id": a.entity_id, "side": a.side}


def event_record(doc: Document, e: Event) -> dict[str, Any]:
    p = e.place
    return {
        "type": e.type,
        "status": e.status,
        "trigger": {"start": e.start, "end": e.end, "text": doc.raw[e.start : e.end]},
        "evidence": _evidence(doc, e.evidence_start, e.evidence_end),
        "actor1": _actor(e.actor1),
        "actor2": _actor(e.actor2),
        "place": None
        if p is None
        else {
            "name": p.name,
            "lat": p.lat,
            "lon": p.lon,
            "precision": p.precision,
            "start": p.start,
            "end": p.end,
        },
        "place_source": e.place_source,
        "date": e.date,
        "time_precision": e.time_precision,
        "fatalities": e.fatalities,
        "claim_starts": list(e.claim_starts),
        "cluster": e.cluster,
        "confidence": e.confidence,
    }


def _source(src: Source | None) -> dict[str, Any] | None:
    if src is None:
        return None
    return {"text": src.text, "name": src.name, "entity_id": src.entity_id}


def _evidence(doc: Document, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": doc.raw[start:end]}


def claim_record(doc: Document, k: Claim) -> dict[str, Any]:
    """One claim as the export contract shapes it (also used by `newstrace claims`)."""
    return {
        **pick(k, CLAIM_VALUES),
        "claimant": _source(k.claimant),
        "via": list(k.via),
        "as_of": k.as_of,
        "scope": k.scope,
        "of": k.of_total,
        "figure": {"start": k.start, "end": k.end, "text": doc.raw[k.start : k.end]},
        "evidence": _evidence(doc, k.evidence_start, k.evidence_end),
        "by": k.by,
        "confidence": k.confidence,
    }


def corrected_record(doc: Document, cset: CorrectionSet) -> dict[str, Any]:
    """A document's record with the analyst's corrections applied: rejected annotations left out,
    corrected ones with the corrected values, judged ones marked ``review``."""
    reviewed = apply_to_document(doc, cset)
    return mark_record(document_record(reviewed.doc), reviewed)


def iter_records(store: DocumentStore) -> Iterator[dict[str, Any]]:
    cset = CorrectionSet.load(store.db)
    for doc in store.iter_documents():
        yield corrected_record(doc, cset)


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """One JSON object per line; returns how many were written."""
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_jsonl(store: DocumentStore, out: IO[str]) -> int:
    return write_jsonl(iter_records(store), out)


def export_csv(store: DocumentStore, out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for rec in iter_records(store):
        row = dict(rec)
        row["removed"] = len(rec["removed"])
        row["sentences"] = len(rec.get("sentences", []))
        row["chars"] = len(rec["text"])
        row["quality"] = rec["quality"]["label"] if "quality" in rec else ""
        writer.writerow(row)
        n += 1
    return n


CLAIM_COLUMNS = (
    "doc_id",
    "kind",
    "low",
    "high",
    "bound",
    "unit",
    "subject",
    "side",
    "claimant",
    "claimant_entity_id",
    "via",
    "as_of",
    "scope",
    "of",
    "figure",
    "figure_start",
    "figure_end",
    "evidence",
    "evidence_start",
    "evidence_end",
    "review",
)


def iter_claim_rows(store: DocumentStore) -> Iterator[dict[str, Any]]:
    """One flat row per claim (the claims CSV schema, documented in the README)."""
    cset = CorrectionSet.load(store.db)
    for doc in store.iter_documents():
        reviewed = apply_to_document(doc, cset)
        for k in reviewed.doc.claims:
            row = claim_row(doc, k)
            mark = reviewed.marks.get(("claim", k.start, k.end, k.kind))
            if mark:  # only judged claims carry it (an unreviewed store exports as before)
                row["review"] = mark["action"]
            yield row


def claim_row(doc: Document, k: Claim) -> dict[str, Any]:
    rec = claim_record(doc, k)
    claimant = rec["claimant"] or {}
    return {
        "doc_id": doc.id,
        **pick(k, CLAIM_VALUES),
        "claimant": claimant.get("name") or claimant.get("text"),
        "claimant_entity_id": claimant.get("entity_id"),
        "via": " > ".join(k.via),
        "as_of": k.as_of,
        "scope": k.scope,
        "of": k.of_total,
        "figure": rec["figure"]["text"],
        "figure_start": k.start,
        "figure_end": k.end,
        "evidence": rec["evidence"]["text"],
        "evidence_start": k.evidence_start,
        "evidence_end": k.evidence_end,
    }


def export_claims_jsonl(store: DocumentStore, out: IO[str]) -> int:
    return write_jsonl(iter_claim_rows(store), out)


def write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: IO[str]) -> int:
    """Rows as CSV with a header; returns how many were written."""
    writer = csv.DictWriter(out, fieldnames=list(columns))
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def export_claims_csv(store: DocumentStore, out: IO[str]) -> int:
    return write_csv(iter_claim_rows(store), CLAIM_COLUMNS, out)


def export_stories_jsonl(store: DocumentStore, out: IO[str]) -> int:
    from newstrace.services.stories import iter_story_records

    return write_jsonl(iter_story_records(store), out)
