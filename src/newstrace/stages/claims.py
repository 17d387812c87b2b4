"""Attributed claims: every figure with what it counts, about whom, who claims it, through whom, and as
of when; plus the sourcing chains the text states ("X told the Guardian", "as translated by Y").

Works sentence by sentence on the repaired text, in small steps each in its own module: the figures
(text/numbers.py), their role and kind (stages/claim_kinds.py: only counts of people, or of equipment
lost, become claims), the victims and the perpetrator (stages/claim_subjects.py), the claimant
(stages/claim_sources.py: never invented, an unattributed figure stays unattributed), and a single
named or described person killed, wounded, detained or missing (stages/claim_persons.py).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from newstrace.model import Attribution, Claim, Document, Mention, PartialDate, Quote, Source
from newstrace.pipeline.stage import BaseStage
from newstrace.stages.claim_confidence import confidence
from newstrace.stages.claim_kinds import kind_in, kind_of
from newstrace.stages.claim_lists import blank_asides, inherited_kind
from newstrace.stages.claim_persons import single_victims
from newstrace.stages.claim_sources import Memory, attribute, inside_quote, source_of
from newstrace.stages.claim_subjects import enemy_side, nearest_side, perpetrator, subject_of
from newstrace.text import claim_lexicon as lex
from newstrace.text.numbers import Number, find_numbers, stated_figures
from newstrace.text.quotes import QuoteSpan, find_quotes
from newstrace.text.relative_dates import find_date_expressions, resolve_date


@dataclass(frozen=True, slots=True)
class _Words:
    """The packs' ``claim_words`` this module reads, compiled on first use (``_words()``)."""

    # A partitive total before a figure: "of the 570", "sur les 12" (``partitive_total``).
    partitive_total: re.Pattern[str]
    # "toutes les autres", "the rest": the total less the figures claimed (``the_rest``).
    rest: re.Pattern[str]
    # Reported speech: a speech verb and "que", "that", "что", "dass" open an indirect quotation
    # (``indirect``).
    indirect: re.Pattern[str]


@functools.cache
def _words() -> _Words:
    """The patterns of every pack's words, built on first use."""
    words = lex.alternatives
    return _Words(
        partitive_total=re.compile(rf"(?i)\b(?:{words('partitive_total')})\s*$"),
        rest=re.compile(rf"(?i)\b(?:{words('the_rest')})\b"),
        indirect=re.compile(rf"(?i)\b(?:{words('indirect')})"),
    )


# A figure without a noun this close after a claim's figure counts the same victims.
_COORDINATED = 40
# One figure found by the sentence reader: kind, number, unit, subject, side, total, perpetrator.
Found = tuple[str, Number, str, str | None, str | None, float | None, str | None]


class ClaimsStage(BaseStage):
    name = "claims"
    requires = frozenset({"sentences", "mentions", "places"})
    reads = frozenset({"repaired"})
    provides = frozenset({"claims", "attributions", "quotes", "figures"})

    def process(self, doc: Document) -> Document:
        reader = _Reader(doc, self.name)
        for sent in doc.sentences:
            ss, se = reader.view.from_raw(sent.start, sent.end)
            if se > ss:
                reader.read(_Sentence(ss, se, sent.lang, reader.text[ss:se], reader.local(ss, se)))
        for step in _DOCUMENT_STEPS:
            step(reader)
        return self.done(
            doc,
            claims=tuple(reader.claims),
            attributions=tuple(reader.attributions),
            quotes=tuple(reader.quotes),
            figures=tuple(sorted(stated_figures(reader.text, doc.lang))),
        )


@dataclass
class _Sentence:
    start: int  # in the analysis view's text
    end: int
    lang: str
    text: str
    local: list[tuple[int, int, Mention]]  # mentions in sentence coordinates
    source: Source | None = None
    via: tuple[str, ...] = ()


