"""Stories: the same story across languages, built incrementally, with syndication edges inside.

Each new document is compared only with candidate stories active within the time window: those that
share one of its distinctive entities or figures (an inverted index; entities are weighted by how rare
they are in the corpus) and those of its nearest earlier articles by embedding (an approximate
nearest-neighbour index). The cost per document stays flat as the store grows. The score mixes the
weighted overlap of entities and places, the cosine of the multilingual title-and-lead embeddings
(compressed scale: related pairs 0.85-0.90, unrelated 0.75-0.85), the figures both state (counts
survive translation) and publication on nearby days. Stories merge when a document matches two of them
(a bridging report).
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

import numpy as np

from newstrace.corpus.neighbours import NearestDocuments
from newstrace.model import Document, PartialDate, StoredStoryInput
from newstrace.model.vectors import as_vector
from newstrace.text.numbers import document_figures

# Calibrated on the seed articles and the sample corpus (stories told in 2-4 languages, plus unrelated
# stories sharing Putin, Zelensky and the countries): below JOIN, a document starts a story. Measured:
# right joins 0.35-1.1, scores against a wrong story at most 0.28.
JOIN = 0.32
WINDOW_DAYS = 60
COSINE_FLOOR, COSINE_SPAN = 0.80, 0.10
W_ENTITIES, W_EMBEDDING, W_FIGURES, W_DATE = 0.55, 0.30, 0.15, 0.10
# Two figures of 100 or more stated by both give the whole figure weight, one gives half: on the seeds
# and the sample corpus, reports of different stories share at most one (a round 200 or 500), reports
# of one story often two or more (300,000 reservists and 25 million in Russian, French and English).
FIGURES_FULL = 2
SAME_EVENT_DAYS = 4
# Past a week, the evidence for joining a story fades with the gap in days: a follow-up weeks later
# must share much more than the topic (measured: the wrong joins on the sample corpus were 30 to 60
# days apart, the right ones within 10).
FADE_AFTER_DAYS, FADE_OVER_DAYS, FADE_FLOOR = 7, 45, 0.3
# A document that scores above MERGE with a second story bridges the two: they become one.
MERGE = 0.40
# Entities every war article names carry no story signal; the two capitals mostly stand for the two
# governments ("Kyiv says", "Moscow denies") rather than for the place where something happened.
GENERIC = frozenset(
    {
        "country:UA",
        "country:RU",
        "person/vladimir-putin",
        "person/volodymyr-zelensky",
        "region:place/kyiv-city",
        "gn:703448",  # Kyiv
        "gn:524901",  # Moscow
    }
)
PERSON_BOOST = 2.0
# An entity or figure named in more stories than this (a country, a president, 1,000) does not find
# candidates.
MAX_POSTINGS = 300
MAX_CANDIDATES = 50
# The stories of this many nearest earlier articles (title-and-lead embedding) are candidates too.
NEIGHBOURS = 20


@dataclass
class StoryState:
    id: str
    entities: Counter[str] = field(default_factory=Counter)
    figures: set[float] = field(default_factory=set)
    centroid: np.ndarray | None = None
    docs: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    # The exact publication days of its articles (day numbers): the same-days bonus is measured to the
    # nearest of them, never to a month-precision date, which is "0 days" from every day of its month.
    days: set[int] = field(default_factory=set)
    seq: int = 0  # creation order: when two stories merge, the older keeps its id


@dataclass
class DocFeatures:
    id: str
    lang: str | None
    date: str | None
    entities: Counter[str]
    figures: set[float]
    vector: np.ndarray | None
    shingles_sig: bytes | None = None
    duplicate_of: str | None = None  # the original of an exact or near copy


def _claim_figures(values: Iterable[float | None]) -> set[float]:
    # Documents stored before the stated figures were: their claims' values, as ``stated_figures``
    # filters them (small numbers, a day or a count of three, are shared by chance).
    return {v for v in values if v is not None and v >= 100}


def features(doc: Document) -> DocFeatures:
    ents: Counter[str] = Counter(
        m.entity_id
        for m in doc.mentions
        if m.entity_id and not m.in_boilerplate and m.entity_id not in GENERIC
    )
    return DocFeatures(
        doc.id,
        doc.lang,
        doc.date.value.iso() if doc.date else None,
        ents,
        set(document_figures(doc)),
        as_vector(doc.embedding),
        duplicate_of=doc.duplicate_of,
    )


def stored_features(row: StoredStoryInput) -> DocFeatures:
    ents = Counter(e for e in row.entities if e not in GENERIC)
    figures = set(row.stated) if row.stated is not None else _claim_figures(row.figures)
    return DocFeatures(
        row.id, row.lang, row.date, ents, figures, as_vector(row.embedding), duplicate_of=row.duplicate_of
    )


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


def _figure_key(value: float) -> str:
    # Figures share the inverted index with entity ids; the prefix keeps the two apart.
    return f"#{value:g}"


class MergeableStory(Protocol):
    """What both story clusterers keep of a story and merge alike."""

    seq: int
    docs: list[str]
    entities: Counter[str]
    days: set[int]
    first: str | None
    last: str | None

    @property
    def figures(self) -> Iterable[float]: ...


S = TypeVar("S", bound=MergeableStory)


def merge_stories(
    stories: dict[str, S],
    index: dict[str, set[str]],
    doc_story: dict[str, str],
    pair: tuple[str, str],
    absorb: Callable[[S, S], None],
) -> tuple[str, str]:
    """Merge two stories: the older one (created first) keeps its id and takes the other's articles,
    entities, days and dates; ``absorb(kept, gone)`` adds what only one clusterer keeps (figures,
    vectors, words). The inverted index and ``doc_story`` then lead to the kept story. Returns
    (kept, gone)."""
    a, b = pair
    keep, gone = (a, b) if stories[a].seq <= stories[b].seq else (b, a)
    k, g = stories[keep], stories.pop(gone)
    k.docs.extend(g.docs)
    k.entities.update(g.entities)
    k.days |= g.days
    k.first = min(filter(None, [k.first, g.first]), default=None)
    k.last = max(filter(None, [k.last, g.last]), default=None)
    absorb(k, g)
    for key in [*g.entities, *map(_figure_key, g.figures)]:
        postings = index[key]
        postings.discard(gone)
        postings.add(keep)
    for d in g.docs:
        doc_story[d] = keep
    return keep, gone


class StoryClusterer:
    def __init__(self) -> None:
        self.stories: dict[str, StoryState] = {}
        self.index: dict[str, set[str]] = defaultdict(set)
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.merges: list[tuple[str, str]] = []  # (merged story, story it went into), in order
        self._created = 0
        self.neighbours = NearestDocuments()
        self.doc_story: dict[str, str] = {}  # for the neighbours found: the story each article is in now

    def _idf(self, entity: str) -> float:
        weight = math.log((1 + self.n_docs) / (1 + self.df[entity])) + 1.0
        # A person no knowledge base knows (a witness, a local official) is specific to a story.
        return weight * (PERSON_BOOST if entity.startswith("auto/") else 1.0)

    def _entity_overlap(self, doc: DocFeatures, story: StoryState) -> float:
        mine = {e: self._idf(e) for e in doc.entities}
        theirs = {e: self._idf(e) for e in story.entities}
        shared = sum(min(mine[e], theirs[e]) for e in mine.keys() & theirs.keys())
        union = sum(mine.values()) + sum(theirs.values()) - shared
        return shared / union if union else 0.0

    def score(self, doc: DocFeatures, story: StoryState) -> float:
        ent = self._entity_overlap(doc, story)
        emb = 0.0
        if doc.vector is not None and story.centroid is not None:
            cos = float(doc.vector @ story.centroid / (np.linalg.norm(story.centroid) or 1.0))
            emb = min(1.0, max(0.0, (cos - COSINE_FLOOR) / COSINE_SPAN))
        fig = min(1.0, len(doc.figures & story.figures) / FIGURES_FULL)
        days = min(days_apart(doc.date, story.last), days_apart(doc.date, story.first))
        # Reports of one event come out within days of each other (a bonus only for exact days).
        near = 0.0
        day = exact_day(doc.date)
        if day is not None and story.days:
            nearest = min(abs(day - d) for d in story.days)
            near = max(0.0, 1.0 - nearest / SAME_EVENT_DAYS)
        base = W_ENTITIES * min(1.0, 2 * ent) + W_EMBEDDING * emb + W_FIGURES * fig + W_DATE * near
        fade = max(FADE_FLOOR, 1.0 - max(0.0, days - FADE_AFTER_DAYS) / FADE_OVER_DAYS)
        return base * fade

    def candidates(self, doc: DocFeatures) -> set[str]:
        """Stories sharing a distinctive entity or a figure, and the stories of the nearest earlier
        articles, within the time window. Keys in too many stories are skipped and the candidates are
        capped, so the work per document does not grow with the corpus."""
        shared: Counter[str] = Counter()
        for key in [*doc.entities, *map(_figure_key, doc.figures)]:
            postings = self.index.get(key, set())
            if len(postings) <= MAX_POSTINGS:
                shared.update(postings)
        found = [s for s, _ in shared.most_common(MAX_CANDIDATES)]
        if doc.vector is not None:
            found += [self.doc_story[d] for d in self.neighbours.nearest(doc.vector, NEIGHBOURS)]
        return {
            s
            for s in found
            if days_apart(doc.date, self.stories[s].last) <= WINDOW_DAYS
            or days_apart(doc.date, self.stories[s].first) <= WINDOW_DAYS
        }

    def assign(self, doc: DocFeatures) -> tuple[str, float]:
        """The story ``doc`` joins (a new one when none scores above JOIN), and the score. Other
        candidate stories that ``doc`` also matches above MERGE are merged into that story (the
        merges are recorded in ``self.merges`` for the store to apply). A copy joins its original's
        story, whatever its score."""
        original = self.doc_story.get(doc.duplicate_of) if doc.duplicate_of else None
        if original is not None:
            self.add(original, doc)
            return original, 1.0
        scored = sorted(
            ((self.score(doc, self.stories[sid]), sid) for sid in self.candidates(doc)),
            key=lambda p: (-p[0], p[1]),
        )
        if not scored or scored[0][0] < JOIN:
            best = "story-" + hashlib.sha256(doc.id.encode()).hexdigest()[:12]
            self.add(best, doc)
            return best, 1.0
        best, best_score = scored[0][1], scored[0][0]
        for sc, other in scored[1:]:
            if sc >= MERGE:
                best = self.merge(best, other)
        self.add(best, doc)
        return best, best_score

    def merge(self, a: str, b: str) -> str:
        """Merge two stories; the older one (created first) keeps its id, which is returned."""
        keep, gone = merge_stories(self.stories, self.index, self.doc_story, (a, b), _absorb)
        self.merges.append((gone, keep))
        return keep

    def add(self, sid: str, doc: DocFeatures) -> None:
        story = self.stories.get(sid)
        if story is None:
            self._created += 1
            story = self.stories[sid] = StoryState(sid, seq=self._created)
        story.docs.append(doc.id)
        story.entities.update(doc.entities)
        story.figures |= doc.figures
        self.doc_story[doc.id] = sid
        if doc.vector is not None:
            story.centroid = doc.vector.copy() if story.centroid is None else story.centroid + doc.vector
            self.neighbours.add(doc.id, doc.vector)
        if doc.date:
            story.first = min(filter(None, [story.first, doc.date]))
            story.last = max(filter(None, [story.last, doc.date]))
            day = exact_day(doc.date)
            if day is not None:
                story.days.add(day)
        for e in doc.entities:
            self.index[e].add(sid)
            self.df[e] += 1
        for v in doc.figures:
            self.index[_figure_key(v)].add(sid)
        self.n_docs += 1


def _absorb(kept: StoryState, gone: StoryState) -> None:
    kept.figures |= gone.figures
    if gone.centroid is not None:
        kept.centroid = gone.centroid.copy() if kept.centroid is None else kept.centroid + gone.centroid
