"""Events: what happened, where and when, in newstrace's vocabulary mapped to ACLED and PLOVER.

Per sentence (never in removed captions or credits): triggers of ``data/events/types.yaml``'s types in
the language pack's words (``languages/<code>/events.yaml``); the status (asserted, negated,
hypothetical, future) from cues before the trigger; actors from the linked
entities around the trigger, else from a side word ("bombardements ukrainiens"); the place named in the
sentence (not a country, not where something came from); the date said in the sentence, else the
publication date at week precision; fatalities from the "killed" claims of the sentence.

The same event told twice in one article (a headline, a key-points bullet, the body) forms one cluster:
same type, compatible places, both asserted. A cluster without a place named in any of its sentences
takes the most precise place of the nearest sentences (two before, then two after) when its type is a
physical event; speech acts are placed only where their own sentence says.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

from newstrace.kb.loader import knowledge_base
from newstrace.model import Claim, Document, Event, EventActor, Mention, PartialDate, Place
from newstrace.pipeline.stage import BaseStage
from newstrace.text.event_actors import (
    CIVILIANS,
    ORIGIN_BEFORE,
    acts,
    many_places,
    possessed,
    quotation_around,
    speaker,
)
from newstrace.text.event_history import historical_year
from newstrace.text.event_lexicon import EventLexicon, Trigger, event_lexicon
from newstrace.text.event_modality import modality
from newstrace.text.event_sense import armed_agent, event_sense
from newstrace.text.nationalities import demonym, side_words
from newstrace.text.relative_dates import find_date_expressions, resolve_date

ACTOR_TYPES = frozenset({"person", "organization", "military_unit"})
MILITARY = frozenset(
    {
        "battle",
        "shelling",
        "missile_strike",
        "air_or_drone_strike",
        "territory_change",
        "withdrawal",
        "looting",
        "attack_on_civilians",
        "capture_or_surrender",
    }
)
CONTEXT_SENTENCES = 2
# How far before a trigger its agent or a civilian group is looked for, in characters.
AGENT_REACH = 80
SIDE_REACH = 40
TOWN_REACH = 60
# How far after a generic verb of force the event it introduces may be named ("launched an air strike").
GENERIC_REACH = 20
# Features placed at the spot itself (a town, a bridge or a plant), as opposed to a region.
PRECISE = frozenset({"city", "facility"})
# Confidence by how the type was read: a trigger that names its type, a verb of force typed by the
# weapon its sentence names, or one typed only because an armed force is its agent (see _confidence).
TRIGGER_CONFIDENCE = {"named": 0.9, "weapon": 0.8, "agent": 0.6}


@dataclass
class _Found:
    event: Event
    sentence: int
    generic_target: bool


class EventsStage(BaseStage):
    name = "events"
    # "claims": the claims stage also provides the quotations (``doc.quotes``) the actors read.
    requires = frozenset({"sentences", "mentions", "places", "claims"})
    reads = frozenset({"repaired"})
    provides = frozenset({"events"})

    def __init__(self) -> None:
        self._lexicon: EventLexicon | None = None
        self._sides: dict[str, str | None] | None = None

    def _load(self) -> tuple[EventLexicon, dict[str, str | None]]:
        if self._lexicon is None or self._sides is None:
            self._lexicon = event_lexicon()
            self._sides = {e.id: e.side for e in knowledge_base()}
        return self._lexicon, self._sides

    def process(self, doc: Document) -> Document:
        lexicon, sides = self._load()
        # Read the repaired view (a spun "la bataille la as well as sanglante" reads right there);
        # every offset is mapped back to the raw text.
        view = doc.analysis_view
        mentions = [
            (*view.from_raw(m.start, m.end), m)
            for m in sorted(doc.mentions, key=lambda m: m.start)
            if not m.in_boilerplate
        ]
        places = [
            (*view.from_raw(p.start, p.end), p)
            for p in sorted(doc.places, key=lambda p: p.start)
            if not p.in_boilerplate and p.feature != "country"
        ]
        base = doc.date.value if doc.date is not None else None
        quotes = _direct_quotes(doc)
        found: list[_Found] = []
        for i, sent in enumerate(doc.sentences):
            if any(r.start < sent.end and sent.start < r.end for r in doc.removed):
                continue
            ss, se = view.from_raw(sent.start, sent.end)
            text = view.text[ss:se]
            triggers = _dedupe(_named_over_generic(lexicon, lexicon.triggers(text, sent.lang)))
            if not triggers:
                continue
            ctx = _SentenceContext(
                text=text,
                lang=sent.lang,
                start=sent.start,
                end=sent.end,
                offset=ss,
                mentions=[(s - ss, e - ss, m) for s, e, m in mentions if ss <= s < se],
                places=[(s - ss, e - ss, p) for s, e, p in places if ss <= s < se],
                claims=[c for c in doc.claims if sent.start <= c.start < sent.end],
                date=_date(text, base),
                generic=many_places(text),
                quotes=[(max(qs, ss) - ss, min(qe, se) - ss) for qs, qe in quotes if qs < se and ss < qe],
            )
            for t in triggers:
                event = self._event(lexicon, sides, ctx, t, doc, base, len(found))
                if event is not None:
                    found.append(_Found(event, i, ctx.generic))
        events = _corefer(found)
        events = _place_from_context(events, found, doc, [p for _, _, p in places], lexicon)
        return self.done(doc, events=tuple(events))

    def _event(
        self,
        lexicon: EventLexicon,
        sides: dict[str, str | None],
        ctx: _SentenceContext,
        t: Trigger,
        doc: Document,
        base: PartialDate | None,
        cluster: int,
    ) -> Event | None:
        """The event a trigger of the sentence names, or None where it is no event (another sense of
        the word, a verb of force with nothing to type it)."""
        text = ctx.text
        if not event_sense(text, t.start, t.end, ctx.lang):
            return None
        typed = _weapon_type(lexicon, t, text, ctx.lang, ctx.mentions)
        if typed is None:
            return None
        etype = _retype(lexicon, typed[0], t, text, ctx.places)
        actor1, actor2 = _actors(t, ctx, sides, lexicon.types[etype].possessor_is_target, etype)
        place = None if ctx.generic else _place(t, text, ctx.places)
        rs, re_ = doc.analysis_view.to_raw(ctx.offset + t.start, ctx.offset + t.end)
        status = modality(text, t.start, t.end, ctx.lang)
        date, precision, current = ctx.date
        past = historical_year(text, t.start, t.end, base.year if base else None, current)
        codes = lexicon.types.get(etype)
        return Event(
            type=etype,
            status="historical" if past is not None and status == "asserted" else status,
            start=rs,
            end=re_,
            evidence_start=ctx.start,
            evidence_end=ctx.end,
            actor1=actor1,
            actor2=actor2,
            place=place,
            place_source="sentence" if place is not None else None,
            date=str(past) if past is not None else date,
            time_precision=3 if past is not None else precision,
            fatalities=_fatalities(ctx.claims),
            claim_starts=tuple(c.start for c in ctx.claims),
            cluster=cluster,
            stage=self.name,
            confidence=_confidence(typed[1], actor1, place),
            acled_event_type=codes.acled_event_type if codes else None,
            acled_sub_event_type=codes.acled_sub_event_type if codes else None,
            plover=codes.plover if codes else None,
        )


@dataclass
class _SentenceContext:
    """One sentence as the event rules read it: its text in the analysed view (offsets from
    ``offset`` there), its raw span, and what the other stages found in it."""

    text: str
    lang: str
    start: int
    end: int
    offset: int
    mentions: list[tuple[int, int, Mention]]
    places: list[tuple[int, int, Place]]
    claims: list[Claim]
    date: tuple[str | None, int | None, list[tuple[int, int]]]
    generic: bool
    quotes: list[tuple[int, int]]  # the quotations the sentence holds (or is part of)


def _direct_quotes(doc: Document) -> list[tuple[int, int]]:
    """The direct quotations the claims stage found (with their speakers), as spans of the analysed view."""
    return [doc.analysis_view.from_raw(q.start, q.end) for q in doc.quotes if q.direct]


def _named_over_generic(lexicon: EventLexicon, triggers: list[Trigger]) -> list[Trigger]:
    """A verb of force that introduces a named event ("launched an air strike", "conducted assault
    actions") is that event: it yields to the named trigger right after it."""
    out = []
    for t in triggers:
        if lexicon.types[t.type].generic and any(
            not lexicon.types[o.type].generic and 0 <= o.start - t.end <= GENERIC_REACH for o in triggers
        ):
            continue
        out.append(t)
    return out


def _dedupe(triggers: list[Trigger]) -> list[Trigger]:
    """One trigger per type and sentence (the first); overlapping triggers keep the longest."""
    out: list[Trigger] = []
    for t in sorted(triggers, key=lambda t: (t.start, -(t.end - t.start))):
        if any(o.start <= t.start < o.end for o in out):
            continue
        if any(o.type == t.type for o in out):
            continue
        out.append(t)
    return out


def _weapon_type(
    lexicon: EventLexicon,
    t: Trigger,
    text: str,
    lang: str | None,
    local: list[tuple[int, int, Mention]],
) -> tuple[str, str] | None:
    """The type and how it was read: the weapon named in the sentence types a verb of force; a
    generic verb with no weapon is an attack only when it has a fallback type and an armed force is
    named, else it is no event (None)."""
    etype = lexicon.types[t.type]
    if not etype.weapon_decides:
        return t.type, "named"
    by_weapon = lexicon.weapon_type(text, lang)
    if by_weapon is not None:
        return by_weapon, "weapon"
    if not etype.generic:
        return t.type, "named"
    if etype.fallback is None:
        return None
    military = any(m.type == "military_unit" for _, _, m in local)
    if military or armed_agent(text, lang):
        return etype.fallback, "agent"
    return None


def _confidence(read: str, actor: EventActor | None, place: Place | None) -> float:
    """The trigger's reading (TRIGGER_CONFIDENCE), lowered by a tenth for a report that names no
    actor and by another for one that names no place in its sentence: such reports are more often
    background or general statements than a report of one event."""
    value = TRIGGER_CONFIDENCE[read]
    if actor is None:
        value *= 0.9
    if place is None:
        value *= 0.9
    return round(value, 3)


def _retype(
    lexicon: EventLexicon, etype_name: str, t: Trigger, text: str, local: list[tuple[int, int, Place]]
) -> str:
    """Storming a town is a protest when civilians do it (the wives of mobilised soldiers); capturing
    a town next to the trigger is a change of territory, not a capture of people."""
    etype = lexicon.types[etype_name]
    if etype.civilian_agent and CIVILIANS.search(text[max(0, t.start - AGENT_REACH) : t.start]):
        return etype.civilian_agent
    if etype_name == "capture_or_surrender" and any(
        p.feature == "city" and (0 <= t.start - e <= TOWN_REACH or 0 <= s - t.end <= TOWN_REACH)
        for s, e, p in local
    ):
        return "territory_change"
    return etype_name


def _actors(
    t: Trigger,
    ctx: _SentenceContext,
    sides: dict[str, str | None],
    possessor_is_target: bool,
    etype: str,
) -> tuple[EventActor | None, EventActor | None]:
    def actor(m: Mention) -> EventActor:
        return EventActor(m.text, m.name, m.entity_id, sides.get(m.entity_id or ""))

    text = ctx.text
    actors = [(s, e, m) for s, e, m in ctx.mentions if m.type in ACTOR_TYPES and acts(m.text)]
    quoted = quotation_around(ctx.quotes, t.start)
    if quoted is not None:
        actors = [(s, e, m) for s, e, m in actors if quoted[0] <= s and e <= quoted[1]]
    agents = [(e, m) for s, e, m in actors if e <= t.start]
    targets = [m for s, e, m in actors if s >= t.end]
    owner = possessed(text[: t.start], ctx.lang) if possessor_is_target else None
    if owner is not None:
        # "Navalny's arrest": the possessor was arrested; who arrested him is not said here.
        mine = [m for e, m in agents if e == owner.start()]
        targets = mine + targets
        agents = []
    actor1 = actor(agents[-1][1]) if agents else None
    actor2 = actor(targets[0]) if targets else None
    if actor1 is None:
        window = text[max(0, t.start - SIDE_REACH) : t.end + SIDE_REACH]
        civilians = CIVILIANS.search(text[max(0, t.start - AGENT_REACH) : t.start])
        if etype == "protest" and civilians is not None:
            actor1 = EventActor(civilians.group(), "Protesters", None, None)
        elif etype in MILITARY:
            words = side_words(window)
            if words:
                start, end, side = words[0]
                entity_id, name = _national_forces(side)
                actor1 = EventActor(window[start:end], name, entity_id, side)
    return actor1, actor2


@functools.lru_cache(maxsize=256)
def _national_forces(code: str) -> tuple[str | None, str]:
    """The armed forces an unnamed military actor of a country stands for: the knowledge base's
    "Armed Forces of ..." of that country (or its only armed forces), else a described actor."""
    forces = [e for e in knowledge_base() if e.kind == "armed_forces" and e.country == code]
    national = [e for e in forces if e.name.startswith("Armed Forces")] or (
        forces if len(forces) == 1 else []
    )
    if national:
        return national[0].id, national[0].name
    return None, f"{demonym(code)} armed forces"


def _place(t: Trigger, text: str, local: list[tuple[int, int, Place]]) -> Place | None:
    """The place named in the sentence nearest the trigger, skipping where something came from, and
    never a place that speaks (``speaker``)."""
    local = [(s, e, p) for s, e, p in local if not speaker(text, s, e)]
    candidates = [
        (s, e, p) for s, e, p in local if not ORIGIN_BEFORE.search(text[max(0, s - 25) : s])
    ] or local
    if not candidates:
        return None

    def distance(item: tuple[int, int, Place]) -> tuple[int, int]:
        s, e, p = item
        gap = t.start - e if s < t.start else s - t.end
        return (0 if p.feature in PRECISE else 1, max(gap, 0))

    # The nearest settlement wins over a region ("près de Makiivka, dans la région de Donetsk").
    return min(candidates, key=distance)[2]


def _date(text: str, base: PartialDate | None) -> tuple[str | None, int | None, list[tuple[int, int]]]:
    """The sentence's date, its ACLED precision, and the spans of the dates it names."""
    found = find_date_expressions(text)
    spans = [(s, e) for s, e, _ in found]
    for _, _, expr in found:
        resolved = resolve_date(expr, base)
        if resolved is not None:
            if resolved.day is not None and not resolved.week:
                return resolved.iso(), 1, spans
            return resolved.iso(), 2 if resolved.week else 3, spans
    if base is None:
        return None, None, spans
    # Reported without a date: the publication day bounds it; ACLED would code it to the week.
    return base.iso(), 2 if base.day is not None else 3, spans


def _fatalities(claims: list[Claim]) -> int | None:
    killed = [c.low or c.high for c in claims if c.kind == "killed" and (c.low or c.high)]
    return int(max(v for v in killed if v is not None)) if killed else None


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    return a.name == b.name or (a.geonames_id is not None and a.geonames_id == b.geonames_id)


def _corefer(found: list[_Found]) -> list[Event]:
    """Asserted events of one type whose places agree are one event; its place is the first named."""
    clusters: list[list[int]] = []
    for i, f in enumerate(found):
        e = f.event
        home = None
        if e.status == "asserted":
            for c in clusters:
                head = found[c[0]].event
                if head.type == e.type and head.status == "asserted":
                    places = [found[j].event.place for j in c if found[j].event.place is not None]
                    if all(_same_place(p, e.place) for p in places):
                        home = c
                        break
        if home is None:
            clusters.append([i])
        else:
            home.append(i)
    events = [f.event for f in found]
    for n, c in enumerate(clusters):
        named = next((found[j].event.place for j in c if found[j].event.place is not None), None)
        for j in c:
            e = events[j]
            if e.place is None and named is not None:
                e = dataclasses.replace(e, place=named, place_source="coreference")
            events[j] = dataclasses.replace(e, cluster=n)
    return events


def _place_from_context(
    events: list[Event], found: list[_Found], doc: Document, places: list[Place], lexicon: EventLexicon
) -> list[Event]:
    sentences = doc.sentences
    by_sentence: dict[int, list[Place]] = {}
    for p in places:
        for i, s in enumerate(sentences):
            if s.start <= p.start < s.end:
                by_sentence.setdefault(i, []).append(p)
                break
    placed: dict[int, Place | None] = {}
    out = []
    for e, f in zip(events, found, strict=True):
        if e.place is None and not f.generic_target and lexicon.types[e.type].physical:
            if e.cluster not in placed:
                order = [f.sentence - k for k in range(1, CONTEXT_SENTENCES + 1)]
                order += [f.sentence + k for k in range(1, CONTEXT_SENTENCES + 1)]
                chosen = None
                for i in order:
                    near = [p for p in by_sentence.get(i, []) if p.feature in PRECISE]
                    if near:
                        chosen = near[-1] if i < f.sentence else near[0]
                        break
                placed[e.cluster] = chosen
            if placed[e.cluster] is not None:
                e = dataclasses.replace(e, place=placed[e.cluster], place_source="context")
        out.append(e)
    return out
