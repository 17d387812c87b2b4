"""``newstrace demo``: ingest the bundled sample corpus into a fresh store and summarise it."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from newstrace.services.ingest import ProgressCallback, ingest
from newstrace.services.report import RunReport
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database, StoreError


def sample_corpus() -> Path:
    path = Path(str(resources.files("newstrace").joinpath("data", "sample")))
    if not path.is_dir():
        raise StoreError(f"the bundled sample corpus is missing ({path}): reinstall newstrace")
    return path


def fresh_store(path: Path) -> Database:
    """Delete a previous demo store (only if it is one of ours) and open a new one."""
    if path.exists():
        head = path.read_bytes()[:16]
        if head and not head.startswith(b"SQLite format 3"):
            raise StoreError(f"{path} exists and is not a newstrace store: refusing to replace it")
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    return Database(path)


def run_demo(
    settings: Settings, progress: ProgressCallback | None = None
) -> tuple[RunReport, dict[str, Any]]:
    db = fresh_store(settings.db)
    try:
        report = ingest([sample_corpus()], settings, db, progress)
        summary = summarise(DocumentStore(db))
    finally:
        db.close()
    return report, summary


def summarise(store: DocumentStore) -> dict[str, Any]:
    langs: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    quality: Counter[str] = Counter()
    dated = duplicates = 0
    for doc in store.iter_documents():
        langs[doc.lang or "und"] += 1
        dated += doc.date is not None
        duplicates += doc.duplicate_of is not None
        reasons.update(r.reason for r in doc.removed if r.reason != "header")
        if doc.quality is not None:
            quality[doc.quality.label] += 1
    return {
        "documents": sum(langs.values()),
        "languages": dict(langs.most_common()),
        "dated": dated,
        "duplicates": duplicates,
        "boilerplate_removed": dict(reasons.most_common()),
        "text_quality": dict(quality.most_common()),
    }
