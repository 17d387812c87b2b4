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
import re

from newstrace.model import Attribution, Claim, Document, Mention, PartialDate, Quote, Source
from newstrace.pipeline.stage import BaseStage
from newstrace.stages.claim_confidence import confidence
from newstrace.stages.claim_kinds import kind_in, kind_of
from newstrace.stages.claim_persons import single_victims
from newstrace.stages.claim_sources import Memory, attribute, inside_quote, source_of
from newstrace.stages.claim_subjects import nearest_side, perpetrator, subject_of
from newstrace.text import claim_lexicon as lex
from newstrace.text.numbers import Number, find_numbers
from newstrace.text.quotes import QuoteSpan, find_quotes
from newstrace.text.relative_dates import find_date_expressions, resolve_date

_PARTITIVE_TOTAL = re.compile(r"(?i)(?:\bsur les|\bof the (?:original )?|\bout of|\bиз|\bз)\s*$")
_REST = re.compile(
    r"(?i)\b(?:toutes les autres|tous les autres|les autres|all the others|the rest|the others|"
    r"остальные|решта|інші)\b"
)
# Reported speech: a speech verb followed by "que/that/что/що/dass" opens an indirect quotation.
_INDIRECT = re.compile(
    r"(?i)\b(?:a|ont|avait|avaient)\s+(?:déclaré|affirmé|indiqué|estimé|assuré|annoncé|dit)\s+(?:que|qu')\s*|"
    r"\b(?:said|says|told \w+(?: \w+)?|claimed|stated|announced)\s+that\s+|"
    r"\b(?:заявил\w*|сообщил\w*|заявив|заявила|повідомив|повідомила)\s*,?\s*(?:что|що)\s+|"
    r"\b(?:sagte|erklärte)\s*,?\s*dass\s+"
)
# A figure without a noun this close after a claim's figure counts the same victims.
_COORDINATED = 40
# One figure found by the sentence reader: kind, number, unit, subject, side, total, perpetrator.
Found = tuple[str, Number, str, str | None, str | None, float | None, str | None]


