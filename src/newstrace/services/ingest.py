"""Ingest: read inputs, run the per-document stages, find duplicates, write batches to the store.

Streaming end to end: records are read lazily and written in batches of ``settings.batch_size``, each
batch in one transaction. Documents already in the store are skipped before any analysis, so a repeated
ingest changes nothing and an interrupted one resumes where its last committed batch ended.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from newstrace.corpus.dedup import Deduplicator
from newstrace.corpus.entity_merge import EntityMerger
from newstrace.corpus.event_groups import EventLinker
from newstrace.corpus.story_assigner import StoryAssigner
from newstrace.model import Document, RawRecord, Rejection
from newstrace.pipeline.executors import Executor, make_executor
from newstrace.pipeline.pipeline import log_stats
from newstrace.readers.discover import discover
from newstrace.readers.names import source_name
from newstrace.registry import build_pipeline, build_reader
from newstrace.services.corrections import reattach
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore, RunCounts
from newstrace.store.events import known_event_groups
from newstrace.store.sqlite import Database


@dataclass
class IngestReport:
    run_id: int = 0
    files: int = 0
    accepted: int = 0
    duplicates: int = 0
    unchanged: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    rejected_examples: list[Rejection] = field(default_factory=list)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "files": self.files,
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "rejected": self.rejected_total,
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "rejected_examples": [dataclasses.asdict(r) for r in self.rejected_examples],
        }


ProgressCallback = Callable[[int, int, IngestReport], None]
_MAX_EXAMPLES = 50
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
) -> IngestReport:
    """Ingest ``paths`` (files, folders, patterns); ``names`` as in :func:`read_inputs`."""
    store = DocumentStore(db)
    db.acquire_writer()
    report = IngestReport()
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
    dedup = Deduplicator(settings.minhash_perm, settings.near_duplicate_threshold, store.signature)
    dedup.load(store.signatures())
    merger = EntityMerger(store.corpus_entities())
    stories: StoryAssigner | None = None
    if "embedding" in settings.stages:
        stories = StoryAssigner(store.signature, store.analysed_text, settings.stories)
        stories.load(store.story_inputs())
    events = EventLinker()
    events.load(known_event_groups(store.conn))
    executor = make_executor(settings, build_pipeline)
    total_files = count_files(paths, settings.follow_links) if progress else 0
    status = "failed"
    try:
        for batch in _batches(read_inputs(paths, settings, names), settings.batch_size):
            report.files = max(report.files, batch[-1][0])
            _ingest_batch(
                [item for _, item in batch], store, executor, dedup, merger, stories, events, report
            )
            if progress:
                progress(report.files, total_files, report)
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


def _ingest_batch(
    items: list[RawRecord | Rejection],
    store: DocumentStore,
    executor: Executor,
    dedup: Deduplicator,
    merger: EntityMerger,
    stories: StoryAssigner | None,
    events: EventLinker,
    report: IngestReport,
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
    finals: list[Document] = []
    signatures: dict[str, bytes] = {}
    edges: list[tuple[str, str, str, str, float]] = []
    merges: list[tuple[str, str]] = []
    event_groups: dict[str, list[str]] = {}
    for res in results:
        if isinstance(res, Rejection):
            rejections.append(res)
            continue
        checked, sig = dedup.check(merger.merge(res), store.owner_of_hash)
        if stories is not None:
            checked, new_edges = stories.assign(checked, sig)
            edges.extend(new_edges)
            new_merges = stories.take_merges()
            events.merge_stories(new_merges)
            merges.extend(new_merges)
        event_groups[checked.id] = events.assign(checked)
        finals.append(checked)
        signatures[checked.id] = sig
    copies = sum(1 for doc in finals if doc.duplicate_of)
    # The run's counts move with each batch, in its transaction: a run killed later still says what it
    # stored (its status stays "running" until the next run marks it interrupted).
    counts = RunCounts(
        report.accepted + len(finals) - copies,
        report.duplicates + copies,
        report.rejected_total + len(rejections),
        report.unchanged,
    )
    store.write_batch(finals, signatures, rejections, report.run_id, edges, merges, event_groups, counts)
    log.info(
        "batch of %d inputs: %d analysed, %d new, %d copies, %d rejected, %d unchanged in %.2f s",
        len(items),
        len(todo),
        len(finals) - copies,
        copies,
        len(rejections),
        len(docs) - len(todo),
        time.perf_counter() - started,
    )
    dedup.flush()
    if stories is not None:
        stories.flush()
    for doc in finals:
        if doc.duplicate_of:
            report.duplicates += 1
        else:
            report.accepted += 1
    for rej in rejections:
        report.rejected[rej.reason] += 1
        if len(report.rejected_examples) < _MAX_EXAMPLES:
            report.rejected_examples.append(rej)
