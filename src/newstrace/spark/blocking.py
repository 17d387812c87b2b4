"""Stories at scale: candidate blocks by (date window, shared entity), then the local story logic run
over each block in input order, blocks in parallel. This is how the job runs the calibrated rules
(``stories = "rules"``); the learned decision (the default) is one block, the whole input in order
(``spark.run``), since its candidates also come by nearest embedding and its weights from the corpus so far.

Local ingest under the rules (``corpus.stories``) lets a new article join only a story that shares one of its
distinctive entities (those not common across stories, ``corpus.stories``) and is active within
``WINDOW_DAYS``. Two articles that share no distinctive
entity within the window can therefore only meet in a story through others: the blocks are the
connected components of "shares a distinctive entity, dated within the window" (undated articles are
within any window, as in local ingest). They are found without building the quadratic pair list:
documents are bucketed by (entity, window-long period); each bucket is linked as a star to its first
document, two consecutive buckets of an entity are linked when their nearest dates are within the
window, and the few million links are merged with a union-find on the driver (one integer per
document). Each block then runs ``StoryAssigner`` unchanged, with the corpus-wide document count and
the entity's corpus-wide document frequency at that point of the input order, so that the IDF weights
are those local ingest would use.

What can differ from local ingest on a large corpus (exactly the same when the corpus is one block and
one ingest batch, or when no story spans more than the window between its articles that share an
entity and the common entities come out the same): the entities common across stories, read from the
input grouped in chunks of a batch's size, each against the groupings of the chunks before it, where
local ingest reads them batch by batch against the stories it has stored (``StoryClusterer.expect``;
its batches count records, rejected ones too, the chunks accepted documents); a story whose
article sharing the entity is older than the window although the story itself is still active;
``MAX_POSTINGS`` and ``MAX_CANDIDATES`` counted within a block; the IDF of an entity of the story that
the new article does not name, which is its frequency when the block last saw it; which stories are live
(local ingest drops a story from its candidate indexes once the newest day it has seen is more than the
window past the story's latest article: a block counts the newest day among its own articles, so an
out-of-order article may still find, in a block, a story that local ingest had already retired).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from newstrace.corpus.stories import WINDOW_DAYS, StoryClusterer, common_of, features, grouped_alone
from newstrace.corpus.story_assigner import Edge, StoryAssigner
from newstrace.model import Document, PartialDate
from newstrace.model.serialise import document_from_json

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def day_number(iso: str | None) -> int | None:
    """The day a (partial) date stands for, as local story scoring counts days (its first day)."""
    d = PartialDate.parse_iso(iso) if iso else None
    return d.anchor().toordinal() if d is not None else None


class UnionFind:
    """Components over ranks 0..n-1; a component is named by its smallest rank."""

    def __init__(self, n: int) -> None:
        self.parent = np.arange(n, dtype=np.int64)

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = int(parent[x])
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo

    def blocks(self) -> Iterator[tuple[int, int]]:
        """``(rank, block)`` for every rank not alone in its component."""
        roots = np.array([self.find(i) for i in range(len(self.parent))], dtype=np.int64)
        counts = np.bincount(roots, minlength=len(roots))
        for rank in np.nonzero(counts[roots] > 1)[0]:
            yield int(rank), int(roots[rank])


def block_links(features: DataFrame, window: int = WINDOW_DAYS) -> DataFrame:
    """Links ``(a, b)`` between ranks whose components are the story blocks.

    ``features``: rank, day (day number or null), entities (the distinctive entity ids).
    """
    from pyspark.sql import functions as sf

    ent = features.select("rank", "day", sf.explode("entities").alias("e"))
    dated = ent.where(sf.col("day").isNotNull()).withColumn("bucket", sf.floor(sf.col("day") / window))
    buckets = dated.groupBy("e", "bucket").agg(
        sf.min("rank").alias("root"), sf.min("day").alias("lo"), sf.max("day").alias("hi")
    )
    star = dated.join(buckets, ["e", "bucket"]).where(sf.col("rank") != sf.col("root"))
    x, y = buckets.alias("x"), buckets.alias("y")
    consecutive = x.join(
        y,
        (sf.col("x.e") == sf.col("y.e"))
        & (sf.col("y.bucket") == sf.col("x.bucket") + 1)
        & (sf.col("y.lo") - sf.col("x.hi") <= window),
    ).select(sf.col("x.root").alias("a"), sf.col("y.root").alias("b"))
    undated = ent.where(sf.col("day").isNull())
    first_undated = undated.groupBy("e").agg(sf.min("rank").alias("uroot"))
    undated_star = undated.join(first_undated, "e").where(sf.col("rank") != sf.col("uroot"))
    undated_to_dated = first_undated.join(buckets, "e")
    return (
        star.select(sf.col("rank").alias("a"), sf.col("root").alias("b"))
        .union(consecutive)
        .union(undated_star.select(sf.col("rank").alias("a"), sf.col("uroot").alias("b")))
        .union(undated_to_dated.select(sf.col("uroot").alias("a"), sf.col("root").alias("b")))
    )


def story_blocks(features: DataFrame, n_docs: int, window: int = WINDOW_DAYS) -> list[tuple[int, int]]:
    """``(rank, block)`` for every document that shares a block with another; the rest are alone."""
    uf = UnionFind(n_docs)
    for a, b in block_links(features, window).toLocalIterator(prefetchPartitions=True):
        uf.union(int(a), int(b))
    return list(uf.blocks())


def prefix_frequencies(features: DataFrame) -> DataFrame:
    """Per rank, for each of its entities, how many earlier documents name it (rank, df map)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    ent = features.select("rank", sf.explode("entities").alias("e"))
    before = sf.row_number().over(Window.partitionBy("e").orderBy("rank")) - 1
    return (
        ent.withColumn("n", before)
        .groupBy("rank")
        .agg(sf.map_from_entries(sf.collect_list(sf.struct("e", "n"))).alias("df"))
    )


