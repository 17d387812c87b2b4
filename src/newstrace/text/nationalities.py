"""Which country a word of nationality names: "Russian", "soldats ukrainiens", "Sudanese", "Syria", "US".

A side in a casualty figure is a country, whichever the war: the words come from data, never from a list
of belligerents in code. English demonyms ship with ``countryinfo``; country names in every supported
language with ``babel`` (CLDR); short forms ("US", "UK") are the places' data
(``data/places/country_short_forms.yaml``); inflected forms and the bodies that stand for a side
("Kremlin") are in ``data/claims/side_words.yaml``; the country names that are mostly common words
("Chad", "turkey") are the language packs' ``ambiguous_countries``.

Matching looks words up in dictionaries (one to four words at a time, then stems by their first three
letters) rather than running a regular expression of a few thousand alternatives, which cost about a
millisecond and a half per call.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from newstrace.languages import packs

# The languages whose country names are read (those the pipeline analyses).
LANGUAGES = ("en", "fr", "de", "ru", "uk", "es", "it", "pl")
_WORD = re.compile(r"[^\W\d_](?:[\w'\u2019-]*\w)?(?:\.(?=[^\W\d_]\.))?(?:[^\W\d_]\.)*")
_MAX_WORDS = 4


@dataclass(frozen=True)
class Nationalities:
    exact: dict[str, str]  # lower-case name (one to four words) -> country code
    acronyms: dict[str, str]  # "US", "U.S.": only as written, in capitals ("us" is a pronoun)
    stems: dict[str, tuple[tuple[str, str], ...]]  # first three letters -> (stem, code), longest first
    demonyms: dict[str, str]  # code -> English demonym

    def code(self, word: str) -> str | None:
        if word in self.acronyms:
            return self.acronyms[word]
        low = word.casefold()
        if low in self.exact:
            return self.exact[low]
        if low.endswith("s") and low[:-1] in self.exact:
            return self.exact[low[:-1]]  # "Russians", "Syrians"
        for stem, code in self.stems.get(low[:3], ()):
            if low.startswith(stem):
                return code
        return None


def _package_dir(name: str) -> Path:
    return Path(str(resources.files(name)))


@functools.lru_cache(maxsize=1)
def _countryinfo_fields() -> dict[str, dict[str, str]]:
    """Field -> ISO code -> the field's text in countryinfo's country files ("demonym", "capital"), read
    once for both."""
    out: dict[str, dict[str, str]] = {"demonym": {}, "capital": {}}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        if not isinstance(code, str):
            continue
        for field, values in out.items():
            value = info.get(field)
            if isinstance(value, str) and value.strip():
                values.setdefault(
                    code.upper(), value.split(",")[0].strip() if field == "demonym" else value.strip()
                )
    return out


def _demonyms() -> dict[str, str]:
    return _countryinfo_fields()["demonym"]


def _country_names() -> dict[str, set[str]]:
    from babel import Locale

    out: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                out.setdefault(code, set()).add(name)
    return out


def _yaml(*parts: str) -> dict[str, list[str]]:
    path = _package_dir("newstrace").joinpath("data", *parts)
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@functools.lru_cache(maxsize=1)
def nationalities() -> Nationalities:
    """Built once per process from the packages' data and the project's data files."""
    demonyms = _demonyms()
    exact: dict[str, str] = {}
    stems: dict[str, list[tuple[str, str]]] = {}
    for code, names in _country_names().items():
        for name in names:
            exact.setdefault(name.casefold(), code)
    for code, demonym in demonyms.items():
        exact.setdefault(demonym.casefold(), code)
    acronyms: dict[str, str] = {}
    for code, words in [
        *_yaml("places", "country_short_forms.yaml").items(),
        *_yaml("claims", "side_words.yaml").items(),
    ]:
        for word in words:
            if word.endswith("*"):
                stems.setdefault(word[:3].casefold(), []).append((word[:-1].casefold(), str(code)))
            elif _is_acronym(word):
                acronyms[word] = str(code)
            elif not word.casefold().startswith("the "):
                exact.setdefault(word.casefold(), str(code))
    for word in {w.casefold() for p in packs() for w in p.ambiguous_countries}:
        exact.pop(word, None)  # "Chad", "turkey": mostly something else in running text
    for word in [w for w in exact if _is_acronym(w.upper()) and len(w.replace(".", "")) <= 3]:
        exact.pop(word)  # a short CLDR name read as an acronym only ("US" and not "us")
    ordered = {k: tuple(sorted(v, key=lambda sc: len(sc[0]), reverse=True)) for k, v in stems.items()}
    return Nationalities(exact, acronyms, ordered, demonyms)


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isupper() and letters.isalpha()


def nationality_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, country code) of each word of nationality in ``text``, longest names first."""
    nat = nationalities()
    words = list(_WORD.finditer(text))
    out = []
    i = 0
    while i < len(words):
        found = None
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            phrase = text[start:end]
            if n > 1 and not all(c.isspace() or c in "-'\u2019" for c in _gaps(text, words[i : i + n])):
                continue
            code = (
                (nat.exact.get(phrase.casefold()) or nat.acronyms.get(phrase)) if n > 1 else nat.code(phrase)
            )
            if code is not None:
                found = (start, end, code, n)
                break
        if found is not None:
            out.append(found[:3])
            i += found[3]
        else:
            i += 1
    return out


def _gaps(text: str, words: list[re.Match[str]]) -> str:
    return "".join(text[a.end() : b.start()] for a, b in itertools.pairwise(words))


@functools.lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital name (lower case) -> country code: countryinfo's English capitals and the forms of
    ``data/events/side_metonyms.yaml``. For events only ("Moscow launched"): a figure of soldiers
    "killed near Kyiv" is not Kyiv's."""
    out: dict[str, str] = {}
    for code, capital in _countryinfo_fields()["capital"].items():
        out.setdefault(capital.casefold(), code)
    for code, words in _yaml("events", "side_metonyms.yaml").items():
        for word in words:
            out[word.casefold()] = str(code)
    return out


def side_words(text: str) -> list[tuple[int, int, str]]:
    """Words of nationality and capitals standing for their government, in text order."""
    found = nationality_words(text)
    taken = [(s, e) for s, e, _ in found]
    caps = capitals()
    for m in _WORD.finditer(text):
        code = caps.get(m.group().casefold())
        if (
            code is not None
            and m.group()[:1].isupper()
            and not any(s < m.end() and m.start() < e for s, e in taken)
        ):
            found.append((m.start(), m.end(), code))
    return sorted(found)


def demonym(code: str) -> str:
    """The English adjective of a country ("RU" -> "Russian"), or its code."""
    return nationalities().demonyms.get(code, code)
