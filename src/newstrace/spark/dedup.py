"""Near-duplicates at scale: MinHash LSH as a band join, then the same decisions as local ingest.

Local ingest (``corpus.dedup.Deduplicator``) checks each document, in input order, against the
originals seen so far: the same content hash first, else the LSH candidates (a shared band) whose
estimated similarity reaches the threshold, the most similar winning (ties: the smaller id). Here:

1. documents with the same signature form a group (the same text always does); one row per group;
2. the groups' bands are joined on (band, band value): the pairs LSH would have proposed, with the
   band count and width datasketch chooses for the same threshold and permutations, so the candidates
   are the same; their similarity is computed on the whole signature and kept at the threshold or more;
3. only documents in a group of two or more or in such a pair can be anyone's copy or original: they
   are streamed to the driver in input order and decided exactly as local ingest decides.

Step 3 needs memory for the near-duplicate documents only, not the corpus. Within a group the first
document that is an original stays the only one: every later member has similarity 1 with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
from datasketch import MinHashLSH

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def lsh_bands(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows per band) as datasketch picks them, so the band join proposes its candidates."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two stored signatures (share of equal hash values)."""
    return float(np.mean(np.frombuffer(a, dtype=np.uint64) == np.frombuffer(b, dtype=np.uint64)))


Member = tuple[int, str, str, int]  # rank, document id, content hash, signature group


def resolve(members: Iterable[Member], links: Iterable[tuple[int, int, float]]) -> Iterator[tuple[str, str]]:
    """``(copy id, original id)`` for every copy, deciding in rank order as local ingest does.

    ``members``: the documents of groups of two or more or with links, in rank order. ``links``:
    pairs of groups proposed by LSH whose similarity reaches the threshold.
    """
    linked: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for g, h, sim in links:
        linked[g].append((h, sim))
        linked[h].append((g, sim))
    original: dict[int, tuple[int, str, str]] = {}  # group -> its original (rank, id, content hash)
    for rank, doc_id, chash, group in members:
        mine = original.get(group)
        if mine is not None:
            # Same content hash: the exact-copy rule; otherwise the group's original is still the most
            # similar candidate (similarity 1: the signatures are equal).
            yield doc_id, mine[1]
            continue
        best: tuple[float, str] | None = None
        for other, sim in linked.get(group, ()):
            theirs = original.get(other)  # set only by an earlier member: members come in rank order
            if theirs is None:
                continue
            key = (-sim, theirs[1])
            if best is None or key < best:
                best = key
        if best is not None:
            yield doc_id, best[1]
        else:
            original[group] = (rank, doc_id, chash)


def near_duplicates(docs: DataFrame, num_perm: int, threshold: float) -> list[tuple[str, str]]:
    """``(copy id, original id)`` pairs for ``docs`` (columns rank, id, content_hash, minhash)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    grouped = docs.select(
        "rank",
        "id",
        "content_hash",
        "minhash",
        sf.min("rank").over(Window.partitionBy("minhash")).alias("grp"),
    )
    sigs = grouped.where(sf.col("rank") == sf.col("grp")).select("grp", "minhash")
    bands, rows = lsh_bands(num_perm, threshold)
    width = rows * 8  # bytes per band: uint64 hash values
    banded = sigs.select(
        "grp", sf.explode(sf.sequence(sf.lit(0), sf.lit(bands - 1))).alias("band"), "minhash"
    ).select("grp", "band", sf.expr(f"substring(minhash, band * {width} + 1, {width})").alias("value"))
    a, b = banded.alias("a"), banded.alias("b")
    pairs = (
        a.join(b, (sf.col("a.band") == sf.col("b.band")) & (sf.col("a.value") == sf.col("b.value")))
        .where(sf.col("a.grp") < sf.col("b.grp"))
        .select(sf.col("a.grp").alias("g"), sf.col("b.grp").alias("h"))
        .distinct()
    )
    sa, sb = sigs.alias("sa"), sigs.alias("sb")
    with_sigs = pairs.join(sa, sf.col("g") == sf.col("sa.grp")).join(sb, sf.col("h") == sf.col("sb.grp"))
    links: list[tuple[int, int, float]] = (
        with_sigs.select("g", "h", sf.col("sa.minhash").alias("x"), sf.col("sb.minhash").alias("y"))
        .rdd.map(lambda r: (int(r[0]), int(r[1]), similarity(bytes(r[2]), bytes(r[3]))))
        .filter(lambda t: t[2] >= threshold)
        .collect()
    )
    spark = docs.sparkSession
    linked_groups = spark.createDataFrame(
        [(g,) for g, _, _ in links] + [(h,) for _, h, _ in links], "grp long"
    )
    crowded = grouped.groupBy("grp").count().where(sf.col("count") > 1).select("grp")
    involved = linked_groups.union(crowded).distinct()
    members = (
        grouped.join(involved, "grp")
        .select("rank", "id", "content_hash", "grp")
        .orderBy("rank")
        .toLocalIterator(prefetchPartitions=True)
    )
    return list(resolve((_member(r) for r in members), links))


def _member(row: Any) -> Member:
    return int(row[0]), str(row[1]), str(row[2]), int(row[3])
