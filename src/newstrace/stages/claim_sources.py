"""Who makes a claim: the source of a sentence, from ordered rules each naming one way a text gives it.

The rules are tried in order, the first that finds a source wins: "according to X" / "selon X" / "по
данным X"; "X zufolge"; a speech or estimate verb with its subject before it ("the ministry said") or,
inverted, after it ("said the governor"); a pronoun subject ("he said") resolved to the last person met,
across sentences; an anaphor ("the report estimates") resolved to the last source. Then the outlets that
carried the words ("X told the Guardian", "as translated by Y") and "citing X". A source is a named
person, organisation or outlet, or a described official body ("US officials", "the health ministry",
"the governor"); never a place ("Ukraine said" names no one who can be checked), and never invented:
no rule, no source. A pronoun ("he said") is the last speaker or the last person named, whichever came
last; "it" and "the data show" are the last source.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newstrace.model import Mention, Source
from newstrace.text import claim_lexicon as lex
from newstrace.text.claim_speakers import Official, described_name, described_official

_SOURCE_TYPES = frozenset({"person", "organization", "media"})
_MAX_PHRASE_WORDS = 8
_QUOTES_OPEN = "«“"
_QUOTES_CLOSE = "»”"

Located = tuple[int, int, Mention]


@dataclass(frozen=True, slots=True)
class _Words:
    """The packs' ``claim_words`` this module reads, compiled on first use (``_words()``)."""

    # Between a source and the outlet that carried its words: "X told The Guardian", "a déclaré X au
    # Guardian" (``told``, ``to_outlet`` and the packs' definite articles).
    via_link: re.Pattern[str]
    to_outlet: re.Pattern[str]
    # Verbs of saying after which the subject may follow ("said the governor"; ``inverting``).
    inverting: re.Pattern[str]
    # A source that is one person ("the governor"): "he" may stand for it (``one_speaker``).
    one_speaker: re.Pattern[str]
    # "citing X" (``citing``).
    citing: re.Pattern[str]
    # Between an inverted verb and its subject: words of a title, never a figure or a preposition of the
    # object ("reported four injuries from 51 attacks by Russian forces"; ``not_inverted``).
    not_inverted: re.Pattern[str]
    # Documents that stand for the body that issued them: "the Sunday report", "the latest data".
    document: re.Pattern[str]
    # "It documented 864 cases": "it" acting, not an impersonal "it is" (``it_acts``).
    it_acts: re.Pattern[str]
    # Where a description after "according to" ends: a verb ("wurden", "ont", "were"; ``verb_cut``).
    verb_cut: re.Pattern[str]
    # A definite description of the last person named ("Le jeune homme de 24 ans"; ``person_article``).
    person_article: re.Pattern[str]


@functools.cache
def _words() -> _Words:
    """The patterns of every pack's words, built on first use."""
    words = lex.alternatives
    to_outlet = rf"\b(?:{words('to_outlet')})\s+(?:{lex.article_alternatives()})?$"
    return _Words(
        via_link=re.compile(rf"(?i)(?:\b(?:{words('told')})\b|{to_outlet})"),
        to_outlet=re.compile(rf"(?i){to_outlet}"),
        inverting=re.compile(rf"(?i)(?:{words('inverting')})$"),
        one_speaker=re.compile(rf"(?i)\b(?:{words('one_speaker')})$"),
        citing=re.compile(rf"(?i)\b(?:{words('citing')})\s+"),
        not_inverted=re.compile(rf"(?i)\d|\b(?:{words('not_inverted')})\b"),
        document=re.compile(rf"(?i)^(?:{words('document')})$"),
        it_acts=re.compile(rf"(?i)^(?:{words('it_acts')})"),
        verb_cut=re.compile(rf"(?i)\s(?:{words('verb_cut')})\b"),
        person_article=re.compile(rf"(?i)^\s*(?:{words('person_article')})\s"),
    )


