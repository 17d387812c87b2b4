"""The same event told in several articles of a story is one event with several reports.

Within an article the events stage already joined the reports of one event (a cluster). Across the
articles of a story, an asserted event joins an earlier event group of the same type when their places
agree (the same place, or one of them unplaced) and their dates are at most three days apart (or one is
unknown); an exact place match is preferred. Denied, supposed and announced events are never joined:
each stays its own event.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newstrace.corpus.stories import days_apart
from newstrace.model import Document, Event

SAME_EVENT_DAYS = 3


@dataclass(frozen=True)
class KnownEvent:
    group: str
    type: str
    place: str | None
    date: str | None


def place_key(e: Event) -> str | None:
    if e.place is None:
        return None
    return f"gn:{e.place.geonames_id}" if e.place.geonames_id is not None else e.place.name


class EventLinker:
    def __init__(self) -> None:
        self._by_story: dict[str, list[KnownEvent]] = defaultdict(list)

    def load(self, rows: Iterable[tuple[str, str, str, str | None, str | None]]) -> None:
        """``(story id, group, type, place key, date)`` of the stored asserted event groups."""
        for story, group, etype, place, date in rows:
            self._by_story[story].append(KnownEvent(group, etype, place, date))

    def merge_stories(self, merges: Sequence[tuple[str, str]]) -> None:
        for gone, keep in merges:
            self._by_story[keep].extend(self._by_story.pop(gone, []))

    def _match(self, story: str, e: Event) -> str | None:
        mine = place_key(e)
        best: tuple[int, str] | None = None
        for k in self._by_story.get(story, ()):
            if k.type != e.type or days_apart(k.date, e.date) > SAME_EVENT_DAYS:
                continue
            if mine is not None and k.place is not None and mine != k.place:
                continue
            rank = 0 if mine == k.place else 1
            if best is None or rank < best[0]:
                best = (rank, k.group)
        return best[1] if best else None

    def assign(self, doc: Document) -> list[str]:
        """The event group of each of ``doc``'s events, in order."""
        story = doc.story_id or doc.id
        by_cluster: dict[int, str] = {}
        groups = []
        for e in doc.events:
            group = by_cluster.get(e.cluster)
            if group is None:
                found = self._match(story, e) if e.status == "asserted" else None
                group = found or "event-" + hashlib.sha256(f"{doc.id}:{e.cluster}".encode()).hexdigest()[:12]
                by_cluster[e.cluster] = group
                if found is None and e.status == "asserted":
                    self._by_story[story].append(KnownEvent(group, e.type, place_key(e), e.date))
            groups.append(group)
        return groups
