"""Stories: the same story across languages, built incrementally, with syndication edges inside.

Each new document is compared only with the stories that share one of its distinctive entities (an
inverted index, weighted by how rare the entity is in the corpus) and that are active within the time
window: the cost per document stays flat as the store grows. The score mixes the weighted overlap of
entities and places, the cosine of the multilingual title-and-lead embeddings (compressed scale: related
pairs 0.85-0.90, unrelated 0.75-0.85) and shared figures. Inside a story, each new article is linked to
the closest earlier one as a copy, a translation, a rewrite, or not at all (independent).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from newstrace.model import Document, PartialDate
from newstrace.stages.embedding import as_vector

# Calibrated on the seed articles and the sample corpus (stories told in 2-4 languages, plus unrelated
# stories sharing Putin, Zelensky and the countries): below JOIN, a document starts a story.
JOIN = 0.32
WINDOW_DAYS = 60
COSINE_FLOOR, COSINE_SPAN = 0.80, 0.10
W_ENTITIES, W_EMBEDDING, W_FIGURES, W_DATE = 0.55, 0.30, 0.15, 0.10
SAME_EVENT_DAYS = 4
# Entities every war article names carry no story signal.
GENERIC = frozenset({"country:UA", "country:RU", "person/vladimir-putin", "person/volodymyr-zelensky"})
PERSON_BOOST = 2.0
# An entity named in more stories than this (a country, a president) does not find candidates.
MAX_POSTINGS = 300
MAX_CANDIDATES = 50
COPY_SIMILARITY = 0.85
REWRITE_SIMILARITY = 0.35
TRANSLATION_COSINE = 0.90


@dataclass
class StoryState:
    id: str
    entities: Counter[str] = field(default_factory=Counter)
    figures: set[float] = field(default_factory=set)
    centroid: np.ndarray | None = None
    docs: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None


@dataclass
class DocFeatures:
    id: str
    lang: str | None
    date: str | None
    entities: Counter[str]
    figures: set[float]
    vector: np.ndarray | None
    shingles_sig: bytes | None = None


def features(doc: Document) -> DocFeatures:
    ents: Counter[str] = Counter(
        m.entity_id
        for m in doc.mentions
        if m.entity_id and not m.in_boilerplate and m.entity_id not in GENERIC
    )
    figures = {c.low or c.high or 0.0 for c in doc.claims if (c.low or c.high or 0) >= 10}
    return DocFeatures(
        doc.id, doc.lang, doc.date.value.iso() if doc.date else None, ents, figures, as_vector(doc.embedding)
    )


@functools.lru_cache(maxsize=65536)
def _day_number(iso: str) -> int | None:
    d = PartialDate.parse_iso(iso)
    return d.anchor().toordinal() if d is not None else None


def _days_apart(a: str | None, b: str | None) -> float:
    da = _day_number(a) if a else None
    db = _day_number(b) if b else None
    if da is None or db is None:
        return 0.0
    return float(abs(da - db))


class StoryClusterer:
    def __init__(self) -> None:
        self.stories: dict[str, StoryState] = {}
        self.index: dict[str, set[str]] = defaultdict(set)
        self.df: Counter[str] = Counter()
        self.n_docs = 0

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
        fig = len(doc.figures & story.figures) / len(doc.figures) if doc.figures else 0.0
        # Reports of one event come out within days of each other.
        near = 0.0
        if doc.date and story.last and len(doc.date) == 10 and len(story.last) == 10:
            days = min(_days_apart(doc.date, story.last), _days_apart(doc.date, story.first))
            near = max(0.0, 1.0 - days / SAME_EVENT_DAYS)
        return W_ENTITIES * min(1.0, 2 * ent) + W_EMBEDDING * emb + W_FIGURES * fig + W_DATE * near

    def candidates(self, doc: DocFeatures) -> set[str]:
        """Stories sharing a distinctive entity, within the time window. Entities in too many stories
        are skipped and the candidates are capped, so the work per document does not grow with the
        corpus."""
        shared: Counter[str] = Counter()
        for e in doc.entities:
            postings = self.index.get(e, set())
            if len(postings) <= MAX_POSTINGS:
                shared.update(postings)
        return {
            s
            for s, _ in shared.most_common(MAX_CANDIDATES)
            if _days_apart(doc.date, self.stories[s].last) <= WINDOW_DAYS
            or _days_apart(doc.date, self.stories[s].first) <= WINDOW_DAYS
        }

    def assign(self, doc: DocFeatures) -> tuple[str, float]:
        """The story ``doc`` joins (a new one when none scores above JOIN), and the score."""
        best, best_score = None, 0.0
        for sid in sorted(self.candidates(doc)):
            sc = self.score(doc, self.stories[sid])
            if sc > best_score:
                best, best_score = sid, sc
        if best is None or best_score < JOIN:
            best = "story-" + hashlib.sha256(doc.id.encode()).hexdigest()[:12]
            self.stories[best] = StoryState(best)
            best_score = 1.0
        self.add(best, doc)
        return best, best_score

    def add(self, sid: str, doc: DocFeatures) -> None:
        story = self.stories.setdefault(sid, StoryState(sid))
        story.docs.append(doc.id)
        story.entities.update(doc.entities)
        story.figures |= doc.figures
        if doc.vector is not None:
            story.centroid = doc.vector.copy() if story.centroid is None else story.centroid + doc.vector
        if doc.date:
            story.first = min(filter(None, [story.first, doc.date]))
            story.last = max(filter(None, [story.last, doc.date]))
        for e in doc.entities:
            self.index[e].add(sid)
            self.df[e] += 1
        self.n_docs += 1


@dataclass(frozen=True)
class Brief:
    """What edge detection needs of an article, kept in memory instead of reloading it."""

    id: str
    lang: str | None
    vector: np.ndarray | None
    figures: tuple[float | None, ...]
    duplicate_of: str | None


def brief(doc: Document) -> Brief:
    figures = tuple(c.low or c.high for c in doc.claims)
    return Brief(doc.id, doc.lang, as_vector(doc.embedding), figures, doc.duplicate_of)


def edge_kind(a: Brief, b: Brief, text_similarity: float) -> str | None:
    """How ``b`` relates to the earlier ``a`` in the same story: copy, translation, rewrite, or None."""
    if text_similarity >= COPY_SIMILARITY:
        return "copy"
    if b.duplicate_of == a.id or (a.lang == b.lang and text_similarity >= REWRITE_SIMILARITY):
        return "rewrite"
    if a.lang != b.lang and a.vector is not None and b.vector is not None:
        same_figures = bool(a.figures) and a.figures == b.figures
        if float(a.vector @ b.vector) >= TRANSLATION_COSINE and (
            same_figures or (not a.figures and not b.figures)
        ):
            return "translation"
    return None


Edge = tuple[str, str, str, str, float]  # story, earlier doc, new doc, kind, similarity
# How many earlier articles of a story a new one is compared with for syndication edges.
MAX_EDGE_CANDIDATES = 30


class StoryAssigner:
    """Runs the clusterer over new documents during ingest and finds their syndication edges."""

    def __init__(self, signature: Callable[[str], bytes | None]) -> None:
        self.clusterer = StoryClusterer()
        self._signature = signature
        self._briefs: dict[str, Brief] = {}
        self._recent: dict[str, bytes] = {}

    def load(self, stored: Iterable[Document]) -> None:
        for doc in stored:
            if doc.story_id:
                self.clusterer.add(doc.story_id, features(doc))
                self._briefs[doc.id] = brief(doc)

    def flush(self) -> None:
        self._recent.clear()

    def _earlier(self, doc_id: str) -> tuple[Brief, bytes] | None:
        sig = self._recent.get(doc_id) or self._signature(doc_id)
        known = self._briefs.get(doc_id)
        return (known, sig) if known is not None and sig is not None else None

    def assign(self, doc: Document, signature: bytes) -> tuple[Document, list[Edge]]:
        sid, _ = self.clusterer.assign(features(doc))
        doc = dataclasses.replace(doc, story_id=sid)
        mine = np.frombuffer(signature, dtype=np.uint64)
        me = brief(doc)
        best: tuple[int, float, str, str] | None = None
        rank = {"copy": 0, "translation": 1, "rewrite": 2}
        for other_id in self.clusterer.stories[sid].docs[:-1][-MAX_EDGE_CANDIDATES:]:
            earlier = self._earlier(other_id)
            if earlier is None:
                continue
            other, other_sig = earlier
            sim = float(np.mean(np.frombuffer(other_sig, dtype=np.uint64) == mine))
            kind = edge_kind(other, me, sim)
            if kind is not None:
                key = (rank[kind], -sim, other_id, kind)
                if best is None or key < best:
                    best = key
        self._recent[doc.id] = signature
        self._briefs[doc.id] = me
        edges = [(sid, best[2], doc.id, best[3], round(-best[1], 4))] if best is not None else []
        return doc, edges
