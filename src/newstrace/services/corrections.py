"""The analyst's correction loop: record a judgement of an annotation (confirm, correct, reject), list
them, and re-attach them after re-analysis.

An annotation is named by its document, its kind and its own raw span (a claim's figure, a place's or
an entity's mention, an event's trigger), with a key to find it again when the pipeline moves it: its
surface text (and, for a claim, the kind the pipeline gave it). Applying corrections is
``corrections_apply`` (one function for every reader).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newstrace.model import Claim, Document, Event, Mention, Place
from newstrace.services.correction_fields import (
    MAX_TEXT,
    CorrectionError,
    checked_fields,
    place_candidates,
    text_field,
)
from newstrace.services.corrections_apply import CorrectionSet, apply_to_document
from newstrace.services.export import CLAIM_VALUES, pick
from newstrace.settings import Settings
from newstrace.store.corrections import ACTIONS, KINDS, Correction, CorrectionStore
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database, StoreError

# Re-exported: callers record, list and look candidates up through this module.
__all__ = [
    "Correction",
    "CorrectionError",
    "list_corrections",
    "place_candidates",
    "reattach",
    "record",
    "relocate_in",
]


@dataclass(frozen=True)
class Annotation:
    """One annotation of a document as the correction loop names it."""

    kind: str
    start: int
    end: int
    key: str
    subkind: str
    evidence_start: int | None
    evidence_end: int | None
    values: dict[str, Any]

    def placement(self) -> dict[str, Any]:
        """Where a correction of this annotation sits and what it judged: the fields a new judgement
        and each of its copies in the article's other reports take from the annotation."""
        return {
            "start": self.start,
            "end": self.end,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "original": self.values,
        }


def _claim(doc: Document, k: Claim) -> Annotation:
    who = (k.claimant.name or k.claimant.text) if k.claimant else None
    values = {**pick(k, CLAIM_VALUES[:-1]), "claimant": who}  # all but the side
    return Annotation(
        "claim", k.start, k.end, doc.raw[k.start : k.end], k.kind, k.evidence_start, k.evidence_end, values
    )


def _place(p: Place) -> Annotation:
    values = {
        "name": p.name,
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "geonames_id": p.geonames_id,
        "feature": p.feature,
        "precision": p.precision,
        "confidence": p.confidence,
    }
    return Annotation("place", p.start, p.end, p.text, "", None, None, values)


def _mention(m: Mention) -> Annotation:
    values = {"entity_id": m.entity_id, "name": m.name, "type": m.type, "confidence": m.confidence}
    return Annotation("entity_link", m.start, m.end, m.text, "", None, None, values)


def _event(doc: Document, e: Event) -> Annotation:
    values = {
        "type": e.type,
        "status": e.status,
        "place": e.place.name if e.place else None,
        "confidence": e.confidence,
    }
    return Annotation(
        "event", e.start, e.end, doc.raw[e.start : e.end], "", e.evidence_start, e.evidence_end, values
    )


def annotations_of(doc: Document, kind: str) -> list[Annotation]:
    """Every annotation of one kind in a document, as the pipeline wrote it."""
    if kind == "claim":
        return [_claim(doc, k) for k in doc.claims]
    if kind == "place":
        return [_place(p) for p in doc.places]
    if kind == "entity_link":
        return [_mention(m) for m in doc.mentions if m.type != "place"]
    if kind == "event":
        return [_event(doc, e) for e in doc.events]
    raise CorrectionError(f"unknown annotation kind {kind!r}: one of {', '.join(KINDS)}")


def find_annotation(doc: Document, kind: str, start: int, end: int, subkind: str | None = None) -> Annotation:
    found = [
        a
        for a in annotations_of(doc, kind)
        if a.start == start and a.end == end and (subkind is None or a.subkind == subkind)
    ]
    if not found:
        raise CorrectionError(f"document {doc.id} has no {kind} at {start}-{end}")
    if len(found) > 1:
        kinds = ", ".join(a.subkind for a in found)
        raise CorrectionError(f"several claims at {start}-{end} ({kinds}): say which with subkind")
    return found[0]


