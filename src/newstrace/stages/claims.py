"""Attributed claims: every figure with what it counts, about whom, who claims it, through whom, and as
of when; plus the sourcing chains the text states ("X told the Guardian", "as translated by Y").

Works sentence by sentence on the repaired text. A figure becomes a claim when its clause says what it
counts (killed, wounded, captured, survived, mobilised, displaced, territory, equipment, protesters);
the claimant comes from "selon X" / "according to X" / "по данным X", from the subject of a speech or
estimate verb, from a pronoun or an anaphor ("L'analyse estime") referring back to the last source, and
is never invented: an unattributed figure stays unattributed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.model import Attribution, Claim, Document, Mention, Quote, Source
from newstrace.pipeline.stage import BaseStage
from newstrace.text import claim_lexicon as lex
from newstrace.text.numbers import Number, find_numbers
from newstrace.text.quotes import find_quotes
from newstrace.text.relative_dates import find_date_expressions, resolve_date

_CLAUSE_END = re.compile(r"[;.!?]|, (?:tandis|alors|while|but|mais|whereas|а |но |але )")
_PARTITIVE_TOTAL = re.compile(r"(?i)(?:\bsur les|\bof the (?:original )?|\bout of|\bиз|\bз)\s*$")
_REST = re.compile(
    r"(?i)\b(?:toutes les autres|tous les autres|les autres|all the others|the rest|the others|"
    r"остальные|решта|інші)\b"
)
_MONEY = re.compile(
    r"(?i)^\s*(?:de |d')?(livres? sterling|pounds?|£|dollars?|\$|euros?|€|гривен\w*|рубл\w*|hryvnias?)"
)
_SOURCE_TYPES = frozenset({"person", "organization", "media", "place"})
_MAX_PHRASE_WORDS = 8
# Reported speech: a speech verb followed by "que/that/что/що/dass" opens an indirect quotation.
_INDIRECT = re.compile(
    r"(?i)\b(?:a|ont|avait|avaient)\s+(?:déclaré|affirmé|indiqué|estimé|assuré|annoncé|dit)\s+(?:que|qu')\s*|"
    r"\b(?:said|says|told \w+(?: \w+)?|claimed|stated|announced)\s+that\s+|"
    r"\b(?:заявил\w*|сообщил\w*|заявив|заявила|повідомив|повідомила)\s*,?\s*(?:что|що)\s+|"
    r"\b(?:sagte|erklärte)\s*,?\s*dass\s+"
)
# Between a source and the outlet that carried its words: "X told The Guardian", "a déclaré X au Guardian".
_VIA_LINK = re.compile(r"(?i)(?:\btold\b|\b(?:au|aux|à|to)\s+(?:la\s+|le\s+|l'|the\s+)?$)")
_QUOTES_OPEN = "«“"
_QUOTES_CLOSE = "»”"


@dataclass
class _Memory:
    last_person: Mention | None = None
    last_source: Source | None = None
    last_via: tuple[str, ...] = ()
    via_by_source: dict[str, tuple[str, ...]] | None = None


def _source_of(m: Mention) -> Source:
    return Source(m.text, m.name or m.text, m.entity_id)


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
        base = doc.date.value if doc.date is not None else None
        memory = _Memory(via_by_source={})
        claims: list[Claim] = []
        attributions: list[Attribution] = []
        quotes: list[Quote] = []
        sentence_sources: list[tuple[int, int, Source | None, tuple[str, ...]]] = []
        for sent in doc.sentences:
            ss, se = view.from_raw(sent.start, sent.end)
            if se <= ss:
                continue
            stext = text[ss:se]
            local = [(s - ss, e - ss, m) for s, e, m in mentions if ss <= s < se]
            source, via = self._attribute(stext, local, memory)
            sentence_sources.append((ss, se, source, via))
            if source is not None and via:
                rs, re_ = view.to_raw(ss, se)
                attributions.append(Attribution(source, via, rs, re_, self.name))
            as_of = None
            scope_m = lex.SCOPE.search(stext)
            place = next((m.name or m.text for _, _, m in local if m.type == "place"), None)
            indirect = _INDIRECT.search(stext)
            if indirect is not None and source is not None and not _inside_quote(stext, indirect.start()):
                qs, qe = view.to_raw(ss + indirect.end(), se)
                quotes.append(Quote(source, qs, qe, via, self.name, direct=False))
            for ds, _, expr in find_date_expressions(stext):
                if scope_m is not None and scope_m.start() <= ds < scope_m.end():
                    continue  # "depuis février 2022" is the scope, not the date of the figure
                resolved = resolve_date(expr, base)
                if resolved is not None:
                    as_of = resolved.iso()
                    break
            for c in self._claims_in(stext, sent.lang, local):
                kind, n, unit, subject, side, total = c
                rs, re_ = view.to_raw(ss + n.start, ss + n.end)
                es, ee = view.to_raw(ss, se)
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
                    )
                )
            for _, _, m in local:
                if m.type == "person":
                    memory.last_person = m
        # Quotes may span sentences: the speaker is the source of the sentence where the quote closes.
        for q in find_quotes(text):
            src: Source | None = None
            qvia: tuple[str, ...] = ()
            for ss, se, source, via in sentence_sources:
                if ss <= q.after <= se + 1 and source is not None:
                    src, qvia = source, via
                    break
            rs, re_ = view.to_raw(q.start, q.end)
            quotes.append(Quote(src, rs, re_, qvia, self.name))
        return self.done(doc, claims=tuple(claims), attributions=tuple(attributions), quotes=tuple(quotes))

    # -- attribution -------------------------------------------------------------------------------
    def _attribute(
        self, stext: str, local: list[tuple[int, int, Mention]], memory: _Memory
    ) -> tuple[Source | None, tuple[str, ...]]:
        sources = [(s, e, m) for s, e, m in local if m.type in _SOURCE_TYPES]
        source: Source | None = None
        source_end = -1
        verb_start = -1
        via: list[str] = []
        # Several "selon ..." in one sentence: the one naming an entity wins over a description.
        for m in lex.SOURCE_BEFORE.finditer(stext):
            after = [x for x in sources if x[0] >= m.end() and x[0] - m.end() <= 60]
            if after:
                source, source_end = _source_of(after[0][2]), after[0][1]
                break
            if lex.POSSESSIVE_SOURCE.match(stext[m.end() :]) and memory.last_person is not None:
                source = _source_of(memory.last_person)
                break
            if lex.POSSESSIVE_SOURCE.search(m.group()) and memory.last_person is not None:
                source = _source_of(memory.last_person)  # "по его данным"
                break
            if source is None:
                source = _described(stext[m.end() :])
        if source is None:
            for m in lex.SOURCE_AFTER.finditer(stext):
                before = [x for x in sources if x[1] <= m.start() and m.start() - x[1] <= 2]
                if before:
                    source = _source_of(before[-1][2])
                    break
        if source is None:
            for v in lex.SPEECH.finditer(stext):
                if _inside_quote(stext, v.start()):
                    continue  # "Ils ont dit" inside a quotation is the speaker's words, not the attribution
                verb_start = v.start()
                before = [x for x in sources if x[1] <= v.start() and v.start() - x[1] <= 90]
                after = [
                    x
                    for x in sources
                    if x[0] >= v.end()
                    and x[0] - v.end() <= 45
                    and not re.search(
                        r"(?i)\b(?:au|aux|à|to)\s+(?:la\s+|le\s+|l'|the\s+)?$", stext[v.end() : x[0]]
                    )
                ]
                head = stext[max(0, v.start() - 12) : v.start()]
                pronoun = "-t-" in v.group() or lex.INVERTED_PRONOUN.match(stext[v.end() : v.end() + 6])
                if pronoun or lex.PRONOUN_SUBJECT.search(head):
                    if memory.last_person is not None:
                        source = _source_of(memory.last_person)
                        via = list((memory.via_by_source or {}).get(source.entity_id or source.text, ()))
                elif after and not before:
                    source, source_end = _source_of(after[0][2]), after[0][1]
                elif before:
                    cand = before[-1][2]
                    source, source_end = _source_of(cand), v.end()
                elif lex.ANAPHORIC_SUBJECT.match(stext.strip()) and memory.last_source is not None:
                    source = memory.last_source
                    via = list(memory.last_via)
                elif (described := _described_subject(stext[: v.start()])) is not None:
                    source = described  # "The women accused ..."
                elif memory.last_person is not None and re.match(r"(?i)^\s*(?:le|la|the)\s", stext):
                    source = _source_of(memory.last_person)  # "Le jeune homme de 24 ans a déclaré à ..."
                    source_end = v.end()
                elif not after and (named := _first_name_after(stext, v.end(), memory)) is not None:
                    source, source_end = named  # "a déclaré Olena au Washington Post"
                if source is not None:
                    break
        if source is not None and source_end >= 0:
            tail = stext[source_end:]
            outlets = [x for x in sources if x[0] >= source_end and x[2].type == "media"]
            link_from = min(source_end, verb_start) if verb_start >= 0 else source_end
            near = outlets and outlets[0][0] - source_end <= 40
            if near and _VIA_LINK.search(stext[link_from : outlets[0][0]]):
                via.append(outlets[0][2].name or outlets[0][2].text)
            t = lex.TRANSLATED_BY.search(tail)
            if t is not None:
                later = [x for x in sources if x[0] >= source_end + t.end()]
                if later:
                    via.append(later[0][2].name or later[0][2].text)
        # "citing X": X is the source, the subject outlet carried it.
        citing = re.search(r"(?i)\b(?:citing|citant|cité par)\s+", stext)
        if citing is not None:
            cited = [x for x in sources if x[0] >= citing.end() and x[0] - citing.end() <= 40]
            outlet = [x for x in sources if x[1] <= citing.start() and x[2].type == "media"]
            if cited:
                carried = [outlet[0][2].name or outlet[0][2].text] if outlet else []
                source, via = _source_of(cited[0][2]), carried
        if source is not None:
            memory.last_source = source
            memory.last_via = tuple(via)
            if via and memory.via_by_source is not None:
                memory.via_by_source[source.entity_id or source.text] = tuple(via)
        return source, tuple(via)

    # -- figures -----------------------------------------------------------------------------------
    def _claims_in(
        self, stext: str, lang: str, local: list[tuple[int, int, Mention]]
    ) -> list[tuple[str, Number, str, str | None, str | None, float | None]]:
        numbers = list(find_numbers(stext, lang))
        out: list[tuple[str, Number, str, str | None, str | None, float | None]] = []
        total: float | None = None
        claimed = 0.0
        for n in numbers:
            before = stext[max(0, n.start - 25) : n.start]
            if _PARTITIVE_TOTAL.search(before):
                if out and out[-1][5] is None and n.low is not None:
                    prev = out[-1]
                    out[-1] = (prev[0], prev[1], prev[2], prev[3], prev[4], n.low)
                else:
                    total = n.low
                continue
            kind, unit = _kind(stext, n)
            if kind is None:
                continue
            subject, side = _subject(stext, n, local)
            out.append((kind, n, unit, subject, side, total))
            if n.low is not None and unit == "people":
                claimed += n.low
        # "Sur les 12 personnes, trois ont été capturées et toutes les autres sont mortes": 12 - 3 killed.
        rest = _REST.search(stext)
        if rest is not None and total is not None and claimed and total > claimed:
            kind, _ = _kind_in(stext[rest.end() : rest.end() + 60])
            if kind is not None:
                value = total - claimed
                n = Number(rest.start(), rest.end(), value, value, "exact", rest.group())
                subject = out[0][3] if out else None
                side = out[0][4] if out else None
                out.append((kind, n, "people", subject, side, total))
        return out


def _clause(stext: str, start: int, length: int = 90) -> str:
    chunk = stext[start : start + length]
    m = _CLAUSE_END.search(chunk)
    return chunk[: m.start()] if m else chunk


def _kind_in(window: str, nearest_end: bool = False) -> tuple[str | None, int]:
    """The kind whose word comes first in ``window`` (or last, nearest to a figure that follows)."""
    best: tuple[int, int, str] | None = None
    for priority, (kind, pattern) in enumerate(lex.KINDS):
        hits = list(pattern.finditer(window))
        if not hits:
            continue
        pos = hits[-1].start() if nearest_end else hits[0].start()
        key = (-pos if nearest_end else pos, priority)
        if best is None or key < best[:2]:
            best = (key[0], priority, kind)
    if best is None:
        return None, -1
    return best[2], (-best[0] if nearest_end else best[0])


def _kind(stext: str, n: Number) -> tuple[str | None, str]:
    after = _clause(stext, n.end)
    if (n.low is not None and n.low < 1) or (n.high is not None and n.high < 1):
        kind, _ = _kind_in(stext[max(0, n.start - 60) : n.end + 80])
        if re.search(r"(?i)flotte|fleet|chars|tanks", after):
            return "equipment_lost", "share of tank fleet"
        if re.search(r"(?i)\b(?:ont fui|fled|бежал|втекли|fuhren weg)", after):
            return "fled", "share"
        return (kind, "share") if kind else (None, "share")
    money = _MONEY.match(stext[n.end : n.end + 25])
    if money is not None:
        if re.search(r"(?i)équipement|equipment|véhicules|vehicles|armes|weapons|abandonn", stext):
            return "equipment_lost", _currency(money.group(1))
        return None, ""
    before45 = stext[max(0, n.start - 45) : n.start]
    people = lex.PEOPLE.match(stext[n.end : n.end + 40])
    if (
        people is not None
        and lex.PROTEST.search(stext)
        and not lex.NOT_PEOPLE_PROTESTERS.match(people.group())
    ):
        return "protesters", "people"
    # The comma-delimited segment holding the figure: "загинули понад 30 людей", "trois ont été capturées".
    seg_start = max(stext.rfind(",", 0, n.start), stext.rfind(";", 0, n.start)) + 1
    seg_end_m = re.search(r"[,;.!?]", stext[n.end :])
    seg_end = n.end + seg_end_m.start() if seg_end_m else len(stext)
    seg_after, _ = _kind_in(stext[n.end : seg_end])
    seg_before, _ = _kind_in(stext[seg_start : n.start], nearest_end=True)
    for k in (seg_after, seg_before):
        if k is not None and k not in ("territory", "regions", "equipment_lost"):
            return k, "people"
    kind, pos = _kind_in(after)
    if kind is not None and kind not in ("territory", "regions") and people is None and pos > 4:
        return None, ""  # "влучили дві ракети, загинули ...": the kind belongs to another figure
    if kind == "regions":
        return ("regions", "regions") if pos <= 4 else (None, "")
    if kind is not None and kind != "territory" and pos <= 4:
        return kind, "people"  # "140 000 blessés": the word right after the figure says what it counts
    counted = lex.NUMBER_OF.search(stext[max(0, n.start - 70) : n.start])
    if counted is not None:
        k, _ = _kind_in(counted.group(1))
        if k is not None:
            return k, "people"  # "le nombre de morts ... pourrait atteindre 60 000"
    if people is not None and lex.LOST.search(before45):
        return "killed", "people"  # "l'armée russe avait perdu un total de 77 950 soldats"
    kind, pos = _kind_in(after)
    if kind == "territory" and pos <= 25:
        return "territory", "km2"
    if kind is not None and kind != "territory":
        return kind, "people"
    before_kind, _ = _kind_in(before45, nearest_end=True)
    if before_kind is not None and before_kind not in ("territory", "equipment_lost"):
        return before_kind, "people"
    return None, ""


def _currency(word: str) -> str:
    w = word.lower()
    if "livre" in w or "pound" in w or "£" in w:
        return "GBP"
    if "euro" in w or "€" in w:
        return "EUR"
    if "рубл" in w:
        return "RUB"
    if "грив" in w or "hryvn" in w:
        return "UAH"
    return "USD"


def _subject(stext: str, n: Number, local: list[tuple[int, int, Mention]]) -> tuple[str | None, str | None]:
    after = _clause(stext, n.end, 70)
    people = lex.PEOPLE.match(after)
    window = after if people is None else after[: people.end() + 45]
    orgs = [
        m for s, e, m in local if n.end <= s <= n.end + 70 and m.type in ("organization", "military_unit")
    ]
    side = None
    for code, pattern in lex.SIDES:
        if pattern.search(window):
            side = code
            break
    if orgs:
        org = orgs[0]
        return org.name or org.text, side or ("RU" if org.entity_id == "organization/wagner-group" else side)
    if people is None:
        return None, side
    noun = people.group().strip()
    if lex.CIVILIAN.search(noun):
        return ({"RU": "Russian civilians", "UA": "Ukrainian civilians"}.get(side or "", "civilians")), side
    if side == "RU":
        return "Russian military", side
    if side == "UA":
        return "Ukrainian military", side
    return _generic_noun(noun), side


_GENERIC = [
    (
        re.compile(r"(?i)soldat|soldier|troop|militaire|serviceme|военн|солдат|військов|бійц|бойц|Kämpfer"),
        "soldiers",
    ),
    (re.compile(r"(?i)civil|мирн|цивільн|Zivil"), "civilians"),
    (re.compile(r"(?i)femme|women|épouse|wives|mère|mother|женщин|жінок|Frauen"), "women"),
    (re.compile(r"(?i)enfant|child|дет|діт|Kinder"), "children"),
    (re.compile(r"(?i)\bhommes\b|\bmen\b"), "men"),
]


def _generic_noun(noun: str) -> str:
    """Generic subjects in English so that the ledger groups them across languages."""
    for pattern, name in _GENERIC:
        if pattern.search(noun):
            return name
    return "people"


_VERB_CUT = re.compile(
    r"(?i)\s(?:wurden|wurde|sind|ist|hat|haben|ont|a été|ont été|sont|est|have|has|were|was|are|is|"
    r"были|было|был|були|було|estime|estiment)\b"
)


def _described(text: str) -> Source | None:
    phrase = re.split(r"[,.;:«\"“]", text, maxsplit=1)[0]
    cut = _VERB_CUT.search(phrase)
    phrase = (phrase[: cut.start()] if cut else phrase).strip()
    words = phrase.split()
    if not words:
        return None
    phrase = " ".join(words[:_MAX_PHRASE_WORDS])
    for pattern, name in lex.DESCRIPTORS:
        if pattern.search(phrase):
            return Source(phrase, name, None)
    return Source(phrase, None, None)


def _described_subject(head: str) -> Source | None:
    """A described source opening the clause ("The women", "Des responsables américains")."""
    clause = re.split(r"[,;:.]", head)[-1].strip()
    if not clause or len(clause.split()) > _MAX_PHRASE_WORDS:
        return None
    for pattern, name in lex.DESCRIPTORS:
        if pattern.match(clause):
            return Source(clause, name, None)
    return None


def _first_name_after(stext: str, pos: int, memory: _Memory) -> tuple[Source, int] | None:
    """A bare first name right after a speech verb that names the last person met ("Olena")."""
    m = re.match(r"\s+([A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w'-]+)", stext[pos:])
    last = memory.last_person
    if m is None or last is None:
        return None
    if m.group(1) in last.text.split():
        return _source_of(last), pos + m.end()
    return None


def _inside_quote(text: str, pos: int) -> bool:
    head = text[:pos]
    opened = sum(head.count(c) for c in _QUOTES_OPEN) - sum(head.count(c) for c in _QUOTES_CLOSE)
    return opened > 0 or head.count('"') % 2 == 1
