"""The learned story decision: core matching, no chaining, copies, rarity, repeated bridges."""

from __future__ import annotations

from collections import Counter

import numpy as np

from newstrace.corpus.story_join import FEATURES
from newstrace.corpus.story_learned import DocFeatures
from newstrace.corpus.story_learned import LearnedStoryClusterer as StoryClusterer


def _doc(
    doc_id: str, entities: list[str], date: str = "2024-03-01", toward: np.ndarray | None = None
) -> DocFeatures:
    # Unrelated titles: random directions in 64 dimensions are nearly orthogonal (cosine ~0); a
    # document ``toward`` a direction is that direction plus a little noise.
    rng = np.random.default_rng(sum(map(ord, doc_id)) * 7919 + len(doc_id))
    vector = rng.standard_normal(64).astype(np.float32)
    vector /= np.linalg.norm(vector)
    if toward is not None:
        vector = toward + 0.15 * vector
    return DocFeatures(doc_id, "en", date, Counter(entities), set(), vector / np.linalg.norm(vector))


def _direction(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(64).astype(np.float32)
    return v / np.linalg.norm(v)


def _noise(c: StoryClusterer, n: int = 12) -> None:
    for i in range(n):  # unrelated stories, so that the language's mean vector is estimated
        c.assign(_doc(f"noise{i}", [f"auto/n{i}a", f"auto/n{i}b"]))


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


def test_far_apart_dates_do_not_join() -> None:
    c = StoryClusterer()
    _noise(c)
    u = _direction(5)
    a, _ = c.assign(_doc("a", ["auto/p", "auto/q", "auto/r"], "2024-01-10", toward=u))
    near, _ = c.assign(_doc("b", ["auto/p", "auto/q", "auto/x"], "2024-01-12", toward=u))
    far, _ = c.assign(_doc("c", ["auto/p", "auto/y", "auto/z"], "2024-03-25", toward=u))
    assert near == a and far != a


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