@dataclass
class Memory:
    """What earlier sentences said: the last person named and the last source, with its outlets."""

    last_person: Mention | None = None
    last_source: Source | None = None
    last_via: tuple[str, ...] = ()
    via_by_source: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The last source that "he" or "she" can stand for (a person or one official: "the governor"), and
    # whether it came after the last person named.
    last_speaker: Source | None = None
    speaker_is_latest: bool = False
    # The mark of a quotation still open where the current sentence starts ("" if none).
    quote_open: str = ""

    # Bodies named so far, latest last: "the ministry" later in the text is the last one of them.
    named: list[Source] = field(default_factory=list)
    # The source of the sentence before: a reportative sentence right after it continues it.
    previous: Source | None = None
    # The last source that is a body, not a person: what "it" and "the report" stand for.
    last_body: Source | None = None
    persons: set[str] = field(default_factory=set)

    def saw_person(self, m: Mention) -> None:
        self.last_person = m
        self.speaker_is_latest = False
        self.persons.add(m.entity_id or m.text)

    def saw_body(self, source: Source) -> None:
        self.named.append(source)

    def said(self, source: Source | None, via: tuple[str, ...], people_here: set[str]) -> None:
        """Remember the source of a sentence (``people_here``: the persons it names)."""
        self.previous = source
        if source is None:
            return
        self.saw_body(source)
        self.last_source = source
        one = _words().one_speaker.search(source.name or source.text) is not None
        if (source.entity_id or source.text) not in self.persons | people_here and not one:
            self.last_body = source
        self.last_via = via
        if one and source.entity_id is None:
            self.last_speaker, self.speaker_is_latest = source, True
        if via:
            self.via_by_source[source.entity_id or source.text] = via

    def resolve(self, source: Source) -> Source:
        """A bare definite description ("the ministry", "the staff") is the last body named with that
        word; anything else is itself."""
        words = (source.name or "").split()
        if source.entity_id is not None or len(words) != 1:
            return source
        head = words[0].casefold()
        for earlier in reversed(self.named):
            name = earlier.name or earlier.text
            if head in name.casefold().split() and len(name.split()) > 1:
                return earlier
        return source


@dataclass
class Found:
    source: Source
    end: int = -1  # where the source's words end in the sentence (-1: not in it)
    verb_start: int = -1
    via: list[str] = field(default_factory=list)


def source_of(m: Mention) -> Source:
    return Source(m.text, m.name or m.text, m.entity_id)


def inside_quote(text: str, pos: int, opened_by: str = "") -> bool:
    """Whether ``pos`` of a sentence is inside quotation marks; ``opened_by`` is the mark of a quotation
    that began in an earlier sentence and is still open where this one starts."""
    head = text[:pos]
    opened = sum(head.count(c) for c in _QUOTES_OPEN) - sum(head.count(c) for c in _QUOTES_CLOSE)
    if opened_by == '"':
        return head.count('"') % 2 == 0
    if opened_by:
        opened += 1
    return opened > 0 or head.count('"') % 2 == 1


def attribute(stext: str, local: list[Located], memory: Memory) -> tuple[Source | None, tuple[str, ...]]:
    """The source of one sentence and the outlets that carried it; updates ``memory``."""
    sources = [x for x in local if x[2].type in _SOURCE_TYPES]
    places = [x for x in local if x[2].type == "place"]
    found: Found | None = None
    for rule in _RULES:
        found = rule(stext, sources, places, memory)
        if found is not None:
            break
    via: list[str] = []
    if found is not None:
        via = list(found.via) + _outlets(stext, sources, found)
    source = memory.resolve(found.source) if found is not None else None
    cited = _citing(stext, sources)
    if cited is not None:
        source, via = cited
    for x in sources:
        if x[2].type == "organization":
            memory.saw_body(source_of(x[2]))
    memory.said(source, tuple(via), {x[2].entity_id or x[2].text for x in local if x[2].type == "person"})
    return source, tuple(via)


def _according_to(stext: str, sources: list[Located], places: list[Located], memory: Memory) -> Found | None:
    """ "according to X", "selon X", "по данным X"; several in a sentence: a named one wins."""
    described: Found | None = None
    for m in lex.claim_words().source_before.finditer(stext):
        after = [x for x in sources if x[0] >= m.end() and x[0] - m.end() <= 60]
        official = described_official(stext[m.end() :], at_start=True)
        if official is not None and _official_first(official, after, m.end()):
            return Found(official.source, m.end() + official.end)
        if after:
            return Found(_owner(stext, after[0]), after[0][1])
        pronoun = lex.claim_words().possessive_source
        possessive = pronoun.match(stext[m.end() :]) or pronoun.search(m.group())
        if possessive and memory.last_person is not None:
            return Found(source_of(memory.last_person))  # "по его данным", "according to him"
        if described is None:
            d = _described(stext[m.end() :])
            if d is not None and _words().document.match(d.text) and memory.last_body is not None:
                d = memory.last_body  # "according to the Sunday report": the body that issued it
            described = Found(d) if d is not None else None
    return described


def _postposition(stext: str, sources: list[Located], places: list[Located], memory: Memory) -> Found | None:
    """ "Kyrylenko zufolge"."""
    for m in lex.claim_words().source_after.finditer(stext):
        before = [x for x in sources if x[1] <= m.start() and m.start() - x[1] <= 2]
        if before:
            return Found(source_of(before[-1][2]))
    return None