class _Reader:
    """One document read sentence by sentence: each sentence goes through ``_SENTENCE_STEPS`` in order,
    then the whole document through ``_DOCUMENT_STEPS`` (speakers of quotations and transcripts)."""

    def __init__(self, doc: Document, stage: str) -> None:
        self.doc = doc
        self.stage = stage
        self.view = doc.analysis_view
        self.text = self.view.text
        # Mentions in the coordinates of the text read here.
        self.mentions = [
            (*self.view.from_raw(m.start, m.end), m) for m in doc.mentions if not m.in_boilerplate
        ]
        # Where each person is first described ("Irish-born cameraman Pierre X"): a later "X died" keeps it.
        self.described: dict[str, str] = {}
        for s, e, m in self.mentions:
            if m.type == "person" and m.entity_id is not None and m.entity_id not in self.described:
                self.described[m.entity_id] = self.text[max(0, s - _DESCRIPTION_REACH) : e]
        self.base = doc.date.value if doc.date is not None else None
        self.memory = Memory()
        self.claims: list[Claim] = []
        self.attributions: list[Attribution] = []
        self.quotes: list[Quote] = []
        self.sentences: list[_Sentence] = []
        self.quoted = list(find_quotes(self.text))
        self.paired = [q for q in self.quoted if _paired(self.text, q)]
        self.transcript: tuple[int, Source] | None = None  # where a transcript starts, and its speaker

    def local(self, ss: int, se: int) -> list[tuple[int, int, Mention]]:
        return [(s - ss, e - ss, m) for s, e, m in self.mentions if ss <= s < se]

    def read(self, sent: _Sentence) -> None:
        for step in _SENTENCE_STEPS:
            step(self, sent)
        self.sentences.append(sent)


def _attribute(r: _Reader, sent: _Sentence) -> None:
    """The sentence's source and outlets ("..., the ministry told Reuters"), a sourcing chain if any."""
    open_quote = next((q for q in r.paired if q.start < sent.start < q.end), None)
    r.memory.quote_open = r.text[: open_quote.start].rstrip()[-1:] if open_quote is not None else ""
    sent.source, sent.via = attribute(sent.text, sent.local, r.memory)
    if sent.source is not None and sent.via:
        rs, re_ = r.view.to_raw(sent.start, sent.end)
        r.attributions.append(Attribution(sent.source, sent.via, rs, re_, r.stage))


def _transcript_start(r: _Reader, sent: _Sentence) -> None:
    """ "Here is the full text of his speech": what follows is the speaker's."""
    if r.transcript is None and lex.claim_words().transcript.search(sent.text.strip()):
        r.transcript = _transcript_speaker(sent.local, r.memory, sent.start)


def _indirect_quote(r: _Reader, sent: _Sentence) -> None:
    """ "X said that ...": the words after "that" are X's, reported."""
    indirect = _words().indirect.search(sent.text)
    if (
        indirect is not None
        and sent.source is not None
        and not inside_quote(sent.text, indirect.start(), r.memory.quote_open)
    ):
        qs, qe = r.view.to_raw(sent.start + indirect.end(), sent.end)
        r.quotes.append(Quote(sent.source, qs, qe, sent.via, r.stage, direct=False))


