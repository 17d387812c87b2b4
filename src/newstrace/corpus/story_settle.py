"""A second look at the stories the latest articles formed, once the corpus has moved on.

An article is judged against the stories as they stand when it arrives: against the per-language mean
vectors and the rarities of that moment, and against stories that its own later neighbours have not
joined yet. Early in a stream, or when articles of one story in several languages arrive far apart in
the input, each of them may start a story of its own at a probability just under the join cut. So
every ``every`` articles (and at the end of the input), the stories holding those recent articles are
compared again, with the statistics as they now stand: two of them merge when they are *each other's*
best match among the recent stories, that match reaches the pair threshold of the join model (its
best same-story cut for one pair, lower than the join cut a stream uses against dozens of candidates),
and it beats the next best match of each side ``margin`` times. The mutual, clear choice is what makes
the lower cut safe: a story that merely looks like several others stays alone.

Measured on the 2,291 real articles of ``story_pairs.jsonl`` replayed in crawl order (``benchmarks/
stories.py --pairs``; before -> after, a look every 200 articles): pairwise precision 0.940 -> 0.935,
recall 0.721 -> 0.771 (across languages 0.922 / 0.720 -> 0.914 / 0.780), the largest story 1.5% both; on
the bundled sample corpus pairwise F1 0.739 -> 0.907 (precision 1.0 both); the seeds' partition unchanged.

Two stories that came out within a week of each other (both dated; a month stands for its days) need
less: their mutual, clear choice counts from a lower cut (``Cuts.near``). The pair threshold was set on
two articles taken alone; here the time evidence, which sinks the match of two stories weeks apart, has
nothing to say against them, and the mutual clear choice is what keeps the merge right (on the real
stream the cut between 0.05 and 0.35 changes nothing, see ``story_learned.SETTLE_NEAR_CUT``). And a look
goes on until a round merges nothing: two halves of one story that merge have a best match of their
own, which neither half had clearly (a report that matches both halves alike chooses neither).
Measured as above (crawl order): precision 0.943 -> 0.943, recall 0.771 -> 0.775 (one same-story pair
more), the largest story 1.5%; in file order with only the days the texts give, precision 0.922 -> 0.918
(one different pair more); the sample corpus 0.907 -> 0.988 (precision 1.0: its Ukrainian report of
the dam and its Russian report of the mobilisation now join their stories); the seeds unchanged.

An undated story and a dated one are not apart in time either (an unknown date is no evidence against,
as in the join): the lower cut applies, and the margin is asked of the dated side only. The undated
side ranked the other stories without time evidence, so a story of another month may score nearly as
well for it (the sample's undated report of a strike on a port, against the grain deal signed there
the day before, 0.28, and a cruiser's sinking three months earlier, 0.21); the dated side's choice
weighed time, and its margin is what shows the choice is clear. Measured on the real stream in crawl
order with some articles' dates removed (every 2nd, 3rd, 5th or 10th article, two offsets each: eight
replays), same-story pairs joined 1,651 -> 1,681 and different pairs 104 -> 108 in all (precision
0.941 -> 0.940, each replay 0.935 or more); with all dated or none (file order) nothing changes; the
sample corpus 0.988 -> 1.0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from newstrace.corpus.story_base import WINDOW_DAYS, DocFeatures, StoryState, days_apart, spans_apart

# Stories are compared through the recent articles nearest by embedding (besides those found by shared
# entities and figures), as the join does through its ``NEIGHBOURS``.
NEAREST = 20

Match = tuple[str, float, float]  # best other story, its probability, the next best's


@dataclass(frozen=True, slots=True)
class Cuts:
    pair: float  # a match must reach this (the join model's pair threshold)
    margin: float  # and beat the next best of each side this many times
    near: float  # the cut instead, for two stories dated within ``near_days`` of each other
    near_days: float


class Settling(Protocol):
    stories: dict[str, StoryState]
    doc_story: dict[str, str]

    def candidates(self, doc: DocFeatures) -> set[str]: ...

    def scorer(self, doc: DocFeatures) -> Callable[[StoryState], float]: ...

    def merge(self, a: str, b: str) -> str: ...


def _nearest_recent(recent: Sequence[DocFeatures]) -> Callable[[DocFeatures], set[str]]:
    """The ids of the ``NEAREST`` recent articles closest to a recent article (cosine, one matrix per
    vector size: vectors of two encoders never meet), within the story window."""
    by_dim: dict[int, list[DocFeatures]] = defaultdict(list)
    for doc in recent:
        if doc.vector is not None:
            by_dim[int(doc.vector.shape[0])].append(doc)
    units: dict[int, np.ndarray] = {}
    rows: dict[str, tuple[int, int]] = {}
    for dim, docs in by_dim.items():
        m = np.array([d.vector for d in docs], dtype=np.float64)
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        units[dim] = m / np.where(norms > 0, norms, 1.0)
        rows.update({d.id: (dim, i) for i, d in enumerate(docs)})

    def nearest(doc: DocFeatures) -> set[str]:
        where = rows.get(doc.id)
        if where is None:
            return set()
        dim, i = where
        sims = units[dim] @ units[dim][i]
        docs = by_dim[dim]
        return {
            docs[j].id
            for j in np.argsort(-sims, kind="stable")[: NEAREST + 1]
            if j != i and days_apart(doc.date, docs[j].date) <= WINDOW_DAYS
        }

    return nearest


def best_matches(
    clusterer: Settling,
    recent: Sequence[DocFeatures],
    nearest: Callable[[DocFeatures], set[str]] | None = None,
    only: set[str] | None = None,
) -> dict[str, Match]:
    """For each story holding recent articles (or each of ``only``): the other such story its recent
    articles match best (the highest probability of any of them), that probability and the next best
    story's. ``nearest``: ``_nearest_recent(recent)``, built once for several calls."""
    by_story: dict[str, list[DocFeatures]] = defaultdict(list)
    for doc in recent:
        sid = clusterer.doc_story.get(doc.id)
        if sid is not None and sid in clusterer.stories:
            by_story[sid].append(doc)
    if nearest is None:
        nearest = _nearest_recent(recent)
    best: dict[str, Match] = {}
    for sid, docs in by_story.items():
        if only is not None and sid not in only:
            continue
        top: dict[str, float] = {}
        for doc in docs:
            others = clusterer.candidates(doc) | {clusterer.doc_story[d] for d in nearest(doc)}
            score = clusterer.scorer(doc)
            for other in others:
                if other != sid and other in by_story:
                    top[other] = max(top.get(other, 0.0), score(clusterer.stories[other]))
        ranked = sorted(((p, other) for other, p in top.items()), key=lambda x: (-x[0], x[1]))
        if ranked:
            best[sid] = (ranked[0][1], ranked[0][0], ranked[1][0] if len(ranked) > 1 else 0.0)
    return best