def _speech(stext: str, sources: list[Located], places: list[Located], memory: Memory) -> Found | None:
    """A speech or estimate verb outside quotation marks, and who it belongs to."""
    for v in lex.claim_words().speech.finditer(stext):
        if inside_quote(stext, v.start(), memory.quote_open):
            continue  # "Ils ont dit" inside a quotation is the speaker's words, not the attribution
        for rule in _SPEAKER_RULES:
            found = rule(stext, v, sources, places, memory)
            if found is not None:
                found.verb_start = v.start()
                return found
    return None


Verb = re.Match[str]


def _pronoun_speaker(
    stext: str, v: Verb, sources: list[Located], places: list[Located], memory: Memory
) -> Found | None:
    """ "he said", "a-t-il déclaré": the last person named, in this sentence or an earlier one."""
    head = stext[max(0, v.start() - 12) : v.start()]
    pronoun = "-t-" in v.group() or lex.claim_words().inverted_pronoun.match(stext[v.end() : v.end() + 6])
    if not (pronoun or lex.claim_words().pronoun_subject.search(head)):
        return None
    src = memory.last_speaker if memory.speaker_is_latest else None
    if src is None and memory.last_person is not None:
        src = source_of(memory.last_person)
    if src is None:
        return None
    return Found(src, via=list(memory.via_by_source.get(src.entity_id or src.text, ())))


def _after_verb(
    stext: str, v: Verb, sources: list[Located], places: list[Located], memory: Memory
) -> Found | None:
    """ "..., said the regional governor" / "a déclaré Zelensky": the name or the official after the verb."""
    if _before(stext, v, sources, places):
        return None
    tail = stext[v.end() :]
    # Only a verb of saying inverts ("said the governor"); after "told" or "accused" comes the addressee.
    official = described_official(tail, at_start=True) if _words().inverting.match(v.group()) else None
    after = [
        x
        for x in sources
        if x[0] >= v.end() and x[0] - v.end() <= 45 and not _words().to_outlet.search(stext[v.end() : x[0]])
    ]
    if official is not None and _official_first(official, after, v.end()):
        return Found(official.source, v.end() + official.end)
    if after and not _words().not_inverted.search(stext[v.end() : after[0][0]]):
        return Found(_owner(stext, after[0]), after[0][1])
    return None


def _before(stext: str, v: Verb, sources: list[Located], places: list[Located]) -> list[Located]:
    return [x for x in sources if x[1] <= v.start() and v.start() - x[1] <= 90]


def _subject_before(
    stext: str, v: Verb, sources: list[Located], places: list[Located], memory: Memory
) -> Found | None:
    """ "The health ministry said", "Zelensky said", "Poland says": the subject before the verb. An
    official described right before the verb wins over a name further back ("Zelensky's office said")."""
    head = stext[: v.start()]
    official = described_official(head, at_start=False)
    before = _before(stext, v, sources, places)
    last = before[-1] if before else None
    if official is not None and (last is None or not last[0] < official.head_end <= last[1]):
        return Found(official.source, v.end())
    if last is not None:
        return Found(_appositive_person(stext, last, before) or _owner(stext, last), v.end())
    return None


def _anaphor(
    stext: str, v: Verb, sources: list[Located], places: list[Located], memory: Memory
) -> Found | None:
    """ "The report estimates", "L'analyse estime", "..., the report estimated": the last source; "it"
    and a document stand for a body, not a person ("It documented ...": the office named before)."""
    clause = stext[max(stext.rfind(",", 0, v.start()), stext.rfind(";", 0, v.start())) + 1 :].strip()
    m = lex.claim_words().anaphoric_subject.match(stext.strip()) or lex.claim_words().anaphoric_subject.match(
        clause
    )
    if m is None and not _words().it_acts.match(stext.strip()):
        return None
    body = m is None or m.group("document") is not None or m.group("it") is not None
    if body and memory.last_body is not None:
        return Found(memory.last_body)
    if memory.last_source is not None:
        return Found(memory.last_source, via=list(memory.last_via))
    return None


def _described_head(
    stext: str, v: Verb, sources: list[Located], places: list[Located], memory: Memory
) -> Found | None:
    """ "The women accused ...": a described subject opening the clause."""
    d = _described_subject(stext[: v.start()])
    return Found(d) if d is not None else None


def _definite_person(
    stext: str, v: Verb, sources: list[Located], places: list[Located], memory: Memory
) -> Found | None:
    """ "Le jeune homme de 24 ans a déclaré à ...": a definite description of the last person."""
    if memory.last_person is not None and _words().person_article.match(stext):
        return Found(source_of(memory.last_person), v.end())
    return None