def _figures(r: _Reader, sent: _Sentence) -> None:
    """The sentence's claims: its figures, then the single victims of its casualty clauses."""
    stext = sent.text
    scope_m = lex.claim_words().scope.search(stext)
    place = next((m.name or m.text for _, _, m in sent.local if m.type == "place"), None)
    as_of = _as_of(stext, scope_m, r.base)
    found = _claims_in(stext, sent.lang, sent.local)
    found += single_victims(stext, sent.local, [f[1] for f in found], r.described)
    claimant = (sent.source.name or sent.source.text) if sent.source is not None else None
    for i, f in enumerate(found):
        if f[4] is None:
            before = r.text[max(0, sent.start - _ENEMY_REACH) : sent.start + f[1].start]
            side = enemy_side(stext[: f[1].start], before, claimant)
            found[i] = (*f[:4], side, *f[5:]) if side is not None else f
    es, ee = r.view.to_raw(sent.start, sent.end)
    for kind, n, unit, subject, side, total, by in found:
        rs, re_ = r.view.to_raw(sent.start + n.start, sent.start + n.end)
        r.claims.append(
            Claim(
                kind=kind,
                low=n.low,
                high=n.high,
                bound=n.bound,
                unit=unit,
                subject=subject,
                side=side,
                claimant=sent.source,
                via=sent.via,
                as_of=as_of,
                scope=scope_m.group() if scope_m else None,
                of_total=total,
                place=place,
                start=rs,
                end=re_,
                evidence_start=es,
                evidence_end=ee,
                stage=r.stage,
                by=by,
                confidence=confidence(stext, n, kind, subject, sent.source),
            )
        )


def _people_seen(r: _Reader, sent: _Sentence) -> None:
    """The people named here are the ones "he" and "she" may stand for in the next sentences."""
    for _, _, m in sent.local:
        if m.type == "person":
            r.memory.saw_person(m)


def _quote_speakers(r: _Reader) -> None:
    """Quotes may span sentences: the speaker is the source of the sentence where the quote closes, else
    the person named last before it opens ("He appealed to ... “We will ...”"); an unattributed figure
    inside is the speaker's."""
    for q in r.quoted:
        closing = next(
            (x for x in r.sentences if x.start <= q.after <= x.end + 1 and x.source is not None), None
        )
        src = closing.source if closing is not None else None
        qvia = closing.via if closing is not None else ()
        rs, re_ = r.view.to_raw(q.start, q.end)
        r.quotes.append(Quote(src, rs, re_, qvia, r.stage))
        speaker = src or _person_before(r.mentions, q.start)
        # Only a quotation of a few sentences, unless the sentence where it closes names its speaker
        # (' ...," he said.'): a stray quotation mark otherwise opens one that runs over the
        # article's own words.
        longest = _QUOTE_MAX_ATTRIBUTED if src is not None and q in r.paired else _QUOTE_MAX
        if speaker is not None and q.end - q.start <= longest:
            r.claims = [_said_by(c, speaker, qvia, rs, re_) for c in r.claims]


def _transcript_claims(r: _Reader) -> None:
    """Unattributed figures after the start of a transcript are its speaker's."""
    if r.transcript is not None:
        start, speaker = r.transcript
        ts = r.view.to_raw(start, start)[0]
        r.claims = [_said_by(c, speaker, (), ts, len(r.doc.raw)) for c in r.claims]


_SENTENCE_STEPS: list[Callable[[_Reader, _Sentence], None]] = [
    _attribute,
    _transcript_start,
    _indirect_quote,
    _figures,
    _people_seen,
]
_DOCUMENT_STEPS: list[Callable[[_Reader], None]] = [_quote_speakers, _transcript_claims]


def _paired(text: str, q: QuoteSpan) -> bool:
    """Straight quotation marks pair up only in a paragraph holding an even number of them: with an
    odd number (a lost or a nested mark), which ones open and which close is a guess."""
    if text[: q.start].rstrip()[-1:] != '"':
        return True
    start = text.rfind("\n", 0, q.start) + 1
    end = text.find("\n", q.end)
    return text.count('"', start, len(text) if end < 0 else end) % 2 == 0


def _transcript_speaker(
    local: list[tuple[int, int, Mention]], memory: Memory, at: int
) -> tuple[int, Source] | None:
    """The speaker of a transcript: the person its heading names, else the one "his speech" refers to."""
    people = [m for _, _, m in local if m.type == "person"]
    if people:
        return at, source_of(people[0])
    if memory.last_person is not None:
        return at, source_of(memory.last_person)
    return None


