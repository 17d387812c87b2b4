"""Story assignment during ingest: the clusterer for the story, syndication edges inside it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from newstrace.corpus import stories, story_learned
from newstrace.corpus.story_base import BaseStoryClusterer
from newstrace.corpus.syndication import Brief, brief, edge_kind
from newstrace.model import Document, StoredStoryInput
from newstrace.model.vectors import as_vector
from newstrace.text.numbers import digit_sequence

Edge = tuple[str, str, str, str, float]  # story, earlier doc, new doc, kind, similarity
# How many earlier articles of a story a new one is compared with for syndication edges.
MAX_EDGE_CANDIDATES = 30
_RANK = {"copy": 0, "translation": 1, "rewrite": 2}


class StoryAssigner:
    """Runs the clusterer over new documents and finds their syndication edges.

    ``signature`` and ``text`` read an earlier document's MinHash signature and analysed text from the
    store, only when a comparison needs them: the texts of stored documents are never all loaded.
    """

    def __init__(
        self,
        signature: Callable[[str], bytes | None],
        text: Callable[[str], str | None],
        decision: str,
    ) -> None:
        # ``Settings.stories``: "rules", the calibrated scores of ``corpus.stories``; "learned",
        # ``corpus.story_learned``. No default of its own: it could only disagree with the settings'.
        self._learned = decision == "learned"
        self.clusterer: BaseStoryClusterer = (
            story_learned.LearnedStoryClusterer() if self._learned else stories.StoryClusterer()
        )
        self._signature = signature
        self._text = text
        self._briefs: dict[str, Brief] = {}
        self._recent: dict[str, bytes] = {}

    def load(self, stored: Iterable[StoredStoryInput]) -> None:
        for row in stored:
            module = story_learned if self._learned else stories
            self.clusterer.add(row.story_id, module.stored_features(row))
            self._briefs[row.id] = Brief(
                row.id, row.lang, as_vector(row.embedding), row.duplicate_of, row.entities, None
            )

    def expect(self, docs: Sequence[Document]) -> None:
        """The next batch, before its documents are assigned one by one: the rules read the entities
        common across stories from it (``StoryClusterer.expect``); the learned decision needs nothing."""
        if isinstance(self.clusterer, stories.StoryClusterer):
            self.clusterer.expect([stories.features(d) for d in docs])

    def take_merges(self) -> list[tuple[str, str]]:
        """Story merges since the last call, for the store to apply with the batch."""
        merges, self.clusterer.merges = self.clusterer.merges, []
        return merges

    def finish(self) -> list[tuple[str, str]]:
        """The story merges of the clusterer's last look back, at the end of the input."""
        self.clusterer.settle()
        return self.take_merges()

    def flush(self) -> None:
        self._recent.clear()

    def _earlier(self, doc_id: str) -> tuple[Brief, bytes] | None:
        sig = self._recent.get(doc_id) or self._signature(doc_id)
        known = self._briefs.get(doc_id)
        if known is None or sig is None:
            return None
        if known.figures is None:
            known = dataclasses.replace(known, figures=digit_sequence(self._text(doc_id) or ""))
            self._briefs[doc_id] = known
        return known, sig

    def assign(self, doc: Document, signature: bytes) -> tuple[Document, list[Edge]]:
        module = story_learned if self._learned else stories
        sid, _ = self.clusterer.assign(module.features(doc))
        doc = dataclasses.replace(doc, story_id=sid)
        mine = np.frombuffer(signature, dtype=np.uint64)
        me = brief(doc)
        best: tuple[int, float, str, str] | None = None
        for other_id in self.clusterer.stories[sid].docs[:-1][-MAX_EDGE_CANDIDATES:]:
            earlier = self._earlier(other_id)
            if earlier is None:
                continue
            other, other_sig = earlier
            sim = float(np.mean(np.frombuffer(other_sig, dtype=np.uint64) == mine))
            found = edge_kind(other, me, sim)
            if found is not None:
                key = (_RANK[found[0]], -found[1], other_id, found[0])
                if best is None or key < best:
                    best = key
        self._recent[doc.id] = signature
        self._briefs[doc.id] = me
        edges = [(sid, best[2], doc.id, best[3], round(-best[1], 4))] if best is not None else []
        return doc, edges
