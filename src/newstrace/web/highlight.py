"""A document's raw text with its annotations as a tree of nested spans, for the document page.

Annotations overlap freely (an entity inside a claim's sentence inside a quotation; a removed caption
across a sentence boundary), but HTML elements must nest. The text is cut at every annotation boundary;
each piece carries the annotations covering it, ordered outermost first; consecutive pieces share the
longest common prefix of open elements, so a crossing annotation is closed and reopened rather than
mis-nested. The tree holds plain strings: the template escapes every one of them (autoescape), and no
HTML is ever built here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any
from urllib.parse import quote

from newstrace.model import Document

# Nesting order, outermost first: a sentence holds a quotation, which holds a claim's evidence, which
# holds an event trigger, an entity, a figure and a spun word.
LAYERS = {
    "sentence": 0,
    "removed": 1,
    "quote": 2,
    "claim": 3,
    "event": 4,
    "entity": 5,
    "place": 5,
    "figure": 6,
    "spun": 7,
}


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    kind: str  # a key of LAYERS
    css: str  # class names (ours, never from the text)
    title: str | None = None  # tooltip text (escaped by the template)
    href: str | None = None  # only links we build (entity pages)
    anchor: str | None = None  # element id for links into the text (claim-<start>)
    lang: str | None = None  # sentence language


@dataclass
class Node:
    """An element (``ann`` set) or the root; children are nodes or text."""

    ann: Annotation | None
    first: bool = True  # the first piece of a split annotation carries its anchor
    children: list[Node | str] = field(default_factory=list)

    @property
    def tag(self) -> str:
        return "a" if self.ann is not None and self.ann.href else "span"


def entity_href(entity_id: str) -> str:
    return "/entities/" + quote(entity_id, safe="/:")


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def claim_value(low: float | None, high: float | None, bound: str) -> str:
    value = _num(low) if low == high or high is None else f"{_num(low)}–{_num(high)}"
    prefix = {"at_least": "≥ ", "at_most": "≤ ", "about": "≈ "}.get(bound, "")
    return prefix + value


Events = list[dict[str, Any]]


def _sentences(doc: Document, events: Events) -> Iterator[Annotation]:
    for s in doc.sentences:
        foreign = doc.lang is not None and s.lang != doc.lang
        css = "sent sent-foreign" if foreign else "sent"
        yield Annotation(s.start, s.end, "sentence", css, title=f"sentence language: {s.lang}", lang=s.lang)


def _removed(doc: Document, events: Events) -> Iterator[Annotation]:
    for r in doc.removed:
        yield Annotation(r.start, r.end, "removed", "hl-removed", title=f"removed: {r.reason}")


def _via(via: tuple[str, ...]) -> str:
    return f" via {' > '.join(via)}" if via else ""


def _quotes(doc: Document, events: Events) -> Iterator[Annotation]:
    for q in doc.quotes:
        who = (q.speaker.name or q.speaker.text) if q.speaker else "unknown speaker"
        style = "hl-quote" if q.direct else "hl-quote hl-quote-indirect"
        yield Annotation(q.start, q.end, "quote", style, title=f"quotation: {who}{_via(q.via)}")


def _claims(doc: Document, events: Events) -> Iterator[Annotation]:
    """A claim's sentence, and its figure with what was read of it (the anchor links point at)."""
    for c in doc.claims:
        who = (c.claimant.name or c.claimant.text) if c.claimant else "unattributed"
        about = f" {c.subject}" if c.subject else ""
        when = f", as of {c.as_of}" if c.as_of else ""
        value = claim_value(c.low, c.high, c.bound)
        desc = f"claim: {c.kind}{about} {value} ({c.unit}); {who}{_via(c.via)}{when}"
        yield Annotation(c.evidence_start, c.evidence_end, "claim", "hl-claim")
        yield Annotation(c.start, c.end, "figure", "hl-figure", title=desc, anchor=f"claim-{c.start}")