_ENEMY_REACH = 600  # how far back "the enemy" may have been named
_QUOTE_REACH = 400  # how far before a quotation its speaker may be named
_QUOTE_MAX = 300
_DESCRIPTION_REACH = 40  # how far before a person's first mention their description may start
_SIDE_REACH = 120  # how far before a count of equipment its owner may be named
_QUOTE_MAX_ATTRIBUTED = 1500  # a few paragraphs of one speaker


def _person_before(mentions: list[tuple[int, int, Mention]], pos: int) -> Source | None:
    people = [m for s, e, m in mentions if m.type == "person" and pos - _QUOTE_REACH <= e <= pos]
    return source_of(people[-1]) if people else None


def _said_by(c: Claim, speaker: Source, via: tuple[str, ...], start: int, end: int) -> Claim:
    """An unattributed figure inside a quotation is the speaker's."""
    if c.claimant is not None or not start <= c.start < end:
        return c
    return dataclasses.replace(c, claimant=speaker, via=via)


def _as_of(stext: str, scope_m: re.Match[str] | None, base: PartialDate | None) -> str | None:
    for ds, _, expr in find_date_expressions(stext):
        if scope_m is not None and scope_m.start() <= ds < scope_m.end():
            continue  # "depuis février 2022" is the scope, not the date of the figure
        resolved = resolve_date(expr, base)
        if resolved is not None:
            return resolved.iso()
    return None


def _claims_in(stext: str, lang: str, local: list[tuple[int, int, Mention]]) -> list[Found]:
    """The claims of one sentence's figures, in order; a partitive total ("of the 570") is no claim but
    the total of the claim before it or of the ones after it."""
    kind_text = blank_asides(stext)
    out: list[Found] = []
    total: float | None = None
    for n in find_numbers(stext, lang):
        if _words().partitive_total.search(stext[max(0, n.start - 25) : n.start]):
            if out and out[-1][5] is None and n.low is not None:
                out[-1] = (*out[-1][:5], n.low, out[-1][6])
            else:
                total = n.low
            continue
        found = _figure(stext, kind_text, n, local, out[-1] if out else None, total)
        if found is not None:
            out.append(found)
    rest = _rest(stext, out, total)
    return out + ([rest] if rest is not None else [])


def _figure(
    stext: str,
    kind_text: str,
    n: Number,
    local: list[tuple[int, int, Mention]],
    previous: Found | None,
    total: float | None,
) -> Found | None:
    """One figure's claim, or None: its kind (or the kind of the list it belongs to), victims, side."""
    kind, unit = kind_of(kind_text, n)
    if kind is None and previous is not None and previous[2] == "people":
        kind, unit = inherited_kind(stext, n, previous[0], previous[1]), "people"
    if kind is None:
        return None
    subject, side = subject_of(stext, n, kind, local)
    if (
        subject is None
        and side is None
        and previous is not None
        and n.start - previous[1].end <= _COORDINATED
        and (unit == "people") == (previous[2] == "people")
    ):
        subject, side = previous[3], previous[4]  # "one woman was killed and two more injured"
    if side is None and unit != "people":
        side = nearest_side(stext[max(0, n.start - _SIDE_REACH) : n.start])  # "Russia has lost ... 15 tanks"
    return (kind, n, unit, subject, side, total, perpetrator(stext, n))


def _rest(stext: str, out: list[Found], total: float | None) -> Found | None:
    """ "Sur les 12 personnes, trois ont été capturées et toutes les autres sont mortes": 12 - 3 killed."""
    claimed = sum(f[1].low for f in out if f[1].low is not None and f[2] == "people")
    rest = _words().rest.search(stext)
    if rest is None or total is None or not claimed or total <= claimed:
        return None
    kind, _ = kind_in(stext[rest.end() : rest.end() + 60])
    if kind is None:
        return None
    value = total - claimed
    n = Number(rest.start(), rest.end(), value, value, "exact", rest.group())
    subject = out[0][3] if out else None
    side = out[0][4] if out else None
    return (kind, n, "people", subject, side, total, None)
