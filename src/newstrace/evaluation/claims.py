"""Scores for claims and sourcing chains against the gold ``claims`` and ``sourcing`` sections.

A gold claim is *found* by a claim of the same document whose figure lies in the gold evidence; it is
*right* when kind, low, high and bound agree (the gold gives low/high: one missing means a bound, two
equal means exact or about), and its claimant is right when the names meet (spelling-insensitive, or
among the knowledge-base entity's names), or both are absent.
"""

from __future__ import annotations

from typing import Any

from newstrace.evaluation.scores import locate
from newstrace.linking.keys import name_keys
from newstrace.model import Claim, Document

CASUALTY_KINDS = frozenset({"killed", "wounded", "killed_or_wounded", "captured", "survived", "missing"})


def _same(a: str | None, b: str | None, kb_names: dict[str, list[str]], entity_id: str | None = None) -> bool:
    if not a or not b:
        return not a and not b
    names = [a, *kb_names.get(entity_id or "", [])]
    keys_b = set(name_keys(b))
    return any(set(name_keys(n)) & keys_b for n in names)


def _bounds_agree(c: Claim, low: float | None, high: float | None) -> bool:
    if low is not None and high is None:
        return c.bound == "at_least"
    if high is not None and low is None:
        return c.bound == "at_most"
    return c.bound in ("exact", "about")


def _values_agree(c: Claim, low: float | None, high: float | None) -> bool:
    def eq(x: float | None, y: float | None) -> bool:
        return (x is None and y is None) or (x is not None and y is not None and abs(x - y) < 1e-6)

    return eq(c.low, low) and eq(c.high, high)


def _judge_casualty(
    g: dict[str, Any], c: Claim, kb_names: dict[str, list[str]], tally: dict[str, int], problems: list[str]
) -> None:
    """Value, bound and claimant of a found casualty claim against its gold."""
    right = c.kind == g["kind"] and _values_agree(c, g.get("low"), g.get("high"))
    right = right and _bounds_agree(c, g.get("low"), g.get("high"))
    tally["right"] += right
    if not right:
        got = f"{c.kind} {c.low}-{c.high} {c.bound}"
        problems.append(f"{g['doc'][:3]} {g['kind']} {g.get('low')}-{g.get('high')}: got {got}")
    claimant = c.claimant.name or c.claimant.text if c.claimant else None
    eid = c.claimant.entity_id if c.claimant else None
    if _same(claimant, g.get("claimant"), kb_names, eid):
        tally["claimant"] += 1
    else:
        problems.append(f"{g['doc'][:3]} {g['kind']}: claimant {claimant!r}, gold {g.get('claimant')!r}")


def _match_claim(g: dict[str, Any], doc: Document | None, problems: list[str]) -> Claim | None:
    """The claim found at a gold claim's evidence (its own kind first), or None with the reason noted."""
    loc = locate(doc.raw, g["evidence"]) if doc is not None else None
    if doc is None or loc is None:
        problems.append(f"{g['doc'][:3]} {g['kind']}: evidence not located")
        return None
    cands = [c for c in doc.claims if loc.start <= c.start < loc.end or c.start <= loc.start < c.end]
    cands.sort(key=lambda c: c.kind != g["kind"])
    if not cands:
        problems.append(f"{g['doc'][:3]} {g['kind']} {g.get('low')}-{g.get('high')}: not found")
        return None
    return cands[0]


def _spurious(docs: dict[str, Document], matched: set[tuple[str, int]], problems: list[str]) -> int:
    """Casualty claims no gold claim matched, each noted."""
    spurious = [
        (stem, c)
        for stem, d in docs.items()
        for c in d.claims
        if c.kind in CASUALTY_KINDS and (stem, c.start) not in matched
    ]
    for stem, c in spurious:
        problems.append(
            f"{stem[:3]} spurious {c.kind} {c.low}-{c.high} at {docs[stem].raw[c.start : c.end]!r}"
        )
    return len(spurious)


def _chain_found(
    s: dict[str, Any], doc: Document, loc_start: int, loc_end: int, kb_names: dict[str, list[str]]
) -> bool:
    """Whether an attribution at the evidence names the gold chain's source and outlets in order."""
    source, *outlets = s["chain"]
    for a in doc.attributions:
        if not (a.start <= loc_start < a.end or loc_start <= a.start < loc_end):
            continue
        src_ok = _same(a.source.name or a.source.text, source, kb_names, a.source.entity_id)
        via_ok = len(a.via) == len(outlets) and all(
            _same(v, o, kb_names) for v, o in zip(a.via, outlets, strict=True)
        )
        if src_ok and via_ok:
            return True
    return False


def _chains_found(
    gold_sourcing: list[dict[str, Any]],
    docs: dict[str, Document],
    kb_names: dict[str, list[str]],
    problems: list[str],
) -> int:
    found = 0
    for s in gold_sourcing:
        doc = docs.get(s["doc"])
        loc = locate(doc.raw, s["evidence"]) if doc is not None else None
        if doc is None or loc is None:
            continue
        ok = _chain_found(s, doc, loc.start, loc.end, kb_names)
        found += ok
        if not ok:
            problems.append(f"{s['doc'][:3]} chain {' -> '.join(s['chain'])}: not found")
    return found


def score_claims(
    gold_claims: list[dict[str, Any]],
    gold_sourcing: list[dict[str, Any]],
    docs: dict[str, Document],
    kb_names: dict[str, list[str]],
) -> dict[str, Any]:
    casualty = {"gold": 0, "found": 0, "right": 0, "claimant": 0}
    other = {"gold": 0, "found": 0}
    problems: list[str] = []
    matched: set[tuple[str, int]] = set()
    for g in gold_claims:
        is_casualty = g["kind"] in CASUALTY_KINDS
        bucket = casualty if is_casualty else other
        bucket["gold"] += 1
        c = _match_claim(g, docs.get(g["doc"]), problems)
        if c is None:
            continue
        matched.add((g["doc"], c.start))
        bucket["found"] += 1
        if is_casualty:
            _judge_casualty(g, c, kb_names, casualty, problems)
    spurious = _spurious(docs, matched, problems)
    chains_found = _chains_found(gold_sourcing, docs, kb_names, problems)
    return {
        "casualty_gold": casualty["gold"],
        "casualty_found": casualty["found"],
        "casualty_right": casualty["right"],
        "casualty_claimant_right": casualty["claimant"],
        "casualty_spurious": spurious,
        "other_gold": other["gold"],
        "other_found": other["found"],
        "sourcing_gold": len(gold_sourcing),
        "sourcing_found": chains_found,
        "problems": problems,
    }