def settle(clusterer: Settling, recent: Sequence[DocFeatures], cuts: Cuts) -> int:
    """Merge the stories of ``recent`` articles that are each other's clear best match (see the module's
    docstring), looking again after each round of merges until one makes none; the clusterer records
    the merges. Returns how many it made. After the first round only the merged stories and the best
    matches of those are compared again (the others' matches did not change)."""
    nearest = _nearest_recent(recent)
    best = best_matches(clusterer, recent, nearest)
    total = 0
    while kept := _merge_round(clusterer, best, cuts):
        total += len(kept)
        best = best_matches(clusterer, recent, nearest, kept)
        partners = {match[0] for match in best.values()} - kept
        best |= best_matches(clusterer, recent, nearest, partners)
    return total


def _merge_round(clusterer: Settling, best: dict[str, Match], cuts: Cuts) -> set[str]:
    """Merge the pairs of ``best`` that are each other's clear best match; the stories kept."""

    def clear(sid: str, match: Match) -> bool:
        other, p, runner_up = match
        mine, theirs = clusterer.stories[sid], clusterer.stories[other]
        gap = spans_apart(mine, theirs)
        if gap is None and (mine.first is None) != (theirs.first is None):
            # An undated story and a dated one: nothing in time against the match, and the undated
            # side, which ranked the others without time evidence, need not show the margin; the
            # dated side, whose choice weighed time, must.
            return p >= cuts.near and (mine.first is None or p >= cuts.margin * runner_up)
        cut = cuts.near if gap is not None and gap <= cuts.near_days else cuts.pair
        return p >= cut and p >= cuts.margin * runner_up

    merged: set[str] = set()
    kept: set[str] = set()
    for sid, match in sorted(best.items(), key=lambda kv: (-kv[1][1], kv[0])):
        other = match[0]
        if sid in merged or other in merged or not clear(sid, match):
            continue
        back = best.get(other)
        if back is None or back[0] != sid or not clear(other, back):
            continue
        kept.add(clusterer.merge(sid, other))
        merged.update((sid, other))
    return kept
