"""Applying the analyst's corrections to annotations: the one place that decides what a confirmed,
corrected or rejected annotation looks like, used by every reader (pages, API, ledger, exports, map).

A rejected annotation is dropped; a corrected one takes the corrected fields; a confirmed one is kept
as it is. Each kept, judged annotation is marked (``review``: action, who, when, note, and the pipeline's
original values), so interfaces can show that an analyst looked at it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from newstrace.model import Claim, Document, Event, Mention, Place, Source
from newstrace.store.corrections import Correction, CorrectionStore
from newstrace.store.sqlite import Database

Target = tuple[str, str, int, int, str]


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_Span = TypeVar("_Span", bound=_HasSpan)


def _relinked(m: Mention, fields: dict[str, Any]) -> Mention:
    """A mention linked to the entity the analyst chose."""
    return dataclasses.replace(m, entity_id=fields.get("entity_id"), name=fields.get("name"))


def review_mark(c: Correction) -> dict[str, Any]:
    """What interfaces show of a judgement."""
    return {
        "id": c.id,
        "action": c.action,
        "who": c.who,
        "at": c.at,
        "note": c.note,
        "original": c.original,
    }


@dataclass
class CorrectionSet:
    """The active corrections of some documents (or of all), indexed by the annotation they judge."""

    by_target: dict[Target, Correction]

    @classmethod
    def of(cls, corrections: Iterable[Correction]) -> CorrectionSet:
        return cls({c.target: c for c in corrections})

    @classmethod
    def load(cls, db: Database, doc_ids: Sequence[str] | None = None) -> CorrectionSet:
        return cls.of(CorrectionStore(db).active(doc_ids))

    def __bool__(self) -> bool:
        return bool(self.by_target)

    def changes_claim_kinds(self) -> bool:
        return any(c.kind == "claim" and "kind" in c.fields for c in self.by_target.values())

    def find(self, doc_id: str, kind: str, start: int, end: int, subkind: str = "") -> Correction | None:
        return self.by_target.get((doc_id, kind, start, end, subkind))

    # -- one annotation -----------------------------------------------------------------------------
    def judged(
        self,
        doc_id: str,
        kind: str,
        item: _Span,
        correct: Callable[[_Span, dict[str, Any]], _Span],
        subkind: str = "",
    ) -> tuple[_Span | None, Correction | None]:
        """``item`` as judged: kept where confirmed or not judged, None where rejected, else corrected
        by ``correct`` from the correction's fields; with the correction."""
        c = self.find(doc_id, kind, item.start, item.end, subkind)
        if c is None or c.action == "confirm":
            return item, c
        if c.action == "reject":
            return None, c
        return correct(item, c.fields), c

    def claim(self, doc_id: str, k: Claim) -> tuple[Claim | None, Correction | None]:
        return self.judged(doc_id, "claim", k, corrected_claim, k.kind)

    def place(self, doc_id: str, p: Place) -> tuple[Place | None, Correction | None]:
        return self.judged(doc_id, "place", p, corrected_place)

    def mention(self, doc_id: str, m: Mention) -> tuple[Mention | None, Correction | None]:
        return self.judged(doc_id, "entity_link", m, _relinked)

    def event(self, doc_id: str, e: Event) -> tuple[Event | None, Correction | None]:
        return self.judged(doc_id, "event", e, corrected_event)

    def event_row(self, row: dict[str, Any], doc_key: str = "doc_id") -> dict[str, Any] | None:
        """An event as a store row (``type``, ``status``, ``place_name``, ``lat``, ``lon``, trigger
        span), corrected; None when rejected."""
        start, end = row.get("trigger_start"), row.get("trigger_end")
        if start is None or end is None:
            return row
        c = self.find(str(row[doc_key]), "event", int(start), int(end))
        if c is None:
            return row
        if c.action == "reject":
            return None
        out = dict(row)
        out["review"] = review_mark(c)
        if c.action == "correct":
            out.update(event_row_fields(c.fields))
        return out


def corrected_claim(k: Claim, f: dict[str, Any]) -> Claim:
    claimant = k.claimant
    if "claimant" in f:
        who = f["claimant"]
        claimant = Source(who, who, None) if who else None
    return dataclasses.replace(
        k,
        kind=f.get("kind", k.kind),
        low=f.get("low", k.low),
        high=f.get("high", k.high),
        bound=f.get("bound", k.bound),
        subject=f.get("subject", k.subject),
        claimant=claimant,
    )


def corrected_place(p: Place, f: dict[str, Any]) -> Place:
    return dataclasses.replace(
        p,
        name=f.get("name", p.name),
        country=f.get("country", p.country),
        lat=float(f.get("lat", p.lat)),
        lon=float(f.get("lon", p.lon)),
        geonames_id=f.get("geonames_id", p.geonames_id),
        precision=int(f.get("precision", p.precision)),
        feature=f.get("feature", p.feature),
    )


