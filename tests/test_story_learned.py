"""The learned story decision: core matching, no chaining, copies, rarity, repeated bridges."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from helpers.stories import add_noise, direction, story_doc
from newstrace.corpus.story_join import FEATURES
from newstrace.corpus.story_learned import DocFeatures
from newstrace.corpus.story_learned import LearnedStoryClusterer as StoryClusterer


def _doc(
    doc_id: str, entities: list[str], date: str = "2024-03-01", toward: np.ndarray | None = None
) -> DocFeatures:
    return story_doc(doc_id, entities, date, toward, learned=True)  # type: ignore[no-any-return]


def _direction(seed: int) -> np.ndarray:
    return direction(seed)


def _noise(c: StoryClusterer, n: int = 12) -> None:
    add_noise(c, n, learned=True)


def test_two_stories_merge_on_repeated_bridges_only_and_the_older_keeps_its_id() -> None:
    c = StoryClusterer()
    _noise(c)
    u, v = _direction(1), _direction(2)
    first, _ = c.assign(_doc("a", ["auto/p"], toward=u))
    second, _ = c.assign(_doc("b", ["auto/w"], toward=v))
    assert first != second and c.merges == []
    both = (u + v) / np.linalg.norm(u + v)
    joined, _ = c.assign(_doc("c", ["auto/p", "auto/w"], toward=both))
    # One article that matches both stories (a round-up) does not merge them.
    assert joined == first and c.merges == [] and second in c.stories
    joined, _ = c.assign(_doc("d", ["auto/p", "auto/w"], toward=both))
    assert c.merges == [(second, first)] and joined == first
    assert c.stories[first].docs == ["a", "c", "b", "d"] and second not in c.stories
    # The merged story's entities now find the surviving story.
    assert c.index["auto/w"] == {first} and first in c.candidates(_doc("e", ["auto/w"]))


def test_no_chaining_through_one_member() -> None:
    # A story of three articles about u took in a fourth halfway to w. An article about w matches
    # that fourth member well (cosine 0.7) but not the story's core: it starts a story of its own.
    c = StoryClusterer()
    _noise(c)
    u, w = _direction(3), _direction(4)
    first = {c.assign(_doc(f"core{k}", [], toward=u))[0] for k in range(3)}
    edge, _ = c.assign(_doc("edge", [], toward=(u + w) / np.linalg.norm(u + w)))
    assert first == {edge}
    single = c.singleton(_doc("edge", [], toward=(u + w) / np.linalg.norm(u + w)))
    other = _doc("other", [], toward=w)
    assert c.score(other, single) >= c.model.join  # one member alone would let it in
    assert c.assign(other)[0] != edge


def test_copies_join_their_original_s_story() -> None:
    c = StoryClusterer()
    _noise(c)
    original, _ = c.assign(_doc("a", ["auto/p"]))
    copy = _doc("copy", ["auto/q"])  # nothing in common but being a copy
    copy.duplicate_of = "a"
    assert c.assign(copy) == (original, 1.0)


def test_rare_entities_weigh_more_than_common_ones() -> None:
    c = StoryClusterer()
    for i in range(20):  # "auto/everywhere" is in every article
        c.assign(_doc(f"n{i}", ["auto/everywhere", f"auto/only{i}"]))
    story = c.stories[c.doc_story["n3"]]
    common = c.join_features(_doc("x", ["auto/everywhere"]), story, None)
    rare = c.join_features(_doc("y", ["auto/only3"]), story, None)
    assert rare[FEATURES.index("entities")] > 0.3 > common[FEATURES.index("entities")]


def test_figures_count_how_many_are_shared() -> None:
    c = StoryClusterer()
    base = _doc("a", ["auto/p"])
    c.add("s", DocFeatures("a", "ru", base.date, base.entities, {300000.0, 25e6, 5937.0}, base.vector))

    def with_figures(figures: set[float]) -> float:
        doc = DocFeatures("b", "fr", base.date, Counter(), figures, base.vector)
        return float(c.join_features(doc, c.stories["s"], None)[FEATURES.index("figures")])

    none, one, two = with_figures({1300.0}), with_figures({300000.0, 1300.0}), with_figures({300000.0, 25e6})
    assert none < one < two and with_figures({300000.0, 25e6, 5937.0}) == two
    # One shared figure is half the evidence, however few figures the new article states.
    assert with_figures({300000.0}) == one


def test_a_language_seen_in_few_articles_is_centred_on_what_all_articles_share() -> None:
    """Every article carries a large common component (what all news in the encoder's space shares).
    Two unrelated Spanish articles arrive after many English ones: centred on their language's own
    mean of one or two articles they would keep the common component and look alike; shrunk towards
    the mean of all articles they do not, and each starts its own story."""
    common = direction(7)

    def article(doc_id: str, lang: str) -> DocFeatures:
        own = direction(1000 + sum(map(ord, doc_id)))
        vector = 0.95 * common + 0.31 * own
        return DocFeatures(doc_id, lang, "2024-03-01", Counter(), set(), vector / np.linalg.norm(vector))

    c = StoryClusterer()
    for i in range(60):
        c.assign(article(f"en{i}", "en"))
    first, _ = c.assign(article("es-a", "es"))
    second = article("es-b", "es")
    cosine = c.join_features(second, c.stories[first], c.centred(second))[FEATURES.index("cosine")]
    assert cosine < 0.3
    assert c.assign(second)[0] != first


@pytest.mark.slow
def test_stored_articles_keep_their_words_across_runs(tmp_path: Path) -> None:
    """A second run reads the stories of the first from the store: the words of their titles and leads
    (and so their rarity) are what they were when the articles were analysed."""
    from newstrace.corpus.story_learned import content_words, features, stored_features
    from newstrace.services.ingest import ingest
    from newstrace.settings import Settings
    from newstrace.stages.embedding import lead_text
    from newstrace.store.documents import DocumentStore
    from newstrace.store.sqlite import Database

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ferry.txt").write_text(
        "Ferry service to Korvik island suspended after storm\n\n"
        "The ferry company Nordlys halted all crossings to Korvik island on Friday after a storm damaged "
        "the harbour wall, stranding about 400 visitors. Repairs are expected to take two weeks.\n",
        encoding="utf-8",
    )
    db = Database(tmp_path / "s.db")
    ingest([folder], Settings(stories="learned"), db)
    store = DocumentStore(db)
    (doc,) = list(store.iter_documents())
    (row,) = list(store.story_inputs())
    live = features(doc).words
    assert live and live == content_words(lead_text(doc))
    assert stored_features(row).words == live


def test_the_same_days_raise_the_score_and_weeks_apart_lower_it() -> None:
    c = StoryClusterer()
    _noise(c)
    u = _direction(7)
    c.add("s", _doc("a", ["auto/p"], "2024-03-01", toward=u))
    story = c.stories["s"]

    def score(date: str) -> float:
        return c.score(_doc("x", ["auto/p"], date, toward=u), story)

    same, week, months = score("2024-03-01"), score("2024-03-05"), score("2024-05-01")
    assert same > week > months
    x = c.join_features(_doc("x", ["auto/p"], "2024-05-01", toward=u), story, None)
    assert x[FEATURES.index("same_days")] == 0.0 and x[FEATURES.index("days_apart")] == 1.0
