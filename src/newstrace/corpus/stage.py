"""The corpus stages: decisions about a document that depend on the documents before it (which entity
an automatic one merges into, which document it copies, which story it joins, which event groups its
events join). Unlike a per-document stage, each holds what it has seen, in input order.

Each is a ``CorpusStage``: called on every new document in input order, it returns the document with
its decision applied and adds what the store keeps besides the document to the batch's ``CorpusBatch``
(signatures, story edges and merges, event groups). ``begin`` is shown the whole batch first (the
story rules read which entities are common across stories from it); ``flush`` is called once the batch
is written, and ``finish`` once at the end of the input (``finish_corpus``: the stories' last look back). The
registry (``registry.CORPUS_STAGES``) builds them from the settings and the store, and local ingest and
``newstrace load`` run them through the same ``run_corpus``; the Spark job makes the same decisions
for ``SPARK_JOB_STAGES`` at scale (``spark/run.py``), and ``newstrace load`` runs the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newstrace.corpus.dedup import Deduplicator
from newstrace.corpus.entity_merge import EntityMerger
from newstrace.corpus.event_groups import EventLinker
from newstrace.corpus.story_assigner import Edge, StoryAssigner
from newstrace.model import Document


@dataclass
class CorpusBatch:
    """What the corpus stages decided for one batch besides the documents, written with them."""

    signatures: dict[str, bytes] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    merges: list[tuple[str, str]] = field(default_factory=list)
    event_groups: dict[str, list[str | None]] = field(default_factory=dict)


class CorpusStage(Protocol):
    @property
    def name(self) -> str: ...

    def begin(self, docs: Sequence[Document]) -> None: ...

    def __call__(self, doc: Document, batch: CorpusBatch) -> Document: ...

    def flush(self) -> None: ...

    def finish(self, batch: CorpusBatch) -> None: ...


def finish_corpus(stages: Sequence[CorpusStage]) -> CorpusBatch:
    """What the stages decide at the end of the input (a batch without documents, to be written)."""
    batch = CorpusBatch()
    for stage in stages:
        stage.finish(batch)
    return batch


def run_corpus(stages: Sequence[CorpusStage], docs: Sequence[Document], batch: CorpusBatch) -> list[Document]:
    """Each document through every stage, in input order (a stage may depend on an earlier one's
    decision on the same document: stories read ``duplicate_of``, event groups the story), after each
    stage has seen the whole batch as it came in (``begin``)."""
    for stage in stages:
        stage.begin(docs)
    out = []
    for doc in docs:
        for stage in stages:
            doc = stage(doc, batch)
        out.append(doc)
    return out


class EntityMergeStage:
    """Automatic corpus entities merged into a close one seen before (``corpus.entity_merge``)."""

    name = "entity_merge"

    def __init__(self, known: Iterable[tuple[str, str]]) -> None:
        self._merger = EntityMerger(known)

    def begin(self, docs: Sequence[Document]) -> None:
        pass

    def __call__(self, doc: Document, batch: CorpusBatch) -> Document:
        return self._merger.merge(doc)

    def flush(self) -> None:
        pass

    def finish(self, batch: CorpusBatch) -> None:
        pass


class DuplicatesStage:
    """Exact and near copies (``corpus.dedup``): ``content_hash`` and ``duplicate_of`` set, the MinHash
    signature kept for the store."""

    name = "duplicates"

    def __init__(self, dedup: Deduplicator, owner_of_hash: Callable[[str], str | None]) -> None:
        self._dedup = dedup
        self._owner_of_hash = owner_of_hash

    def begin(self, docs: Sequence[Document]) -> None:
        pass

    def __call__(self, doc: Document, batch: CorpusBatch) -> Document:
        doc, signature = self._dedup.check(doc, self._owner_of_hash)
        batch.signatures[doc.id] = signature
        return doc

    def flush(self) -> None:
        self._dedup.flush()

    def finish(self, batch: CorpusBatch) -> None:
        pass


class StoriesStage:
    """The story a document joins, its syndication edge, and stories it merges (``corpus.stories``)."""

    name = "stories"

    def __init__(self, assigner: StoryAssigner) -> None:
        self._assigner = assigner

    def begin(self, docs: Sequence[Document]) -> None:
        self._assigner.expect(docs)

    def __call__(self, doc: Document, batch: CorpusBatch) -> Document:
        doc, edges = self._assigner.assign(doc, batch.signatures[doc.id])
        batch.edges.extend(edges)
        batch.merges.extend(self._assigner.take_merges())
        return doc

    def flush(self) -> None:
        self._assigner.flush()

    def finish(self, batch: CorpusBatch) -> None:
        batch.merges.extend(self._assigner.finish())


class EventGroupsStage:
    """The group of each event: the same event told by several articles of a story
    (``corpus.event_groups``). Story merges of the batch are followed as they happen."""

    name = "event_groups"

    def __init__(self, known: Iterable[tuple[str, str, str, str | None, str | None]]) -> None:
        self._linker = EventLinker()
        self._linker.load(known)
        self._merges_seen = 0

    def begin(self, docs: Sequence[Document]) -> None:
        pass

    def __call__(self, doc: Document, batch: CorpusBatch) -> Document:
        self._linker.merge_stories(batch.merges[self._merges_seen :])
        self._merges_seen = len(batch.merges)
        batch.event_groups[doc.id] = list(self._linker.assign(doc))
        return doc

    def flush(self) -> None:
        self._merges_seen = 0

    def finish(self, batch: CorpusBatch) -> None:
        # Later runs load the groups by their stories as stored, merges applied.
        self._linker.merge_stories(batch.merges)
