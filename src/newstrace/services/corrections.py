"""The analyst's correction loop: record a judgement of an annotation (confirm, correct, reject), list
them, and re-attach them after re-analysis.

An annotation is named by its document, its kind and its own raw span (a claim's figure, a place's or
an entity's mention, an event's trigger), with a key to find it again when the pipeline moves it: its
surface text (and, for a claim, the kind the pipeline gave it). Applying corrections is
``corrections_apply`` (one function for every reader).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newstrace.linking.gazetteer import GazPlace
from newstrace.model import Claim, Document, Event, Mention, Place
from newstrace.services.corrections_apply import CorrectionSet, apply_to_document
from newstrace.settings import Settings
from newstrace.store.corrections import ACTIONS, KINDS, Correction, CorrectionStore
from newstrace.store.documents import DocumentStore, EntityStore
from newstrace.store.sqlite import Database, StoreError

BOUNDS = ("exact", "at_least", "at_most", "about")
STATUSES = ("asserted", "negated", "hypothetical", "future", "historical")
CLAIM_FIELDS = ("kind", "low", "high", "value", "bound", "subject", "claimant")
MAX_TEXT = 300


class CorrectionError(ValueError):
    """A correction that cannot be recorded (unknown annotation, bad field); the message says why."""


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


def _claim(doc: Document, k: Claim) -> Annotation:
    who = (k.claimant.name or k.claimant.text) if k.claimant else None
    values = {
        "kind": k.kind,
        "low": k.low,
        "high": k.high,
        "bound": k.bound,
        "unit": k.unit,
        "subject": k.subject,
        "claimant": who,
    }
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


# -- checking the corrected fields -------------------------------------------------------------------
def _text(value: Any, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise CorrectionError(f"{name} must be text of at most {MAX_TEXT} characters")
    return value.strip() or None


def _number(value: Any, name: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise CorrectionError(f"{name} must be a number, not {value!r}") from exc
    if not math.isfinite(number):
        raise CorrectionError(f"{name} must be a finite number")
    return number


def claim_fields(given: dict[str, Any]) -> dict[str, Any]:
    unknown = set(given) - set(CLAIM_FIELDS)
    if unknown:
        raise CorrectionError(f"a claim has no field {', '.join(sorted(unknown))}: {', '.join(CLAIM_FIELDS)}")
    out: dict[str, Any] = {}
    if "kind" in given:
        kind = _text(given["kind"], "kind")
        if not kind:
            raise CorrectionError("a claim's kind cannot be empty")
        out["kind"] = kind
    if "value" in given:
        out["low"] = out["high"] = _number(given["value"], "value")
    for name in ("low", "high"):
        if name in given:
            out[name] = _number(given[name], name)
    if "bound" in given:
        if given["bound"] not in BOUNDS:
            raise CorrectionError(f"bound must be one of {', '.join(BOUNDS)}")
        out["bound"] = given["bound"]
    for name in ("subject", "claimant"):
        if name in given:
            out[name] = _text(given[name], name)
    return out


def place_fields(given: dict[str, Any], settings: Settings | None) -> dict[str, Any]:
    """A place's correction names a gazetteer candidate (``candidate``: "gn:703448", "country:UA"...);
    it is stored resolved, so applying it needs no gazetteer."""
    ref = given.get("candidate")
    if not isinstance(ref, str) or not ref:
        raise CorrectionError("a place is corrected by choosing a gazetteer candidate: give 'candidate'")
    pick = _gazetteer_place(ref, settings)
    if pick is None:
        raise CorrectionError(f"no gazetteer place {ref!r}")
    return {
        "candidate": pick.id,
        "name": pick.name,
        "country": pick.country,
        "lat": round(pick.lat, 5),
        "lon": round(pick.lon, 5),
        "geonames_id": pick.geonames_id,
        "feature": pick.feature,
        "precision": 3 if pick.feature in ("region", "country") else 1,
    }


def _gazetteer_place(ref: str, settings: Settings | None) -> GazPlace | None:
    from newstrace.linking.gazetteer import gazetteer

    gaz = gazetteer((settings or Settings()).cache_dir)
    found = gaz.get(ref)
    if found is None and ref.startswith("gn:") and ref[3:].isdigit():
        # Towns are not in the id index (it would cost memory for every one): find the row by number.
        rows = (gaz.geonames == int(ref[3:])).nonzero()[0]
        found = gaz.place(int(rows[0])) if len(rows) else None
    return found


def place_candidates(text: str, settings: Settings | None = None, limit: int = 12) -> list[dict[str, Any]]:
    """The gazetteer's candidates for a place name, as an analyst chooses among them."""
    from newstrace.linking.gazetteer import gazetteer

    gaz = gazetteer((settings or Settings()).cache_dir)
    out = []
    for c in gaz.candidates(text)[:limit]:
        out.append(
            {
                "id": c.id,
                "name": c.name,
                "feature": c.feature,
                "country": c.country,
                "population": c.population,
            }
        )
    return out


