"""Ingest: read inputs, run the per-document stages, then the corpus stages, write batches to the store.

Streaming end to end: records are read lazily and written in batches of ``settings.batch_size``, each
batch in one transaction. Documents already in the store are skipped before any analysis, so a repeated
ingest changes nothing and an interrupted one resumes where its last committed batch ended.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path

from newstrace.corpus.stage import CorpusBatch, CorpusStage, finish_corpus, run_corpus
from newstrace.model import Document, RawRecord, Rejection
from newstrace.pipeline.executors import Executor, make_executor
from newstrace.pipeline.pipeline import log_stats
from newstrace.readers.discover import discover
from newstrace.readers.names import source_name
from newstrace.registry import build_corpus_stages, build_pipeline, build_reader, corpus_stage_names
from newstrace.services.corrections import reattach
from newstrace.services.report import RunReport
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore, RunCounts
from newstrace.store.sqlite import Database

ProgressCallback = Callable[[int, int, RunReport], None]
log = logging.getLogger(__name__)


def read_inputs(
    paths: Sequence[str | Path], settings: Settings, names: Mapping[str, str] | None = None
) -> Iterator[tuple[int, RawRecord | Rejection]]:
    """Yield ``(file index, record or rejection)``; a reader that crashes rejects its file, not the run.

    ``names`` renames sources (a file's :func:`source_name` to the name to store): the web API reads an
    upload from a temporary file but stores the name the client gave it.
    """
    if names:
        for index, result in read_inputs(paths, settings):
            name = names.get(result.source)
            yield index, result if name is None else dataclasses.replace(result, source=name)
        return
    files = 0
    for item in discover(paths, settings.follow_links):
        if isinstance(item, Rejection):
            yield files, item
            continue
        path, reader_name = item
        files += 1
        reader = build_reader(reader_name)
        try:
            for result in reader.read(path, settings):
                yield files, result
        except Exception as exc:  # a reader bug or an input no one foresaw: keep going
            yield files, Rejection(source_name(path), "reader_error", f"{type(exc).__name__}: {exc}"[:500])


def _batches(
    items: Iterable[tuple[int, RawRecord | Rejection]], size: int
) -> Iterator[list[tuple[int, RawRecord | Rejection]]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def count_files(paths: Sequence[str | Path], follow_links: bool = False) -> int:
    return sum(1 for item in discover(paths, follow_links) if not isinstance(item, Rejection))


def ingest(
    paths: Sequence[str | Path],
    settings: Settings,
    db: Database,
    progress: ProgressCallback | None = None,
    names: Mapping[str, str] | None = None,
) -> RunReport:
    """Ingest ``paths`` (files, folders, patterns); ``names`` as in :func:`read_inputs`."""
    store = DocumentStore(db)
    db.acquire_writer()
    report = RunReport(run_id=0, files=0, rejected_examples=[])
    settings_json = json.dumps(
        {
            "stages": list(settings.stages),
            "minhash_perm": settings.minhash_perm,
            "near_duplicate_threshold": settings.near_duplicate_threshold,
        }
    )
    report.run_id = store.start_run(
        [(names or {}).get(source_name(p), source_name(p)) for p in paths], settings_json
    )
    mixed = _other_decision(store, settings)
    if mixed:
        log.warning(mixed)
        report.warnings.append(mixed)
    corpus = build_corpus_stages(corpus_stage_names(settings), settings, store)
    executor = make_executor(settings, build_pipeline)
    total_files = count_files(paths, settings.follow_links) if progress else 0
    status = "failed"
    try:
        for batch in _batches(read_inputs(paths, settings, names), settings.batch_size):
            report.files = max(report.files or 0, batch[-1][0])
            _ingest_batch([item for _, item in batch], store, executor, corpus, report)
            if progress:
                progress(report.files, total_files, report)
        last = finish_corpus(corpus)
        if last.merges:
            store.write_batch([], {}, [], report.run_id, merges=last.merges)
        status = "done"
        log_stats(executor.stats(), log)
        # Annotations written anew (a document analysed again) take their corrections back.
        reattach(db)
    finally:
        executor.close()
        store.finish_run(
            report.run_id,
            RunCounts(report.accepted, report.duplicates, report.rejected_total, report.unchanged),
            status,
        )
        db.release_writer()
    return report


def _other_decision(store: DocumentStore, settings: Settings) -> str | None:
    """A warning when the store's articles were embedded for the other story decision (a store built
    before the learned decision became the default, or under another setting): vectors of two encoders
    never meet, so new articles could join its stories only through entities, figures and words."""
    from newstrace.stages.embedding import DIMENSIONS, encoder_for

    if "embedding" not in settings.stages:
        return None
    size = store.latest_vector_size()
    if size is None or size == DIMENSIONS[encoder_for(settings.stories)]:
        return None
    other = "learned" if settings.stories == "rules" else "rules"
    return (
        f"the articles in this store were embedded for the {other!r} story decision and this run uses "
        f"{settings.stories!r}: new articles will join its stories only through shared entities, figures "
        f"and words. Set stories = {other!r} for this store (NEWSTRACE_STORIES={other}) to keep one decision."
    )


def _ingest_batch(
    items: list[RawRecord | Rejection],
    store: DocumentStore,
    executor: Executor,
    corpus: Sequence[CorpusStage],
    report: RunReport,
) -> None:
    started = time.perf_counter()
    rejections = [r for r in items if isinstance(r, Rejection)]
    docs: list[Document] = []
    seen: set[str] = set()
    for rec in items:
        if isinstance(rec, RawRecord):
            doc = rec.to_document()
            if doc.id in seen:
                report.unchanged += 1
                continue
            seen.add(doc.id)
            docs.append(doc)
    known = store.known_ids(d.id for d in docs)
    todo = [d for d in docs if d.id not in known]
    report.unchanged += len(docs) - len(todo)
    results = executor.run(todo) if todo else []
    rejections.extend(r for r in results if isinstance(r, Rejection))
    analysed = [r for r in results if isinstance(r, Document)]
    copies = write_corpus_batch(store, corpus, analysed, rejections, report)
    log.info(
        "batch of %d inputs: %d analysed, %d new, %d copies, %d rejected, %d unchanged in %.2f s",
        len(items),
        len(todo),
        len(analysed) - copies,
        copies,
        len(rejections),
        len(docs) - len(todo),
        time.perf_counter() - started,
    )


def write_corpus_batch(
    store: DocumentStore,
    corpus: Sequence[CorpusStage],
    docs: Sequence[Document],
    rejections: Sequence[Rejection],
    report: RunReport,
    signatures: Mapping[str, bytes] | None = None,
) -> int:
    """New documents through the corpus stages, in input order, then written with what the stages
    decided and the rejections, in one transaction with the run's counts; returns the copies among
    them. The one wiring of the corpus stages, for local ingest and ``newstrace load``
    (``signatures``: those the Spark job computed)."""
    batch = CorpusBatch(signatures=dict(signatures or {}))
    finals = run_corpus(corpus, docs, batch)
    copies = sum(1 for doc in finals if doc.duplicate_of)
    # The run's counts move with each batch, in its transaction: a run killed later still says what it
    # stored (its status stays "running" until the next run marks it interrupted).
    counts = RunCounts(
        report.accepted + len(finals) - copies,
        report.duplicates + copies,
        report.rejected_total + len(rejections),
        report.unchanged,
    )
    store.write_batch(
        finals,
        batch.signatures,
        rejections,
        report.run_id,
        batch.edges,
        batch.merges,
        batch.event_groups,
        counts if report.run_id is not None else None,
    )
    for stage in corpus:
        stage.flush()
    report.accepted += len(finals) - copies
    report.duplicates += copies
    for rej in rejections:
        report.reject(rej)
    return copies
