"""Stories merge when a bridging document arrives, in memory and in the store, across runs."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from newstrace.corpus.stories import DocFeatures, StoryClusterer
from newstrace.model.vectors import as_vector
from newstrace.services.demo import sample_corpus
from newstrace.services.ingest import ingest
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database


def _doc(doc_id: str, entities: list[str], date: str = "2024-03-01") -> DocFeatures:
    # Unrelated titles: random directions in 64 dimensions are nearly orthogonal (cosine ~0), so only
    # the entities decide.
    rng = np.random.default_rng(sum(map(ord, doc_id)) * 7919 + len(doc_id))
    vector = rng.standard_normal(64).astype(np.float32)
    return DocFeatures(doc_id, "en", date, Counter(entities), set(), vector / np.linalg.norm(vector))


def test_a_bridging_document_merges_two_stories_and_the_older_keeps_its_id() -> None:
    c = StoryClusterer()
    for i in range(6):  # unrelated stories, so that the shared entities below are rare
        c.assign(_doc(f"noise{i}", [f"auto/n{i}a", f"auto/n{i}b"]))
    first, _ = c.assign(_doc("a", ["auto/p", "auto/q", "auto/r", "auto/s"]))
    second, _ = c.assign(_doc("b", ["auto/w", "auto/x", "auto/y", "auto/z"]))
    assert first != second and c.merges == []
    joined, _ = c.assign(_doc("c", ["auto/p", "auto/q", "auto/r", "auto/w", "auto/x", "auto/y"]))
    assert c.merges == [(second, first)] and joined == first
    assert c.stories[first].docs == ["a", "b", "c"] and second not in c.stories
    # The merged story's entities now find the surviving story.
    assert c.index["auto/z"] == {first} and first in c.candidates(_doc("d", ["auto/z"]))


def test_far_apart_dates_do_not_join() -> None:
    c = StoryClusterer()
    for i in range(6):
        c.assign(_doc(f"noise{i}", [f"auto/n{i}a", f"auto/n{i}b"]))
    a, _ = c.assign(_doc("a", ["auto/p", "auto/q", "auto/r"], "2024-01-10"))
    near, _ = c.assign(_doc("b", ["auto/p", "auto/q", "auto/x"], "2024-01-12"))
    far, _ = c.assign(_doc("c", ["auto/p", "auto/y", "auto/z"], "2024-03-25"))
    assert near == a and far != a


def test_month_dates_are_near_every_day_of_their_month() -> None:
    from newstrace.corpus.stories import days_apart

    assert days_apart("2022-09", "2022-09-21") == 0
    assert days_apart("2022-09", "2022-10-03") == 3
    assert days_apart("2022-09-30", "2022-09-01") == 29


def test_the_same_days_bonus_counts_exact_days_only() -> None:
    # A month-precision article in a story must not make every day of that month "the same day".
    c = StoryClusterer()
    c.add("s", _doc("month", ["auto/p"], "2022-09"))
    c.add("s", _doc("day", ["auto/q"], "2022-09-30"))
    far = c.score(_doc("x", ["auto/p"], "2022-09-13"), c.stories["s"])
    close = c.score(_doc("y", ["auto/p"], "2022-09-29"), c.stories["s"])
    assert close - far > 0.05


def test_figures_count_how_many_are_shared() -> None:
    c = StoryClusterer()
    base = _doc("a", ["auto/p"])
    c.add("s", DocFeatures("a", "ru", base.date, base.entities, {300000.0, 25e6, 5937.0}, base.vector))

    def with_figures(figures: set[float]) -> float:
        return c.score(DocFeatures("b", "fr", base.date, Counter(), figures, base.vector), c.stories["s"])

    none, one, two = with_figures({1300.0}), with_figures({300000.0, 1300.0}), with_figures({300000.0, 25e6})
    assert none < one < two and with_figures({300000.0, 25e6, 5937.0}) == two
    # One shared figure is half the evidence, however few figures the new article states.
    assert with_figures({300000.0}) == one


def test_stated_figures_are_the_same_across_languages() -> None:
    from newstrace.text.numbers import stated_figures

    ru = stated_figures("Министр сообщил, что будут призваны 300 тысяч резервистов из 25 миллионов.", "ru")
    fr = stated_figures(
        "Le ministre a précisé que 300 000 réservistes seraient appelés, sur 25 millions.", "fr"
    )
    en = stated_figures("The minister said 300,000 reservists would be called up out of 25 million.", "en")
    assert ru == fr == en == {300000.0, 25_000_000.0}
    # As written (not the bound's 1,301), no year, nothing below 100.
    assert stated_figures("Plus de 1 300 personnes en 2022, dans 38 villes.", "fr") == {1300.0}


def _vec(*hot: int) -> np.ndarray:
    v = np.zeros(16, dtype=np.float32)
    v[list(hot)] = 1.0
    return v / np.linalg.norm(v)


def test_the_nearest_articles_by_embedding_make_candidates() -> None:
    # No shared entity or figure: only the embedding index can find the story.
    c = StoryClusterer()
    for i in range(8):
        c.add(f"s{i}", DocFeatures(f"d{i}", "fr", "2024-03-01", Counter([f"auto/e{i}"]), set(), _vec(i)))
    lone = DocFeatures("x", "ru", "2024-03-02", Counter(["auto/other"]), set(), _vec(3, 12))
    assert c.candidates(lone) >= {"s3"}
    # After a merge the neighbours found lead to the surviving story.
    kept = c.merge("s3", "s5")
    assert kept == "s3" and "s5" not in c.candidates(DocFeatures("y", "ru", None, Counter(), set(), _vec(5)))


def test_shared_figures_make_candidates() -> None:
    c = StoryClusterer()
    c.add("s", DocFeatures("a", "ru", "2024-03-01", Counter(["auto/p"]), {300000.0}, None))
    assert c.candidates(DocFeatures("b", "fr", "2024-03-02", Counter(), {300000.0}, None)) == {"s"}


def test_stored_vectors_round_trip() -> None:
    from newstrace.model.vectors import to_bytes

    v = np.array([0.25, -0.5, 1.0], dtype=np.float32)
    back = as_vector(to_bytes(v))
    assert back is not None and np.allclose(back, v)


def test_merges_across_runs_reach_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three reports of the Crimean bridge blast (ru, en, fr) stored in a first run as three stories
    (joining is switched off for it), then a second Russian report that bridges them: the stories
    merge in the store, documents and edges alike, and the oldest story keeps its id."""
    from newstrace.corpus import stories

    corpus = sample_corpus()

    def copy(stems: list[str], dest: Path) -> Path:
        dest.mkdir()
        for stem in stems:
            (path,) = corpus.glob(f"{stem}_*")
            shutil.copy(path, dest / path.name)
        return dest

    db = Database(tmp_path / "s.db")
    with monkeypatch.context() as m:
        m.setattr(stories, "JOIN", 2.0)
        ingest([copy(["005", "006", "007"], tmp_path / "one")], Settings(), db)
    store = DocumentStore(db)
    before = {Path(d.source).name[:3]: d.story_id for d in store.iter_documents()}
    assert len(set(before.values())) == 3, before
    ingest([copy(["008"], tmp_path / "two")], Settings(), db)
    after = {Path(d.source).name[:3]: d.story_id for d in store.iter_documents()}
    assert after["008"] == after["005"] == before["005"], (before, after)
    assert len(set(after.values())) < 3, after  # at least one earlier story merged into it
    edges = store.conn.execute("SELECT story_id, dst FROM story_edges").fetchall()
    assert edges and all(sid == after[Path(str(store.get(dst).source)).name[:3]] for sid, dst in edges)
