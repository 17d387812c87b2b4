"""Entity mentions: who and what the article names, linked to one entity whatever the spelling.

Sources, in order of trust: the knowledge-base matcher (any language, linked by construction), the
language's NER model (French and English spaCy, Russian natasha), unit patterns, and for languages with
no NER model, gazetteer names after a place preposition. NER mentions are linked by spelling-insensitive
key, then fuzzily, to the knowledge base; a lone surname or first name is linked to the full name used
earlier in the article; what stays unknown gets a corpus entity whose id is its normalised name, so the
same person named in a French and an English article is one entity. Captions, credits and teasers
(removed as boilerplate) are read too, and their mentions are marked as such.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newstrace.kb.model import KbEntity
from newstrace.linking.acronym_context import ArticleContext, place_countries, plain_entities, settle
from newstrace.linking.address_divisions import town_and_part
from newstrace.linking.countries import country_spans, territory
from newstrace.linking.fuzzy_names import FuzzyNames
from newstrace.linking.gazetteer import Gazetteer
from newstrace.linking.kb_index import KbIndex, KbMatch, text_words
from newstrace.linking.keys import CAPITALS_WORD, name_keys
from newstrace.linking.name_openers import opening_words, title_length
from newstrace.linking.name_shapes import ROAD_CODE, fold, name_particle, named_thing, overlaps, trim_span
from newstrace.linking.ner import Recognisers
from newstrace.linking.units import find_units
from newstrace.linking.wordclass import is_adjective
from newstrace.model import Document, Mention
from newstrace.pipeline.stage import BaseStage
from newstrace.stages.entity_persons import resolve_persons
from newstrace.stages.entity_places import PlaceEvidence, named_countries, with_neighbours
from newstrace.stages.entity_words import (
    common_noun,
    never_a_place,
    not_a_name,
    not_a_name_shape,
    ordinary_word,
)

# Removed spans whose text still names real people, places and outlets.
_READ_REMOVED = frozenset({"caption", "credit", "teaser"})
# A gazetteer town this large, or any region or country, is a place whatever else the word is.
KNOWN_TOWN_POPULATION = 15_000
# "<Capitalised word> de <place>" mid-sentence: the place is part of a longer name.
_OF_NAME = re.compile(r"(?<=[a-zà-ÿ,;] )[A-ZÀ-Ý][\w-]+ (?:de|du|des|d['’])\s*$")


@dataclass
class _Found:
    start: int  # in the text it was found in
    end: int
    type: str
    entity: KbEntity | None
    confidence: float
    label: str | None = None  # the NER label that proposed the span, None for other sources


@dataclass
class _Collected:
    """Mentions found so far, and the spans they take."""

    found: list[_Found] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)  # kept with ``found``: asked per candidate

    def free(self, s: int, e: int) -> bool:
        return not overlaps(s, e, self.taken)

    def add(self, f: _Found) -> None:
        self.found.append(f)
        self.taken.append((f.start, f.end))


class EntitiesStage(BaseStage):
    name = "entities"
    requires = frozenset({"clean", "removed", "language"})
    reads = frozenset({"repaired"})
    provides = frozenset({"mentions"})

    def __init__(self, kb: KbIndex, gazetteer_loader: object, recognisers: Recognisers | None = None) -> None:
        self.kb = kb
        self._gazetteer_loader = gazetteer_loader
        self.recognisers = recognisers or Recognisers()
        self._fuzzy_names: FuzzyNames | None = None

    def _gazetteer(self) -> Gazetteer:
        loader = self._gazetteer_loader
        assert callable(loader)
        gaz = loader()
        assert isinstance(gaz, Gazetteer)
        return gaz

    def prepare(self, docs: Sequence[Document]) -> None:
        """The NER pass over a batch before the stage goes through it document by document (the pipeline
        calls it, ``Pipeline.run_many``; ``Recognisers.read_ahead`` says why)."""
        clean = [doc for doc in docs if doc.repaired is not None or doc.clean is not None]
        self.recognisers.read_ahead([(doc.lang, doc.analysis_view.text) for doc in clean])

    def process(self, doc: Document) -> Document:
        view = doc.analysis_view
        text = view.text
        mentions: list[Mention] = []
        found, countries = self._find(text, doc.lang)
        for f in found:
            rs, re_ = view.to_raw(f.start, f.end)
            mentions.append(self._mention(doc.raw, rs, re_, f, in_boilerplate=False))
        for removed in doc.removed:
            if removed.reason not in _READ_REMOVED:
                continue
            # Captions and credits are short: the knowledge base, unit patterns and place prepositions
            # read them without a second NER pass per document.
            for f in self._find(removed.text, doc.lang, use_ner=False, context=countries)[0]:
                rs, re_ = removed.start + f.start, removed.start + f.end
                mentions.append(self._mention(doc.raw, rs, re_, f, in_boilerplate=True))
        mentions = resolve_persons(sorted(mentions, key=lambda m: m.start), doc.lang)
        return self.done(doc, mentions=tuple(mentions))

    def _mention(self, raw: str, start: int, end: int, f: _Found, in_boilerplate: bool) -> Mention:
        entity = f.entity
        return Mention(
            start=start,
            end=end,
            text=raw[start:end],
            type=entity.type if entity is not None else f.type,
            entity_id=entity.id if entity is not None else None,
            name=entity.name if entity is not None else None,
            confidence=f.confidence,
            stage=self.name,
            in_boilerplate=in_boilerplate,
            label=f.label,
        )

    def _find(
        self, text: str, lang: str | None, use_ner: bool = True, context: frozenset[str] = frozenset()
    ) -> tuple[list[_Found], frozenset[str]]:
        """Mentions in ``text`` and the countries it points to; ``context`` adds the countries of the
        article a caption belongs to. Sources in order of trust; a later one never overlaps an earlier."""
        ner = self._ner_spans(text, lang) if use_ner else []
        gaz = self._gazetteer()
        read = text_words(text)  # read once for the matcher and the demonyms
        kb_matches = list(self.kb.find(text, lang, read))
        named = country_spans(text, lang)
        spans = [*named, *((s, e) for s, e, label in ner if label == "place")]
        own = named_countries(gaz, text, lang, plain_entities(kb_matches), spans, read)
        # Acronyms that need the article's context ("PDF", "RSF") are settled by the rest of it.
        pointed = with_neighbours(own | place_countries(gaz, (text[s:e] for s, e in spans))) | context
        acronyms = ArticleContext(frozenset(e.id for e in plain_entities(kb_matches)), pointed)
        kb_matches = settle(kb_matches, acronyms)
        countries = with_neighbours(own | {m.entity.country for m in kb_matches if m.entity.country})
        names = [text[s:e].split() for s, e, label in ner if label == "person"]
        name_words = frozenset(w for n in names if len(n) > 1 for w in n)
        evidence = PlaceEvidence(gaz, countries | context, name_words)
        out = _Collected()
        self._add_kb(out, text, lang, kb_matches, ner, frozenset(named))
        for s, e in find_units(text):
            if out.free(s, e):
                entities = self.kb.lookup(text[s:e], lang)
                out.add(_Found(s, e, "military_unit", entities[0] if entities else None, 0.8))
        self._add_contained(out, text, lang, evidence, ner)
        for s, e, label in ner:
            f = self._from_ner(text, s, e, label, lang, evidence, acronyms) if out.free(s, e) else None
            if f is not None:
                out.add(f)
        for s, e in named:
            # CLDR country and continent names add to the model ("Syrie" it missed), never inside a
            # longer name it found ("Tour de France").
            inside = any(a <= s and e <= b for a, b, _ in ner)
            if out.free(s, e) and not inside and not named_thing(text, s, e):
                out.add(_Found(s, e, "place", None, 0.8))
        self._add_evidence(out, text, lang, evidence)
        known = functools.partial(self._is_known_place, lang=lang)
        return _one_sense(out.found, text, name_words, known), evidence.countries

    def _add_kb(
        self,
        out: _Collected,
        text: str,
        lang: str | None,
        kb_matches: list[KbMatch],
        ner: list[tuple[int, int, str]],
        named: frozenset[tuple[int, int]],
    ) -> None:
        # Model spans in order that do not overlap (as the models give them): the one span that may be
        # around a match is the last that starts at or before it, found by bisection, not a loop per match.
        starts = [a for a, _, _ in ner]
        disjoint = all(b <= a for (_, b, _), a in zip(ner, starts[1:], strict=False))
        for m in kb_matches:
            last = bisect.bisect_right(starts, m.start)
            near = ner[max(0, last - 1) : last] if disjoint else ner
            if self._inside_longer_name(text, m.start, m.end, m.entity, near, lang):
                continue
            if m.entity.type != "place" and (m.start, m.end) in named:
                continue  # a country's name as written, met by a person's key: "Cameroon", not Cameron
            if m.entity.type == "place" and named_thing(text, m.start, m.end):
                continue  # the cruiser «Москва», the newspaper "Kyiv": not the city
            s, e = self._name_within(text, m, ner, lang)
            out.add(_Found(s, e, m.entity.type, m.entity, 1.0))

    def _name_within(
        self, text: str, m: KbMatch, ner: list[tuple[int, int, str]], lang: str | None
    ) -> tuple[int, int]:
        """The name alone where a knowledge-base name holds a class word before it ("quotidien Le Monde",
        "agence RIA Novosti") and the NER model found the same entity's name inside it."""
        if not m.text[:1].islower():
            return m.start, m.end
        for s, e, _ in ner:
            inside = m.start < s and e == m.end
            if inside and any(x.id == m.entity.id for x in self.kb.lookup(text[s:e], lang)):
                return s, e
        return m.start, m.end

    def _add_evidence(self, out: _Collected, text: str, lang: str | None, evidence: PlaceEvidence) -> None:
        """Gazetteer names the NER model missed (after a place preposition; every capitalised word in a
        language with no model), unless an adjective the gazetteer does not know as a place."""
        for s, e in evidence.places(text, lang):
            if not out.free(s, e) or never_a_place(text, s, e, lang):
                continue
            if not ordinary_word(text[s:e], lang) or self._is_known_place(text[s:e], lang):
                out.add(_Found(s, e, "place", None, 0.7))

    def _ner_spans(self, text: str, lang: str | None) -> list[tuple[int, int, str]]:
        ner: list[tuple[int, int, str]] = []
        if lang is not None:  # no model for the language: ``spans`` gives none
            for s, e, label in self.recognisers.spans(lang, text):
                s, e = self._trim(text, s, e, label, lang)
                if e > s:
                    ner.append((s, e, label))
        return ner

    def _add_contained(
        self,
        out: _Collected,
        text: str,
        lang: str | None,
        evidence: PlaceEvidence,
        ner: list[tuple[int, int, str]],
    ) -> None:
        """ "Shelled X, Y" with X a place of the gazetteer that lies in Y: both are places, whatever the
        NER model called them (it takes small villages for people or bodies, or misses them), except
        where the model found a place span of its own around one of them ("Y region"). Y alone where the
        gazetteer has no X in it (``PlaceEvidence.contained``)."""
        for pair in evidence.contained(text, lang):
            for s, e in filter(None, pair):
                own = any(a <= s and e <= b and lab == "place" and "," not in text[a:b] for a, b, lab in ner)
                if out.free(s, e) and not own and not named_thing(text, s, e):
                    out.add(_Found(s, e, "place", None, 0.8))

    def _inside_longer_name(
        self, text: str, s: int, e: int, entity: KbEntity, ner: list[tuple[int, int, str]], lang: str | None
    ) -> bool:
        """A knowledge-base name inside a longer name the NER model found is part of that name: the
        place in "Tour de France" or "Université de Montpellier", unless the longer name is nobody's."""
        for ns, ne, label in ner:
            if ns > s or e > ne or (ns == s and ne == e):  # not around it, or the same span
                continue
            if entity.type in ("place", "equipment") or (label == "person" and entity.type != "person"):
                return True  # "Tour de France", "Bradley Cooper", "Terence Hill" (not the outlet The Hill)
            return bool(self.kb.lookup(text[ns:ne], lang)) and label != "misc"
        return False

    def _trim(self, text: str, s: int, e: int, label: str, lang: str | None) -> tuple[int, int]:
        """Exact name spans: no line break, leading title ("M. Fillon"), article or preposition ("la
        France", "de Haute-Marne", "l'Espagne"), nor trailing punctuation."""
        s, e = trim_span(text, s, e)
        if label == "person":
            s += title_length(text[s:e], lang)
            return s - name_particle(text, s), e  # "De Gendt", not "Gendt"
        m = opening_words(text[s:e], lang)
        if m and e - s > m.end():
            if label == "place" and _OF_NAME.search(text[max(0, s - 30) : s + m.end()]):
                return s, s  # "Tour de France", "Coupe de France": part of a longer name, not the country
            rest = text[s + m.end() : e]
            if m.group()[:1].islower():
                s += m.end()
            elif label == "place" and self._is_known_place(rest) and not self._is_known_place(text[s:e]):
                s += m.end()  # "La France" at a sentence start, but "Le Havre" keeps its article
        return s, e

    def _abbreviated_place(self, name: str) -> bool:
        """A country or a first-level division the gazetteer knows by these capitals ("DRC", "NSW",
        "UAE"); the acronyms of bodies ("WHO", "NATO", "ITU") name none. Capitals as long as a word
        (``CAPITALS_WORD``) may spell a name set in capitals, which a body's acronym may be: the union
        "ORAN" is not the Algerian province."""
        if sum(c.isalpha() for c in name) >= CAPITALS_WORD:
            return False
        found = self._gazetteer().candidates(name, fuzzy=False)
        return any(c.feature in ("country", "region") for c in found)

    def _kb_place(self, name: str, lang: str | None) -> bool:
        return any(ent.type == "place" for ent in self.kb.lookup(name, lang))

    def _is_known_place(self, name: str, lang: str | None = None) -> bool:
        if self._kb_place(name, lang):
            return True
        return any(
            c.feature != "city" or c.population >= KNOWN_TOWN_POPULATION
            for c in self._gazetteer().candidates(name, fuzzy=False)
        )

    def _place_in_language(self, word: str, lang: str | None) -> bool:
        """An adjective of the language that is a place under this very name: a knowledge-base place,
        the language's own name of a country ("Suisse"), or a gazetteer division or town so named
        ("Limoges"). Not a country under another language's name, nor a place whose key only looks
        alike: the gazetteer holds German "Australien" and "Italien" and keys "Russe" as "Ruse"; French
        demonyms rescued that way were never gold locations on ner_fr (about 30 spans)."""
        if self._kb_place(word, lang):
            return True
        if territory(word, lang):
            return True
        folded = fold(word)
        return any(
            c.feature != "country"
            and fold(c.name) == folded
            and (c.feature == "region" or c.population >= KNOWN_TOWN_POPULATION)
            for c in self._gazetteer().candidates(word, fuzzy=False)
        )

    def _from_ner(
        self,
        text: str,
        s: int,
        e: int,
        label: str,
        lang: str | None,
        evidence: PlaceEvidence,
        acronyms: ArticleContext,
    ) -> _Found | None:
        surface = text[s:e]
        if not_a_name_shape(surface, label):
            return None
        entities = self._kb_entities(surface, label, lang, acronyms)
        if entities:
            entity = _prefer(entities, label)
            if entity.type == "place" and named_thing(text, s, e):
                return None
            return _Found(s, e, entity.type, entity, 0.95, label)
        if label == "person" and " " in surface and territory(surface, lang):
            return _Found(s, e, "place", None, 0.8, label)  # "Sri Lanka": nobody's name
        if label != "place" and surface.isupper() and self._abbreviated_place(surface):
            return _Found(s, e, "place", None, 0.8, label)  # "DRC", "NSW" as a body: the place
        the = text[max(0, s - 4) : s].casefold() == "the "  # "the Moskva", "the Kursk": a ship, not the town
        if the and label == "person" and " " not in surface:
            return None  # nor a person
        # NER calls towns people or organisations ("Belgorod" as ORG): the gazetteer overrules, unless
        # the word is an adjective ("Philippine", "Somali": a country's, not a place).
        town = not the and _town_candidate(surface, label) and not is_adjective(surface, lang)
        if town and (evidence.mislabelled_town(surface) or evidence.preposition_town(text, s, e, lang)):
            return _Found(s, e, "place", None, 0.8, label)
        if label != "place" and town_and_part(self._gazetteer(), surface):
            return _Found(s, e, "place", None, 0.8, label)  # "<town> - <district>" as a body
        if label == "place":
            return self._ner_place(text, s, e, lang)
        return self._ner_name(s, e, label, lang, evidence, surface)

    def _kb_entities(
        self, surface: str, label: str, lang: str | None, acronyms: ArticleContext
    ) -> list[KbEntity]:
        """The knowledge-base entities an NER span may be."""
        entities = self.kb.lookup(surface, lang)
        candidates = self.kb.context_candidates(surface)
        if candidates:  # an acronym such as "PDF": the article's context says which entity, if any
            chosen = acronyms.choose(candidates)
            entities = [chosen] if chosen else [x for x in entities if x not in candidates]
        if territory(surface, lang):
            entities = [x for x in entities if x.type == "place"]  # "Cameroon", not Cameron by his key
        if label == "place" and ROAD_CODE.fullmatch(surface):
            entities = [x for x in entities if x.type != "equipment"]  # the road A50, not the aircraft A-50
        return entities

    def _ner_place(self, text: str, s: int, e: int, lang: str | None) -> _Found | None:
        """An NER place no knowledge-base entry names: kept unless it is a word that is never a place."""
        surface = text[s:e]
        if never_a_place(text, s, e, lang):
            return None
        if ordinary_word(surface, lang) and not self._place_in_language(surface, lang):
            return None  # "Américaine", "Russes": a demonym, not a place
        if common_noun(surface, lang) and not self._is_known_place(surface, lang):
            return None  # "État", "République": a frequent word no gazetteer or KB holds
        return _Found(s, e, "place", None, 0.8, "place")

    def _ner_name(
        self, s: int, e: int, label: str, lang: str | None, evidence: PlaceEvidence, surface: str
    ) -> _Found | None:
        """An NER person, body or misc name no knowledge-base entry names exactly: a misspelt known one,
        else a new person or body; a misc name without an entry is too vague to keep. A word of a full
        name the article gives ("Johnson" after "Mike Johnson") is that name, however frequent."""
        if not_a_name(surface, label, lang) and surface not in evidence.name_words:
            return None  # "Newsletters", "Terms of Service", a bare "Foreign"
        fuzzy = self._fuzzy(surface, label, evidence.countries)
        if fuzzy is not None:
            return _Found(s, e, fuzzy.type, fuzzy, 0.75, label)
        if label in ("person", "organization"):
            return _Found(s, e, label, None, 0.7, label)
        return None

    def _fuzzy(self, surface: str, label: str, countries: frozenset[str]) -> KbEntity | None:
        """A misspelt known name. A body named without its country ("ministère de l'Intérieur") is
        close to a foreign body's fuller name ("ministère de l'Intérieur russe"): it links only where
        that country is the article's own, else it stays unlinked (the article's country's body)."""
        if self._fuzzy_names is None:
            self._fuzzy_names = FuzzyNames(self.kb.entities)
        found = self._fuzzy_names.match_name(surface, label)
        if found is None:
            return None
        entity, key = found
        surface_keys = name_keys(surface)
        missing_words = bool(surface_keys) and len(key.split()) > len(surface_keys[0].split())
        if entity.type != "person" and entity.country and missing_words and entity.country not in countries:
            return None
        return entity


