"""``newstrace eval``: ingest a gold corpus into a scratch store and score every capability that exists.

The corpus is read through the same ingest path as user data, so the scores measure what users get.
"""

from __future__ import annotations

import tempfile
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
        lang_hit = doc.lang == g.get("lang")
        date_hit = got_date == g.get("date")
        lang_ok += lang_hit
        date_ok += date_hit
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
    ents: dict[str, Any] | None = None
    gold_entities = gold.data.get("entities")
    if isinstance(gold_entities, dict) and any("entities" in d.provided for d in docs.values()):
        from newstrace.evaluation.entities import score_entities

        wanted = [docs[s] for s in gold.documents if s in docs]
        ents = score_entities(gold_entities, wanted, _kb_names())
    claims: dict[str, Any] | None = None
    if "claims" in gold.data and any("claims" in d.provided for d in docs.values()):
        from newstrace.evaluation.claims import score_claims

        claims = score_claims(
            list(gold.data.get("claims", [])),
            list(gold.data.get("sourcing", [])),
            {s: docs[s] for s in gold.documents if s in docs},
            _kb_names(),
        )
    elif any("claims" in g for g in gold.documents.values()) and any(
        "claims" in d.provided for d in docs.values()
    ):
        from newstrace.evaluation.manifest_claims import score_manifest_claims

        claims = score_manifest_claims(gold.documents, docs, _kb_names())  # the sample's MANIFEST
    events: dict[str, Any] | None = None
    if "events" in gold.data and any("events" in d.provided for d in docs.values()):
        from newstrace.evaluation.events import score_events

        events = score_events(list(gold.data.get("events", [])), docs)
    stories: dict[str, Any] | None = None
    gold_stories = gold.data.get("stories")
    if isinstance(gold_stories, list) and any(d.story_id for d in docs.values()):
        from newstrace.evaluation.stories import score_stories

        stories = score_stories(gold_stories, {s: d.story_id for s, d in docs.items() if d.story_id})
    result = {
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
    if ents is not None:
        result["entities"] = ents
    if claims is not None:
        result["claims"] = claims
    if events is not None:
        result["events"] = events
    if stories is not None:
        result["stories"] = stories
    return result