def corrected_event(e: Event, f: dict[str, Any]) -> Event:
    place = e.place
    if "place" in f:
        given = f["place"]
        place = None if not given else _place_of(given, e)
    # A corrected type comes with its ACLED and PLOVER codes (``correction_fields.event_fields``).
    codes = {k: f[k] for k in ("acled_event_type", "acled_sub_event_type", "plover") if k in f}
    return dataclasses.replace(
        e, type=f.get("type", e.type), status=f.get("status", e.status), place=place, **codes
    )


def _place_of(given: dict[str, Any], e: Event) -> Place:
    start = int(given.get("start", e.start))
    end = int(given.get("end", e.end))
    return Place(
        start=start,
        end=end,
        text=str(given.get("text", given["name"])),
        name=str(given["name"]),
        country=given.get("country"),
        lat=float(given["lat"]),
        lon=float(given["lon"]),
        geonames_id=given.get("geonames_id"),
        precision=int(given.get("precision", 3)),
        feature=str(given.get("feature", "city")),
        confidence=1.0,
        stage="correction",
    )


def event_row_fields(f: dict[str, Any]) -> dict[str, Any]:
    """Store-row columns of a corrected event (type with its ACLED and PLOVER codes, status, place)."""
    out: dict[str, Any] = {
        k: f[k] for k in ("type", "acled_event_type", "acled_sub_event_type", "plover", "status") if k in f
    }
    if "place" in f:
        p = f["place"] or {}
        out["place_name"] = p.get("name")
        out["lat"] = p.get("lat")
        out["lon"] = p.get("lon")
        out["country"] = p.get("country")
        out["geo_precision"] = p.get("precision")
    return out


@dataclass
class Reviewed:
    """A document with corrections applied, the marks of its judged annotations (by kind and span) and
    the annotations that were rejected (shown only by the review view)."""

    doc: Document
    marks: dict[tuple[str, int, int, str], dict[str, Any]]
    rejected: list[Correction]


def _kept(
    reviewed: Reviewed,
    cset: CorrectionSet,
    kind: str,
    items: Sequence[_Span],
    correct: Callable[[_Span, dict[str, Any]], _Span],
    subkind: Callable[[_Span], str] = lambda _: "",
    exempt: Callable[[_Span], bool] = lambda _: False,
) -> tuple[_Span, ...]:
    """``items`` as judged (those ``exempt`` are kept unjudged), rejected ones dropped; the marks and
    rejections go to ``reviewed``."""
    out: list[_Span] = []
    for item in items:
        new, c = (
            (item, None) if exempt(item) else cset.judged(reviewed.doc.id, kind, item, correct, subkind(item))
        )
        if c is not None and new is None:
            reviewed.rejected.append(c)
            continue
        if c is not None and new is not None:
            reviewed.marks[(kind, item.start, item.end, subkind(new))] = review_mark(c)
        if new is not None:
            out.append(new)
    return tuple(out)


def apply_to_document(doc: Document, cset: CorrectionSet) -> Reviewed:
    """The document as the analyst corrected it."""
    reviewed = Reviewed(doc, {}, [])
    claims = _kept(reviewed, cset, "claim", doc.claims, corrected_claim, lambda k: k.kind)
    places = _kept(reviewed, cset, "place", doc.places, corrected_place)
    # A place mention is judged as a place, not as an entity link.
    mentions = _kept(
        reviewed, cset, "entity_link", doc.mentions, _relinked, exempt=lambda m: m.type == "place"
    )
    events = _kept(reviewed, cset, "event", doc.events, corrected_event)
    if not reviewed.marks and not reviewed.rejected:
        return reviewed
    new_doc = dataclasses.replace(doc, claims=claims, places=places, mentions=mentions, events=events)
    return Reviewed(new_doc, reviewed.marks, reviewed.rejected)


def mark_record(record: dict[str, Any], reviewed: Reviewed) -> dict[str, Any]:
    """Add ``review`` to the judged annotations of a document's export record (in place)."""
    marks = reviewed.marks
    if not marks:
        return record
    for item in record.get("claims", []):
        fig = item["figure"]
        mark = marks.get(("claim", fig["start"], fig["end"], item["kind"]))
        if mark:
            item["review"] = mark
    for key, kind in (("places", "place"), ("entities", "entity_link")):
        for item in record.get(key, []):
            mark = marks.get((kind, item["start"], item["end"], ""))
            if mark:
                item["review"] = mark
    for item in record.get("events", []):
        trig = item["trigger"]
        mark = marks.get(("event", trig["start"], trig["end"], ""))
        if mark:
            item["review"] = mark
    return record
