"""Stories with a learned join decision (``Settings.stories = "learned"``; the default is still the
calibrated rules of ``corpus.stories``, which keep the sample corpus's floors).

Each new document is compared only with candidate stories active within the time window: those that
share one of its entities or figures (an inverted index) and those of its nearest earlier articles by
embedding (an approximate nearest-neighbour index). The cost per document stays flat as the store grows.

The decision is learned (``story_join``): a probability from language-free features of the document
against the story's *core*, never against one member, so that stories do not grow by chaining:

- the cosine of its embedding with the story's centroid, both centred per language (each language's
  mean vector, estimated on the corpus as it arrives, is what makes two unrelated articles in one
  language look alike; removing it lets a German and an English report of one event meet);
- the overlap of entities, of words and of figures, each weighted by how rare it is in the corpus
  (inverse document frequency, from the corpus itself: the countries and leaders every report names
  weigh almost nothing) and by the share of the story's articles that carry it;
- whether the story is told in the document's language.

Exact and near copies join their original's story outright. Two stories merge only on repeated
evidence: several documents that each match both of them.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newstrace.corpus.neighbours import NearestDocuments
from newstrace.corpus.stories import WINDOW_DAYS, _claim_figures, _figure_key, days_apart, exact_day
from newstrace.corpus.story_join import JoinModel, shipped_model
from newstrace.model import Document, StoredStoryInput
from newstrace.model.vectors import as_vector
from newstrace.text.numbers import document_figures

# Past a week, the evidence for joining a story fades with the gap in days: a follow-up weeks later
# must share much more than the topic (measured on the sample corpus: the wrong joins were 30 to 60
# days apart, the right ones within 10). The real pairs the model is fitted on carry no dates.
FADE_AFTER_DAYS, FADE_OVER_DAYS, FADE_FLOOR = 7, 45, 0.3
# Reports of one event come out within days of each other: publication on the same day adds
# SAME_DAYS_LOG_ODDS to the log-odds, fading to nothing at SAME_EVENT_DAYS apart (exact days only).
# The fitted pairs carry no dates, so this is set by hand: on the sample corpus any value from 1 to 3
# adds one right pair (pairwise F1 0.822 -> 0.827), and it leaves the pairs' scores unchanged.
SAME_EVENT_DAYS = 4
SAME_DAYS_LOG_ODDS = 2.0
# A document that matches a second story at this probability is evidence that the two are one story;
# MERGE_AFTER such documents merge them (one bridging article is not enough: it may be a round-up).
MERGE_PROBABILITY = 0.9
MERGE_AFTER = 2
# An entity or figure named in more stories than this does not find candidates.
MAX_POSTINGS = 300
MAX_CANDIDATES = 50
# The stories of this many nearest earlier articles (title-and-lead embedding) are candidates too.
NEIGHBOURS = 20
# Per-language mean vectors are shrunk towards zero by this many pseudo-documents, so that the first
# articles of a language are not centred on themselves. 4: at 10 the five seed articles (four in
# French on one theme) are barely centred and two of their stories join; on the stream of the 2,290
# real pair articles 4 and 10 give the same precision and recall (within 0.015).
CENTRING_PRIOR = 4
# Figures: two stated by both (by the whole story) give the full feature, one half.
FIGURES_FULL = 2
# Words: the distinct words of the title and lead (CJK text: character pairs), at most this many.
WORDS_CHARS, MAX_WORDS = 600, 80
MIN_WORD = 4
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass
class StoryState:
    id: str
    entities: Counter[str] = field(default_factory=Counter)
    figures: Counter[float] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    langs: Counter[str] = field(default_factory=Counter)
    # Sum of the members' centred unit vectors, by dimension (one per encoder: vectors of two
    # encoders are never compared).
    centroid: dict[int, np.ndarray] = field(default_factory=dict)
    docs: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    # The exact publication days of its articles (day numbers): the same-days evidence is measured to
    # the nearest of them, never to a month-precision date.
    days: set[int] = field(default_factory=set)
    seq: int = 0  # creation order: when two stories merge, the older keeps its id
    # kind -> (articles, corpus size, sum of item weights) when last computed
    weights: dict[str, tuple[int, int, float]] = field(default_factory=dict)


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
    duplicate_of: str | None = None


def content_words(text: str) -> frozenset[str]:
    """The distinct words of ``text`` (lower-cased, at least MIN_WORD letters, no numbers), or its
    character pairs where it is written without spaces (Chinese, Japanese): the same rule in every
    language, no stop list needed since common words weigh nothing by rarity."""
    out: list[str] = []
    seen: set[str] = set()
    for w in _WORD.findall(text[:WORDS_CHARS].lower()):
        if _CJK.search(w):
            grams = [a + b for a, b in itertools.pairwise(w)]
        elif len(w) >= MIN_WORD and not w.isdigit():
            grams = [w]
        else:
            continue
        for g in grams:
            if g not in seen:
                seen.add(g)
                out.append(g)
    return frozenset(out[:MAX_WORDS])


def _evidence_entities(doc: Document) -> Counter[str]:
    # The outlet that carried a report ("media/...") says who published it, not what happened.
    return Counter(
        m.entity_id
        for m in doc.mentions
        if m.entity_id and not m.in_boilerplate and not m.entity_id.startswith("media/")
    )


def features(doc: Document) -> DocFeatures:
    from newstrace.stages.embedding import lead_text

    return DocFeatures(
        doc.id,
        doc.lang,
        doc.date.value.iso() if doc.date else None,
        _evidence_entities(doc),
        set(document_figures(doc)),
        as_vector(doc.embedding),
        words=content_words(lead_text(doc)),
        duplicate_of=doc.duplicate_of,
    )


def stored_features(row: StoredStoryInput) -> DocFeatures:
    ents = Counter(e for e in row.entities if not e.startswith("media/"))
    figures = set(row.stated) if row.stated is not None else _claim_figures(row.figures)
    return DocFeatures(
        row.id, row.lang, row.date, ents, figures, as_vector(row.embedding), duplicate_of=row.duplicate_of
    )


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


class LearnedStoryClusterer:
    def __init__(self, model: JoinModel | None = None) -> None:
        self.model = model if model is not None else shipped_model()
        self.stories: dict[str, StoryState] = {}
        self.index: dict[str, set[str]] = defaultdict(set)
        self.df: Counter[str] = Counter()  # documents naming each entity or stating each figure
        self.word_df: Counter[str] = Counter()
        self.n_docs = 0
        self.merges: list[tuple[str, str]] = []  # (merged story, story it went into), in order
        self._created = 0
        self._bridges: Counter[tuple[str, str]] = Counter()
        self._neighbours: dict[int, NearestDocuments] = {}
        self._lang_sum: dict[tuple[str, int], np.ndarray] = {}
        self._lang_n: Counter[tuple[str, int]] = Counter()
        self.doc_story: dict[str, str] = {}  # the story each article is in now

    # -- evidence --------------------------------------------------------------------------------

    def _idf(self, df: int) -> float:
        # Zero for what every document names, log(N) for what one names.
        return max(0.0, math.log((1 + self.n_docs) / (1 + df)))

    def centred(self, doc: DocFeatures) -> np.ndarray | None:
        """The document's unit vector minus its language's mean vector (shrunk), renormalised."""
        if doc.vector is None:
            return None
        key = (doc.lang or "", int(doc.vector.shape[0]))
        total = self._lang_sum.get(key)
        if total is None:
            return _unit(doc.vector)
        return _unit(doc.vector - total / (self._lang_n[key] + CENTRING_PRIOR))

    def _story_weight(self, story: StoryState, kind: str, items: Counter[Any], df: Counter[Any]) -> float:
        """Sum of the story's item weights (rarity x share of its articles), cached until the story
        changes or the corpus grows by a tenth (rarity drifts slowly): the cost of a comparison then
        depends on the document's items only, not on the size of the story."""
        n = max(1, len(story.docs))
        cached = story.weights.get(kind)
        if cached is not None and cached[0] == n and self.n_docs <= cached[1] * 1.1 + 10:
            return cached[2]
        total = sum(self._idf(df[k]) * c for k, c in items.items()) / n
        story.weights[kind] = (n, self.n_docs, total)
        return total

    def _overlap(self, mine: Iterable[Any], story: StoryState, kind: str) -> float:
        """Weighted Jaccard of the document's items and the story's, each weighted by its rarity and,
        on the story's side, by the share of the story's articles that carry it."""
        items, df = (story.entities, self.df) if kind == "entities" else (story.words, self.word_df)
        n = max(1, len(story.docs))
        mine_total = shared = 0.0
        for k in mine:
            w = self._idf(df[k])
            mine_total += w
            c = items.get(k, 0)
            if c:
                shared += min(w, w * c / n)
        union = mine_total + self._story_weight(story, kind, items, df) - shared
        return shared / union if union > 0 else 0.0

    def join_features(self, doc: DocFeatures, story: StoryState, centred: np.ndarray | None) -> np.ndarray:
        """The model's features (``story_join.FEATURES`` order) of ``doc`` against ``story``."""
        n = max(1, len(story.docs))
        cos = 0.0
        if centred is not None:
            total = story.centroid.get(int(centred.shape[0]))
            if total is not None:
                cos = float(centred @ _unit(total))
        cross = 1.0 - story.langs.get(doc.lang or "", 0) / n
        ent = self._overlap(doc.entities, story, "entities")
        words = self._overlap(doc.words, story, "words")
        shared_figures = sum(story.figures.get(v, 0) for v in doc.figures) / n
        fig = min(1.0, shared_figures / FIGURES_FULL)
        return np.array([cos, cos * cross, ent, words, fig, cross])

    def score(self, doc: DocFeatures, story: StoryState, centred: np.ndarray | None = None) -> float:
        """The probability that ``doc`` tells ``story``, faded by the gap in days."""
        if centred is None:
            centred = self.centred(doc)
        near = 0.0
        day = exact_day(doc.date)
        if day is not None and story.days:
            near = max(0.0, 1.0 - min(abs(day - d) for d in story.days) / SAME_EVENT_DAYS)
        p = self.model.probability(self.join_features(doc, story, centred), SAME_DAYS_LOG_ODDS * near)
        days = min(days_apart(doc.date, story.last), days_apart(doc.date, story.first))
        return p * max(FADE_FLOOR, 1.0 - max(0.0, days - FADE_AFTER_DAYS) / FADE_OVER_DAYS)

    def candidates(self, doc: DocFeatures) -> set[str]:
        """Stories sharing an entity or a figure, and the stories of the nearest earlier articles,
        within the time window. Keys in too many stories are skipped and the candidates are capped, so
        the work per document does not grow with the corpus."""
        shared: Counter[str] = Counter()
        for key in [*doc.entities, *map(_figure_key, doc.figures)]:
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

    def singleton(self, doc: DocFeatures) -> StoryState:
        """A one-article story of ``doc`` as the corpus stands now (for comparing two articles)."""
        story = StoryState(doc.id, Counter(doc.entities), Counter(doc.figures), Counter(doc.words))
        story.langs[doc.lang or ""] = 1
        story.docs.append(doc.id)
        centred = self.centred(doc)
        if centred is not None:
            story.centroid[int(centred.shape[0])] = centred
        story.first = story.last = doc.date
        day = exact_day(doc.date)
        if day is not None:
            story.days.add(day)
        return story

    # -- decisions -------------------------------------------------------------------------------

    def assign(self, doc: DocFeatures) -> tuple[str, float]:
        """The story ``doc`` joins (a new one when none reaches the model's join cut), and the
        probability (a new story: 1.0). A copy joins its original's story. Other stories that ``doc``
        also matches strongly count a bridge; after MERGE_AFTER bridges two stories merge (recorded
        in ``self.merges`` for the store to apply)."""
        original = self.doc_story.get(doc.duplicate_of) if doc.duplicate_of else None
        if original is not None:
            self.add(original, doc)
            return original, 1.0
        centred = self.centred(doc)
        scored = sorted(
            ((self.score(doc, self.stories[sid], centred), sid) for sid in self.candidates(doc)),
            key=lambda p: (-p[0], p[1]),
        )
        if not scored or scored[0][0] < self.model.join:
            best = "story-" + hashlib.sha256(doc.id.encode()).hexdigest()[:12]
            self.add(best, doc)
            return best, 1.0
        best, best_score = scored[0][1], scored[0][0]
        for sc, other in scored[1:]:
            if sc < MERGE_PROBABILITY:
                break
            pair = (min(best, other), max(best, other))
            self._bridges[pair] += 1
            if self._bridges[pair] >= MERGE_AFTER:
                best = self.merge(best, other)
        self.add(best, doc)
        return best, best_score

    def merge(self, a: str, b: str) -> str:
        """Merge two stories; the older one (created first) keeps its id, which is returned."""
        keep, gone = (a, b) if self.stories[a].seq <= self.stories[b].seq else (b, a)
        k, g = self.stories[keep], self.stories.pop(gone)
        k.docs.extend(g.docs)
        k.entities.update(g.entities)
        k.figures.update(g.figures)
        k.words.update(g.words)
        k.langs.update(g.langs)
        for dim, total in g.centroid.items():
            k.centroid[dim] = k.centroid[dim] + total if dim in k.centroid else total.copy()
        k.days |= g.days
        k.first = min(filter(None, [k.first, g.first]), default=None)
        k.last = max(filter(None, [k.last, g.last]), default=None)
        for key in [*g.entities, *map(_figure_key, g.figures)]:
            postings = self.index[key]
            postings.discard(gone)
            postings.add(keep)
        for d in g.docs:
            self.doc_story[d] = keep
        self.merges.append((gone, keep))
        return keep

    def add(self, sid: str, doc: DocFeatures) -> None:
        story = self.stories.get(sid)
        if story is None:
            self._created += 1
            story = self.stories[sid] = StoryState(sid, seq=self._created)
        story.docs.append(doc.id)
        story.entities.update(doc.entities)
        story.figures.update(doc.figures)
        story.words.update(doc.words)
        story.langs[doc.lang or ""] += 1
        self.doc_story[doc.id] = sid
        if doc.vector is not None:
            self._add_vector(story, doc)
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
        self.word_df.update(doc.words)
        self.n_docs += 1

    def _add_vector(self, story: StoryState, doc: DocFeatures) -> None:
        assert doc.vector is not None
        dim = int(doc.vector.shape[0])
        key = (doc.lang or "", dim)
        self._lang_sum[key] = self._lang_sum[key] + doc.vector if key in self._lang_sum else doc.vector.copy()
        self._lang_n[key] += 1
        centred = self.centred(doc)
        assert centred is not None
        story.centroid[dim] = story.centroid[dim] + centred if dim in story.centroid else centred.copy()
        index = self._neighbours.get(dim)
        if index is None:
            index = self._neighbours[dim] = NearestDocuments()
        index.add(doc.id, doc.vector)
