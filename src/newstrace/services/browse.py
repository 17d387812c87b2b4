"""Browsing the corpus (what the web app and the HTTP API show): filtered story lists with their main
entities and places, places and events for the map, claim quantities, events, and search that crosses
languages through entity names."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from newstrace.linking.keys import name_keys
from newstrace.services.story_index import StoryIndexCache, StorySummary, build_story_index
from newstrace.store.browse import MATCH_CLOSE, MATCH_OPEN, BrowseStore
from newstrace.store.entities import EntityStore
from newstrace.store.events_view import events_available, list_events
from newstrace.store.lists import ListFilter, where
from newstrace.store.sqlite import Database, StoreError

MAIN_ENTITIES = 4
MAIN_PLACES = 3
# Query keys shorter than this match too many names ("de", "un") to be useful.
MIN_NAME_KEY = 3


def resolve_entity(db: Database, ref: str) -> str | None:
    """An entity id from an id or any of its names, else the most mentioned entity one of whose names
    matches across scripts and spellings ("Зеленський" finds Volodymyr Zelensky); None if none does."""
    row = EntityStore(db).find(ref)
    if row is not None:
        return str(row["id"])
    matches = matching_entities(db, ref, limit=1)
    return str(matches[0]["id"]) if matches else None


def story_list(
    db: Database,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
    place: str | None = None,
    lang: str | None = None,
    limit: int = 50,
    offset: int = 0,
    cache: StoryIndexCache | None = None,
) -> dict[str, Any]:
    """Stories, newest first (by their latest article), filtered: ``since``/``until`` keep stories with
    an article dated in the range, ``entity`` (an id or any name of it; unknown: no story) and
    ``place`` stories naming them outside boilerplate, ``lang`` stories with an article in it.
    A long-lived caller (the web app) passes a ``cache`` so the story index is built once per change
    of the store, not once per request."""
    store = BrowseStore(db)
    wanted: set[int] | None = None
    if entity:
        entity_id = resolve_entity(db, entity)
        if entity_id is None:
            return {"total": 0, "offset": offset, "limit": limit, "stories": []}
        wanted = store.rows_mentioning(entity_id)
    if place:
        named = store.rows_naming_place(place)
        wanted = named if wanted is None else wanted & named
    index = cache.get(store) if cache is not None else build_story_index(store)
    chosen: list[StorySummary] = list(index.stories)
    if wanted is not None:
        hit = {index.story_of_row[row] for row in wanted if row in index.story_of_row}
        chosen = [st for st in chosen if st.id in hit]
    for value, keeps in _STORY_FILTERS:
        bound = {"lang": lang, "since": since, "until": until}[value]
        if bound:
            chosen = [st for st in chosen if keeps(st, bound)]
    page = chosen[offset : offset + limit]
    return {"total": len(chosen), "offset": offset, "limit": limit, "stories": _story_entries(store, page)}


# The story list's filters on a story's summary, each with the query value it takes.
_STORY_FILTERS: tuple[tuple[str, Callable[[StorySummary, str], bool]], ...] = (
    ("lang", lambda st, lang: lang in st.langs),
    ("since", lambda st, since: (st.last_date or "") >= since),
    # "2022-09-15" <= "2022-09" is false as text: pad the bound so a whole month or year counts.
    ("until", lambda st, until: st.first_date is not None and st.first_date <= until + "~"),
)


def _story_entries(store: BrowseStore, page: list[StorySummary]) -> list[dict[str, Any]]:
    """A page of stories as listed: title, counts, dates, and their main entities and places."""
    docs = store.ids_and_titles([row for st in page for row in st.rows])
    doc_story = {docs[row][0]: st.id for st in page for row in st.rows if row in docs}
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for doc_id, entity_id, n in store.entity_counts(list(doc_story)):
        counts[doc_story[doc_id]][entity_id] += n
    info = {r["id"]: r for r in store.entity_info({e for c in counts.values() for e in c})}
    out = []
    for st in page:
        ranked = sorted(
            (
                {"entity_id": e, "name": info[e]["name"], "type": info[e]["type"], "mentions": n}
                for e, n in counts[st.id].items()
                if e in info
            ),
            key=lambda e: (-e["mentions"], e["name"]),
        )
        first = min(st.rows)
        out.append(
            {
                "id": st.id,
                "title": docs[first][1] if first in docs else None,
                "documents": len(st.rows),
                "languages": sorted(st.langs),
                "first_date": st.first_date,
                "last_date": st.last_date,
                "entities": [e for e in ranked if e["type"] != "place"][:MAIN_ENTITIES],
                "places": [e for e in ranked if e["type"] == "place"][:MAIN_PLACES],
            }
        )
    return out


def languages(db: Database) -> list[dict[str, Any]]:
    """The languages of the stored documents, most frequent first."""
    return [dict(r) for r in BrowseStore(db).languages()]


def places_list(
    db: Database,
    since: str | None = None,
    until: str | None = None,
    story_id: str | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> dict[str, Any]:
    rows = BrowseStore(db).places(since, until, story_id, limit, offset)
    return {"offset": offset, "limit": limit, "places": [dict(r) for r in rows]}


def events_list(
    db: Database,
    story_id: str | None = None,
    doc_ids: list[str] | None = None,
    located: bool = False,
    limit: int = 200,
    offset: int = 0,
    filters: ListFilter | None = None,
) -> dict[str, Any]:
    """Events (once the store has them: ``available`` says whether it does); ``filters`` are the
    list filters of ``store/lists.py`` (language, dates, country, outlet, story, type)."""
    extra = where("events", filters) if filters is not None and events_available(db.conn) else ("", [])
    total, events = list_events(
        db.conn,
        doc_ids=doc_ids,
        story_id=story_id,
        located=located,
        limit=limit,
        offset=offset,
        extra=extra,
    )
    return {
        "available": events_available(db.conn),
        "total": total,
        "offset": offset,
        "limit": limit,
        "events": events,
    }


def claim_quantities(db: Database) -> list[dict[str, Any]]:
    return [
        {
            "quantity": f"{r['kind']}:{r['subject']}",
            "kind": r["kind"],
            "subject": r["subject"],
            "claims": r["claims"],
            "claimants": r["claimants"],
        }
        for r in BrowseStore(db).claim_quantities()
    ]


def entity_claims(db: Database, entity_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in BrowseStore(db).entity_claims(entity_id)]


_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """The user's words as an FTS5 query that cannot be a syntax error: each word a quoted phrase."""
    return " ".join(f'"{w}"' for w in _TOKEN.findall(text))