# -- the service ------------------------------------------------------------------------------------
def record(
    db: Database,
    doc_ref: str,
    kind: str,
    start: int,
    end: int,
    action: str,
    who: str,
    fields: dict[str, Any] | None = None,
    note: str | None = None,
    subkind: str | None = None,
    settings: Settings | None = None,
) -> Correction:
    """Record an analyst's judgement of one annotation as the pipeline wrote it (or as it was
    re-attached); ``fields`` are the corrected values (action ``correct`` only)."""
    if kind not in KINDS:
        raise CorrectionError(f"unknown annotation kind {kind!r}: one of {', '.join(KINDS)}")
    if action not in ACTIONS:
        raise CorrectionError(f"unknown action {action!r}: one of {', '.join(ACTIONS)}")
    name = text_field(who, "who")
    if not name:
        raise CorrectionError("say who you are (who): corrections are signed")
    store = DocumentStore(db)
    try:
        doc = store.get(store.resolve_id(doc_ref))
    except StoreError as exc:
        raise CorrectionError(str(exc)) from exc
    ann = find_annotation(doc, kind, start, end, subkind)
    checked: dict[str, Any] = {}
    if action == "correct":
        checked = checked_fields(db, doc, kind, dict(fields or {}), settings)
        if not checked:
            raise CorrectionError("a correction needs at least one corrected field")
    correction = Correction(
        doc_id=doc.id,
        kind=kind,
        key=ann.key,
        subkind=ann.subkind,
        action=action,
        who=name,
        fields=checked,
        note=text_field(note, "note"),
        **ann.placement(),
    )
    saved = CorrectionStore(db).add(correction)
    to_copies(db, doc.duplicate_of or doc.id, saved)
    return saved


def to_copies(db: Database, original: str, c: Correction) -> int:
    """Record the same judgement for the same annotation in the other copies of the article (the
    ledger merges the reports of copies into one claim: corrected in one report only, the claim would
    split in two). A copy takes it where it has an annotation of the same kind and text, at the span or
    nearest to it; returns how many did."""
    store, docs = CorrectionStore(db), DocumentStore(db)
    n = 0
    for other_id in store.family(original):
        if other_id == c.doc_id:
            continue
        try:
            other = docs.get(other_id)
        except StoreError:
            continue
        found = relocate_in(other, dataclasses.replace(c, doc_id=other_id), set())
        if found is None:
            continue
        note = f"as judged in the copy {c.doc_id}" + (f": {c.note}" if c.note else "")
        copy = dataclasses.replace(c, doc_id=other_id, note=note[:MAX_TEXT], id=0, **found.placement())
        store.add(copy)
        n += 1
    return n


def list_corrections(
    db: Database,
    doc_id: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    history: bool = False,
) -> list[dict[str, Any]]:
    found = CorrectionStore(db).find([doc_id] if doc_id else None, kind, status, history)
    return [c.as_dict() for c in found]


@dataclass
class ReattachReport:
    kept: int = 0
    moved: int = 0
    orphaned: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"kept": self.kept, "moved": self.moved, "orphaned": self.orphaned}


def reattach(db: Database, doc_ids: Sequence[str] | None = None) -> ReattachReport:
    """After re-analysis, find each correction's annotation again: at the same span, else the nearest
    annotation of the same kind with the same key in the document. What matches nothing is marked
    orphaned (listed, never deleted), and attached again should a later analysis bring it back."""
    store = CorrectionStore(db)
    docs = DocumentStore(db)
    report = ReattachReport()
    by_doc: dict[str, list[Correction]] = {}
    for c in store.find(doc_ids):
        by_doc.setdefault(c.doc_id, []).append(c)
    moves: list[tuple[int, int, int, int | None, int | None]] = []
    orphans: list[int] = []
    for doc_id, corrections in by_doc.items():
        try:
            doc = docs.get(doc_id)
        except StoreError:
            orphans.extend(c.id for c in corrections)
            continue
        taken = {c.target for c in corrections}
        for c in corrections:
            found = relocate_in(doc, c, taken)
            if found is None:
                orphans.append(c.id)
            elif (found.start, found.end) == (c.start, c.end):
                report.kept += 1
                if c.status != "attached":
                    moves.append((c.id, found.start, found.end, found.evidence_start, found.evidence_end))
            else:
                taken.add((c.doc_id, c.kind, found.start, found.end, c.subkind))
                moves.append((c.id, found.start, found.end, found.evidence_start, found.evidence_end))
                report.moved += 1
    report.orphaned = len(orphans)
    if moves:
        store.relocate(moves)
    if orphans:
        store.set_status(orphans, "orphaned")
    return report


def relocate_in(
    doc: Document, c: Correction, taken: set[tuple[str, str, int, int, str]]
) -> Annotation | None:
    """The annotation a correction judges in this analysis of its document: at the same span, else the
    nearest one of the same kind and key not already judged (``taken``); None if there is none."""
    candidates = [a for a in annotations_of(doc, c.kind) if a.subkind == c.subkind]
    for a in candidates:
        if (a.start, a.end) == (c.start, c.end):
            return a
    same_key = [
        a for a in candidates if a.key == c.key and (c.doc_id, c.kind, a.start, a.end, c.subkind) not in taken
    ]
    if not same_key:
        return None
    return min(same_key, key=lambda a: abs(a.start - c.start))


def corrected_document(db: Database, doc: Document) -> Document:
    """The document with its corrections applied (for callers that need the model, not a record)."""
    return apply_to_document(doc, CorrectionSet.load(db, [doc.id])).doc
