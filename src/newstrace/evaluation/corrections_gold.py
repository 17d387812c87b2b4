"""Corrections become gold: ``newstrace export --what gold`` writes the analyst's judgements with the
documents they judge, and ``newstrace eval --gold`` on that file scores the pipeline against them.

The file (JSON, ``"format": "newstrace-corrections"``) holds, per judged document, its raw text and
reading metadata (so the pipeline can read it again exactly as it was ingested), and every active
judgement with the annotation as the analyst wants it (``expected``; absent for a rejection).

Scoring reads each document again with the current pipeline, in this process, and reports per kind:

- ``reviewed``: what the analyst found of the pipeline that was judged (confirmed, corrected, rejected
  and the agreement rate, confirmed / judged);
- ``pipeline``: how many judgements the current pipeline now agrees with (a rejected annotation must be
  gone, a corrected one must carry the corrected values) -- this measures the next version;
- ``with_corrections``: the same after the judgements are re-attached to the new output and applied,
  as the store does after re-analysis: 100% unless an annotation could not be found again (``orphaned``).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from newstrace.evaluation.gold import Gold, GoldError
from newstrace.evaluation.scores import ratio
from newstrace.model import Document, RawRecord, RecordMeta
from newstrace.model.serialise import from_plain, to_plain
from newstrace.services.corrections import Annotation, annotations_of, relocate_in
from newstrace.services.corrections_apply import CorrectionSet, apply_to_document
from newstrace.settings import Settings
from newstrace.store.corrections import KINDS, Correction, CorrectionStore
from newstrace.store.documents import DocumentStore

FORMAT = "newstrace-corrections"
# The fields compared per kind (those an analyst can correct).
COMPARED = {
    "claim": ("kind", "low", "high", "bound", "subject", "claimant"),
    "place": ("name", "geonames_id"),
    "entity_link": ("entity_id",),
    "event": ("type", "status", "place"),
}


def expected_values(c: Correction) -> dict[str, Any] | None:
    """The annotation as the analyst wants it (None: it should not exist)."""
    if c.action == "reject":
        return None
    values = dict(c.original)
    fields = dict(c.fields)
    if c.kind == "event" and "place" in fields:
        place = fields.pop("place")
        values["place"] = place["name"] if place else None
    values.update({k: v for k, v in fields.items() if k in COMPARED[c.kind]})
    return {k: values.get(k) for k in COMPARED[c.kind]}


def gold_data(store: DocumentStore) -> dict[str, Any]:
    judged = CorrectionStore(store.db).find(status="attached")
    documents: dict[str, Any] = {}
    for doc_id in sorted({c.doc_id for c in judged}):
        doc = store.get(doc_id)
        documents[doc_id] = {
            # Only the file's name: a local path says nothing the text does not, and the document's
            # identity does not depend on it.
            "source": Path(doc.source).name,
            "source_id": doc.source_id,
            "fmt": doc.fmt,
            "encoding": doc.encoding,
            "meta": to_plain(doc.meta),
            "title": doc.title.text if doc.title else None,
            "text": doc.raw,
        }
    corrections = []
    for c in judged:
        entry = c.as_dict()
        for private in ("id", "status", "superseded_by"):
            entry.pop(private)
        entry["expected"] = expected_values(c)
        corrections.append(entry)
    return {
        "format": FORMAT,
        "about": "An analyst's judgements of newstrace annotations, with the documents they judge; "
        "offsets are code points into each document's text.",
        "documents": documents,
        "corrections": corrections,
    }


def export_gold(store: DocumentStore, out: IO[str]) -> int:
    """Write the gold file; returns the number of judgements written."""
    data = gold_data(store)
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(data["corrections"])


def is_corrections_gold(gold: Gold) -> bool:
    return gold.data.get("format") == FORMAT


def _correction(entry: dict[str, Any]) -> Correction:
    try:
        return Correction(
            doc_id=str(entry["doc_id"]),
            kind=str(entry["kind"]),
            start=int(entry["start"]),
            end=int(entry["end"]),
            key=str(entry["key"]),
            action=str(entry["action"]),
            who=str(entry["who"]),
            subkind=str(entry.get("subkind") or ""),
            fields=dict(entry.get("fields") or {}),
            original=dict(entry.get("original") or {}),
            note=entry.get("note"),
            at=str(entry.get("at") or ""),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldError(f"a correction of the gold file is malformed: {exc}") from exc


def _document(doc_id: str, entry: dict[str, Any]) -> Document:
    try:
        meta = from_plain(RecordMeta, entry.get("meta") or {})
        raw = RawRecord(
            source=str(entry["source"]),
            text=str(entry["text"]),
            fmt=str(entry.get("fmt") or "txt"),
            source_id=entry.get("source_id"),
            encoding=entry.get("encoding"),
            meta=meta,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldError(f"document {doc_id} of the gold file is malformed: {exc}") from exc
    doc = raw.to_document()
    return doc if doc.id == doc_id else dataclasses.replace(doc, id=doc_id)


def _values(a: Annotation) -> dict[str, Any]:
    return {k: a.values.get(k) for k in COMPARED[a.kind]}


def _agrees(found: Annotation | None, expected: dict[str, Any] | None) -> bool:
    if expected is None:
        return found is None
    if found is None:
        return False
    got = _values(found)
    return all(_same(got.get(k), v) for k, v in expected.items())


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) < 1e-6
    return bool(a == b)


def _at(doc: Document, kind: str, start: int, end: int, subkind: str) -> Annotation | None:
    for a in annotations_of(doc, kind):
        if (a.start, a.end) == (start, end) and a.subkind == subkind:
            return a
    return None


def score_documents(
    corrections: list[Correction], expected: list[dict[str, Any] | None], docs: dict[str, Document]
) -> dict[str, Any]:
    """Score pipeline output (``docs``, by id) against the judgements, before and after applying them."""
    rows = {k: {"judged": 0, "pipeline": 0, "with_corrections": 0, "orphaned": 0} for k in KINDS}
    attached: list[Correction] = []
    pending: list[tuple[Correction, dict[str, Any] | None, Annotation]] = []
    for c, want in zip(corrections, expected, strict=True):
        row = rows[c.kind]
        row["judged"] += 1
        doc = docs.get(c.doc_id)
        now = relocate_in(doc, c, set()) if doc is not None else None
        if now is None:
            row["orphaned"] += 1
            # A rejected annotation the pipeline no longer makes: both agree it is not there.
            row["pipeline"] += want is None
            row["with_corrections"] += want is None
            continue
        row["pipeline"] += _agrees(now, want)
        moved = dataclasses.replace(c, start=now.start, end=now.end)
        attached.append(moved)
        pending.append((moved, want, now))
    cset = CorrectionSet.of(attached)
    corrected = {d.id: apply_to_document(d, cset).doc for d in docs.values()}
    for c, want, _ in pending:
        sub = (want or {}).get("kind", c.subkind) if c.kind == "claim" else ""
        found = _at(corrected[c.doc_id], c.kind, c.start, c.end, str(sub))
        rows[c.kind]["with_corrections"] += _agrees(found, want)
    out: dict[str, Any] = {}
    for kind, row in rows.items():
        if row["judged"]:
            out[kind] = {
                **row,
                "pipeline_agreement": ratio(row["pipeline"], row["judged"]),
                "with_corrections_accuracy": ratio(row["with_corrections"], row["judged"]),
            }
    return out


def reviewed_rates(corrections: Iterable[Correction]) -> dict[str, Any]:
    """The analyst's verdicts on the pipeline that was judged, per kind."""
    counts: dict[str, dict[str, int]] = {}
    for c in corrections:
        row = counts.setdefault(c.kind, {"confirm": 0, "correct": 0, "reject": 0})
        row[c.action] += 1
    out: dict[str, Any] = {}
    for kind, row in counts.items():
        total = sum(row.values())
        out[kind] = {
            "judged": total,
            "confirmed": row["confirm"],
            "corrected": row["correct"],
            "rejected": row["reject"],
            "agreement": ratio(row["confirm"], total),
            "corrected_rate": ratio(row["correct"], total),
            "rejected_rate": ratio(row["reject"], total),
        }
    return out


def score_gold(gold: Gold, settings: Settings) -> dict[str, Any]:
    """Read the gold documents again with the current pipeline and score it against the judgements."""
    from newstrace.pipeline.pipeline import Pipeline, StageFailed
    from newstrace.registry import build_stages

    entries = gold.data.get("corrections")
    if not isinstance(entries, list):
        raise GoldError(f"{gold.path}: no 'corrections' list")
    corrections = [_correction(e) for e in entries]
    expected = [e.get("expected") if isinstance(e, dict) else None for e in entries]
    names = tuple(s for s in settings.stages if s != "embedding")
    pipeline = Pipeline(build_stages(names, settings))
    docs: dict[str, Document] = {}
    failed = []
    for doc_id, entry in sorted(gold.documents.items()):
        try:
            docs[doc_id] = pipeline.run(_document(doc_id, entry))
        except StageFailed:
            failed.append(doc_id)
    return {
        "documents": len(docs),
        "failed_documents": failed,
        "judgements": len(corrections),
        "reviewed": reviewed_rates(corrections),
        "scores": score_documents(corrections, expected, docs),
    }


def write_gold_file(store: DocumentStore, path: Path) -> int:
    with path.open("w", encoding="utf-8") as fh:
        return export_gold(store, fh)