def _mentions(doc: Document, events: Events) -> Iterator[Annotation]:
    place_spans = {(p.start, p.end) for p in doc.places}
    for m in doc.mentions:
        if (m.start, m.end) in place_spans:
            continue  # shown as a place, with its coordinates
        yield Annotation(
            m.start,
            m.end,
            "entity",
            f"hl-entity hl-{m.type.replace('_', '-')}",
            title=f"{m.type.replace('_', ' ')}: {m.name or m.text}",
            href=entity_href(m.entity_id) if m.entity_id else None,
        )


def _places(doc: Document, events: Events) -> Iterator[Annotation]:
    place_ids = {(m.start, m.end): m.entity_id for m in doc.mentions if m.entity_id}
    for p in doc.places:
        where = f"{p.name}, {p.country}" if p.country else p.name
        entity_id = place_ids.get((p.start, p.end))
        yield Annotation(
            p.start,
            p.end,
            "place",
            "hl-place",
            title=f"place: {where} ({p.lat:.3f}, {p.lon:.3f}; precision {p.precision})",
            href=entity_href(entity_id) if entity_id else None,
        )


def _spun(doc: Document, events: Events) -> Iterator[Annotation]:
    for qs in doc.quality.spans if doc.quality is not None else ():
        repair = f" → {qs.repair}" if qs.repair else ""
        title = f"{qs.kind.replace('_', ' ')}{repair} (confidence {qs.confidence:.2f})"
        yield Annotation(qs.start, qs.end, "spun", "hl-spun", title=title)


def _events(doc: Document, events: Events) -> Iterator[Annotation]:
    for e in events:
        start, end = e.get("trigger_start"), e.get("trigger_end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        bits = [str(e.get("type") or "event")] + [
            str(e[k]) for k in ("status", "event_date", "place_name") if e.get(k)
        ]
        yield Annotation(start, end, "event", "hl-event", title="event: " + ", ".join(bits))


# One rule per annotation kind, in the order the page has always listed them.
ANNOTATORS: tuple[Callable[[Document, Events], Iterator[Annotation]], ...] = (
    _sentences,
    _removed,
    _quotes,
    _claims,
    _mentions,
    _places,
    _spun,
    _events,
)


def collect_annotations(doc: Document, events: Events | None = None) -> list[Annotation]:
    """Every annotation of ``doc`` (and its events) on the raw text."""
    return [ann for rule in ANNOTATORS for ann in rule(doc, events or [])]


def build_tree(text: str, anns: list[Annotation]) -> Node:
    """The nested elements for ``text`` (see the module docstring)."""
    n = len(text)
    spans = []
    for ann in anns:
        start, end = max(0, ann.start), min(n, ann.end)
        if start < end:
            spans.append((start, end, ann))
    # Stable nesting order: layer, then the longer span outside the shorter one.
    spans.sort(key=lambda s: (LAYERS[s[2].kind], s[0], -s[1]))
    rank = {id(s): i for i, s in enumerate(spans)}
    cuts = sorted({0, n, *(s[0] for s in spans), *(s[1] for s in spans)})
    by_start: dict[int, list[tuple[int, int, Annotation]]] = {}
    for s in spans:
        by_start.setdefault(s[0], []).append(s)
    root = Node(None)
    stack: list[tuple[tuple[int, int, Annotation] | None, Node]] = [(None, root)]
    active: list[tuple[int, int, Annotation]] = []
    opened: set[int] = set()
    for a, b in pairwise(cuts):
        active = [s for s in active if s[1] > a] + by_start.get(a, [])
        active.sort(key=lambda s: rank[id(s)])
        # Keep the open elements shared with this piece; close the rest; open what is new.
        keep = 1
        while keep < len(stack) and keep - 1 < len(active) and stack[keep][0] is active[keep - 1]:
            keep += 1
        del stack[keep:]
        for s in active[keep - 1 :]:
            node = Node(s[2], first=id(s) not in opened)
            opened.add(id(s))
            stack[-1][1].children.append(node)
            stack.append((s, node))
        stack[-1][1].children.append(text[a:b])
    return root


def highlighted(doc: Document, events: list[dict[str, Any]] | None = None) -> Node:
    return build_tree(doc.raw, collect_annotations(doc, events))
