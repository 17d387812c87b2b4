"""Reading stories: the list, and one story with its articles by language and date, its syndication
tree, main entities and claims."""

from __future__ import annotations

from collections import Counter
from typing import Any

from newstrace.readers.names import public_source
from newstrace.services.corrections_apply import CorrectionSet, apply_to_document
from newstrace.services.export import claim_record
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import StoreError


def list_stories(store: DocumentStore, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    rows = store.stories(limit, offset)
    return {"offset": offset, "limit": limit, "stories": [dict(r) for r in rows]}


def story_record(store: DocumentStore, story_id: str) -> dict[str, Any]:
    """The export shape of a story: id, title per language, docs, languages, dates, edges."""
    doc_ids = store.story_documents(story_id)
    if not doc_ids:
        raise StoreError(f"no story {story_id!r}")
    docs = [store.get(i) for i in doc_ids]
    titles: dict[str, str] = {}
    for d in docs:
        if d.lang and d.title and d.lang not in titles:
            titles[d.lang] = d.title.text
    dates = sorted(d.date.value.iso() for d in docs if d.date)
    return {
        "id": story_id,
        "title": next(iter(titles.values()), None),
        "titles": titles,
        "docs": doc_ids,
        "languages": sorted({d.lang for d in docs if d.lang}),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "edges": [
            {"from": e["src"], "to": e["dst"], "kind": e["kind"], "similarity": e["similarity"]}
            for e in store.story_edges(story_id)
        ],
    }


def show_story(store: DocumentStore, story_id: str) -> dict[str, Any]:
    record = story_record(store, story_id)
    cset = CorrectionSet.load(store.db, record["docs"])
    reviewed = [apply_to_document(store.get(i), cset) for i in record["docs"]]
    docs = [r.doc for r in reviewed]
    entities: Counter[str] = Counter()
    names: dict[str, str] = {}
    claims: list[dict[str, Any]] = []
    for r in reviewed:
        d = r.doc
        for m in d.mentions:
            if m.entity_id and not m.in_boilerplate:
                entities[m.entity_id] += 1
                names.setdefault(m.entity_id, m.name or m.text)
        for k in d.claims:
            review = r.marks.get(("claim", k.start, k.end, k.kind))
            claims.append({**claim_record(d, k), "doc_id": d.id, **({"review": review} if review else {})})
    record["articles"] = [
        {
            "id": d.id,
            "lang": d.lang,
            "date": d.date.value.iso() if d.date else None,
            "title": d.title.text if d.title else None,
            "source": public_source(d.source),
            "duplicate_of": d.duplicate_of,
        }
        for d in sorted(docs, key=lambda x: (x.date.value.iso() if x.date else "", x.lang or ""))
    ]
    record["entities"] = [
        {"entity_id": e, "name": names[e], "mentions": n} for e, n in entities.most_common(15)
    ]
    record["claims"] = claims
    return record


def iter_story_records(store: DocumentStore) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    offset = 0
    while True:
        rows = store.stories(500, offset)
        if not rows:
            return out
        out.extend(story_record(store, r["id"]) for r in rows)
        offset += len(rows)
