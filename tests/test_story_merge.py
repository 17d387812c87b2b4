"""Stories merge when a bridging document arrives, in memory and in the store, across runs."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from helpers.stories import add_noise, clusterer, direction, hot, story_doc
from newstrace.corpus.stories import DocFeatures, StoryClusterer
from newstrace.model.vectors import as_vector
from newstrace.services.demo import sample_corpus
from newstrace.services.ingest import ingest
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database


def _doc(doc_id: str, entities: list[str], date: str = "2024-03-01") -> DocFeatures:
    # Random titles, so that only the entities decide.
    return story_doc(doc_id, entities, date)  # type: ignore[no-any-return]


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


@pytest.mark.parametrize("learned", [False, True], ids=["rules", "learned"])
def test_far_apart_dates_do_not_join(learned: bool) -> None:
    c = clusterer(learned)
    add_noise(c, 6 if not learned else 12, learned)
    u = direction(5)

    def doc(doc_id: str, entities: list[str], date: str) -> Any:
        return story_doc(doc_id, entities, date, toward=u if learned else None, learned=learned)

    a, _ = c.assign(doc("a", ["auto/p", "auto/q", "auto/r"], "2024-01-10"))
    near, _ = c.assign(doc("b", ["auto/p", "auto/q", "auto/x"], "2024-01-12"))
    far, _ = c.assign(doc("c", ["auto/p", "auto/y", "auto/z"], "2024-03-25"))
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


@pytest.mark.parametrize("learned", [False, True], ids=["rules", "learned"])
def test_the_nearest_articles_by_embedding_make_candidates(learned: bool) -> None:
    # No shared entity or figure: only the embedding index can find the story.
    c = clusterer(learned)
    for i in range(8):
        c.add(f"s{i}", story_doc(f"d{i}", [f"auto/e{i}"], vector=hot(i), lang="fr", learned=learned))
    lone = story_doc("x", ["auto/other"], "2024-03-02", vector=hot(3, 12), lang="ru", learned=learned)
    assert c.candidates(lone) >= {"s3"}
    # After a merge the neighbours found lead to the surviving story.
    kept = c.merge("s3", "s5")
    assert kept == "s3" and "s5" not in c.candidates(story_doc("y", [], None, vector=hot(5), learned=learned))


@pytest.mark.parametrize("learned", [False, True], ids=["rules", "learned"])
def test_shared_figures_make_candidates(learned: bool) -> None:
    c = clusterer(learned)
    c.add("s", story_doc("a", ["auto/p"], figures={300000.0}, lang="ru", learned=learned))
    other = story_doc("b", [], "2024-03-02", figures={300000.0}, lang="fr", learned=learned)
    assert c.candidates(other) == {"s"}


def test_stored_vectors_round_trip() -> None:
    from newstrace.model.vectors import to_bytes

    v = np.array([0.25, -0.5, 1.0], dtype=np.float32)
    back = as_vector(to_bytes(v))
    assert back is not None and np.allclose(back, v)


def test_merges_across_runs_reach_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two reports of the Crimean bridge blast (ru, en) stored in a first run as two stories (joining
    is switched off for it), then a French report that bridges them and a rewrite of the Russian one:
    the stories merge in the store,
    documents and edges alike, and the oldest story keeps its id. (A copy would not bridge: it joins
    its original's story and adds no evidence of its own.)"""
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
        m.setattr(stories.StoryClusterer, "join_cut", 2.0)
        ingest([copy(["005", "006"], tmp_path / "one")], Settings(stories="rules"), db)
    store = DocumentStore(db)
    before = {Path(d.source).name[:3]: d.story_id for d in store.iter_documents()}
    assert len(set(before.values())) == 2, before
    ingest([copy(["007", "008"], tmp_path / "two")], Settings(stories="rules"), db)
    after = {Path(d.source).name[:3]: d.story_id for d in store.iter_documents()}
    assert after["008"] == after["007"] == after["006"] == after["005"] == before["005"], (before, after)
    edges = store.conn.execute("SELECT story_id, dst FROM story_edges").fetchall()
    assert edges and all(sid == after[Path(str(store.get(dst).source)).name[:3]] for sid, dst in edges)


_ORIGINAL = (
    "Flooding closes the ring road around Lakeport\n\n"
    "LAKEPORT, 3 March 2024 - Heavy rain flooded the ring road around Lakeport on Sunday, and the "
    "city council closed four of its bridges to traffic. Mayor Ilse Brandvold said 1,250 households "
    "had been told to leave the low-lying Harbour district before nightfall. Pumping crews from three "
    "neighbouring towns worked through the night, and the regional weather office warned that the "
    "river would not peak before Tuesday. Schools in the district will stay shut until Wednesday.\n"
)
_OTHER = (
    "Orchestra opens its new concert hall in Millbrook\n\n"
    "MILLBROOK, 3 March 2024 - The Millbrook Symphony Orchestra played its first concert in the new "
    "hall on the old railway site on Sunday evening. Conductor Tamsin Ogilvie chose a programme of "
    "works by local composers, and 2,400 tickets sold out within a day. The hall took six years to "
    "build and its acoustics were designed by a firm from Rotterdam.\n"
)


def test_exact_and_near_copies_join_their_original_s_story_across_runs(tmp_path: Path) -> None:
    """An original stored in a first run; in a second run an exact copy (other line breaks, another
    file) and a near copy (one sentence changed) arrive among unrelated reports: both are marked as
    copies and share the original's story, whatever the story decision scores."""
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "original.txt").write_text(_ORIGINAL, encoding="utf-8")
    (first / "concert.txt").write_text(_OTHER, encoding="utf-8")
    (second / "exact.txt").write_text(_ORIGINAL.replace(". ", ".\n"), encoding="utf-8")
    near = _ORIGINAL.replace("Schools in the district will stay shut until Wednesday.", "Trains run.")
    (second / "near.txt").write_text(near, encoding="utf-8")
    (second / "concert-again.txt").write_text(_OTHER.replace("Sunday evening", "Sunday night"), "utf-8")
    db = Database(tmp_path / "c.db")
    ingest([first], Settings(), db)
    ingest([second], Settings(), db)
    docs = {Path(d.source).stem: d for d in DocumentStore(db).iter_documents()}
    original = docs["original"]
    assert original.story_id is not None
    for stem in ("exact", "near"):
        assert docs[stem].duplicate_of == original.id, stem
        assert docs[stem].story_id == original.story_id, stem
    assert docs["concert"].story_id != original.story_id
