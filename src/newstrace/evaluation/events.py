"""Events against a gold ``events`` list: ``{"doc", "type", "place", "evidence"}``.

A gold event is found when the document has an asserted event of the same type (gold files may name
types by an alias: "capture", "appeal") whose place is the gold place (the same name under any
romanisation, or a gazetteer namesake within 25 km), or no place where the gold has none. Events that
were invented from removed text (captions, credits) or that were not asserted but matched a gold event's
type and sentence are counted apart.
"""

from __future__ import annotations

from typing import Any

from newstrace.linking.gazetteer import distance_km, gazetteer
from newstrace.linking.keys import name_keys
from newstrace.model import Document, Event, Place
from newstrace.text.event_lexicon import event_lexicon

PLACE_TOLERANCE_KM = 25.0


def same_place(gold_name: str, place: Place) -> bool:
    gold_keys = set(name_keys(gold_name))
    ours = set(name_keys(place.name)) | set(name_keys(place.text))
    # "Luhansk" names the city and the oblast; "Luhansk Oblast" starts with it.
    ours |= {k.split()[0] for k in ours if k.split()}
    if gold_keys & ours:
        return True
    return any(
        distance_km((c.lat, c.lon), (place.lat, place.lon)) <= PLACE_TOLERANCE_KM
        for c in gazetteer().candidates(gold_name, fuzzy=False, villages=True)
    )


def _matches(g: dict[str, Any], e: Event) -> bool:
    wanted = event_lexicon().resolve_type(str(g["type"]))
    if wanted is None or wanted.type != e.type:
        return False
    if g.get("place") is None:
        return e.place is None
    return e.place is not None and same_place(str(g["place"]), e.place)


def _in_removed(doc: Document, e: Event) -> bool:
    return any(r.start < e.evidence_end and e.evidence_start < r.end for r in doc.removed)


def _miss(g: dict[str, Any], doc: Document) -> str:
    """A missed gold event, with the asserted events the document has instead."""
    asserted = [e for e in doc.events if e.status == "asserted"]
    got = sorted({f"{e.type}@{e.place.name if e.place else None}" for e in asserted})
    return f"{g['doc'][:3]} {g['type']}@{g.get('place')}: have {', '.join(got) or 'none'}"


def _counts(docs: list[Document]) -> dict[str, int]:
    """The events of the gold documents: asserted reports and clusters, the rest, and those read from
    removed text."""
    events = [(d, e) for d in docs for e in d.events]
    asserted = [(d, e) for d, e in events if e.status == "asserted"]
    return {
        "asserted_reports": len(asserted),
        "asserted_events": len({(d.id, e.cluster) for d, e in asserted}),
        "not_asserted": len(events) - len(asserted),
        "from_removed_text": sum(1 for d, e in events if _in_removed(d, e)),
    }


def score_events(gold: list[dict[str, Any]], docs: dict[str, Document]) -> dict[str, Any]:
    found = 0
    misses = []
    for g in gold:
        doc = docs.get(str(g["doc"]))
        if doc is None:
            continue
        if any(e.status == "asserted" and _matches(g, e) for e in doc.events):
            found += 1
        else:
            misses.append(_miss(g, doc))
    wanted_docs = [docs[s] for s in {str(g["doc"]) for g in gold} if s in docs]
    return {
        "gold": len(gold),
        "found": found,
        "recall": round(found / len(gold), 4) if gold else 1.0,
        **_counts(wanted_docs),
        "misses": misses,
    }
