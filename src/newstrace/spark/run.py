"""The Spark job, driven from the driver: per-document stages in ``mapPartitions``, then the corpus
stages as Spark jobs, then Parquet (``schema.TABLES``) under one output folder.

Every decision that local ingest makes in input order (which record with a repeated id counts, which
corpus entity a new one merges into, which document is the original of a copy, which story an article
joins) is made here in the same order: each document carries its place in the input (file, then
record), and the decisions that are sequential by nature run over the few rows that need them.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from newstrace.corpus.entity_merge import EntityMerger
from newstrace.registry import corpus_stage_names
from newstrace.services.report import RunReport
from newstrace.settings import Settings
from newstrace.spark import job
from newstrace.spark.blocking import (
    chunk_stories,
    common_by_chunk,
    day_number,
    prefix_frequencies,
    story_blocks,
    story_record,
)
from newstrace.spark.claims import quantity_rows
from newstrace.spark.dedup import near_duplicates
from newstrace.spark.finalise import CLAIM, DOC, EDGE, LEDGER, MEMBER, finalise
from newstrace.spark.schema import (
    CLAIM_GROUPS,
    CLAIMS,
    DOCUMENTS,
    REJECTED,
    RUN,
    STORIES,
    STORY_EDGES,
    to_row,
)

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

# What the per-document tasks hand to the corpus stages (see ``job.document_row``).
ANNOTATED = (
    "file_index long, record_index long, id string, document string, content_hash string, "
    "minhash binary, autos array<struct<id: string, type: string>>, entities array<string>, date string"
)
_EXAMPLES = 20


def table_path(out: str, name: str) -> str:
    return f"{out.rstrip('/')}/{name}"


def run_job(
    spark: SparkSession, inputs: Sequence[str], out: str, settings: Settings, partitions: int | None = None
) -> RunReport:
    """Read ``inputs``, run every stage of ``settings.stages`` and the corpus stages the job makes
    (``registry.SPARK_JOB_STAGES``, each a phase here), write ``out``."""
    from pyspark import StorageLevel

    seconds: dict[str, float] = {}
    report = RunReport(
        out=out, files=0, documents=0, stories=0, claims=0, rejected_examples=[], seconds=seconds
    )
    corpus = corpus_stage_names(settings)
    phase = _Phases(seconds)
    sc = spark.sparkContext
    key = job.settings_key(settings)
    with phase("stages"):
        files, missing = job.list_inputs(inputs)
        report.files = len(files)
        # One task per file (Common Crawl's files are large); when there are fewer files than cores,
        # the records are spread over the cores before the stages run.
        cores = partitions or sc.defaultParallelism
        records = sc.parallelize(files, max(1, len(files))).mapPartitions(
            functools.partial(job.read_files, key)
        )
        if len(files) < cores:
            records = records.repartition(cores)
        annotated = records.mapPartitions(functools.partial(job.annotate, key)).persist(
            StorageLevel.MEMORY_AND_DISK
        )
        annotated.count()
    with phase("rank"):
        docs = spark.createDataFrame(
            annotated.filter(lambda t: t[0] == job.DOC).map(lambda t: t[1:]), ANNOTATED
        )
        ranked = _ranked(spark, docs).persist(StorageLevel.MEMORY_AND_DISK)
        n_docs = report.documents = ranked.count()
        report.unchanged = docs.count() - n_docs
        rejected = spark.createDataFrame(
            annotated.filter(lambda t: t[0] == job.REJ)
            .map(lambda t: t[1:])
            .union(sc.parallelize(missing, 1).map(lambda t: t[1:])),
            REJECTED,
        ).sortWithinPartitions("file_index", "record_index")
        rejected.write.mode("overwrite").parquet(table_path(out, "rejected"))
        saved = spark.read.parquet(table_path(out, "rejected"))
        report.rejected.update({str(r[0]): int(r[1]) for r in saved.groupBy("reason").count().collect()})
        first = saved.orderBy("file_index", "record_index").limit(_EXAMPLES).collect()
        report.rejected_examples = [r.asDict() for r in first]
        annotated.unpersist()
    with phase("entities"):
        aliases = _entity_aliases(ranked) if "entity_merge" in corpus else {}
    with phase("dedup"):
        copies = near_duplicates(
            ranked.select("rank", "id", "content_hash", "minhash"),
            settings.minhash_perm,
            settings.near_duplicate_threshold,
        )
        report.duplicates = len(copies)
        report.accepted = n_docs - report.duplicates
    with phase("stories"):
        stories = settings.stories if "stories" in corpus else None
        final, held = _finalise(spark, ranked, aliases, copies, stories, n_docs, cores, settings.batch_size)
        final = final.persist(StorageLevel.MEMORY_AND_DISK)
        counts = final.map(lambda t: t[0]).countByValue()
        report.claims = int(counts.get(CLAIM, 0))
        report.stories = final.filter(lambda t: t[0] == MEMBER).map(lambda t: t[1]).distinct().count()
    with phase("write"):

        def tagged(tag: str) -> RDD[Any]:
            return final.filter(lambda t: t[0] == tag).map(lambda t: t[1])

        _write(spark, tagged(DOC), DOCUMENTS, out, "documents", "rank", ranges=True)
        _write(spark, tagged(CLAIM), CLAIMS, out, "claims", "rank", "doc_id")
        _write(spark, tagged(EDGE), STORY_EDGES, out, "story_edges", "rank")
        story_rows = (
            final.filter(lambda t: t[0] == MEMBER)
            .map(lambda t: (t[1], (t[2], t[3], t[4], t[5], t[6])))
            .groupByKey()
            .map(lambda kv: to_row(story_record(kv[0], kv[1]), STORIES))
        )
        _write(spark, story_rows, STORIES, out, "stories", "first_rank")
        groups = (
            final.filter(lambda t: t[0] == LEDGER)
            .map(lambda t: (t[1], (t[2], t[3])))
            .groupByKey()
            .flatMap(lambda kv: quantity_rows(kv[0], kv[1]))
        )
        _write(spark, groups, CLAIM_GROUPS, out, "claim_groups", "quantity", "date", "id")
        _write_run(spark, out, inputs, key, report)
    final.unpersist()
    for frame in (ranked, *held):
        frame.unpersist()
    return report


class _Phases:
    """Wall-clock seconds per phase of the job, into the report (each phase ends with an action)."""

    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds = seconds

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(time.perf_counter() - start, 2)


def _ranked(spark: SparkSession, docs: DataFrame) -> DataFrame:
    """The first record of each document id, numbered 0, 1, 2, ... in input order (``rank``).

    Local ingest skips a record whose id it has already seen (the same text at the same URL)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    first = Window.partitionBy("id").orderBy("file_index", "record_index")
    unique = docs.withColumn("k", sf.row_number().over(first)).where(sf.col("k") == 1).drop("k")
    ordered = unique.orderBy("file_index", "record_index")
    numbered = ordered.rdd.zipWithIndex().map(lambda pair: (pair[1], *pair[0]))
    return spark.createDataFrame(numbered, "rank long, " + ANNOTATED)


