"""What newstrace knows about one language, as plain data: a ``LanguagePack``, read from the data file
``languages/<code>/pack.yaml`` by ``read_pack``.

Every field has an empty default, so a pack states only what its language has; the modules that read a
field skip a language whose pack leaves it empty. Patterns are regular-expression fragments (word
stems, matched case-insensitively where the reading module says so); word lists are plain words.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml


def _empty() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class LanguagePack:
    code: str  # ISO 639-1, as the language stage writes it
    name: str
    # Named-entity recogniser: "spacy:<package>" (a spaCy pipeline installed from the package registry),
    # "natasha" (weights shipped in the natasha package), or None: the knowledge base and the gazetteer
    # (CLDR names) then find people, bodies and places.
    ner: str | None = None

    # Numbers (read by text/number_words.py). Either text2num reads the language, and
    # ``text2num_words`` are the words that start a figure, or ``word_numbers`` gives each word's value
    # (inflected forms listed: "dwóch", "trzech"; in pack.yaml, as for months, value -> its forms).
    text2num_words: str = ""
    word_numbers: Mapping[str, int] = field(default_factory=dict)
    # Words joining the parts of one number ("treinta y dos"); et, and, und are always read.
    number_joiners: tuple[str, ...] = ()
    multipliers: Mapping[str, int] = field(default_factory=dict)
    # Words around figures, read in this language's text only (text/numbers.py): range_links ("do" of
    # "od 40 do 60"), range_openers ("od", "entre"), year_before ("w" of "w 2022 roku"), year_after
    # ("roku"), age_after ("años", "lat"): pattern fragments.
    figure_context: Mapping[str, str] = field(default_factory=_empty)
    # Words of vague size: phrase -> (low, high, bound).
    collectives: Mapping[str, tuple[float | None, float | None, str]] = field(default_factory=dict)
    # Words before a figure: phrase -> at_most, at_least, above, below or about.
    bounds: Mapping[str, str] = field(default_factory=dict)
    # What a figure counts when it is no casualty figure, from the words beside it (read by
    # text/number_roles.py, which joins every pack's words whatever the text's language): key -> pattern
    # (case ignored, no capturing groups). ``percent``, ``money`` (currency words besides ``currencies``,
    # after the pack's ``currency_of``), ``money_units`` ("bn": right after the figure), ``duration``,
    # ``aged`` (before the figure; "aged 23 and 36" joins by ``and_words``), ``identifier`` (before the
    # figure: "No.", "рейс"); the nouns of people, equipment and things ("51 attacks") a figure counts,
    # ``people``, ``equipment``, ``things``; and the words of the noun phrase between them,
    # ``gap_link`` ("of", "de") and ``gap_stop`` (a verb, preposition or casualty word ending it). A
    # month makes a figure a date: ``month_before`` it ("September 4", "mars 2022"; read in its case:
    # "may" and "march" are also English verbs) or ``month_after`` it ("16 мая"), in the forms written
    # there, which are not every form of ``months``.
    figure_roles: Mapping[str, str] = field(default_factory=_empty)

    # Calendar words (read by text/calendar_words.py). Months 1-12 and weekdays 0-6 (Monday 0), each a
    # space-separated list of forms in every case the press uses ("marca", "stycznia").
    months: Mapping[int, str] = field(default_factory=dict)
    weekdays: Mapping[int, str] = field(default_factory=dict)
    # Relative phrase -> (unit, offset), unit one of day, week, month, year.
    relative_phrases: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    # Words narrowing a month: phrase -> early, mid or late; and the bare words those phrases leave.
    month_parts: Mapping[str, str] = field(default_factory=dict)
    month_part_words: tuple[str, ...] = ()
    # Words between the day, the month and the year of a full date ("5 de marzo de 2024").
    date_links: tuple[str, ...] = ()

    # Event modality cues (read by text/event_modality.py in this language's text only): negation,
    # hypothetical, obligation, purpose, future, planned_before, planned_after, supposed_before,
    # supposed_after, future_suffix (a future tense on the trigger itself: "bombardera") and
    # negation_after (a negation right after the trigger verb: "pas", "nicht").
    modality: Mapping[str, str] = field(default_factory=_empty)
    # Event sense (read by text/event_sense.py): nouns a trigger modifies when it names a kind of unit,
    # weapon or quality ("battle groups"); the words linking a head that comes first ("groupe de combat":
    # "de|d'"), empty where the head follows the trigger; armed forces as the agent of a verb of force.
    event_heads: str = ""
    event_head_links: str = ""
    armed_forces: str = ""
    # A possessive right before an event noun ("Navalny's arrest", "his arrest", "son arrestation"),
    # read at the end of the text before the trigger: for the types it befalls (``possessor_is_target``
    # in data/events/types.yaml) the possessor is whom the event befell, not who acted.
    event_possessor: str = ""
    # Words of events read whatever the article's language, by key, each joined over every pack (a quote
    # or a borrowed word may be in another language than the article): text/event_sense.py the senses
    # of a trigger that are no event (adjectival, figurative, rallying, leaving a deal, intercepted
    # information: "adjectival", "battle_words", "not_ground"), text/event_modality.py the clauses of
    # a sentence and instruments ("subordinators", "clause_conjunctions", "instrument");
    # docs/languages.md lists the keys.
    event_words: Mapping[str, str] = field(default_factory=_empty)

    # Claims (read by text/claim_lexicon.py, which joins every pack's words whatever the text's language):
    # kind -> pattern of the words that make a figure that kind of claim, from a word start; the words that
    # make it only as the first word after the figure ("12 lives", "3 regions"); and, by key, the words
    # of people (the noun after a figure), sources before and after them ("según", "zufolge"), speech
    # verbs (from a word start, each ending itself: "dijo\b"), subject and possessive pronouns, equipment
    # losses, protests, losses of people, "the number of" and what it comes to (no capturing groups). The
    # claim stages read further keys, each joined over every pack on first use: stages/claim_kinds.py what
    # a figure counts ("elsewhere", "losses"), stages/claim_sources.py who says it ("citing", "verb_cut"),
    # stages/claim_subjects.py about whom ("by", "civilian_words"), text/claim_speakers.py the
    # officials that speak without being named ("official_heads", "general_staff"); docs/languages.md
    # lists them all.
    claim_kinds: Mapping[str, str] = field(default_factory=_empty)
    claim_kinds_first: Mapping[str, str] = field(default_factory=_empty)
    claim_words: Mapping[str, str] = field(default_factory=_empty)
    # Descriptions of sources ("responsables américains"), under the one name the ledger groups their
    # claims by, in English ("US officials"): name -> regular expression (text/claim_lexicon.py).
    claim_descriptors: Mapping[str, str] = field(default_factory=_empty)
    # Currencies: ISO code -> pattern of the words naming it after a figure ("livres sterling", "рублей"),
    # read by stages/claim_kinds.py (money is a claim of equipment lost beside words of equipment) and
    # text/number_roles.py (a figure of money is no casualty figure).
    currencies: Mapping[str, str] = field(default_factory=_empty)
    # Generic subjects of claims: the English name the ledger groups the victims' nouns under ("soldiers",
    # "women") -> pattern of those nouns, from anywhere in the noun ("soldat", "жінок"); the first name
    # that matches wins, in the order the packs first give them (read by stages/claim_subjects.py).
    claim_subjects: Mapping[str, str] = field(default_factory=_empty)
    # One person as the whole subject of a casualty clause (read by stages/claim_persons.py): kind ->
    # pattern of the singular predicates ("was killed", "a été tuée", "загинув"), and kind -> the active
    # verbs whose object is one person ("killed a resident"); no capturing groups.
    person_predicates: Mapping[str, str] = field(default_factory=_empty)
    person_verbs: Mapping[str, str] = field(default_factory=_empty)

    # Places (read by stages/entity_places.py): words before a place name ("w", "cerca de", "the
    # village of"): a name after them that the gazetteer holds is a place where no NER model read one,
    # and a one-word name the model took for a person or a body is a town of the article's countries.
    place_prepositions: tuple[str, ...] = ()
    # Words before a capitalised name that the gazetteer then confirms as a place where no NER model
    # read one ("in", "bei", "під"; read by linking/place_prepositions.py over every pack, whatever the
    # article's language, as a quoted name follows its own language's words). Plain words, any case.
    gazetteer_prepositions: tuple[str, ...] = ()
    # Whether a capitalised word inside a sentence is looked up in the gazetteer as a place name: for
    # languages without an NER model that capitalise names only (not German, which capitalises nouns).
    bare_names: bool = False
    # Case endings of place names and their dictionary endings, tried in order where the name as
    # written is not in the gazetteer ("w Charkowie" -> "Charków": ("owie", "ów")).
    place_endings: tuple[tuple[str, str], ...] = ()
    # Words after a settlement's name that call the municipality named after it ("Pokrovske territorial
    # community, Dnipropetrovsk"): the name is still the place, the division after them its container
    # (read by linking/community_words.py). Plain words, matched in any case.
    community_words: tuple[str, ...] = ()
    # A place located by its distance from another ("X, 60 km east of Y"; read by
    # linking/place_distances.py): the forms of the words for a kilometre and a mile after the figure,
    # and the words that open what it is measured from ("of", "from"). Plain words, any case.
    kilometre_words: tuple[str, ...] = ()
    mile_words: tuple[str, ...] = ()
    distance_from_words: tuple[str, ...] = ()
    # Words before a place that put an event near it rather than in it ("near the plant", "près de la
    # centrale"; read by stages/places.py, which then gives the place a precision of 2), and the
    # language's definite articles, which may stand between them and the name and which a name as
    # written may open ("the Hague"). Plain words, any case; an elided article ends in its apostrophe.
    near_words: tuple[str, ...] = ()
    definite_articles: tuple[str, ...] = ()
    # Country names that are mostly something else in running text (a first name, a bird, a verb: "Chad",
    # "turkey"), never read as a country (text/nationalities.py, over every pack whatever the text's
    # language, as the names of every language are). Plain words, any case.
    ambiguous_countries: tuple[str, ...] = ()
    # Titles of address before a person's name ("M. Fillon", "Mrs May", "пані Маляр"; read by
    # linking/name_openers.py): not part of the name, which is then found alone and can join the full name
    # used earlier. Written as they open a name, in their case; a title that may end in a full stop is
    # written without it ("Mr" also reads "Mr.").
    honorifics: tuple[str, ...] = ()
    # Words besides the definite articles that an NER model may take into a name's span before the
    # name ("de Haute-Marne", "qu'Israël"; read by linking/name_openers.py): prepositions and elided
    # conjunctions. Plain words, any case; an elided word ends in its apostrophe.
    name_openers: tuple[str, ...] = ()


def pack_file(code: str, name: str) -> str | None:
    """The text of a data file of a pack (``pack.yaml``, ``events.yaml``), None where the pack has none."""
    path = resources.files("newstrace") / "languages" / code / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _frozen(value: Any) -> Any:
    """YAML's lists as tuples and its mappings read-only, at every depth: a pack is shared by every reader."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return value


_FIELDS = frozenset(f.name for f in dataclasses.fields(LanguagePack)) - {"code"}


@functools.cache
def read_pack(code: str) -> LanguagePack:
    """The pack of ``code`` from ``languages/<code>/pack.yaml``, read once on first use."""
    text = pack_file(code, "pack.yaml")
    if text is None:
        raise FileNotFoundError(f"language pack {code!r}: languages/{code}/pack.yaml is missing")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"language pack {code!r}: pack.yaml must be a mapping of LanguagePack fields")
    unknown = ", ".join(sorted(str(key) for key in set(data) - _FIELDS))
    if unknown:
        raise ValueError(f"language pack {code!r}: unknown fields in pack.yaml: {unknown}")
    # A number table is written as the months are, value -> its forms; the pipeline looks forms up.
    words = data.pop("word_numbers", None) or {}
    fields = {key: _frozen(value) for key, value in data.items()}
    fields["word_numbers"] = MappingProxyType(
        {form: value for value, forms in words.items() for form in str(forms).split()}
    )
    return LanguagePack(code=code, **fields)
