"""Find known names whose words a spinner replaced by synonyms ("Washington Put up", "Middle for
Strategic & Worldwide Research") by matching text against the knowledge base's names word by word,
each word allowed to be itself or one of its spinner substitutes (``data/kb/synonyms.yaml``).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from newstrace.kb.loader import knowledge_base, name_synonyms

_WORD = re.compile(r"[^\W\d_]+|&")
_FUNCTION = frozenset({"the", "of", "for", "and", "on", "in", "at", "de", "du", "des", "la", "le", "&"})
# Types whose names spinners mangle (people's names are left alone by synonym spinners).
_TYPES = frozenset({"organization", "media", "military_unit"})
# Articles in front of a name are not part of it ("le Washington Post", "die Zeit"): the text keeps its
# own article, and the name is matched without one.
_ARTICLES = frozenset({"the", "le", "la", "les", "l", "die", "der", "das", "el"})


@dataclass(frozen=True, slots=True)
class NamePattern:
    name: str  # the surface form the pattern was built from ("Washington Post")
    canonical: str  # the entity's canonical name
    entity_id: str
    slots: tuple[frozenset[tuple[str, ...]], ...]  # per name word: its allowed word sequences
    exact: tuple[str, ...]  # the name's own words, lower case


@dataclass(frozen=True, slots=True)
class TorturedName:
    start: int
    end: int
    text: str
    repair: str
    entity_id: str
    substituted: int
    # 0 when every substitution is a spelling variant (Defense for Defence): a house style, not a spinner
    confidence: float = 0.9


@dataclass(frozen=True)
class NameMatcher:
    by_first: dict[str, tuple[NamePattern, ...]]
    # single-word short forms of names ("Post" for The Washington Post): spun word -> (original, entity)
    short_forms: dict[str, tuple[tuple[str, str], ...]]


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in name)


@functools.lru_cache(maxsize=1)
def name_matcher() -> NameMatcher:
    """Built once per process from the knowledge base."""
    synonyms = name_synonyms()
    by_first: dict[str, list[NamePattern]] = defaultdict(list)
    short: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for entity in knowledge_base():
        if entity.type not in _TYPES:
            continue
        for surface in entity.all_names():
            if not _is_latin(surface):
                continue
            words = [w.lower() for w in _WORD.findall(surface)]
            surface_words = _WORD.findall(surface)
            while words and words[0] in _ARTICLES:
                words, surface_words = words[1:], surface_words[1:]
            if not words:
                continue
            surface = " ".join(surface_words) if len(words) != len(_WORD.findall(surface)) else surface
            content = [w for w in words if w not in _FUNCTION]
            if len(words) == 1 and len(content) == 1 and surface != entity.name:
                for sub in synonyms.get(words[0], ()):
                    short[sub].add((surface_words[-1], entity.id))
            if len(content) < 1 or len(words) < 2:
                continue
            slots = []
            for w in words:
                variants = {(w,)} | {tuple(s.split()) for s in synonyms.get(w, ())}
                if w == "and":
                    variants.add(("&",))
                slots.append(frozenset(variants))
            pattern = NamePattern(surface, entity.name, entity.id, tuple(slots), tuple(words))
            for first in slots[0]:
                if pattern not in by_first[first[0]]:
                    by_first[first[0]].append(pattern)
    return NameMatcher(
        {k: tuple(v) for k, v in by_first.items()}, {k: tuple(sorted(v)) for k, v in short.items()}
    )


def spelling_variant(a: str, b: str) -> bool:
    """British and American spellings of one word (defence/defense, centre/center, labour/labor,
    organisation/organization): same start, lengths within two, at most two letters differ."""
    if a == b or a[:3] != b[:3] or abs(len(a) - len(b)) > 2:
        return False
    import difflib

    ops = difflib.SequenceMatcher(None, a, b).get_opcodes()
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    return changed <= 2


def _match(pattern: NamePattern, words: list[re.Match[str]], i: int) -> tuple[int, int, int, int] | None:
    """Match ``pattern`` at word ``i``: (index after the match, substituted words, intact content words,
    substitutions that are only spelling variants).

    Each slot's first word must keep its capital unless it is a function word: spinners keep the case
    of the word they replace ("Put up" for "Post").
    """
    pos = i
    substituted = kept = variants = 0
    for slot, own in zip(pattern.slots, pattern.exact, strict=True):
        best = None
        for variant in sorted(slot, key=len, reverse=True):
            end = pos + len(variant)
            if end <= len(words) and all(
                words[pos + k].group().lower() == variant[k] for k in range(len(variant))
            ):
                best = variant
                break
        if best is None:
            return None
        if best[0] not in _FUNCTION and not words[pos].group()[:1].isupper():
            return None
        if best != (own,):
            substituted += 1
            variants += len(best) == 1 and spelling_variant(best[0], own)
        elif own not in _FUNCTION:
            kept += 1
        pos += len(best)
    return pos, substituted, kept, variants


def find_names(text: str) -> Iterator[TorturedName]:
    """Known multi-word names, intact (``substituted == 0``) or mangled. A match needs a capital on its
    first word and at least one word of the real name left intact (substitutions into common words
    alone would otherwise match ordinary phrases)."""
    matcher = name_matcher()
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        first = words[i].group()
        best: TorturedName | None = None
        if first[:1].isupper():
            for pattern in matcher.by_first.get(first.lower(), ()):
                found = _match(pattern, words, i)
                if found is None:
                    continue
                end_index, substituted, kept, variants = found
                if kept < 1:
                    continue
                span_words = words[i:end_index]
                start, end = span_words[0].start(), span_words[-1].end()
                cand = TorturedName(
                    start,
                    end,
                    text[start:end],
                    _repair(pattern),
                    pattern.entity_id,
                    substituted,
                    0.0 if substituted and variants == substituted else 0.9,
                )
                if best is None or cand.end > best.end:
                    best = cand
        if best is not None:
            yield best
            while i < len(words) and words[i].start() < best.end:
                i += 1
            continue
        i += 1


def _repair(pattern: NamePattern) -> str:
    return pattern.name


def find_spun_short_forms(text: str, mentioned: set[str]) -> Iterator[TorturedName]:
    """A capitalised spinner substitute standing for the short form of a name already mentioned in
    the document ("selon le Submit" after "le Washington Post": Submit <- Post)."""
    matcher = name_matcher()
    for m in _WORD.finditer(text):
        word = m.group()
        if (
            not word[:1].isupper()
            or m.start() == 0
            or text[m.start() - 2 : m.start()].strip() in {".", "!", "?"}
        ):
            continue
        for original, entity_id in matcher.short_forms.get(word.lower(), ()):
            if entity_id in mentioned:
                yield TorturedName(m.start(), m.end(), word, original, entity_id, 1)
                break
