"""``newstrace load PARQUET_DIR``: put the Spark job's output into the store, so that the CLI (and every
other interface) works on it as on a local ingest.

Each document is rebuilt from its lossless JSON column (``model.serialise``) and written through
``DocumentStore.write_batch`` with its MinHash signature, in input order (``rank``): the store ends up
as a local ingest of the same inputs leaves it, every annotation kind included, with no column list
to keep in step here. Event groups across the articles of a story are made here, in the same order
and by the same ``EventLinker`` as local ingest (the job's stories are final: when two stories merged,
events told before the merge may join a group that local ingest, which saw them apart, left separate).
Rejections and story edges follow. Loading twice changes nothing. Reads Parquet
with pyarrow (``pip install 'newstrace[spark]'``); Spark is not needed to load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newstrace.corpus.stage import CorpusStage
from newstrace.model import Document, Rejection
from newstrace.model.serialise import document_from_json
from newstrace.registry import build_corpus_stages, corpus_stage_names
from newstrace.services.corrections import reattach
from newstrace.services.ingest import write_corpus_batch
from newstrace.services.report import RunReport
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore, RunCounts
from newstrace.store.sqlite import Database, StoreError

TABLES = ("documents", "rejected", "story_edges", "run")


def _pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise StoreError("loading Parquet needs pyarrow: pip install 'newstrace[spark]'") from exc
    return pq


def _files(folder: Path, table: str) -> list[Path]:
    path = folder / table
    if not path.is_dir():
        raise StoreError(f"{folder} is not a newstrace Spark output: no {table}/ table in it")
    return sorted(p for p in path.iterdir() if p.suffix == ".parquet" and not p.name.startswith(("_", ".")))


def _rows(folder: Path, table: str, columns: list[str], order: str | None = None) -> Iterator[dict[str, Any]]:
    """Rows of a table, streamed. The job writes each table sorted by ``order``, each file a range of
    it, so files are read one at a time, sorted by their first ``order`` value."""
    pq = _pyarrow()
    files = []
    for path in _files(folder, table):
        pf = pq.ParquetFile(path)
        if pf.metadata.num_rows == 0:
            continue
        first = pf.read_row_group(0, columns=[order]).column(0)[0].as_py() if order else 0
        files.append((first, str(path), pf))
    for _, _, pf in sorted(files, key=lambda t: (t[0], t[1])):
        for batch in pf.iter_batches(columns=columns, batch_size=512):
            yield from batch.to_pylist()


def load_parquet(folder: Path, settings: Settings, db: Database) -> RunReport:
    for table in TABLES:
        _files(folder, table)
    store = DocumentStore(db)
    db.acquire_writer()
    report = RunReport(run_id=0, edges=0, store_was_empty=store.count() == 0)
    runs = list(_rows(folder, "run", ["settings", "inputs"]))
    settings_json = runs[0]["settings"] if runs else "{}"
    report.run_id = store.start_run([str(folder)], json.dumps({"spark": json.loads(settings_json)}))
    status = "failed"
    # The corpus stages the job leaves to the loader (event groups), each after what the store holds.
    corpus = build_corpus_stages(corpus_stage_names(settings, after_spark=True), settings, store)
    try:
        batch: list[Document] = []
        signatures: dict[str, bytes] = {}
        for row in _rows(folder, "documents", ["rank", "document", "minhash"], "rank"):
            doc = document_from_json(row["document"])
            batch.append(doc)
            signatures[doc.id] = bytes(row["minhash"])
            if len(batch) >= settings.batch_size:
                _write(store, batch, signatures, corpus, report)
                batch, signatures = [], {}
        _write(store, batch, signatures, corpus, report)
        columns = ["file_index", "record_index", "source", "source_id", "reason", "detail"]
        rejections = [
            Rejection(r["source"], r["reason"], r["detail"] or "", r["source_id"])
            for r in sorted(
                _rows(folder, "rejected", columns), key=lambda r: (r["file_index"], r["record_index"])
            )
        ]
        for rej in rejections:
            report.rejected[rej.reason] += 1
        store.write_batch([], {}, rejections, report.run_id)
        columns = ["rank", "story_id", "src", "dst", "kind", "similarity"]
        edges = [
            (e["story_id"], e["src"], e["dst"], e["kind"], float(e["similarity"]))
            for e in sorted(_rows(folder, "story_edges", columns), key=lambda e: e["rank"])
        ]
        store.write_batch([], {}, [], report.run_id, edges)
        report.edges = len(edges)
        reattach(db)  # the analyst's corrections find the loaded annotations again
        status = "done"
    finally:
        store.finish_run(
            report.run_id,
            RunCounts(report.accepted, report.duplicates, sum(report.rejected.values()), report.unchanged),
            status,
        )
        db.release_writer()
    return report


def _write(
    store: DocumentStore,
    docs: list[Document],
    signatures: dict[str, bytes],
    corpus: Sequence[CorpusStage],
    report: RunReport,
) -> None:
    if not docs:
        return
    known = store.known_ids(d.id for d in docs)
    report.unchanged += len(known)
    write_corpus_batch(store, corpus, [d for d in docs if d.id not in known], [], report, signatures)
