"""Nominative forms of inflected Russian and Ukrainian words ("Херсона" -> "херсон"), so that names in
running text meet the dictionary forms of the knowledge base and the gazetteer (pymorphy3, with its
Russian and Ukrainian dictionaries; loaded on first use)."""

from __future__ import annotations

import functools
from typing import Any

CYRILLIC_LANGS = ("uk", "ru")


@functools.lru_cache(maxsize=2)
def _analyzer(lang: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@functools.lru_cache(maxsize=100_000)
def lemmas(word: str, lang: str) -> tuple[str, ...]:
    """Candidate dictionary forms of ``word`` (several parses can be right), surface form excluded."""
    if lang not in CYRILLIC_LANGS or not any("\u0400" <= c <= "\u04ff" for c in word):
        return ()
    out: list[str] = []
    for code in (lang, "ru" if lang == "uk" else "uk"):
        try:
            parses = _analyzer(code).parse(word)
        except Exception:  # a missing dictionary package: no lemmas, exact names only
            continue
        for p in parses[:3]:
            form = str(p.normal_form)
            if form != word.lower() and form not in out:
                out.append(form)
    return tuple(out)


def lemmatise_phrase(text: str, lang: str) -> str | None:
    """The phrase with each word replaced by its first lemma, or None when nothing changes."""
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
