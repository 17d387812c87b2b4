"""A place name that the words around it call a division: "Washington state", "the Kherson region",
"the province of Aydin", "la région de Kharkiv", "Jackson and Barrow counties".

The places stage reads a name with its generic word inside the mention ("Kherson Oblast") as a
division already; here the word stands just outside the mention, as a named-entity model or an
annotator leaves it ("New York" in "New York state"). The name then means the division where the
gazetteer holds one (not the town it is named after, nor a namesake town elsewhere); where the word is
the generic word of a county's name ("Jackson and Barrow counties"), the counties of the name
(``bare_divisions``) are its candidates.
"""

from __future__ import annotations

import re

from newstrace.linking.caseless import case_variants
from newstrace.linking.gazetteer import GazPlace

# Words for a first- or second-level division. "Area", "city" and "town" are not: "the Washington area"
# is the capital's surroundings.
_DIVISION = (
    r"state|province|region|oblast|governorate|prefecture|county|district|territory|parish|borough|"
    r"région|état|gouvernorat|préfecture|département|provincia|región|estado|regione|"
    r"bundesland|województwo|obwód"
)
_APOSTROPHES = "'\u2019"
# The word right after the name, in lower case ("Washington state"; a capitalised "State" is mostly
# part of a longer name, "Washington State University", which the mention would then hold).
_AFTER = re.compile(rf"[ \u00a0]({_DIVISION})\b(?![ \u00a0]+(?:of|de|du|des|d[{_APOSTROPHES}])\b)")
# The plural after a list of names ("Jackson and Barrow counties", "the Kherson, Zaporizhzhia and Donetsk
# regions"): each item of the list is called a division.
_PLURALS = {
    "states": "state",
    "provinces": "province",
    "regions": "region",
    "oblasts": "oblast",
    "governorates": "governorate",
    "prefectures": "prefecture",
    "counties": "county",
    "districts": "district",
    "territories": "territory",
    "parishes": "parish",
    "boroughs": "borough",
}
_CAPITAL = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"
_NAME_WORDS = rf"[{_CAPITAL}][\w.{_APOSTROPHES}-]*(?:[ \u00a0][{_CAPITAL}][\w.{_APOSTROPHES}-]*){{0,3}}"
_LIST_THEN_PLURAL = re.compile(
    rf"(?:(?:,|,?[ \u00a0]+(?:and|or|&))[ \u00a0]+{_NAME_WORDS})*[ \u00a0]+({'|'.join(_PLURALS)})\b"
)
# "<division word> of|de|del|di" right before the name, with an article in between where a language
# puts one.
_BEFORE = re.compile(
    rf"\b({_DIVISION})[ \u00a0]+(?:of|de|du|de la|del|di|della|d[{_APOSTROPHES}])"
    rf"(?:[ \u00a0]+(?:the|la|l[{_APOSTROPHES}]))?[ \u00a0]*$",
    re.IGNORECASE,
)
# The characters that can end what ``_BEFORE`` reads right before the name (the last letter of "of",
# "de", "du", "del", "di", "della", "the", "la", or an apostrophe), as the regex engine matches them
# ignoring case: a window that ends otherwise is passed over without the search, which tries every
# position of it (most names: a third of the time of the places stage's look-around).
_BEFORE_ENDS = frozenset(c for letter in "feulia" for c in case_variants(letter)) | frozenset(_APOSTROPHES)
# The abbreviated generic words of local reporting's division names ("Loudon Co.", "Madison Twp."),
# after a name, and the words they stand for.
_ABBREVIATED = re.compile(r"(?<=\w)[ \u00a0]+(Co|Cnty|Twp|Twsp)\.?$")
_SPELT_OUT = {"co": "County", "cnty": "County", "twp": "Township", "twsp": "Township"}
# How far before a name "<division word> of" is looked for.
_LOOK_BACK = 30


def spelt_out(name: str) -> str:
    """The name with an abbreviated generic word at its end spelt out ("Loudon Co." -> "Loudon County")."""
    return _ABBREVIATED.sub(lambda m: " " + _SPELT_OUT[m.group(1).casefold()], name)


def division_word(raw: str, start: int, end: int) -> str | None:
    """The word for a division (singular, lower case) that the words right around the name at
    ``raw[start:end]`` call it, or None."""
    after = _AFTER.match(raw, end)
    if after:
        return after.group(1)
    plural = _LIST_THEN_PLURAL.match(raw, end)
    if plural:
        return _PLURALS[plural.group(1)]
    window = raw[max(0, start - _LOOK_BACK) : start]
    # ``$`` also matches before a last line break, which no word of the pattern ends with.
    last = (window[:-1] if window.endswith("\n") else window).rstrip(" \u00a0")[-1:]
    if last not in _BEFORE_ENDS:
        return None
    before = _BEFORE.search(window)
    return before.group(1).casefold() if before else None


def divisions_called(
    word: str | None, cands: list[GazPlace], why: str | None, held: list[GazPlace], bare: list[GazPlace]
) -> tuple[tuple[GazPlace, ...], str | None, tuple[GazPlace, ...]]:
    """A name's candidates, why there are none and the places held back (``PlacesStage.candidates_held``)
    with its counties named without their generic word (``bare``, held back so far): where the ``word``
    beside the name is that generic word ("Jackson and Barrow counties") and no division of the name is
    among the candidates, the counties are the candidates."""
    named = [c for c in bare if word and c.name.casefold().endswith(" " + word)]
    if named and not any(c.feature == "region" for c in cands):
        return tuple(named), None, tuple(held + [c for c in bare if c not in named])
    return tuple(cands), why, tuple(held + bare)
