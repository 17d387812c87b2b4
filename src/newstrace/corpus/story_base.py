"""What both story clusterers share: the features of a document and of a story, dates, the candidate
search, the copy rule, merging and adding. They differ only in how a document is scored against a
story (``corpus.stories``: calibrated rules; ``corpus.story_learned``: a fitted model).

Each new document is compared only with candidate stories active within the time window: those that
share one of its entities or figures (an inverted index; keys named in too many stories are skipped)
and those of its nearest earlier articles by embedding (an approximate nearest-neighbour index, one per
encoder dimension). Both indexes hold only the *live* stories: a story whose latest article is more
than ``WINDOW_DAYS`` older than the newest day the stream has reached leaves them (its articles leave
the nearest-neighbour index), so their size is bounded by the articles of one window, not by the
corpus. An old story stays reachable for its copies (the copy rule goes by ``doc_story``) and becomes
live again when one joins it. The cost per document stays flat as the store grows.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from newstrace.corpus.neighbours import NearestDocuments
from newstrace.model import PartialDate

# A story is a candidate (and live) while its latest article is at most this many days older than the
# document. Fitted on the human-judged pairs of ``story_pairs.jsonl`` (its article ids are crawl
# numbers that grow with the day, about 0.89 million a day, read from the 21 articles whose text gives
# their day): the clear same-story pairs are at most 1.1 days apart at the 75th percentile, 23 days at
# the 95th and 38 days at the 98th; 98.6% are within 60 days and no longer window up to 75 days adds
# one (99% needs 76 days, the last 1% reaches 106). ``benchmarks/stories.py --pairs F --gaps`` prints
# these figures.
WINDOW_DAYS = 60
# An entity or figure named in more stories than this (a country, a president, 1,000) does not find
# candidates.
MAX_POSTINGS = 300
MAX_CANDIDATES = 50
# The stories of this many nearest earlier articles (title-and-lead embedding) are candidates too.
NEIGHBOURS = 20
# A story's sums of item rarities are kept as its articles arrive (each item counted with its document
# frequency at that moment) and summed afresh when the corpus has grown by this share since: the cost
# of a comparison then depends on the document's items only, not on the size of the story, and
# rarity (a logarithm of the frequency) drifts slowly.
REFRESH_GROWTH = 0.1


@dataclass
class DocFeatures:
    id: str
    lang: str | None
    date: str | None
    entities: Counter[str]
    figures: set[float]
    vector: np.ndarray | None
    shingles_sig: bytes | None = None
    words: frozenset[str] = frozenset()
    duplicate_of: str | None = None  # the original of an exact or near copy


@dataclass
class StoryState:
    id: str
    entities: Counter[str] = field(default_factory=Counter)
    figures: Counter[float] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    langs: Counter[str] = field(default_factory=Counter)
    # Sum of the members' unit vectors and their number, by language and dimension (one per encoder:
    # vectors of two encoders are never compared).
    vectors: dict[tuple[str, int], np.ndarray] = field(default_factory=dict)
    vector_n: Counter[tuple[str, int]] = field(default_factory=Counter)
    docs: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    # The exact publication days of its articles (day numbers): the same-days evidence is measured to
    # the nearest of them, never to a month-precision date, which is "0 days" from every day of its month.
    days: set[int] = field(default_factory=set)
    seq: int = 0  # creation order: when two stories merge, the older keeps its id
    latest_day: int | None = None  # max(days), kept as articles arrive
    live: bool = True  # in the candidate indexes (see the module's docstring)
    # kind -> [sum of log(1 + document frequency) over its items, as each item arrived; corpus size when
    # last summed afresh] (the scorers keep their item weights incrementally, see ``item_log_df``)
    log_df: dict[str, list[float]] = field(default_factory=dict)

    def vector_sum(self, dim: int) -> np.ndarray | None:
        """The sum of its members' vectors of this dimension, every language together."""
        parts = [v for (_, d), v in self.vectors.items() if d == dim]
        return None if not parts else functools.reduce(np.add, parts)

    def absorb(self, gone: StoryState) -> None:
        """Take the articles and evidence of ``gone`` (a merge); the dates keep the wider span."""
        self.docs.extend(gone.docs)
        self.entities.update(gone.entities)
        self.figures.update(gone.figures)
        self.words.update(gone.words)
        self.langs.update(gone.langs)
        self.days |= gone.days
        self.latest_day = max(filter(None, [self.latest_day, gone.latest_day]), default=None)
        self.first = min(filter(None, [self.first, gone.first]), default=None)
        self.last = max(filter(None, [self.last, gone.last]), default=None)
        for key, total in gone.vectors.items():
            self.vectors[key] = self.vectors[key] + total if key in self.vectors else total.copy()
        self.vector_n.update(gone.vector_n)
        self.log_df.clear()  # summed afresh on next use


