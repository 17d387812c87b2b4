"""The story index: every story's documents, dates and languages, newest first, put together from the
store's covering indexes (see ``BrowseStore.story_memberships``), and a cache that keeps it while the
store is unchanged (documents are only ever added: their largest rowid and count tell a change)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from newstrace.store.browse import BrowseStore


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: str
    rows: tuple[int, ...]  # document rowids, oldest first
    first_date: str | None
    last_date: str | None
    langs: frozenset[str]


@dataclass(frozen=True)
class StoryIndex:
    fingerprint: tuple[int, int]
    stories: tuple[StorySummary, ...]  # newest first: latest article date, then size, then id
    story_of_row: dict[int, str]


def build_story_index(store: BrowseStore, fingerprint: tuple[int, int] | None = None) -> StoryIndex:
    fp = fingerprint if fingerprint is not None else store.documents_fingerprint()
    dates = store.row_dates()
    langs = store.row_langs()
    rows: dict[str, list[int]] = {}
    story_of_row: dict[int, str] = {}
    for row, story_id in store.story_memberships():
        rows.setdefault(story_id, []).append(row)
        story_of_row[row] = story_id
    stories = []
    for story_id, members in rows.items():
        members.sort()
        ds = [dates[r] for r in members if r in dates]
        stories.append(
            StorySummary(
                story_id,
                tuple(members),
                min(ds) if ds else None,
                max(ds) if ds else None,
                frozenset(langs[r] for r in members if r in langs),
            )
        )
    stories.sort(key=lambda st: st.id)
    stories.sort(key=lambda st: (st.last_date or "", len(st.rows)), reverse=True)
    return StoryIndex(fp, tuple(stories), story_of_row)


class StoryIndexCache:
    """One story index per long-lived app, rebuilt when the store's documents change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: StoryIndex | None = None

    def get(self, store: BrowseStore) -> StoryIndex:
        fp = store.documents_fingerprint()
        index = self._index
        if index is not None and index.fingerprint == fp:
            return index
        with self._lock:
            index = self._index
            if index is None or index.fingerprint != fp:
                # The fingerprint is read before the scans: documents added meanwhile change it
                # again, so the next call rebuilds; a stale index is never kept.
                index = build_story_index(store, fp)
                self._index = index
        return index
