"""The articles of human-judged pairs (``story_pairs``) replayed as one stream of news, as ingest runs
them: each through the duplicate detector and the story assigner, in publication order with its day
(``story_days.dated``: the pairs carry no dates, their crawl numbers give them). Scored on the clear
pairs (pairwise: are the two articles in one story at the end?), with the largest story's share, the
assignment cost per article and how many of the copies the duplicate detector found share their
original's story. ``benchmarks/stories.py --pairs`` prints it; the tests pin floors on a subset.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from newstrace.evaluation.story_days import crawl_number, crawl_rate, dated
from newstrace.evaluation.story_pairs import label
from newstrace.model import Document
from newstrace.settings import Settings


def replay(docs: Iterable[Document], settings: Settings) -> tuple[dict[str, str], dict[str, str], float]:
    """The story of each document (by record id) at the end of the stream, each copy's original (record
    ids) and the seconds spent assigning stories."""
    from newstrace.corpus.dedup import Deduplicator
    from newstrace.corpus.story_assigner import StoryAssigner

    docs = list(docs)
    dedup = Deduplicator(settings.minhash_perm, settings.near_duplicate_threshold)
    sigs: dict[str, bytes] = {}
    texts = {d.id: d.text for d in docs}
    ids = {d.id: str(d.source_id) for d in docs}
    assigner = StoryAssigner(sigs.get, texts.get, settings.stories)
    story: dict[str, str] = {}
    copies: dict[str, str] = {}
    spent = 0.0
    for i, doc in enumerate(docs):
        if i % settings.batch_size == 0:  # ingest shows the corpus stages each batch before its articles
            t0 = time.perf_counter()
            assigner.expect(docs[i : i + settings.batch_size])
            spent += time.perf_counter() - t0
        checked, sig = dedup.check(doc, lambda _h: None)
        if checked.duplicate_of:
            copies[ids[doc.id]] = ids[checked.duplicate_of]
        t0 = time.perf_counter()
        assigned, _ = assigner.assign(checked, sig)
        spent += time.perf_counter() - t0
        sigs[doc.id] = sig
        story = _relabelled(story, assigner.take_merges())
        story[ids[doc.id]] = str(assigned.story_id)
    t0 = time.perf_counter()
    story = _relabelled(story, assigner.finish())  # the end of the input, as ingest ends it
    spent += time.perf_counter() - t0
    return story, copies, spent


def _relabelled(story: dict[str, str], merges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Article -> story with each merged story's articles in the story it went into."""
    for gone, kept in merges:
        story = {d: kept if s == gone else s for d, s in story.items()}
    return story


def _prf(tally: Counter[str], scope: str) -> dict[str, Any]:
    tp, fp, fn = tally[scope + "tp"], tally[scope + "fp"], tally[scope + "fn"]
    return {
        "precision": round(tp / max(1, tp + fp), 3),
        "recall": round(tp / max(1, tp + fn), 3),
        "same_story": tp + fn,
        "different": fp + tally[scope + "tn"],
    }


def score_stream(
    records: Sequence[dict[str, Any]], docs: Iterable[Document], settings: Settings, in_order: bool = True
) -> dict[str, Any]:
    """Pairwise scores of the replay; ``in_order``: the articles in crawl order with their crawl days
    (``dated``), else in the order given with the dates the text gave."""
    docs = dated(list(docs)) if in_order else list(docs)
    story, copies, spent = replay(docs, settings)
    tally: Counter[str] = Counter()
    for rec in records:
        a, b, y = str(rec["article_id1"]), str(rec["article_id2"]), label(rec)
        if y < 0 or a not in story or b not in story:
            continue
        scopes = ("", "cross-") if rec["lang1"] != rec["lang2"] else ("",)
        for scope in scopes:
            kind = ("tp" if y else "fp") if story[a] == story[b] else ("fn" if y else "tn")
            tally[scope + kind] += 1
    largest = Counter(story.values()).most_common(1)[0][1] if story else 0
    return {
        "articles": len(story),
        "stories": len(set(story.values())),
        "largest": largest,
        "largest_share": round(largest / max(1, len(story)), 4),
        "ms_per_article": round(1000 * spent / max(1, len(story)), 3),
        "copies": len(copies),
        "copies_with_original": sum(story[c] == story[o] for c, o in copies.items()),
        "all": _prf(tally, ""),
        "cross_language": _prf(tally, "cross-"),
    }


def publication_gaps(records: Sequence[dict[str, Any]], docs: Iterable[Document]) -> dict[str, Any]:
    """How many days apart the articles of clear same-story pairs came out (what ``WINDOW_DAYS`` is
    fitted on). The pairs carry no dates, but their article ids are crawl numbers that grow with the
    day: a pair's gap is the difference of its ids over ``crawl_rate``."""
    rate, n_dated = crawl_rate(list(docs))
    gaps = np.array(
        [
            abs(crawl_number(str(r["article_id1"])) - crawl_number(str(r["article_id2"]))) / rate
            for r in records
            if label(r) == 1
        ]
    )
    return {
        "dated_articles": n_dated,
        "ids_per_day": round(rate),
        "same_story_pairs": len(gaps),
        "percentile_days": {
            q: round(float(np.percentile(gaps, q)), 1) for q in (50, 75, 90, 95, 98, 99, 100)
        },
        "share_within": {w: round(float(np.mean(gaps <= w)), 3) for w in (7, 14, 30, 45, 60, 75, 90)},
    }
