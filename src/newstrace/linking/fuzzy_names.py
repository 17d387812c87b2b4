"""Misspelt names linked to the knowledge base: "Zelanski" or "Złenski" is Zelensky.

Fuzzy matching is kept to long names, where a one- or two-letter slip cannot turn one name into
another: whole names of people, organisations and outlets (``FUZZY_LINK``), and a person's surname
alone (``FUZZY_SURNAME``) when it is long and only one person in the knowledge base carries it. The
cutoffs are fitted on the knowledge base itself (``benchmarks/fit_names.py``): spellings of one
person's surname in its languages against the surnames of other people, with held-back folds.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process

from newstrace.kb.model import KbEntity
from newstrace.linking.keys import name_keys
from newstrace.linking.memo import BoundedMemo

# Whole names: similarity (0-100) between name keys. Names shorter than MIN_KEY are never fuzzy.
FUZZY_LINK = 90
MIN_KEY = 5
# A surname alone: at least this long (as a key) and this similar to one known person's surname.
# Fitted by benchmarks/fit_names.py on the knowledge base's people (200 people, 485 pairs of surname
# spellings against the nearest other person's surname; 5 folds by person): 77 in four folds, 78 in
# one, held-out accuracy 0.86-0.90.
FUZZY_SURNAME = 77
MIN_SURNAME_KEY = 6
_FUZZY_TYPES = ("organization", "media", "person")
# Answers kept per (name key, label): each search scans every name key of the knowledge base, and a
# stream names the same unknown people again and again. Cleared when full: bounded on a long stream.
_MEMO_SIZE = 20_000


class FuzzyNames:
    """Name keys of the knowledge base's people, organisations and outlets, built on first use."""

    def __init__(self, entities: dict[str, KbEntity]) -> None:
        self.entities = entities
        self._names: tuple[list[str], list[str]] | None = None
        self._surnames: tuple[list[str], list[str]] | None = None
        self._lengths: tuple[_Buckets, _Buckets] = ({}, {})
        self._memo: BoundedMemo[tuple[str, str], tuple[KbEntity, str] | None] = BoundedMemo(_MEMO_SIZE)

    def _build(self) -> None:
        keys: list[str] = []
        ids: list[str] = []
        owners: dict[str, set[str]] = defaultdict(set)
        for eid, entity in self.entities.items():
            if entity.type not in _FUZZY_TYPES:
                continue
            for n in entity.all_names():
                for k in name_keys(n)[:1]:
                    if len(k) >= MIN_KEY:
                        keys.append(k)
                        ids.append(eid)
                if entity.type == "person" and " " in n.strip():
                    owners.update({k: owners[k] | {eid} for k in surname_keys(n)})
        self._names = (keys, ids)
        unique = sorted((k, next(iter(v))) for k, v in owners.items() if len(v) == 1)
        self._surnames = ([k for k, _ in unique], [i for _, i in unique])
        self._lengths = (_by_length(keys), _by_length(self._surnames[0]))

    def match(self, surface: str, label: str) -> KbEntity | None:
        found = self.match_name(surface, label)
        return found[0] if found is not None else None

    def match_name(self, surface: str, label: str) -> tuple[KbEntity, str] | None:
        """The entity ``surface`` is a misspelling of, with the name key it was matched to."""
        if self._names is None or self._surnames is None:
            self._build()
        assert self._names is not None and self._surnames is not None
        keys = name_keys(surface)[:1]
        if not keys or len(keys[0]) < MIN_KEY:
            return None
        return self._memo.get_or_compute((keys[0], label), lambda: self._search(keys[0], label))

    def _search(self, key: str, label: str) -> tuple[KbEntity, str] | None:
        assert self._names is not None and self._surnames is not None
        hit = _best(key, self._lengths[0], FUZZY_LINK)
        if hit is not None:
            entity = self.entities[self._names[1][hit[2]]]
            return None if label == "person" and entity.type != "person" else (entity, hit[0])
        if label == "person" and " " not in key and len(key) >= MIN_SURNAME_KEY:
            hit = _best(key, self._lengths[1], FUZZY_SURNAME)
            if hit is not None:
                return self.entities[self._surnames[1][hit[2]]], hit[0]
        return None


# Keys by their length: each with its index in the full list.
_Buckets = dict[int, tuple[list[str], list[int]]]


def _by_length(keys: list[str]) -> _Buckets:
    out: _Buckets = {}
    for i, key in enumerate(keys):
        bucket = out.setdefault(len(key), ([], []))
        bucket[0].append(key)
        bucket[1].append(i)
    # Each bucket's keys are copied one after another, so that they lie together in memory: a search reads
    # every key of a few buckets, and read where the knowledge base's loading had left them, after the
    # NER model has run, each was a miss of the processor's caches (a search on the Russian benchmark
    # stream: median 250 -> 113 us, 113 searches).
    return {n: ([k.encode().decode() for k in ks], index) for n, (ks, index) in out.items()}


def _best(key: str, buckets: _Buckets, cutoff: float) -> tuple[str, float, int] | None:
    """What ``process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)`` gives (the first
    best key in the list's order, its score and index), asked only of the keys whose length lets them
    reach the cutoff: fuzz.ratio is at most 200 * min(a, b) / (a + b) for lengths a and b (one point of
    margin kept), so the others cannot. A search reads about a fifth of the keys instead of all."""
    best: tuple[str, float, int] | None = None
    n = len(key)
    for length, (keys, index) in buckets.items():
        if 200 * min(n, length) / (n + length) < cutoff - 1:
            continue
        hit = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is None:
            continue
        found = (hit[0], hit[1], index[hit[2]])
        if best is None or found[1] > best[1] or (found[1] == best[1] and found[2] < best[2]):
            best = found
    return best


def surname_keys(name: str) -> set[str]:
    """Keys of the last word of a person's name, when long enough to be matched fuzzily."""
    last = name.split()[-1]
    return {k for k in name_keys(last) if len(k) >= MIN_SURNAME_KEY}
