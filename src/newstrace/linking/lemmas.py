"""Nominative forms of inflected Russian and Ukrainian words ("Херсона" -> "херсон"), so that names in
running text meet the dictionary forms of the knowledge base and the gazetteer (pymorphy3, with its
Russian and Ukrainian dictionaries; loaded on first use)."""

from __future__ import annotations

import functools
import re
from typing import Any

CYRILLIC_LANGS = ("uk", "ru")


@functools.lru_cache(maxsize=2)
def _analyzer(lang: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


# Readings kept per word: lemmas read the first three, the word-class tests the first five.
_READINGS = 5
# A Cyrillic letter: only such words have dictionary forms here (one regex scan, not a step per letter).
_CYRILLIC = re.compile("[\u0400-\u04ff]")


@functools.lru_cache(maxsize=50_000)
def readings(word: str, lang: str) -> tuple[tuple[str, float, str], ...]:
    """The likelier pymorphy3 readings of ``word`` in ``lang``'s dictionary, best first, as (part of
    speech, score, dictionary form); empty where the dictionary package is missing. Lemmas, the
    demonym test and the not-a-place test all ask about the same words, so the dictionary is read
    once per word (bounded: a long stream keeps the most recent words only)."""
    try:
        parses = _analyzer(lang).parse(word)
    except Exception:  # a missing dictionary package: no readings, exact names only
        return ()
    return tuple((str(p.tag.POS), float(p.score), str(p.normal_form)) for p in parses[:_READINGS])


@functools.lru_cache(maxsize=100_000)
def lemmas(word: str, lang: str) -> tuple[str, ...]:
    """Candidate dictionary forms of ``word`` (several parses can be right), surface form excluded."""
    if lang not in CYRILLIC_LANGS or not _CYRILLIC.search(word):
        return ()
    out: list[str] = []
    for code in (lang, "ru" if lang == "uk" else "uk"):
        for _, _, form in readings(word, code)[:3]:
            if form != word.lower() and form not in out:
                out.append(form)
    return tuple(out)


@functools.lru_cache(maxsize=50_000)
def lemmatise_phrase(text: str, lang: str) -> str | None:
    """The phrase with each word replaced by its first lemma, or None when nothing changes. Cached per
    phrase: the knowledge base, the gazetteer's country test and the places stage ask about the same
    names (bounded, as ``readings``)."""
    words = text.split()
    changed = False
    out = []
    for w in words:
        ls = lemmas(w, lang)
        if ls:
            out.append(ls[0])
            changed = True
        else:
            out.append(w)
    return " ".join(out) if changed else None
