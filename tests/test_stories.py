"""Stories across languages and syndication edges, on the bundled sample corpus and the seeds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newstrace.evaluation.stories import adjusted_rand_index, score_stories
from newstrace.model import Document
from newstrace.services.demo import sample_corpus
from newstrace.services.stories import show_story
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database

# Pairwise F1 of the sample corpus's story partition under the calibrated rules (measured 0.962, then
# 1.0 once stories compared the figures the texts state); a floor.
SAMPLE_F1_FLOOR = 1.0
SAMPLE_PRECISION_FLOOR = 1.0
# The same under the learned decision, the default since it holds on real streams (measured 0.7385 at
# precision 1.0, then 0.9067 once stories took a second look, ``corpus.story_settle``, then 1.0 once
# that look merged stories of the same week, and an undated story with a dated one, from a lower cut
# and went on until nothing merged); a floor.
LEARNED_SAMPLE_F1_FLOOR = 1.0
LEARNED_SAMPLE_PRECISION_FLOOR = 1.0


@pytest.fixture(scope="module")
def sample(sample_db: Database) -> tuple[dict[str, Document], DocumentStore]:
    store = DocumentStore(sample_db)
    return {Path(d.source).stem: d for d in store.iter_documents()}, store


def _manifest() -> dict[str, dict[str, object]]:
    data = json.loads((sample_corpus() / "MANIFEST.json").read_text(encoding="utf-8"))
    return data["documents"]  # type: ignore[no-any-return]


def _sample_scores(docs: dict[str, Document]) -> tuple[dict[str, Any], list[list[str]]]:
    groups: dict[str, list[str]] = {}
    for stem, meta in _manifest().items():
        groups.setdefault(str(meta["story"]), []).append(stem)
    scores = score_stories(
        [{"docs": v} for v in groups.values()], {s: d.story_id or s for s, d in docs.items()}
    )
    return scores, list(groups.values())


def test_sample_stories_under_the_default_decision(
    sample: tuple[dict[str, Document], DocumentStore],
) -> None:
    docs, _ = sample
    assert Settings().stories == "learned"
    scores, _ = _sample_scores(docs)
    assert scores["pairwise_f1"] >= LEARNED_SAMPLE_F1_FLOOR, scores
    assert scores["pairwise_precision"] >= LEARNED_SAMPLE_PRECISION_FLOOR, scores


@pytest.mark.slow
def test_multilingual_stories_come_out_as_one_under_the_rules(tmp_path: Path) -> None:
    from newstrace.services.ingest import ingest

    db = Database(tmp_path / "rules.db")
    ingest([sample_corpus()], Settings(stories="rules"), db)
    docs = {Path(d.source).stem: d for d in DocumentStore(db).iter_documents()}
    scores, groups = _sample_scores(docs)
    assert scores["pairwise_f1"] >= SAMPLE_F1_FLOOR, scores
    assert scores["pairwise_precision"] >= SAMPLE_PRECISION_FLOOR, scores
    # Every story written in several languages is one story, with nothing else in it.
    multilingual = [stems for stems in groups if len({docs[s].lang for s in stems}) >= 2]
    split = [stems for stems in multilingual if len({docs[s].story_id for s in stems}) != 1]
    assert len(multilingual) >= 7 and not split, split


def test_planted_copies_are_marked(sample: tuple[dict[str, Document], DocumentStore]) -> None:
    docs, store = sample
    for stem, meta in _manifest().items():
        for key, kinds in (("copy_of", {"copy"}), ("rewrite_of", {"copy", "rewrite"})):
            original = meta.get(key)
            if not original:
                continue
            doc, orig = docs[stem], docs[str(original)]
            assert doc.story_id == orig.story_id, (stem, original)
            edges = show_story(store, str(doc.story_id))["edges"]
            assert any(e["to"] == doc.id and e["kind"] in kinds for e in edges), (stem, edges)


def test_planted_translations_are_marked_and_nothing_else(
    sample: tuple[dict[str, Document], DocumentStore],
) -> None:
    docs, store = sample
    planted = {
        (str(meta[key]), stem)
        for stem, meta in _manifest().items()
        for key in ("copy_of", "rewrite_of", "translation_of")
        if meta.get(key)
    }
    by_id = {d.id: stem for stem, d in docs.items()}
    found: dict[tuple[str, str], str] = {}
    for sid in {d.story_id for d in docs.values() if d.story_id}:
        for e in show_story(store, sid)["edges"]:
            found[(by_id[e["from"]], by_id[e["to"]])] = e["kind"]
    assert set(found) == planted, (found, planted)
    for stem, meta in _manifest().items():
        if meta.get("translation_of"):
            assert found[(str(meta["translation_of"]), stem)] == "translation", stem


def test_adjusted_rand_index() -> None:
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert adjusted_rand_index(gold, {"a": "x", "b": "x", "c": "y", "d": "y"}) == pytest.approx(1.0)
    assert adjusted_rand_index(gold, {"a": "x", "b": "y", "c": "x", "d": "y"}) < 0


@pytest.mark.parametrize("decision", ["learned", "rules"])
def test_seed_story_partition(seeds_gold: Path, decision: str) -> None:
    from newstrace.services.evaluate import evaluate

    scores = evaluate(seeds_gold, Settings(stories=decision))
    assert scores["stories"]["exact_partition"], scores["stories"]["predicted"]


def test_eval_reads_the_stories_of_a_manifest() -> None:
    from types import SimpleNamespace

    from newstrace.services.evaluate import _stories

    manifest = {"a": {"story": "s1"}, "b": {"story": "s1"}, "c": {"story": "s2"}}
    gold = SimpleNamespace(data={"documents": manifest})
    docs = {stem: SimpleNamespace(story_id=sid) for stem, sid in (("a", "x"), ("b", "x"), ("c", "x"))}
    scores = _stories(gold, docs)  # type: ignore[arg-type]
    assert scores is not None and scores["pairwise_precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert scores["pairwise_recall"] == 1.0 and not scores["exact_partition"]