def _entity_aliases(ranked: DataFrame) -> dict[str, str]:
    """Corpus entities merged as local ingest merges them: each in the order of its first mention."""
    from pyspark.sql import functions as sf

    mentions = ranked.select("rank", sf.posexplode("autos").alias("pos", "a"))
    firsts = (
        mentions.groupBy(sf.col("a.id").alias("id"))
        .agg(sf.min(sf.struct("rank", "pos", sf.col("a.type").alias("type"))).alias("f"))
        .orderBy("f.rank", "f.pos")
        .select("id", "f.type")
    )
    merger = EntityMerger()
    aliases: dict[str, str] = {}
    for entity_id, etype in firsts.toLocalIterator(prefetchPartitions=True):
        target = merger.canonical(entity_id, etype)
        if target != entity_id:
            aliases[entity_id] = target
    return aliases


def _features(
    row: Any, aliases: Mapping[str, str], common: frozenset[str]
) -> tuple[int, int | None, list[str]]:
    entities = [e for e in dict.fromkeys(aliases.get(e, e) for e in row["entities"]) if e not in common]
    return int(row["rank"]), day_number(row["date"]), entities


def _finalise(
    spark: SparkSession,
    ranked: DataFrame,
    aliases: dict[str, str],
    copies: list[tuple[str, str]],
    stories: str | None,
    n_docs: int,
    partitions: int,
    chunk: int,
) -> tuple[RDD[tuple[Any, ...]], list[DataFrame]]:
    """The final rows, and the cached frames to release once they are computed. ``stories``: the
    story decision (``Settings.stories``), or None when the stories stage is off; ``chunk``: the
    ingest batch size, over which the rules read their common entities."""
    from pyspark.sql import functions as sf

    sc = spark.sparkContext
    shared = sc.broadcast(aliases)
    copies_df = spark.createDataFrame(copies, "id string, duplicate_of string")
    rows = ranked.select("rank", "id", "document", "minhash", "content_hash").join(copies_df, "id", "left")
    held: list[DataFrame] = []
    common: dict[int, frozenset[str]] = {}
    if stories == "learned":
        # The learned decision is one pass over the whole input in order (``BlockStories``): its
        # candidates come by nearest embedding as well as by shared entities, and it weighs word
        # rarities and each language's mean vector as they stand at each article, so no block short
        # of the whole corpus decides as local ingest does. The pass is cheap (about 2 ms an article,
        # flat as the corpus grows: benchmarks/stories.py); everything before it ran in parallel.
        rows = rows.withColumn("block", sf.lit(0).cast("long")).withColumn(
            "df", sf.lit(None).cast("map<string,long>")
        )
    elif stories:
        # Each chunk of ranks grouped by itself, the chunks in parallel (``blocking.chunk_stories``).
        chunks = ranked.select("rank", "document").rdd.map(lambda r: (r[0] // chunk, (r[0], r[1])))
        counts = chunks.groupByKey().flatMap(lambda kv: chunk_stories(kv[0], kv[1]))
        common, everywhere = common_by_chunk(counts.toLocalIterator(prefetchPartitions=True))
        distinctive = sc.broadcast(everywhere)
        features = spark.createDataFrame(
            ranked.select("rank", "date", "entities").rdd.map(
                lambda r: _features(r, shared.value, distinctive.value)
            ),
            "rank long, day long, entities array<string>",
        ).persist()
        held.append(features)
        blocks = spark.createDataFrame(story_blocks(features, n_docs), "rank long, block long")
        rows = rows.join(blocks, "rank", "left").join(prefix_frequencies(features), "rank", "left")
        rows = rows.withColumn("block", sf.coalesce(sf.col("block"), sf.col("rank")))
    else:
        rows = rows.withColumn("block", sf.col("rank")).withColumn(
            "df", sf.lit(None).cast("map<string,long>")
        )
    ordered = rows.repartition(partitions, "block").sortWithinPartitions("block", "rank")
    columns = ordered.select("block", "rank", "document", "minhash", "content_hash", "duplicate_of", "df")
    by_chunk = sc.broadcast(common)
    return (
        columns.rdd.mapPartitions(lambda part: finalise(part, shared.value, stories, by_chunk.value, chunk)),
        held,
    )


def _write(
    spark: SparkSession, rows: RDD[Any], schema: Any, out: str, name: str, *order: str, ranges: bool = False
) -> None:
    """A table, each file sorted by ``order``; with ``ranges``, the files are consecutive ranges of it
    too (a global sort: the loader streams ``documents`` in input order)."""
    frame = spark.createDataFrame(rows, schema)
    frame = frame.orderBy(*order) if ranges else frame.sortWithinPartitions(*order)
    frame.write.mode("overwrite").parquet(table_path(out, name))


def _write_run(spark: SparkSession, out: str, inputs: Iterable[str], key: str, report: RunReport) -> None:
    record = {
        "newstrace_version": version("newstrace"),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "inputs": list(inputs),
        "settings": key,
        "files": report.files,
        "documents": report.documents,
        "duplicates": report.duplicates,
        "unchanged": report.unchanged,
        "rejected": sum(report.rejected.values()),
        "stories": report.stories,
    }
    spark.createDataFrame([to_row(record, RUN)], RUN).coalesce(1).write.mode("overwrite").parquet(
        table_path(out, "run")
    )
