"""Scoring against real, third-party gold files (JSON Lines), one scorer per file format.

The files themselves never enter the repository: they are read from wherever the user keeps them
(tests look beside the repository, in ``../shared/realdata``, and skip when it is absent). Each scorer
runs the same per-document stages users get, in this process and without a store, so a score measures
the analysis, not the storage. A scorer is registered by the stem of the file it reads
(``places_en.jsonl`` -> ``"places_en"``); ``newstrace eval --gold FILE.jsonl`` dispatches on it.
"""

from __future__ import annotations

import importlib
import json
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newstrace.model import Document, PartialDate, RawRecord, RecordMeta
from newstrace.pipeline.pipeline import Pipeline, StageFailed
from newstrace.settings import Settings

Scorer = Callable[[Path, Settings, "int | None"], dict[str, Any]]

# file stem -> "module:function"; each scorer takes (path, settings, limit) and returns nested scores.
# Imported lazily so that `newstrace eval` on one file never loads another scorer's models.
SCORERS: dict[str, str] = {
    "acled_events": "newstrace.evaluation.real_acled:score_acled",
    "places_en": "newstrace.evaluation.real_places:score_places_en",
    "ner_fr": "newstrace.evaluation.real_ner:score",
    "story_pairs": "newstrace.evaluation.story_pairs:score_story_pairs",
    "claims_en": "newstrace.evaluation.claims_en:score_claims_en",
}


class RealDataError(ValueError):
    """The file is not one newstrace knows how to score, or it cannot be read."""


def default_dir(repo_root: Path) -> Path:
    """Where the project's real development data lives beside a checkout."""
    return repo_root.parent / "shared" / "realdata"


def read_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The first ``limit`` records of a JSON Lines file (the files keep a fixed record order)."""
    out: list[dict[str, Any]] = []
    try:
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if limit is not None and len(out) >= limit:
                    break
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise RealDataError(f"{path}: line {lineno}: invalid JSON ({exc.msg})") from exc
                if not isinstance(obj, dict):
                    raise RealDataError(f"{path}: line {lineno}: a record must be a JSON object")
                out.append(obj)
    except OSError as exc:
        raise RealDataError(f"{path}: {exc}") from exc
    return out


def folds(keys: Sequence[str], k: int, seed: int = 0) -> list[list[str]]:
    """Split keys into ``k`` folds, deterministically (for fitting thresholds with held-back data)."""
    shuffled = sorted(set(keys))
    random.Random(seed).shuffle(shuffled)
    return [shuffled[i::k] for i in range(k)]


def record_to_document(rec: dict[str, Any], source: str) -> Document:
    """A gold record as the JSON Lines reader would read it: ``text`` is the raw text, unchanged, so
    the gold offsets (code points into ``text``) are offsets into ``Document.raw``."""
    date = rec.get("date")
    meta = RecordMeta(
        title=rec.get("title") if isinstance(rec.get("title"), str) else None,
        date=PartialDate.parse_iso(date[:10]) if isinstance(date, str) and date else None,
        lang=rec.get("lang") if isinstance(rec.get("lang"), str) else None,
        url=rec.get("url") if isinstance(rec.get("url"), str) else None,
    )
    raw = RawRecord(source=source, text=str(rec["text"]), fmt="jsonl", source_id=str(rec["id"]), meta=meta)
    return raw.to_document()


def analyse(
    records: Iterable[dict[str, Any]],
    settings: Settings,
    stages: Sequence[str] | None = None,
    source: str = "realdata",
) -> Iterator[tuple[dict[str, Any], Document | None]]:
    """Run the per-document stages on each record (``id`` and ``text``; ``title``, ``date``, ``lang``,
    ``url`` when present) and yield ``(record, document)``; ``None`` where a stage failed (that record
    then counts as a miss in the scores, never silently dropped)."""
    from newstrace.registry import build_stages

    names = tuple(stages) if stages is not None else tuple(s for s in settings.stages if s != "embedding")
    pipeline = Pipeline(build_stages(names, settings))
    for rec in records:
        doc = record_to_document(rec, source)
        try:
            yield rec, pipeline.run(doc)
        except StageFailed:
            yield rec, None


def scorer_for(path: Path) -> Scorer:
    stem = path.name.removesuffix(".gz").removesuffix(".jsonl")
    target = SCORERS.get(stem)
    if target is None:
        known = ", ".join(sorted(SCORERS)) or "none yet"
        raise RealDataError(f"no scorer for {path.name} (real-data files newstrace scores: {known})")
    module, func = target.split(":")
    fn: Scorer = getattr(importlib.import_module(module), func)
    return fn


def score_file(path: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    if not path.is_file():
        raise RealDataError(f"real-data file {path} not found")
    return scorer_for(path)(path, settings, limit)


def flatten(scores: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """``{"a": {"b": 1}}`` -> ``[("a.b", 1)]``, for a plain two-column rendering of any scorer."""
    rows: list[tuple[str, Any]] = []
    for key, value in scores.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(flatten(value, name + "."))
        else:
            rows.append((name, value))
    return rows
