"""Reading entities: the list, and one entity with its names across languages, documents and company."""

from __future__ import annotations

from typing import Any

from newstrace.store.documents import EntityStore
from newstrace.store.sqlite import Database, StoreError


def list_entities(db: Database, etype: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    rows = EntityStore(db).list_entities(etype, limit, offset)
    return {"type": etype, "offset": offset, "limit": limit, "entities": [dict(r) for r in rows]}


def show_entity(db: Database, ref: str) -> dict[str, Any]:
    store = EntityStore(db)
    row = store.find(ref)
    if row is None:
        raise StoreError(f"no entity {ref!r} (give its id or one of its names)")
    eid = row["id"]
    names: dict[str, list[str]] = {}
    for r in store.names(eid):
        names.setdefault(r["lang"] or "?", []).append(r["name"])
    return {
        **dict(row),
        "names": names,
        "documents": [dict(r) for r in store.documents(eid)],
        "cooccurring": [dict(r) for r in store.cooccurring(eid)],
    }
