"""The live window: old stories leave the candidate indexes, stay reachable for copies; a story's item
weights kept as articles arrive agree with a sum made afresh."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pytest

from helpers.stories import clusterer, hot, story_doc
from newstrace.corpus.story_base import WINDOW_DAYS, exact_day


@pytest.mark.parametrize("learned", [False, True], ids=["rules", "learned"])
def test_a_story_older_than_the_window_leaves_the_indexes_and_copies_still_find_it(learned: bool) -> None:
    c = clusterer(learned)
    old = story_doc("old", ["auto/p", "auto/q"], "2024-01-01", vector=hot(1), learned=learned)
    sid, _ = c.assign(old)
    probe = story_doc("probe", ["auto/p"], "2024-01-02", vector=hot(1), learned=learned)
    assert sid in c.candidates(probe)
    # The stream moves on past the window: the old story is no longer live.
    late = exact_day("2024-01-01")
    assert late is not None
    c.assign(story_doc("later", ["auto/z"], "2024-04-15", vector=hot(7), learned=learned))
    assert c.today is not None and c.today - late > WINDOW_DAYS
    assert not c.stories[sid].live and "auto/p" not in c.index
    assert sid not in c.candidates(
        story_doc("again", ["auto/p"], "2024-04-15", vector=hot(1), learned=learned)
    )
    # A copy of the old article still joins its story, which is live again.
    copy = dataclasses.replace(old, id="copy", date="2024-04-16", duplicate_of="old")
    assert c.assign(copy)[0] == sid and c.stories[sid].live and sid in c.index["auto/q"]


@pytest.mark.parametrize("learned", [False, True], ids=["rules", "learned"])
def test_undated_stories_stay_live(learned: bool) -> None:
    c = clusterer(learned)
    sid, _ = c.assign(story_doc("a", ["auto/p"], None, vector=hot(1), learned=learned))
    c.assign(story_doc("b", ["auto/z"], "2024-01-01", vector=hot(7), learned=learned))
    c.assign(story_doc("c", ["auto/y"], "2024-06-01", vector=hot(9), learned=learned))
    assert c.stories[sid].live and sid in c.candidates(story_doc("d", ["auto/p"], None, learned=learned))


def test_running_sums_of_item_rarity_match_a_fresh_sum() -> None:
    c = clusterer(True)
    for i in range(30):
        c.assign(
            story_doc(f"n{i}", [f"auto/n{i}", "auto/common"], "2024-03-01", vector=hot(i % 16), learned=True)
        )
    story = c.stories[c.doc_story["n3"]]
    kept = c._story_weight(story, "entities")
    story.log_df.clear()
    fresh = c._story_weight(story, "entities")
    # Within the drift allowed between refreshes (frequencies grow by at most REFRESH_GROWTH).
    assert kept == pytest.approx(fresh, rel=0.1) and fresh > 0
    n = max(1, len(story.docs))
    exact = sum(c._idf(c.df[k]) * cnt for k, cnt in story.entities.items()) / n
    assert fresh == pytest.approx(exact) and math.isfinite(kept)


def test_publication_gaps_read_days_from_crawl_numbers() -> None:
    from types import SimpleNamespace

    from newstrace.evaluation.story_stream import publication_gaps
    from newstrace.model import PartialDate

    def dated(number: int, iso: str) -> SimpleNamespace:
        return SimpleNamespace(source_id=str(number), date=SimpleNamespace(value=PartialDate.parse_iso(iso)))

    # Crawl numbers grow by 1,000 a day; one article's day is an event's, far off: the median ignores it.
    days = ["2020-01-01", "2020-01-03", "2020-01-05", "2020-01-08", "2020-01-10"]
    docs = [dated(1000 * int(d[-2:]), d) for d in days] + [dated(6000, "2019-06-01")]
    same = {"overall": 1.0, "article_id1": "1000", "article_id2": "8000it"}
    other = {"overall": 4.0, "article_id1": "1000", "article_id2": "90000"}
    r = publication_gaps([same, same, other], docs)  # type: ignore[arg-type]
    assert r["ids_per_day"] == 1000 and r["same_story_pairs"] == 2
    assert r["percentile_days"][50] == 7.0 and r["share_within"][7] == 1.0


def test_articles_are_dated_and_ordered_by_crawl_number() -> None:
    from newstrace.evaluation.story_days import dated
    from newstrace.model import DateSource, DocDate, PartialDate, RawRecord

    def article(number: str, iso: str | None) -> Any:
        doc = RawRecord(source="pairs.jsonl", text="Some words.", fmt="jsonl", source_id=number).to_document()
        when = PartialDate.parse_iso(iso) if iso else None
        return dataclasses.replace(doc, date=DocDate(when, DateSource.TEXT, "dates") if when else None)

    # 1,000 crawl numbers a day, read from the two articles whose text gives a day.
    docs = [article("5000", None), article("1000", "2021-03-01"), article("3000it", "2021-03-03")]
    out = dated(docs)
    assert [d.source_id for d in out] == ["1000", "3000it", "5000"]
    assert [d.date.value.iso() for d in out if d.date] == ["2000-01-01", "2000-01-03", "2000-01-05"]
    assert all(d.date is not None and d.date.source == DateSource.METADATA for d in out)
    # Fewer than two days given: no rate, the articles keep their own dates, in crawl order.
    few = dated(docs[:2])
    assert [d.source_id for d in few] == ["1000", "5000"] and few[1].date is None
