"""``newstrace eval``: ingest a gold corpus into a scratch store and score every capability that exists.

The corpus is read through the same ingest path as user data, so the scores measure what users get.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newstrace.evaluation.corrections_gold import is_corrections_gold, score_gold
from newstrace.evaluation.gold import Gold, GoldError, load_gold
from newstrace.evaluation.scores import ratio, score_boilerplate, score_spun
from newstrace.model import Document
from newstrace.services.ingest import ingest
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database


def _documents_by_stem(store: DocumentStore) -> dict[str, Document]:
    return {Path(doc.source).stem: doc for doc in store.iter_documents()}


def evaluate(gold_path: Path, settings: Settings, corpus: Path | None = None) -> dict[str, Any]:
    gold = load_gold(gold_path)
    if is_corrections_gold(gold):  # an analyst's corrections (`newstrace export --what gold`)
        return score_gold(gold, settings)
    corpus_dir = corpus or gold.corpus_dir()
    if not corpus_dir.is_dir():
        raise GoldError(f"corpus folder {corpus_dir} not found (give it with --corpus)")
    with tempfile.TemporaryDirectory(prefix="newstrace-eval-") as tmp:
        db = Database(Path(tmp) / "eval.db")
        try:
            run_settings = settings.with_overrides(db=Path(tmp) / "eval.db")
            ingest([corpus_dir], run_settings, db)
            docs = _documents_by_stem(DocumentStore(db))
        finally:
            db.close()
    return score(gold, docs)


def _kb_names() -> dict[str, list[str]]:
    from newstrace.kb.loader import knowledge_base

    return {e.id: e.all_names() for e in knowledge_base()}


def score(gold: Gold, docs: dict[str, Document]) -> dict[str, Any]:
    result = _document_scores(gold, docs)
    for name, task in _TASKS:
        scores = task(gold, docs)
        if scores is not None:
            result[name] = scores
    return result


def _document_scores(gold: Gold, docs: dict[str, Document]) -> dict[str, Any]:
    """Language, date, boilerplate and spun text, document by document and summed."""
    per_doc: dict[str, Any] = {}
    lang_ok = date_ok = n = 0
    bp = {"gold": 0, "found": 0, "removed": 0, "correct_removed": 0, "prose_chars_removed": 0}
    sp = {"gold": 0, "detected": 0, "repaired": 0, "flags": 0, "false_flags": 0}
    labels: dict[str, str | None] = {}
    missing = []
    for stem, g in sorted(gold.documents.items()):
        doc = docs.get(stem)
        if doc is None:
            missing.append(stem)
            continue
        n += 1
        got_date = doc.date.value.iso() if doc.date else None
        lang_ok += doc.lang == g.get("lang")
        date_ok += got_date == g.get("date")
        b = score_boilerplate(doc, list(g.get("boilerplate", [])))
        for k in bp:
            bp[k] += b[k]
        q = score_spun(doc, list(g.get("spun", [])))
        for k in sp:
            sp[k] += q[k]
        labels[stem] = q["label"]
        per_doc[stem] = {
            "lang": doc.lang,
            "lang_gold": g.get("lang"),
            "date": got_date,
            "date_gold": g.get("date"),
            "boilerplate": b,
            "spun": q,
        }
    return {
        "documents": n,
        "missing_documents": missing,
        "language": {"accuracy": ratio(lang_ok, n), "correct": lang_ok, "total": n},
        "date": {"accuracy": ratio(date_ok, n), "correct": date_ok, "total": n},
        "boilerplate": {
            "recall": ratio(bp["found"], bp["gold"]),
            "precision": ratio(bp["correct_removed"], bp["removed"]),
            "gold_spans": bp["gold"],
            "found": bp["found"],
            "removed_spans": bp["removed"],
            "prose_chars_removed": bp["prose_chars_removed"],
        },
        "spun": {
            "recall": ratio(sp["detected"], sp["gold"]),
            "precision": ratio(sp["flags"] - sp["false_flags"], sp["flags"]),
            "repair_accuracy": ratio(sp["repaired"], sp["gold"]),
            "gold_spans": sp["gold"],
            "detected": sp["detected"],
            "repaired": sp["repaired"],
            "flags": sp["flags"],
            "false_flags": sp["false_flags"],
            "labels": labels,
        },
        "per_document": per_doc,
    }


def _provided(docs: dict[str, Document], field: str) -> bool:
    return any(field in d.provided for d in docs.values())


def _entities(gold: Gold, docs: dict[str, Document]) -> dict[str, Any] | None:
    gold_entities = gold.data.get("entities")
    if not isinstance(gold_entities, dict) or not _provided(docs, "mentions"):
        return None
    from newstrace.evaluation.entities import score_entities

    wanted = [docs[s] for s in gold.documents if s in docs]
    return score_entities(gold_entities, wanted, _kb_names())


def _claims(gold: Gold, docs: dict[str, Document]) -> dict[str, Any] | None:
    if not _provided(docs, "claims"):
        return None
    if "claims" in gold.data:
        from newstrace.evaluation.claims import score_claims

        return score_claims(
            list(gold.data.get("claims", [])),
            list(gold.data.get("sourcing", [])),
            {s: docs[s] for s in gold.documents if s in docs},
            _kb_names(),
        )
    if any("claims" in g for g in gold.documents.values()):
        from newstrace.evaluation.manifest_claims import score_manifest_claims

        return score_manifest_claims(gold.documents, docs, _kb_names())  # the sample's MANIFEST
    return None


def _events(gold: Gold, docs: dict[str, Document]) -> dict[str, Any] | None:
    if "events" not in gold.data or not _provided(docs, "events"):
        return None
    from newstrace.evaluation.events import score_events

    return score_events(list(gold.data.get("events", [])), docs)


def _gold_stories(gold: Gold) -> list[Any] | None:
    """The gold stories: a "stories" list, or the sample corpus's MANIFEST, whose documents each name
    their story."""
    listed = gold.data.get("stories")
    if isinstance(listed, list):
        return listed
    documents = gold.data.get("documents")
    if not isinstance(documents, dict):
        return None
    groups: dict[str, list[str]] = {}
    for stem, meta in documents.items():
        if isinstance(meta, dict) and meta.get("story"):
            groups.setdefault(str(meta["story"]), []).append(str(stem))
    return [{"docs": stems} for stems in groups.values()] or None


def _stories(gold: Gold, docs: dict[str, Document]) -> dict[str, Any] | None:
    gold_stories = _gold_stories(gold)
    if gold_stories is None or not any(d.story_id for d in docs.values()):
        return None
    from newstrace.evaluation.stories import score_stories

    return score_stories(gold_stories, {s: d.story_id for s, d in docs.items() if d.story_id})


# The corpus-wide tasks a gold file may score, in the order the result lists them; each says None
# where the gold has no section for it or the pipeline did not run its stage.
_TASKS: tuple[tuple[str, Callable[[Gold, dict[str, Document]], dict[str, Any] | None]], ...] = (
    ("entities", _entities),
    ("claims", _claims),
    ("events", _events),
    ("stories", _stories),
)
