"""The stories' second look: stories of recent articles merge only when each is the other's clear best
match at the pair threshold, or at a lower cut where they came out within a week of each other
(``corpus.story_settle``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from newstrace.corpus import story_learned
from newstrace.corpus.stories import StoryClusterer as RulesClusterer
from newstrace.corpus.story_base import DocFeatures, StoryState
from newstrace.corpus.story_learned import LearnedStoryClusterer
from newstrace.corpus.story_settle import Cuts, settle

CUTS = Cuts(pair=0.42, margin=2.0, near=0.2, near_days=7)


def _doc(doc_id: str) -> DocFeatures:
    return DocFeatures(doc_id, "en", "2024-03-01", Counter(), set(), None)


class Table:
    """A clusterer whose scores are given: ``scores[(article, story)]``; one article per story, the
    story named after its article in upper case."""

    def __init__(self, scores: dict[tuple[str, str], float], docs: str, dates: dict[str, str]) -> None:
        self.scores = scores
        self.stories = {
            d.upper(): StoryState(d.upper(), docs=[d], first=dates.get(d), last=dates.get(d)) for d in docs
        }
        self.doc_story = {d: d.upper() for d in docs}
        self.merges: list[tuple[str, str]] = []

    def candidates(self, doc: DocFeatures) -> set[str]:
        return set(self.stories)

    def scorer(self, doc: DocFeatures) -> Callable[[StoryState], float]:
        return lambda story: self.scores.get((doc.id, story.id), 0.0)

    def merge(self, a: str, b: str) -> str:
        keep, gone = min(a, b), max(a, b)
        for d in self.stories.pop(gone).docs:
            self.doc_story[d] = keep
            self.stories[keep].docs.append(d)
        self.merges.append((gone, keep))
        return keep


def _settle(
    scores: dict[tuple[str, str], float], docs: str = "abc", dates: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    table = Table(scores, docs, dates or {})
    settle(table, [_doc(d) for d in docs], CUTS)
    return table.merges


def test_two_stories_that_clearly_match_each_other_merge() -> None:
    assert _settle({("a", "B"): 0.5, ("b", "A"): 0.6, ("c", "A"): 0.1}) == [("B", "A")]


def test_no_merge_below_the_pair_threshold() -> None:
    assert _settle({("a", "B"): 0.4, ("b", "A"): 0.41}) == []


def test_no_merge_without_a_clear_margin_over_the_next_best() -> None:
    # a matches B, but C nearly as well: which story it belongs with is not clear.
    assert _settle({("a", "B"): 0.5, ("a", "C"): 0.3, ("b", "A"): 0.6}) == []
    assert _settle({("a", "B"): 0.5, ("a", "C"): 0.2, ("b", "A"): 0.6}) == [("B", "A")]


def test_a_one_sided_match_does_not_merge() -> None:
    # A's best is B (its match is the strongest of all), but B's best is C: B and C merge, A stays
    # alone.
    merges = _settle({("a", "B"): 0.6, ("b", "C"): 0.5, ("b", "A"): 0.1, ("c", "B"): 0.45})
    assert merges == [("C", "B")]


def test_each_story_merges_once_per_round() -> None:
    scores = {("a", "B"): 0.9, ("b", "A"): 0.9, ("c", "D"): 0.5, ("d", "C"): 0.5}
    assert sorted(_settle(scores, "abcd")) == [("B", "A"), ("D", "C")]


def test_a_look_goes_on_while_stories_merge() -> None:
    # c matches A and B alike (no clear choice) until they are one story, which it then clearly matches.
    scores = {("a", "B"): 0.9, ("a", "C"): 0.43, ("b", "A"): 0.9, ("c", "A"): 0.5, ("c", "B"): 0.5}
    assert _settle(scores) == [("B", "A"), ("C", "A")]


def test_stories_of_the_same_week_merge_at_the_lower_cut() -> None:
    scores = {("a", "B"): 0.3, ("b", "A"): 0.25}
    assert _settle(scores, "ab", {"a": "2024-03-01", "b": "2024-03-06"}) == [("B", "A")]
    # Further apart, or undated, the pair threshold holds.
    assert _settle(scores, "ab", {"a": "2024-03-01", "b": "2024-03-12"}) == []
    assert _settle(scores, "ab") == []
    # A month-precision date is as near as its nearest day.
    assert _settle(scores, "ab", {"a": "2024-03", "b": "2024-04-05"}) == [("B", "A")]
    assert _settle(scores, "ab", {"a": "2024-02", "b": "2024-03-12"}) == []


def test_the_learned_clusterer_looks_back_every_so_many_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    looks: list[list[str]] = []
    monkeypatch.setattr(story_learned, "SETTLE_EVERY", 3)
    monkeypatch.setattr(
        story_learned, "settle", lambda _c, recent, _cuts: looks.append([d.id for d in recent])
    )
    c = LearnedStoryClusterer()
    for k in range(7):
        c.assign(_doc(f"d{k}"))
    assert looks == [["d0", "d1", "d2"], ["d3", "d4", "d5"]]
    c.settle()  # the end of the input
    assert looks[-1] == ["d6"]


def test_the_rules_take_no_second_look() -> None:
    c = RulesClusterer()
    for k in range(3):
        c.assign(_doc(f"d{k}"))
    before = dict(c.doc_story)
    c.settle()
    assert c.doc_story == before and c.merges == []


def test_an_undated_story_merges_where_the_dated_side_clearly_chooses_it() -> None:
    # a has no date: C scores nearly as well as B for it, since nothing in time tells them apart.
    scores = {("a", "B"): 0.3, ("a", "C"): 0.2, ("b", "A"): 0.3}
    assert _settle(scores, "abc", {"b": "2024-03-01", "c": "2023-11-20"}) == [("B", "A")]
    # Both undated: the pair threshold and both margins hold.
    assert _settle(scores, "abc") == []
    # The dated side must choose clearly.
    scores[("b", "C")] = 0.2
    assert _settle(scores, "abc", {"b": "2024-03-01", "c": "2023-11-20"}) == []
