"""Claims of the bundled sample scored against its MANIFEST (claims listed per document).

The MANIFEST names more kinds than the claims stage reads (missile hits, distances, water volumes...);
they are mapped to the stage's kinds where one exists (killed_children -> killed, detained and
captured_wounded -> captured, evacuated -> displaced, border crossings -> fled) and otherwise counted
as "other" figures the stage does not claim. A gold claim is found by a claim of its document whose
figure lies in the gold evidence; it is right when the kind agrees and the figure is the gold low or
high as written (the MANIFEST writes "more than 40,000" as 40,000, the stage as 40,001). Claimants
agree as in the seeds' scorer (name keys or knowledge-base names).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from newstrace.evaluation.claims import _same
from newstrace.evaluation.scores import locate
from newstrace.model import Claim, Document

KIND_MAP = {
    "killed": "killed",
    "killed_children": "killed",
    "wounded": "wounded",
    "missing": "missing",
    "captured": "captured",
    "captured_wounded": "captured",
    "detained": "captured",
    "evacuated": "displaced",
    "evacuated_wounded": "displaced",
    "mobilized": "mobilized",
    "border_crossings": "fled",
    "border_crossings_out": "fled",
}
CASUALTY = frozenset({"killed", "wounded", "missing", "captured"})


def _written(c: Claim) -> set[float]:
    out = {v for v in (c.low, c.high) if v is not None}
    if c.bound == "at_least" and c.low is not None:
        out.add(c.low - 1)
    if c.bound == "at_most" and c.high is not None:
        out.add(c.high + 1)
    return out


class _Tally(Counter[str]):
    """The counts of scoring (gold, found, right, claimant, other_gold, other_found) and its problems."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []


def _candidate(
    doc: Document, loc: Any, stem: str, matched: set[tuple[str, int]], kind: str | None
) -> Claim | None:
    """The unmatched claim whose figure lies in the gold evidence, one of the gold kind first."""
    cands = [
        c
        for c in doc.claims
        if (loc.start <= c.start < loc.end or c.start <= loc.start < c.end) and (stem, c.start) not in matched
    ]
    cands.sort(key=lambda c: c.kind != kind)
    return cands[0] if cands else None


def _judge(
    c: Claim, g: dict[str, Any], kind: str | None, stem: str, kb_names: dict[str, list[str]], tally: _Tally
) -> None:
    """Score a found casualty claim: its kind and figure, then its claimant."""
    tally["found"] += 1
    gold_values = {v for v in (g.get("low"), g.get("high")) if v is not None}
    ok = c.kind == kind and bool(_written(c) & gold_values)
    tally["right"] += ok
    if not ok:
        tally.problems.append(
            f"{stem[:3]} {g['kind']} {g.get('low')}-{g.get('high')}: got {c.kind} {c.low}-{c.high}"
        )
    who = (c.claimant.name or c.claimant.text) if c.claimant else None
    if _same(who, g.get("claimant"), kb_names, c.claimant.entity_id if c.claimant else None):
        tally["claimant"] += 1
    else:
        tally.problems.append(f"{stem[:3]} {g['kind']}: claimant {who!r}, gold {g.get('claimant')!r}")


def score_manifest_claims(
    documents: dict[str, dict[str, Any]], docs: dict[str, Document], kb_names: dict[str, list[str]]
) -> dict[str, Any]:
    tally = _Tally()
    matched: set[tuple[str, int]] = set()
    for stem, g_doc in sorted(documents.items()):
        doc = docs.get(stem)
        for g in g_doc.get("claims", []):
            kind = KIND_MAP.get(g["kind"])
            casualty = kind in CASUALTY
            tally["gold"] += casualty
            tally["other_gold"] += not casualty
            loc = locate(doc.raw, g["evidence"]) if doc is not None else None
            if doc is None or loc is None:
                continue
            c = _candidate(doc, loc, stem, matched, kind)
            if c is None:
                if casualty:
                    tally.problems.append(f"{stem[:3]} {g['kind']} {g.get('low')}-{g.get('high')}: not found")
                continue
            matched.add((stem, c.start))
            if casualty:
                _judge(c, g, kind, stem, kb_names, tally)
            else:
                tally["other_found"] += 1
    spurious = [
        (stem, c)
        for stem in documents
        if stem in docs
        for c in docs[stem].claims
        if c.kind in CASUALTY and (stem, c.start) not in matched
    ]
    for stem, c in spurious:
        tally.problems.append(
            f"{stem[:3]} spurious {c.kind} {c.low}-{c.high} at {docs[stem].raw[c.start : c.end]!r}"
        )
    return {
        "casualty_gold": tally["gold"],
        "casualty_found": tally["found"],
        "casualty_right": tally["right"],
        "casualty_claimant_right": tally["claimant"],
        "casualty_spurious": len(spurious),
        "other_gold": tally["other_gold"],
        "other_found": tally["other_found"],
        "problems": tally.problems,
    }
