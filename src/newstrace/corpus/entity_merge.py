"""Merge corpus-made entities across documents when their names differ only by transliteration.

"Marat Khusnullin" and "Marat Khousnouline" get different keys ("marathusnulin", "marathusnuline");
within one type, keys this similar are one entity: the one seen first keeps its id.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from newstrace.model import Document

# Similarity (0-100) of two auto-entity keys of the same type above which they are one entity. Set so
# that French and English romanisations of one Russian name meet (93-96) and two different surnames
# sharing a first name do not (below 85 on the sample corpus).
MERGE_SIMILARITY = 92
_MIN_KEY = 8


class EntityMerger:
    def __init__(self, known: Iterable[tuple[str, str]] = ()) -> None:
        self._by_type: dict[str, list[str]] = {}
        self._alias: dict[str, str] = {}
        for eid, etype in known:
            self._by_type.setdefault(etype, []).append(eid)

    def _canonical(self, eid: str, etype: str) -> str:
        if eid in self._alias:
            return self._alias[eid]
        pool = self._by_type.setdefault(etype, [])
        target = eid
        if eid not in pool and len(eid) - len("auto/") >= _MIN_KEY:
            hit = process.extractOne(eid, pool, scorer=fuzz.ratio, score_cutoff=MERGE_SIMILARITY)
            if hit is not None:
                target = hit[0]
        if target == eid and eid not in pool:
            pool.append(eid)
        self._alias[eid] = target
        return target

    def canonical(self, entity_id: str, etype: str) -> str:
        """The id a corpus entity is merged into (itself when nothing seen before is close enough)."""
        return self._canonical(entity_id, etype)

    def merge(self, doc: Document) -> Document:
        changed = False
        mentions = []
        for m in doc.mentions:
            if m.entity_id and m.entity_id.startswith("auto/"):
                target = self._canonical(m.entity_id, m.type)
                if target != m.entity_id:
                    m = dataclasses.replace(m, entity_id=target)
                    changed = True
            mentions.append(m)
        return dataclasses.replace(doc, mentions=tuple(mentions)) if changed else doc