def _first_name(
    stext: str, v: Verb, sources: list[Located], places: list[Located], memory: Memory
) -> Found | None:
    """ "a déclaré Olena au Washington Post": a bare first name of the last person met."""
    m = re.match(r"\s+([A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w'-]+)", stext[v.end() :])
    last = memory.last_person
    if m is None or last is None or m.group(1) not in last.text.split():
        return None
    return Found(source_of(last), v.end() + m.end())


_SPEAKER_RULES: list[Callable[[str, Verb, list[Located], list[Located], Memory], Found | None]] = [
    _pronoun_speaker,
    _after_verb,
    _subject_before,
    _anaphor,
    _described_head,
    _definite_person,
    _first_name,
]


def _reportative(stext: str, sources: list[Located], places: list[Located], memory: Memory) -> Found | None:
    """ "The aggressor's army was to lose over 166,000 soldiers", right after a sentence with a source:
    the text goes on reporting that source's figures."""
    if memory.previous is not None and lex.claim_words().reportative.search(stext):
        return Found(memory.previous)
    return None


_RULES: list[Callable[[str, list[Located], list[Located], Memory], Found | None]] = [
    _according_to,
    _postposition,
    _speech,
    _reportative,
]


def _outlets(stext: str, sources: list[Located], found: Found) -> list[str]:
    """The outlets after the source: "X told The Guardian", "as translated by Y"."""
    if found.end < 0:
        return []
    via: list[str] = []
    outlets = [x for x in sources if x[0] >= found.end and x[2].type == "media"]
    link_from = min(found.end, found.verb_start) if found.verb_start >= 0 else found.end
    if (
        outlets
        and outlets[0][0] - found.end <= 40
        and _words().via_link.search(stext[link_from : outlets[0][0]])
    ):
        via.append(outlets[0][2].name or outlets[0][2].text)
    t = lex.claim_words().translated_by.search(stext[found.end :])
    if t is not None:
        later = [x for x in sources if x[0] >= found.end + t.end()]
        if later:
            via.append(later[0][2].name or later[0][2].text)
    return via


def _citing(stext: str, sources: list[Located]) -> tuple[Source, list[str]] | None:
    """ "citing X": X is the source, the outlet before it carried the words."""
    citing = _words().citing.search(stext)
    if citing is None:
        return None
    cited = [x for x in sources if x[0] >= citing.end() and x[0] - citing.end() <= 40]
    if not cited:
        return None
    outlet = [x for x in sources if x[1] <= citing.start() and x[2].type == "media"]
    carried = [outlet[0][2].name or outlet[0][2].text] if outlet else []
    return source_of(cited[0][2]), carried


def _official_first(official: Official, after: list[Located], offset: int) -> bool:
    """Whether a described official after a verb or "according to" is the source rather than the first
    named one: it is, unless the name covers its head ("the UN human rights office in Ukraine")."""
    return not after or not after[0][0] < offset + official.head_end <= after[0][1]


def _owner(stext: str, x: Located) -> Source:
    """A named body, or the described official whose complement it is ("the General Staff of the
    Ukrainian Armed Forces": the staff, not the armed forces)."""
    official = described_official(stext[: x[1]], at_start=False)
    if official is not None and official.end == x[1] and official.head_end <= x[0]:
        return official.source
    return source_of(x[2])


def _appositive_person(stext: str, x: Located, before: list[Located]) -> Source | None:
    """ "Jane Doe, the ambassador for the Court, said": the person, not the body of her title."""
    if x[2].type == "person":
        return None
    people = [p for p in before if p[2].type == "person" and p[1] < x[0]]
    title = stext[people[-1][1] : x[0]] if people else ""
    if people and re.fullmatch(r",[^,]{1,80}", title) and stext[x[1] :].lstrip()[:1] == ",":
        return source_of(people[-1][2])
    return None


def _described(text: str) -> Source | None:
    """The words after "according to" when they name no entity ("selon des responsables américains")."""
    phrase = re.split(r"[,.;:«\"“]|\s[-–—]\s", text, maxsplit=1)[0]
    if re.search(r"\d", phrase):
        return None  # "according to the report - reached 473,400": no description of a source
    cut = _words().verb_cut.search(phrase)
    phrase = (phrase[: cut.start()] if cut else phrase).strip()
    words = phrase.split()
    if not words:
        return None
    phrase = " ".join(words[:_MAX_PHRASE_WORDS])
    return Source(phrase, described_name(phrase), None)


def _described_subject(head: str) -> Source | None:
    """A described source opening the clause ("The women", "Des responsables américains")."""
    clause = re.split(r"[,;:.]", head)[-1].strip()
    if not clause or len(clause.split()) > _MAX_PHRASE_WORDS:
        return None
    name = described_name(clause, at_start=True)
    return Source(clause, name, None) if name is not None else None
