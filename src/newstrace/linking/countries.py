"""Country and continent names in the article's language, from the CLDR territory names that ship with
babel (every language newstrace reads), so that "Syrie", "Libia" or "Yémen" are recognised even where
the NER model misses them. Russian and Ukrainian names are also met in their inflected forms
("в Сирії") through their dictionary forms.
"""

from __future__ import annotations

import functools
import re

from newstrace.linking.lemmas import CYRILLIC_LANGS, lemmas

# CLDR territories that are not places one can be in: the world, unions and currency zones, "unknown".
_NOT_PLACES = frozenset({"001", "EU", "EZ", "UN", "ZZ", "QO"})
# A name's first word; a name must end at a word's end.
_FIRST_WORD = re.compile(r"[^\W\d_]\w*", re.UNICODE)
_WORD_GOES_ON = re.compile(r"[\w-]")
# Patterns here open with the word's first letter and test the word start after it (a lookbehind over
# that letter and the one before): a pattern that opens with a character class lets the regex engine
# skip to such letters, where one that opens with a lookbehind is tried at every character of the text
# (1.5 to 15 times slower on news articles, German to Russian, for the same matches).
_CAPITALISED_CYRILLIC = re.compile(r"[А-ЯІЇЄҐ](?<![\w'’ʼ-][\s\S])[а-яіїєґʼ'’-]{2,}")


@functools.lru_cache(maxsize=16)
def territory_names(lang: str) -> frozenset[str]:
    """Names as CLDR writes them in ``lang``, capitalised ones only ("monde" and "région micronésienne"
    are descriptions, not names)."""
    try:
        from babel import Locale

        territories = Locale.parse(lang).territories
    except Exception:  # an unknown language: no names
        return frozenset()
    names: set[str] = set()
    for code, name in territories.items():
        if code in _NOT_PLACES or not name[:1].isupper():
            continue
        names.add(name)
        names.add(name.replace("’", "'"))
    return frozenset(names)


@functools.lru_cache(maxsize=16)
def _by_first_word(lang: str) -> dict[str, tuple[str, ...]]:
    """Names by their first word, longest first: one dictionary step per capitalised word of the text."""
    out: dict[str, list[str]] = {}
    for name in sorted(territory_names(lang), key=len, reverse=True):
        out.setdefault(_FIRST_WORD.match(name).group(), []).append(name)  # type: ignore[union-attr]
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=16)
def _name_starts(lang: str) -> re.Pattern[str] | None:
    """Words (from a word start, letters and digits) that begin with the first letter of one of the
    names: only they can be a name's first word. None where the language has no names."""
    initials = sorted({word[0] for word in _by_first_word(lang)})
    if not initials:
        return None
    return re.compile("[" + "".join(map(re.escape, initials)) + r"](?<![\w-][\s\S])\w*")


@functools.lru_cache(maxsize=16)
def _lower_names(lang: str) -> frozenset[str]:
    return frozenset(n.casefold() for n in territory_names(lang) if " " not in n)


def country_spans(text: str, lang: str | None) -> list[tuple[int, int]]:
    """Spans of territory names in ``text`` (exact as written, or inflected in Russian and Ukrainian)."""
    if lang is None:
        return []
    names = _by_first_word(lang)
    spans: list[tuple[int, int]] = []
    starts = _name_starts(lang)
    for m in starts.finditer(text) if starts is not None else ():
        for name in names.get(m.group(), ()):
            end = m.start() + len(name)
            if text.startswith(name, m.start()) and not _WORD_GOES_ON.match(text, end):
                spans.append((m.start(), end))
                break
    if lang in CYRILLIC_LANGS:
        for m in _CAPITALISED_CYRILLIC.finditer(text):
            if _inflected_name(m.group(), lang):
                spans.append(m.span())
    return sorted(spans)


@functools.lru_cache(maxsize=50_000)
def territory(name: str, lang: str | None) -> bool:
    """Whether ``name`` is, whole, a territory's name in ``lang`` (as ``country_spans`` reads them)."""
    return (0, len(name)) in country_spans(name, lang)


@functools.lru_cache(maxsize=50_000)
def _inflected_name(word: str, lang: str) -> bool:
    """Whether a capitalised Cyrillic word is a country's name in another case ("Сирії"): asked once
    per word of a stream's vocabulary, not once per occurrence."""
    known = _lower_names(lang)
    return word.casefold() not in known and any(lem in known for lem in lemmas(word, lang))