def chunk_stories(chunk: int, docs: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, int]]:
    """The documents of one ingest batch's worth of ranks (``(rank, document JSON)``, before entities
    merge) grouped into stories by themselves, as local ingest groups a batch before assigning it
    (``StoryClusterer.expect``): ``(chunk, entity, stories naming it)``, and ``(chunk, "", stories)``."""
    ordered = sorted(docs)  # one batch: a few hundred documents
    named, n_stories = grouped_alone(features(document_from_json(doc)) for _, doc in ordered)
    yield chunk, "", n_stories
    for entity, n in named.items():
        yield chunk, entity, n


def common_by_chunk(
    counts: Iterable[tuple[int, str, int]],
) -> tuple[dict[int, frozenset[str]], frozenset[str]]:
    """Each chunk's common entities from the rows of ``chunk_stories``, the groupings of the chunks
    before it standing for the stories local ingest has stored by then; and the entities common in
    every chunk that names them, which the blocks leave out (an entity common in one chunk only can
    still join two articles of another)."""
    named: dict[int, Counter[str]] = defaultdict(Counter)
    sizes: Counter[int] = Counter()
    for chunk, entity, n in counts:
        if entity:
            named[chunk][entity] = n
        else:
            sizes[chunk] = n
    common: dict[int, frozenset[str]] = {}
    before: Counter[str] = Counter()
    n_before = 0
    for chunk in sorted(sizes):
        common[chunk] = common_of(named[chunk], sizes[chunk], before, n_before)
        before.update(named[chunk])
        n_before += sizes[chunk]
    everywhere = {e for chunk in common for e in common[chunk]}
    for chunk, entities in named.items():
        everywhere -= entities.keys() - common[chunk]
    return common, frozenset(everywhere)


class BlockStories:
    """``StoryAssigner`` over the documents of one block after another (each block in rank order).

    ``decision``: ``Settings.stories``. The calibrated rules run over the blocks above, each told the
    corpus-wide counts at its documents' places in the input; the learned decision is given one block,
    the whole input, and counts for itself as local ingest does. ``common``: the rules' common entities
    of each chunk of ``chunk`` ranks (``common_by_chunk``)."""

    def __init__(
        self, decision: str, common: Mapping[int, frozenset[str]] | None = None, chunk: int = 1
    ) -> None:
        self._decision = decision
        self._common = common or {}
        self._chunk = chunk
        self._block: int | None = None
        self._assigner = _assigner(decision)
        self._merges: dict[str, str] = {}

    def assign(
        self, block: int, rank: int, frequencies: Mapping[str, int], doc: Document, signature: bytes
    ) -> tuple[Document, list[Edge]]:
        if block != self._block:
            # Signatures of earlier members stay in the assigner (it is never flushed): a block is the
            # whole history its stories can draw on.
            self._assigner = _assigner(self._decision)
            self._block = block
        if self._decision == "rules":
            clusterer = self._assigner.clusterer
            if isinstance(clusterer, StoryClusterer):
                clusterer.set_common(self._common.get(rank // self._chunk, frozenset()))
            clusterer.n_docs = rank  # documents before this one in the whole input, as local ingest counts
            clusterer.df.update(frequencies)
        doc, edges = self._assigner.assign(doc, signature)
        self._merges.update(self._assigner.take_merges())
        return doc, edges

    def finish(self) -> None:
        """The block is over: the stories' last look back (``StoryAssigner.finish``), as local ingest
        takes it at the end of its input."""
        self._merges.update(self._assigner.finish())

    def take_merges(self) -> dict[str, str]:
        """Stories merged since the last call (merged story -> the story it went into)."""
        merges, self._merges = self._merges, {}
        return merges


def _assigner(decision: str) -> StoryAssigner:
    # Every earlier member of a block was assigned here, so its brief (figures included) is in memory:
    # nothing needs reading back from a store.
    return StoryAssigner(lambda _doc_id: None, lambda _doc_id: None, decision)


Member = tuple[int, str, str | None, str | None, str | None]  # rank, id, lang, title, date


def story_record(story_id: str, members: Iterable[Member]) -> dict[str, Any]:
    """A story as ``services.stories.story_record`` shapes it (edges are their own table)."""
    ordered = sorted(members)
    titles: dict[str, str] = {}
    for _, _, lang, title, _ in ordered:
        if lang and title and lang not in titles:
            titles[lang] = title
    dates = sorted(d for *_, d in ordered if d)
    return {
        "id": story_id,
        "title": next(iter(titles.values()), None),
        "titles": titles,
        "docs": [doc_id for _, doc_id, *_ in ordered],
        "languages": sorted({lang for _, _, lang, _, _ in ordered if lang}),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "first_rank": ordered[0][0],
    }