def split_snippet(snippet: str | None) -> list[dict[str, Any]]:
    """A snippet as ``[{"text", "match"}]`` parts, so that no interface ever parses markup in it."""
    parts: list[dict[str, Any]] = []
    for i, chunk in enumerate((snippet or "").split(MATCH_OPEN)):
        if i == 0:
            if chunk:
                parts.append({"text": chunk, "match": False})
            continue
        hit, _, rest = chunk.partition(MATCH_CLOSE)
        if hit:
            parts.append({"text": hit, "match": True})
        if rest:
            parts.append({"text": rest, "match": False})
    return parts


def matching_entities(db: Database, query: str, limit: int = 10) -> list[dict[str, Any]]:
    """Entities one of whose names, in any script or spelling, starts with the query's words
    ("Херсон", "Kherson" and "Kherson Oblast" for "kherson"; "Путин" and "Putin" for "Poutine")."""
    keys = [k for k in name_keys(query) if len(k.replace(" ", "")) >= MIN_NAME_KEY]
    if not keys:
        return []
    store = BrowseStore(db)
    names: dict[str, set[str]] = defaultdict(set)
    for r in store.entity_names():
        for nk in name_keys(r["name"]):
            padded = " " + nk
            if any(padded.find(" " + k) >= 0 for k in keys):
                names[r["entity_id"]].add(r["name"])
                break
    found = [dict(r) for r in store.entities_with_counts(list(names))][:limit]
    for e in found:
        e["matched_names"] = sorted(names[e["id"]])
    return found


def search_all(db: Database, query: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Full-text hits, and the documents naming an entity the query names, in any language."""
    store = BrowseStore(db)
    used = query
    try:
        total, rows = store.search(query, limit, offset)
    except StoreError:
        used = fts_query(query)
        if not used:
            raise
        total, rows = store.search(used, limit, offset)
    hits = []
    for r in rows:
        item = {k: r[k] for k in ("id", "title", "lang", "date", "story_id", "duplicate_of")}
        item["snippet"] = split_snippet(r["snippet"])
        hits.append(item)
    entities = matching_entities(db, query)
    seen = {h["id"] for h in hits}
    via_entities = []
    if offset == 0 and entities:
        for r in store.documents_mentioning([e["id"] for e in entities], limit):
            if r["id"] not in seen:
                item = dict(r)
                item["matched"] = ", ".join(sorted(set((r["matched"] or "").split(",")) - {""}))
                via_entities.append(item)
    return {
        "query": query,
        "fts_query": used,
        "total": total,
        "offset": offset,
        "limit": limit,
        "results": hits,
        "entities": entities,
        "entity_documents": via_entities,
    }