class ClaimsStage(BaseStage):
    name = "claims"
    requires = frozenset({"sentences", "entities", "places"})
    provides = frozenset({"claims", "quotes"})

    def process(self, doc: Document) -> Document:
        view = doc.analysis_view
        text = view.text
        # Mentions in the coordinates of the text read here.
        mentions = []
        for m in doc.mentions:
            if m.in_boilerplate:
                continue
            s, e = view.from_raw(m.start, m.end)
            mentions.append((s, e, m))
        # Where each person is first described ("Irish-born cameraman Pierre X"): a later "X died" keeps it.
        described: dict[str, str] = {}
        for s, e, m in mentions:
            if m.type == "person" and m.entity_id is not None and m.entity_id not in described:
                described[m.entity_id] = text[max(0, s - _DESCRIPTION_REACH) : e]
        base = doc.date.value if doc.date is not None else None
        memory = Memory()
        claims: list[Claim] = []
        attributions: list[Attribution] = []
        quotes: list[Quote] = []
        sentence_sources: list[tuple[int, int, Source | None, tuple[str, ...]]] = []
        quoted = list(find_quotes(text))
        paired = [q for q in quoted if _paired(text, q)]
        transcript: tuple[int, Source] | None = None  # where a transcript starts, and its speaker
        for sent in doc.sentences:
            ss, se = view.from_raw(sent.start, sent.end)
            if se <= ss:
                continue
            stext = text[ss:se]
            local = [(s - ss, e - ss, m) for s, e, m in mentions if ss <= s < se]
            open_quote = next((q for q in paired if q.start < ss < q.end), None)
            memory.quote_open = text[: open_quote.start].rstrip()[-1:] if open_quote is not None else ""
            source, via = attribute(stext, local, memory)
            sentence_sources.append((ss, se, source, via))
            if transcript is None and lex.TRANSCRIPT.search(stext.strip()):
                transcript = _transcript_speaker(local, memory, ss)
            if source is not None and via:
                rs, re_ = view.to_raw(ss, se)
                attributions.append(Attribution(source, via, rs, re_, self.name))
            scope_m = lex.SCOPE.search(stext)
            place = next((m.name or m.text for _, _, m in local if m.type == "place"), None)
            indirect = _INDIRECT.search(stext)
            if (
                indirect is not None
                and source is not None
                and not inside_quote(stext, indirect.start(), memory.quote_open)
            ):
                qs, qe = view.to_raw(ss + indirect.end(), se)
                quotes.append(Quote(source, qs, qe, via, self.name, direct=False))
            as_of = _as_of(stext, scope_m, base)
            found = _claims_in(stext, sent.lang, local)
            found += single_victims(stext, local, [f[1] for f in found], described)
            es, ee = view.to_raw(ss, se)
            for kind, n, unit, subject, side, total, by in found:
                rs, re_ = view.to_raw(ss + n.start, ss + n.end)
                claims.append(
                    Claim(
                        kind=kind,
                        low=n.low,
                        high=n.high,
                        bound=n.bound,
                        unit=unit,
                        subject=subject,
                        side=side,
                        claimant=source,
                        via=via,
                        as_of=as_of,
                        scope=scope_m.group() if scope_m else None,
                        of_total=total,
                        place=place,
                        start=rs,
                        end=re_,
                        evidence_start=es,
                        evidence_end=ee,
                        stage=self.name,
                        by=by,
                        confidence=confidence(stext, n, kind, subject, source),
                    )
                )
            for _, _, m in local:
                if m.type == "person":
                    memory.saw_person(m)
        # Quotes may span sentences: the speaker is the source of the sentence where the quote closes,
        # else the person named last before it opens ("He appealed to ... “We will ...”").
        for q in quoted:
            src: Source | None = None
            qvia: tuple[str, ...] = ()
            for ss, se, source, via in sentence_sources:
                if ss <= q.after <= se + 1 and source is not None:
                    src, qvia = source, via
                    break
            rs, re_ = view.to_raw(q.start, q.end)
            quotes.append(Quote(src, rs, re_, qvia, self.name))
            speaker = src or _person_before(mentions, q.start)
            # Only a quotation of a few sentences, unless the sentence where it closes names its speaker
            # (' ...," he said.'): a stray quotation mark otherwise opens one that runs over the
            # article's own words.
            longest = _QUOTE_MAX_ATTRIBUTED if src is not None and q in paired else _QUOTE_MAX
            if speaker is not None and q.end - q.start <= longest:
                claims = [_said_by(c, speaker, qvia, rs, re_) for c in claims]
        if transcript is not None:
            start, speaker = transcript
            ts = view.to_raw(start, start)[0]
            claims = [_said_by(c, speaker, (), ts, len(doc.raw)) for c in claims]
        return self.done(doc, claims=tuple(claims), attributions=tuple(attributions), quotes=tuple(quotes))


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
    numbers = list(find_numbers(stext, lang))
    out: list[Found] = []
    total: float | None = None
    claimed = 0.0
    for n in numbers:
        before = stext[max(0, n.start - 25) : n.start]
        if _PARTITIVE_TOTAL.search(before):
            if out and out[-1][5] is None and n.low is not None:
                out[-1] = (*out[-1][:5], n.low, out[-1][6])
            else:
                total = n.low
            continue
        kind, unit = kind_of(stext, n)
        if kind is None:
            continue
        subject, side = subject_of(stext, n, kind, local)
        if (
            subject is None
            and side is None
            and out
            and n.start - out[-1][1].end <= _COORDINATED
            and (unit == "people") == (out[-1][2] == "people")
        ):
            subject, side = out[-1][3], out[-1][4]  # "one woman was killed and two more injured"
        if side is None and unit != "people":
            side = nearest_side(
                stext[max(0, n.start - _SIDE_REACH) : n.start]
            )  # "Russia has lost ... 15 tanks"
        out.append((kind, n, unit, subject, side, total, perpetrator(stext, n)))
        if n.low is not None and unit == "people":
            claimed += n.low
    # "Sur les 12 personnes, trois ont été capturées et toutes les autres sont mortes": 12 - 3 killed.
    rest = _REST.search(stext)
    if rest is not None and total is not None and claimed and total > claimed:
        kind, _ = kind_in(stext[rest.end() : rest.end() + 60])
        if kind is not None:
            value = total - claimed
            n = Number(rest.start(), rest.end(), value, value, "exact", rest.group())
            subject = out[0][3] if out else None
            side = out[0][4] if out else None
            out.append((kind, n, "people", subject, side, total, None))
    return out