def _one_sense(
    found: list[_Found], text: str, name_words: frozenset[str], known: Callable[[str], bool]
) -> list[_Found]:
    """A name is one thing throughout an article: where it is a place, and a place the knowledge base or
    the gazetteer knows (``known``), the model's person or body of the same name elsewhere in the
    article is that place too ("residents of Edmonton" ... "an Edmonton woman" as ORG), unless it is a
    word of a person's full name the article gives ("Washington" after "George Washington"). Without
    ``known``, the French model's stray places spread: "Instagram", "AMISOM", a named athlete."""
    places = {text[f.start : f.end] for f in found if f.type == "place"}
    out = []
    for f in found:
        name = text[f.start : f.end]
        named = f.type in ("person", "organization") and f.entity is None and name in places
        if named and name not in name_words and known(name):
            f = _Found(f.start, f.end, "place", None, 0.7, f.label)
        out.append(f)
    return out


def _town_candidate(surface: str, label: str) -> bool:
    """A one-word person, body or misc name the gazetteer may show to be a town; an all-capitals body is
    an acronym ("ITU", "BRI"), not the town it spells."""
    if label not in ("person", "organization", "misc") or " " in surface:
        return False
    return label == "person" or not surface.isupper()


def _prefer(entities: list[KbEntity], label: str) -> KbEntity:
    wanted = {"person": ("person",), "place": ("place",), "organization": ("organization", "media")}
    for e in entities:
        if e.type in wanted.get(label, ()):
            return e
    return entities[0]
