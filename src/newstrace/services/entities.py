"""Reading entities: the list, and one entity with its names across languages, documents and company."""

from __future__ import annotations

from typing import Any

from newstrace.store.entities import EntityStore
from newstrace.store.sqlite import Database, StoreError


def list_entities(db: Database, etype: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    rows = EntityStore(db).list_entities(etype, limit, offset)
    return {"type": etype, "offset": offset, "limit": limit, "entities": [dict(r) for r in rows]}


def show_entity(db: Database, ref: str) -> dict[str, Any]:
    from newstrace.services.browse import resolve_entity

    store = EntityStore(db)
    row = store.find(ref)
    if row is None:
        # Any spelling in any script, as the web search finds it ("Херсон", "Poutine", "Zelenskyy").
        found = resolve_entity(db, ref) or _kb_entity(ref)
        row = store.find(found) if found else None
    if row is None:
        raise StoreError(
            f"no entity {ref!r}: no name of an entity in this store matches it in any script or spelling "
            "(`newstrace entities` lists them; `newstrace search` looks in the text)"
        )
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


def _kb_entity(ref: str) -> str | None:
    """The knowledge-base entity one of whose names in any language has the same spelling-insensitive
    key as ``ref`` ("Крымский мост" for the Crimean Bridge when only its English name was read)."""
    from newstrace.kb.loader import knowledge_base
    from newstrace.linking.keys import name_keys

    wanted = set(name_keys(ref))
    if not wanted:
        return None
    for e in knowledge_base():
        if any(wanted & set(name_keys(n)) for n in e.all_names()):
            return e.id
    return None
