"""The place an English demonym of a division or town names ("Ohioans", "Gazans", "Londoner").

Countries' demonyms come as data (``countryinfo``'s, read by ``text.nationalities``); divisions and towns
have none. Their demonyms are formed the same way, so the ways a country's name turns into its demonym
are learnt from the countries' own pairs ("Kenya" -> "Kenyan": add "n"; "Canada" -> "Canadian": "a"
becomes "ian") and run backwards on a word the gazetteer does not hold. Only countries, continents,
first-level divisions and well-known towns are read this way: a demonym is formed for a place people
know, and a village spelt like a stripped word is not what it names.
"""

from __future__ import annotations

import functools
from collections import Counter

from newstrace.linking.gazetteer import Gazetteer, GazPlace
from newstrace.linking.gazetteer_build import ADMIN1, CITY
from newstrace.linking.keys import name_keys

# A rule (demonym ending -> name ending) is kept when at least this many countries' pairs show it: the
# rest are one country's irregular form ("Israel" -> "Israeli" counts, "Netherlands" -> "Dutch" does
# not). With 3 the rules read 14 more gold toponyms of places_en.jsonl (gold spans), every one within
# 161 km; there are 8 rules ("n", "an", "i", "ian", "ese", "er" added; "a" -> "ian", "a" -> "ese").
MIN_COUNTRIES = 3
# The shortest stem a rule may leave: "Asian" is "Asia", but "Ian" is no place.
MIN_STEM = 3


@functools.lru_cache(maxsize=4)
def demonym_rules(gaz: Gazetteer) -> tuple[tuple[str, str], ...]:
    """(demonym ending, name ending) pairs shared by at least ``MIN_COUNTRIES`` countries' one-word
    English names and demonyms, the most common first."""
    from newstrace.text.nationalities import nationalities

    counts: Counter[tuple[str, str]] = Counter()
    for code, demonym in nationalities().demonyms.items():
        country = gaz.country_place(code)
        if country is None or " " in country.name or " " in demonym:
            continue
        name = country.name
        same = 0
        while same < min(len(name), len(demonym)) and name[same].lower() == demonym[same].lower():
            same += 1
        if same >= MIN_STEM:
            counts[(demonym[same:], name[same:])] += 1
    return tuple(rule for rule, n in counts.most_common() if n >= MIN_COUNTRIES and rule[0])


def demonym_places(gaz: Gazetteer, text: str, well_known: int) -> list[GazPlace]:
    """The countries, continents, first-level divisions and towns of ``well_known`` people or more whose
    own name the English demonym ``text`` (singular or plural) is formed from; empty for other words."""
    word = text.strip()
    if not word[:1].isupper() or word.isupper():
        return []
    forms = [word[:-1]] if word.endswith("s") else [word]
    out: list[GazPlace] = []
    for form in forms:
        for ending, name_ending in demonym_rules(gaz):
            if not form.endswith(ending) or len(form) - len(ending) < MIN_STEM:
                continue
            name = form[: len(form) - len(ending)] + name_ending
            keys = set(name_keys(name))
            out.extend(
                c
                for c in gaz.candidates(name)
                if c not in out
                and keys & set(name_keys(c.name))
                and (c.level <= ADMIN1 or (c.level == CITY and c.population >= well_known))
            )
    return out
