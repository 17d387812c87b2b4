"""Per-task scores of stored documents against gold annotations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newstrace.model import Document

# A removed span and a gold span match when they share at least this share of the shorter one: gold
# spans are written as exact substrings that locate the boilerplate (a caption's first words, a
# repeated headline plus the word after it), not as its exact extent.
SPAN_MATCH_OVERLAP = 0.5
# Removals that are format metadata rather than boilerplate of the article text.
NOT_BOILERPLATE = frozenset({"header", "dateline"})


@dataclass(frozen=True)
class Located:
    start: int
    end: int
    text: str


def locate(raw: str, evidence: str) -> Located | None:
    start = raw.find(evidence)
    if start < 0:
        return None
    return Located(start, start + len(evidence), evidence)


def locate_all(raw: str, evidence: str) -> list[Located]:
    """Every occurrence: a repeated headline's evidence is found at the headline and at its repeat."""
    out = []
    start = raw.find(evidence)
    while start >= 0 and evidence:
        out.append(Located(start, start + len(evidence), evidence))
        start = raw.find(evidence, start + 1)
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _region(raw: str, g: Located) -> tuple[int, int]:
    """Gold boilerplate that starts a line stands for the whole line (its evidence is a prefix)."""
    if g.start == 0 or raw[g.start - 1] == "\n":
        end = raw.find("\n", g.end)
        return g.start, len(raw) if end < 0 else max(end, g.end)
    return g.start, g.end


def _matches(g: Located, r: tuple[int, int]) -> bool:
    return _overlap((g.start, g.end), r) >= SPAN_MATCH_OVERLAP * min(g.end - g.start, r[1] - r[0])


def score_boilerplate(doc: Document, gold_spans: list[str]) -> dict[str, Any]:
    occurrences = [locate_all(doc.raw, s) for s in gold_spans]
    missing_evidence = sum(1 for occ in occurrences if not occ)
    located = [g for occ in occurrences for g in occ]
    removed = [(r.start, r.end) for r in doc.removed if r.reason not in NOT_BOILERPLATE]
    found = sum(1 for occ in occurrences if any(_matches(g, r) for g in occ for r in removed))
    correct = 0
    for r in removed:
        if any(
            _overlap((g.start, g.end), r) >= SPAN_MATCH_OVERLAP * min(g.end - g.start, r[1] - r[0])
            for g in located
        ):
            correct += 1
    regions = [_region(doc.raw, g) for g in located]
    prose = 0
    for rs, re_ in removed:
        for i in range(rs, re_):
            if not doc.raw[i].isspace() and not any(a <= i < b for a, b in regions):
                prose += 1
    return {
        "gold": len(gold_spans),
        "found": found,
        "removed": len(removed),
        "correct_removed": correct,
        "prose_chars_removed": prose,
        "unlocatable_gold": missing_evidence,
    }


def ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 1.0


def apply_repairs(raw: str, start: int, end: int, doc: Document) -> str:
    """The raw passage ``[start, end)`` with the document's repairs inside it applied."""
    if doc.quality is None:
        return raw[start:end]
    out = []
    pos = start
    for q in sorted(doc.quality.spans, key=lambda q: q.start):
        if q.repair is None or q.start < pos or q.end > end:
            continue
        out.append(raw[pos : q.start])
        out.append(q.repair)
        pos = q.end
    out.append(raw[pos:end])
    return "".join(out)


def score_spun(doc: Document, gold: list[dict[str, str]]) -> dict[str, Any]:
    """Detection (a flag overlapping the gold evidence) and exact repair of each gold spun passage."""
    spans = [(q.start, q.end) for q in doc.quality.spans] if doc.quality is not None else []
    located = [(g, locate(doc.raw, g["evidence"])) for g in gold]
    detected = repaired = 0
    for g, loc in located:
        if loc is None:
            continue
        if any(_overlap((loc.start, loc.end), s) > 0 for s in spans):
            detected += 1
            if apply_repairs(doc.raw, loc.start, loc.end, doc) == g.get("repair"):
                repaired += 1
    false_flags = sum(
        1
        for s in spans
        if not any(loc is not None and _overlap((loc.start, loc.end), s) > 0 for _, loc in located)
    )
    return {
        "gold": len(gold),
        "detected": detected,
        "repaired": repaired,
        "flags": len(spans),
        "false_flags": false_flags,
        "label": doc.quality.label if doc.quality else None,
    }
