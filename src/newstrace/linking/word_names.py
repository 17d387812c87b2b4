"""Names that are also words of the language: how common a word must be to count as one, and which of
a place name's gazetteer candidates such a name keeps (the places stage; the threshold,
``COMMON_WORD_ZIPF``, is the one the entities stage and the gazetteer build read too)."""

from __future__ import annotations

import functools

from newstrace.linking.gazetteer import GazPlace
from newstrace.linking.gazetteer_build import ADMIN1, ADMIN2, CITY, COUNTRY
from newstrace.linking.place_scoring import name_key
from newstrace.linking.wordclass import is_adjective
from newstrace.text.word_frequency import COMMON_WORD_ZIPF, zipf


def is_common_word(text: str, lang: str | None) -> bool:
    """A one-word name, not written in capitals, that is a common word of ``lang`` in lower case."""
    word = text.strip()
    if " " in word or word.isupper() or not lang:
        return False
    return zipf(word.lower(), lang) >= COMMON_WORD_ZIPF


def common_word_split(
    cands: list[GazPlace], text: str, lang: str | None, town_population: int
) -> tuple[list[GazPlace], list[GazPlace]]:
    """For a place name that is also a common word: the candidates kept (countries, divisions, towns
    of ``town_population`` or more) and the places held back, candidates only where the article
    supports them (``place_scoring.held_supported``: another of its places lies in their first-level
    division).

    A town under its own name is held where the name means no country or division ("Kansas", "Iran":
    there the division is what the name means). A first-level division named by an adjective of the
    language is held too, unless a country has the name: "the West", "Central" or "Western" media are
    the words, and a region of that name (in Cameroon, Sri Lanka, Ghana) what they mean only in an
    article about it. On the English news of places_en.jsonl: precision within 161 km 0.9126 -> 0.9131
    on the gold spans, place spans' precision 0.9413 -> 0.9432 end to end, accuracy unchanged."""
    keep = [c for c in cands if c.level < ADMIN2 or (c.level == CITY and c.population >= town_population)]
    regions: list[GazPlace] = []
    if not any(c.level == COUNTRY for c in keep) and is_adjective(text, lang):
        regions = [c for c in keep if c.level == ADMIN1]
        keep = [c for c in keep if c.level != ADMIN1]
    if any(c.level in (COUNTRY, ADMIN1) for c in keep):
        return keep, regions
    key = name_key(text)
    held = [c for c in cands if c not in keep and c.level == CITY and name_key(c.name) == key]
    return keep, regions + held


@functools.lru_cache(maxsize=16)
def calendar_words(lang: str | None) -> frozenset[str]:
    """Weekday and month names (CLDR, via babel) of the language and of English: never places."""
    from babel import Locale, UnknownLocaleError

    words: set[str] = set()
    for code in {lang or "en", "en"}:
        try:
            loc = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        for table in (loc.days, loc.months):
            for context in table.values():
                for width in context.values():
                    words.update(str(v).casefold() for v in width.values())
    return frozenset(w for w in words if len(w) > 2)