def claim_figures(values: Iterable[float | None]) -> set[float]:
    # Documents stored before the stated figures were: their claims' values, as ``stated_figures``
    # filters them (small numbers, a day or a count of three, are shared by chance).
    return {v for v in values if v is not None and v >= 100}


@functools.lru_cache(maxsize=65536)
def _day_range(iso: str) -> tuple[int, int] | None:
    d = PartialDate.parse_iso(iso)
    return (d.anchor().toordinal(), d.last_day().toordinal()) if d is not None else None


def exact_day(iso: str | None) -> int | None:
    """The day number of a day-precision date, else None."""
    r = _day_range(iso) if iso else None
    return r[0] if r is not None and r[0] == r[1] else None


def days_apart(a: str | None, b: str | None) -> float:
    """Days between two dates; a month-precision date stands for all its days, so "2022-09" is 0 days
    from "2022-09-21". Unknown dates are 0 days from anything (no evidence against)."""
    ra = _day_range(a) if a else None
    rb = _day_range(b) if b else None
    if ra is None or rb is None:
        return 0.0
    return float(max(0, ra[0] - rb[1], rb[0] - ra[1]))


def nearest_day(doc: DocFeatures, story: StoryState, within: float) -> float:
    """1.0 when the document came out on a day one of the story's articles did, fading to 0.0 at
    ``within`` days apart (exact days only)."""
    day = exact_day(doc.date)
    if day is None or not story.days:
        return 0.0
    return max(0.0, 1.0 - min(abs(day - d) for d in story.days) / within)


def spans_apart(a: StoryState, b: StoryState) -> float | None:
    """Days between the spans of two stories (0 where they overlap); None where either has no date."""
    ends = [_day_range(iso) if iso else None for iso in (a.first, a.last, b.first, b.last)]
    if any(r is None for r in ends):
        return None
    a_first, a_last, b_first, b_last = (r for r in ends if r is not None)
    return float(max(0, a_first[0] - b_last[1], b_first[0] - a_last[1]))


def story_gap(doc: DocFeatures, story: StoryState) -> float:
    """Days between the document and the nearer end of the story's span."""
    return min(days_apart(doc.date, story.last), days_apart(doc.date, story.first))


def figure_key(value: float) -> str:
    # Figures share the inverted index with entity ids; the prefix keeps the two apart.
    return f"#{value:g}"


