"""The shape of a name span in text: where it starts and ends, whether a name may start in lower case, and
whether quotation marks make it the name of a thing. Pure functions of the text, shared by the
recognisers of the entities stage."""

from __future__ import annotations

import functools
import re
import unicodedata

from newstrace.linking.caseless import case_variants

# A capital letter or two and a number: a road's or route's code ("A8", "N7", "M4"), a place where the
# NER model calls it one; on French Wikinews (ner_fr.jsonl, 991 documents) spaCy place spans of this
# shape are gold locations 481 times in 506, while lone letters ("catégorie A") are not.
ROAD_CODE = re.compile(r"[A-Z]{1,2}\d{1,4}[A-Z]?")
# A word capitalised after a short lower-case prefix that ends in an apostrophe or a hyphen: an elided
# article ("l'Intérieur", "d'Orléans") or a joined article ("al-Bab", "el-Fasher").
_PREFIXED = re.compile(r"^([^\W\d_]{1,4})['’-](\w)")
# Quotation marks around a place name make it the name of something else: a ship, a newspaper, an
# operation ("крейсер «Москва»", the daily "Kyiv Post" is found as media before this test).
_OPEN_QUOTES = '«“„"‘‹'
_CLOSE_QUOTES = '»”“"’›'
# Titles of office a span may open with (after an article), cut off it: "le général X", "Spokesman X".
# Titles of address ("Mr", "Mme", "пані") are the language packs' ``honorifics``, cut from person spans
# in the article's language (``linking/name_openers.py``).
_TITLE_ARTICLES = ("le ", "la ", "l'", "the ")
_TITLE_WORDS = (
    *("lieutenant", "capitaine", "colonel", "général", "sergent", "président", "ministre"),
    *("lieutenant-colonel", r"lt\.?", r"capt\.?", r"col\.?", r"gen\.?", r"sgt\.?", "president", "minister"),
    *("reservist", "réserviste", "soldat", "soldier"),
    *("porte-parole", "spokesman", "spokeswoman"),
)
_TITLES = re.compile(
    rf"^(?:(?:{'|'.join(_TITLE_ARTICLES)})?(?:{'|'.join(_TITLE_WORDS)})\s+)+",
    re.IGNORECASE,
)

# A capitalised particle right before a person span belongs to the name ("De Gendt", "Van Aert").
_PARTICLES = ("De", "Van", "Von", "Di", "Da", "Du", "Der", "Ter", "Ten", "Mac", "Le")
_NAME_PARTICLE = re.compile(rf"(?<=[\w,;:)] )(?:{'|'.join(_PARTICLES)}) $")
_PARTICLE_ENDS = frozenset(p[-1] for p in _PARTICLES)


@functools.cache
def _title_opens() -> frozenset[str]:
    """The characters a leading title can open with, as the regex engine matches them ignoring case: a
    span that opens otherwise (every Cyrillic one) is not matched against the titles (about a
    microsecond a span, 36 spans a Russian article)."""
    return frozenset(c for w in (*_TITLE_ARTICLES, *_TITLE_WORDS) for c in case_variants(w[0]))


def name_particle(text: str, s: int) -> int:
    """The length of the capitalised particle and space right before a person's name at ``s`` (0 for
    none). Searched only where the text before ends as a particle and a space do ("$" also matches
    before a last line break): the search tries every position of it, for most names in vain."""
    before = text[max(0, s - 8) : s]
    end = before[:-1] if before.endswith("\n") else before
    if end[-1:] != " " or end[-2:-1] not in _PARTICLE_ENDS:
        return 0
    particle = _NAME_PARTICLE.search(before)
    return len(particle.group()) if particle else 0


def lower_name(surface: str, label: str) -> bool:
    """Names that start in lower case: a body or a place with its class word ("ministère de l'Intérieur",
    "mont Ventoux"), a place after a joined article ("al-Bab"), a person with a particle ("de Gaulle")."""
    words = surface.split()
    if label == "person":
        return len(words) >= 2 and len(words[0]) <= 3 and all(capitalised(w) for w in words[1:])
    if label not in ("organization", "place"):
        return False
    return any(capitalised(w) for w in words)


def capitalised(word: str) -> bool:
    """A capital first letter, or one after an elided or joined article ("l'Intérieur", "al-Bab")."""
    m = _PREFIXED.match(word)
    return word[:1].isupper() or (m is not None and m.group(1).islower() and m.group(2).isupper())


def named_thing(text: str, s: int, e: int) -> bool:
    """The span stands between quotation marks."""
    before = text[max(0, s - 1) : s]
    after = text[e : e + 1]
    return bool(before) and before in _OPEN_QUOTES and bool(after) and after in _CLOSE_QUOTES


def overlaps(s: int, e: int, taken: list[tuple[int, int]]) -> bool:
    # A plain loop, not any() over a generator: asked for every candidate span against every span
    # taken so far, so its per-item cost counts.
    for a, b in taken:  # noqa: SIM110 (see above)
        if s < b and a < e:
            return True
    return False


def trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    """Cut a span at a line break (NER sometimes runs over one) and drop a leading title."""
    nl = text.find("\n", s, e)
    if nl >= 0:
        e = nl
    m = _TITLES.match(text[s:e]) if s < e and text[s] in _title_opens() else None
    if m:
        s += m.end()
    # Trailing punctuation goes, but not the full stop of an abbreviation the model kept ("U.S.",
    # "Pa."): NER tokenisers split a sentence's full stop off a name; nor the plus sign of a brand
    # ("Canal+"). A possessive goes too.
    while e > s and not text[e - 1].isalnum() and not _kept_last(text, e):
        e -= 1
    if text.endswith(("'s", "’s"), s, e) and e - s > 2:
        e -= 2
    return s, e


def fold(name: str) -> str:
    """Case and accents folded, nothing else ("Bénin" = "Benin", but "Russe" is not "Ruse")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def _kept_last(text: str, e: int) -> bool:
    last = text[e - 1]
    return (last == "." and "." not in text[e - 2 : e - 1]) or (last == "+" and text[e - 2 : e - 1].isalnum())
