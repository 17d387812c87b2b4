"""Spelling-insensitive keys for names, across scripts and romanisations.

"Sergueï Choïgou", "Sergei Shoigu" and "Сергей Шойгу" must meet; so must "Louhansk", "Luhansk" and
"Луганськ", or "Valuiki", "Valuyki" and "Валуйки". A key folds case and accents, transliterates
Cyrillic (Ukrainian and Russian readings of г/и/е differ, so both are produced, as are both usual
romanisations of Ukrainian "ьо"), and collapses the spellings that French, English and German
romanisations disagree on (ou/u, ch/sh, kh/h, j/y/i, w/v, doubled letters).
"""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from functools import lru_cache

_CYR_COMMON = {
    "а": "a",
    "б": "b",
    "в": "v",
    "д": "d",
    "ж": "zh",
    "з": "z",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ъ": "",
    "ю": "yu",
    "я": "ya",
    "й": "y",
    "ё": "yo",
    "є": "ye",
    "ї": "yi",
    "ґ": "g",
    "'": "",
    "ʼ": "",
    "’": "",
}
_CYR_UK = _CYR_COMMON | {"г": "h", "и": "y", "і": "i", "е": "e", "ы": "y", "э": "e"}
_CYR_RU = _CYR_COMMON | {"г": "g", "и": "i", "і": "i", "е": "e", "ы": "y", "э": "e"}
# The same, as tables for str.translate (one pass in C, where a join over the letters took three times
# as long: every new word of running text is keyed).
_CYR_UK_TABLE = str.maketrans(_CYR_UK)
_CYR_RU_TABLE = str.maketrans(_CYR_RU)
# Romanisation variants folded to one spelling, longest first.
_FOLDS = (
    ("shch", "sh"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("ch", "sh"),
    ("kh", "h"),
    ("zh", "j"),
    ("dj", "j"),
    ("ou", "u"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("ts", "z"),
    ("tz", "z"),
    ("ie", "i"),
    ("ii", "i"),
    ("ey", "ei"),
)
_SOFT_O = "ьо"
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")
_REPEAT = re.compile(r"(.)\1+")
_FIRST = operator.itemgetter(0)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


# Letters that carry no combining accent, so NFKD leaves them whole ("Złenski", "Łukaszenka", "Søren").
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "ss", "æ": "ae", "œ": "oe"}
)


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text  # nothing to decompose or drop (most keys, once Cyrillic is transliterated)
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0306")


_FRENCH_GU = re.compile(r"gu(?=[eiy])")
_YO = re.compile(r"(?<=[bcdfgklmnprstvz])yo")


def _fold(text: str) -> str:
    text = _NON_ALNUM.sub(" ", text)
    text = _FRENCH_GU.sub("g", text)  # "Sergueï" is "Sergei"
    text = _YO.sub("e", text)  # ё romanised "yo" or "e": "Vyorstka" is "Verstka", "Fyodor" is "Fedor"
    for a, b in _FOLDS:
        text = text.replace(a, b)
    text = _REPEAT.sub(r"\1", text)
    return " ".join(text.split())


def number_key(number: str) -> str:
    """The key of a number in ASCII digits (``name_keys``): nothing to fold or transliterate, only its
    repeated digits to merge, as _fold would (one of each run, read in C: half the time of the regex's
    substitution, which reads its template anew at each call; nearly all of a text's new words)."""
    return "".join(map(_FIRST, itertools.groupby(number)))


@lru_cache(maxsize=200_000)
def name_keys(name: str) -> tuple[str, ...]:
    """One key, or up to three for Cyrillic (its readings). Empty for names without letters."""
    if name.isascii() and name.isdigit():
        # A number, the word of running text most often new (the matcher asks about every new word).
        return (number_key(name),)
    lowered = unicodedata.normalize("NFC", name).casefold().replace("ё", "е")
    if _CYRILLIC.search(lowered):
        # Keep й and ї whole before accents are stripped (NFKD would split them).
        # Both readings, folded once where they are spelt alike (no г or и).
        readings = {lowered.translate(_CYR_UK_TABLE), lowered.translate(_CYR_RU_TABLE)}
        if _SOFT_O in lowered:
            # Ukrainian "ьо" is romanised "yo" as often as "o" ("Verkhnyodniprovsk", "Verkhnodniprovsk"
            # for Верхньодніпровськ): the "yo" reading too, folded as ё's is.
            readings.add(lowered.replace(_SOFT_O, "йо").translate(_CYR_UK_TABLE))
        variants = {_fold(_strip_accents(r)) for r in readings}
        return tuple(sorted(k for k in variants if k))
    key = _fold(_strip_accents(lowered))
    return (key,) if key else ()


_NOT_WORD = re.compile(r"[\W_]+")


def spelling_key(name: str) -> str:
    """``name`` as it is spelt, only case, accents and punctuation aside ("Béthune" and "BETHUNE" meet,
    "Betten" and "Béthune" do not, as they do under ``name_keys``): for a word that is evidence of a
    place by its spelling alone."""
    lowered = unicodedata.normalize("NFC", name).casefold().replace("ё", "е")
    return " ".join(_NOT_WORD.sub(" ", _strip_accents(lowered)).split())


def compact(key: str) -> str:
    """Without spaces: "channel 24" and "channel24" meet."""
    return key.replace(" ", "")


# An abbreviation: two to six capital letters, with dots, hyphens or spaces between them ("US",
# "U.S.", "EE.UU.", "É.-U.", "США"). Its letters are the name: folding them as a word's ("EE.UU." to
# "eu", doubled letters merged) made "EU" the United States and "Eu" a town in France.
_ABBREVIATION = re.compile(r"[^\W\d_]{1,6}(?:[.\- ]+[^\W\d_]{1,6})*\.?")
_ABBREVIATION_GAPS = re.compile(r"[. ]+")
ABBREVIATION_MAX = 6
# A word in capitals this long may be a name set in capitals ("KYIV" in a dateline), not only an
# abbreviation: looked up by its letters, then as a word.
CAPITALS_WORD = 4


def abbreviation_key(name: str) -> str | None:
    """The key of ``name`` if it is written as an abbreviation: its capital letters and hyphens, accents
    stripped, case folded, dots and spaces dropped ("U.S." and "US" meet; "E.-U." and "EU" do not), with
    a mark no word's key carries. None for any other name."""
    name = name.strip()
    letters = [c for c in name if c.isalpha()]
    if not 2 <= len(letters) <= ABBREVIATION_MAX or not all(c.isupper() for c in letters):
        return None
    if not _ABBREVIATION.fullmatch(name):
        return None
    return "^" + _strip_accents(_ABBREVIATION_GAPS.sub("", unicodedata.normalize("NFC", name)).casefold())