class BaseStoryClusterer:
    """Candidates, the copy rule, joining, merging and adding; subclasses score a document against a
    story (``scorer``) and set the cuts."""

    join_cut: float = 1.0  # a document joins the best story scoring at least this, else starts one
    merge_cut: float = 1.0  # a document scoring at least this with a second story bridges the two
    merge_after: int = 1  # this many bridges merge two stories

    def __init__(self) -> None:
        self.stories: dict[str, StoryState] = {}
        self.index: dict[str, set[str]] = defaultdict(set)
        self.df: Counter[str] = Counter()  # documents naming each entity
        self.word_df: Counter[str] = Counter()
        self.n_docs = 0
        self.merges: list[tuple[str, str]] = []  # (merged story, story it went into), in order
        self.doc_story: dict[str, str] = {}  # the story each article is in now
        self._created = 0
        self._bridges: Counter[tuple[str, str]] = Counter()
        self._neighbours: dict[int, NearestDocuments] = {}
        self.today: int | None = None  # the newest exact day of any article so far
        self._expiry: list[tuple[int, int, str]] = []  # (a story's latest day, seq, id), a heap
        # Entities that find no candidates (the rules' common entities, ``corpus.stories``).
        self.common: frozenset[str] = frozenset()

    def summed(self, story: StoryState, kind: str, full: Callable[[], list[float]]) -> list[float]:
        """The running sums a scorer keeps on ``story`` for ``kind`` (its first two: the sum of
        log(1 + document frequency) and the corpus size when summed afresh), summed afresh by ``full``
        when the corpus has grown by ``REFRESH_GROWTH`` since."""
        state = story.log_df.get(kind)
        if state is None or self.n_docs > state[1] * (1 + REFRESH_GROWTH):
            state = story.log_df[kind] = full()
        return state

    def on_add(self, story: StoryState, doc: DocFeatures) -> None:
        """Called as ``doc`` joins ``story``, after the document frequencies counted it and before the
        story's items did: a scorer updates its running sums here."""

    def scorer(self, doc: DocFeatures) -> Callable[[StoryState], float]:
        """How well ``doc`` matches a story (work shared by all its candidates is done once here)."""
        raise NotImplementedError

    def candidates(self, doc: DocFeatures) -> set[str]:
        """Stories sharing an entity or a figure, and the stories of the nearest earlier articles,
        within the time window. Keys in too many stories are skipped and the candidates are capped, so
        the work per document does not grow with the corpus. ``common`` entities find none."""
        shared: Counter[str] = Counter()
        for key in [*(e for e in doc.entities if e not in self.common), *map(figure_key, doc.figures)]:
            postings = self.index.get(key, set())
            if len(postings) <= MAX_POSTINGS:
                shared.update(postings)
        found = [s for s, _ in shared.most_common(MAX_CANDIDATES)]
        if doc.vector is not None:
            index = self._neighbours.get(int(doc.vector.shape[0]))
            if index is not None:
                found += [self.doc_story[d] for d in index.nearest(doc.vector, NEIGHBOURS)]
        return {
            s
            for s in found
            if days_apart(doc.date, self.stories[s].last) <= WINDOW_DAYS
            or days_apart(doc.date, self.stories[s].first) <= WINDOW_DAYS
        }

    def assign(self, doc: DocFeatures) -> tuple[str, float]:
        """The story ``doc`` joins (a new one when none scores at least ``join_cut``: score 1.0), and
        the score. A copy joins its original's story, whatever its score. Other stories that ``doc``
        also matches at ``merge_cut`` count a bridge; after ``merge_after`` bridges two stories merge
        (recorded in ``self.merges`` for the store to apply)."""
        original = self.doc_story.get(doc.duplicate_of) if doc.duplicate_of else None
        if original is not None:
            self.add(original, doc)
            return original, 1.0
        score = self.scorer(doc)
        scored = sorted(
            ((score(self.stories[sid]), sid) for sid in self.candidates(doc)), key=lambda p: (-p[0], p[1])
        )
        if not scored or scored[0][0] < self.join_cut:
            best = "story-" + hashlib.sha256(doc.id.encode()).hexdigest()[:12]
            self.add(best, doc)
            return best, 1.0
        best, best_score = scored[0][1], scored[0][0]
        for sc, other in scored[1:]:
            if sc < self.merge_cut:
                break
            pair = (min(best, other), max(best, other))
            self._bridges[pair] += 1
            if self._bridges[pair] >= self.merge_after:
                best = self.merge(best, other)
        self.add(best, doc)
        return best, best_score

    def settle(self) -> None:
        """A second look at the latest articles' stories, at the end of the input (the learned decision
        merges those that clearly match each other: ``corpus.story_settle``); the rules take none."""

    def merge(self, a: str, b: str) -> str:
        """Merge two stories: the older one (created first) keeps its id (returned) and takes the
        other's articles and evidence; the inverted index and ``doc_story`` then lead to it."""
        keep, gone = (a, b) if self.stories[a].seq <= self.stories[b].seq else (b, a)
        g = self.stories.pop(gone)
        self.stories[keep].absorb(g)
        for key in [*g.entities, *map(figure_key, g.figures)]:
            postings = self.index[key]
            postings.discard(gone)
            postings.add(keep)
        for d in g.docs:
            self.doc_story[d] = keep
        self.merges.append((gone, keep))
        kept = self.stories[keep]
        if kept.latest_day is not None:
            heapq.heappush(self._expiry, (kept.latest_day, kept.seq, keep))
        return keep

    def add(self, sid: str, doc: DocFeatures) -> None:
        story = self.stories.get(sid)
        if story is None:
            self._created += 1
            story = self.stories[sid] = StoryState(sid, seq=self._created)
        elif not story.live:
            self._revive(story)
        for e in doc.entities:
            self.index[e].add(sid)
            self.df[e] += 1
        for v in doc.figures:
            self.index[figure_key(v)].add(sid)
        self.word_df.update(doc.words)
        self.n_docs += 1
        self.on_add(story, doc)
        story.docs.append(doc.id)
        story.entities.update(doc.entities)
        story.figures.update(doc.figures)
        story.words.update(doc.words)
        story.langs[doc.lang or ""] += 1
        self.doc_story[doc.id] = sid
        if doc.vector is not None:
            self._add_vector(story, doc, doc.vector)
        if doc.date:
            story.first = min(filter(None, [story.first, doc.date]))
            story.last = max(filter(None, [story.last, doc.date]))
            day = exact_day(doc.date)
            if day is not None:
                self._dated(story, day)

    def _dated(self, story: StoryState, day: int) -> None:
        story.days.add(day)
        if story.latest_day is None or day > story.latest_day:
            story.latest_day = day
            heapq.heappush(self._expiry, (day, story.seq, story.id))
        if self.today is None or day > self.today:
            self.today = day
            self._expire(day - WINDOW_DAYS)

    def _expire(self, before: int) -> None:
        """Stories whose latest article is older than day ``before`` leave the candidate indexes."""
        while self._expiry and self._expiry[0][0] < before:
            day, _, sid = heapq.heappop(self._expiry)
            story = self.stories.get(sid)
            # Entries of merged-away stories, and older entries of a story that has grown since.
            if story is None or not story.live or story.latest_day != day:
                continue
            story.live = False
            for key in [*story.entities, *map(figure_key, story.figures)]:
                postings = self.index.get(key)
                if postings is not None:
                    postings.discard(sid)
                    if not postings:
                        del self.index[key]
            for d in story.docs:
                for index in self._neighbours.values():
                    index.remove(d)

    def _revive(self, story: StoryState) -> None:
        # An old story that a copy (or a stored article) joins is live again; its older articles stay
        # out of the nearest-neighbour index (their vectors are not kept), its items find it again.
        story.live = True
        for key in [*story.entities, *map(figure_key, story.figures)]:
            self.index[key].add(story.id)
        if story.latest_day is not None:
            heapq.heappush(self._expiry, (story.latest_day, story.seq, story.id))

    def _add_vector(self, story: StoryState, doc: DocFeatures, vector: np.ndarray) -> None:
        dim = int(vector.shape[0])
        key = (doc.lang or "", dim)
        story.vectors[key] = story.vectors[key] + vector if key in story.vectors else vector.copy()
        story.vector_n[key] += 1
        index = self._neighbours.get(dim)
        if index is None:
            index = self._neighbours[dim] = NearestDocuments()
        index.add(doc.id, vector)