def link_fields(db: Database, given: dict[str, Any]) -> dict[str, Any]:
    ref = given.get("entity_id")
    if ref in (None, ""):
        return {"entity_id": None, "name": None}  # the mention names no known entity
    row = EntityStore(db).find(str(ref)) if isinstance(ref, str) else None
    if row is None:
        raise CorrectionError(f"no entity {ref!r}")
    return {"entity_id": row["id"], "name": row["name"]}


def event_fields(doc: Document, given: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "type" in given:
        from newstrace.text.event_lexicon import event_lexicon

        t = event_lexicon().resolve_type(str(given["type"]))
        if t is None:
            raise CorrectionError(f"unknown event type {given['type']!r}")
        # The codes go with the type, so that readers in SQL need no vocabulary.
        out.update(
            type=t.type,
            acled_event_type=t.acled_event_type,
            acled_sub_event_type=t.acled_sub_event_type,
            plover=t.plover,
        )
    if "status" in given:
        if given["status"] not in STATUSES:
            raise CorrectionError(f"status must be one of {', '.join(STATUSES)}")
        out["status"] = given["status"]
    if "place" in given:
        out["place"] = _event_place(doc, given["place"])
    return out


def _event_place(doc: Document, name: Any) -> dict[str, Any] | None:
    """An event is placed at one of its document's places (by name or text), or nowhere."""
    if name in (None, ""):
        return None
    wanted = str(name).casefold()
    for p in doc.places:
        if wanted in (p.name.casefold(), p.text.casefold()):
            return {
                "name": p.name,
                "text": p.text,
                "country": p.country,
                "lat": p.lat,
                "lon": p.lon,
                "geonames_id": p.geonames_id,
                "precision": p.precision,
                "feature": p.feature,
                "start": p.start,
                "end": p.end,
            }
    raise CorrectionError(f"{name!r} is not a place of document {doc.id}")


def _fields(
    db: Database, doc: Document, kind: str, given: dict[str, Any], settings: Settings | None
) -> dict[str, Any]:
    if kind == "claim":
        return claim_fields(given)
    if kind == "place":
        return place_fields(given, settings)
    if kind == "entity_link":
        return link_fields(db, given)
    return event_fields(doc, given)


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
    name = _text(who, "who")
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
        checked = _fields(db, doc, kind, dict(fields or {}), settings)
        if not checked:
            raise CorrectionError("a correction needs at least one corrected field")
    correction = Correction(
        doc_id=doc.id,
        kind=kind,
        start=ann.start,
        end=ann.end,
        key=ann.key,
        subkind=ann.subkind,
        evidence_start=ann.evidence_start,
        evidence_end=ann.evidence_end,
        action=action,
        who=name,
        fields=checked,
        original=ann.values,
        note=_text(note, "note"),
    )
    return CorrectionStore(db).add(correction)


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
