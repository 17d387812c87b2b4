"""Scoring casualty claims against ``claims_en.jsonl`` (real English war news, every casualty claim
annotated with kind, value, bound, victims' side, claimant and evidence offsets).

Conventions of the file's README: scored on the ``"full"`` articles; a system claim matches a gold claim
of the same article when the kinds agree and the spans overlap (or the system's sentence contains the
gold span), one-to-one; claims on ``"screened"`` articles are counted apart as probable false positives.
Figure overlaps are paired before sentence containment, and within each pass pairs with equal values
first, so a sentence holding two figures pairs each with its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newstrace.evaluation.realdata import analyse, folds, read_jsonl
from newstrace.model import Claim, Document
from newstrace.settings import Settings

# The kinds the gold annotates; a system claim of another kind (territory, regions) is not a casualty
# claim and is neither right nor wrong here.
GOLD_KINDS = frozenset(
    {
        "killed",
        "wounded",
        "killed_or_wounded",
        "captured",
        "missing",
        "survived",
        "deserted",
        "mobilized",
        "displaced",
        "fled",
        "protesters",
        "equipment_lost",
        "other",
    }
)
_SET_ASIDE = ("historical", "projection")
_DEMONYMS = {
    "ukrainian": "ukraine",
    "ukraine's": "ukraine",
    "russian": "russia",
    "russia's": "russia",
    "british": "uk",
    "britain": "uk",
    "britain's": "uk",
    "american": "us",
    "u.s.": "us",
    "u.k.": "uk",
    "defense": "defence",
    "presidency": "office of the president",
    "president's office": "office of the president",
    "united states": "us",
    "united kingdom": "uk",
}
_STOP = frozenset({"the", "of", "s", "and", "in", "for", "on"})


def claimant_key(name: str | None) -> frozenset[str]:
    """Words of a claimant's name that say who it is: case, possessives, "the"/"of" and demonym vs country
    ("Ukraine's General Staff" = "General Staff of Ukraine") do not."""
    if not name:
        return frozenset()
    low = name.casefold()
    for a, b in _DEMONYMS.items():
        low = re.sub(rf"(?<!\w){re.escape(a)}(?!\w)", b, low)
    words = re.findall(r"[^\W_]+", low.replace("'s", ""))
    return frozenset(w for w in words if w not in _STOP)


def same_claimant(system: str | None, gold: str | None) -> bool:
    """Obvious aliases only: the same words, or a person's surname alone for the full name."""
    a, b = claimant_key(system), claimant_key(gold)
    if not a or not b:
        return not a and not b
    if a == b:
        return True
    small, big = (a, b) if len(a) < len(b) else (b, a)
    full = (gold if len(b) > len(a) else system) or ""
    last = re.findall(r"[^\W_]+", full.casefold())[-1:]
    return len(small) == 1 and set(last) == set(small) and len(big) == 2


def _claimant_name(c: Claim) -> str | None:
    return (c.claimant.name or c.claimant.text) if c.claimant else None


# The file's sides: the two belligerents of its war and civilians; its "other" is any third country,
# which the pipeline names by its code ("IQ", "US").
_GOLD_SIDES = frozenset({"RU", "UA", "civilian"})


def _side(c: Claim) -> str | None:
    return c.side if c.side is None or c.side in _GOLD_SIDES else "other"


def _value_exact(c: Claim, g: dict[str, Any]) -> bool:
    def eq(x: float | None, y: float | None) -> bool:
        return (x is None) == (y is None) and (x is None or y is None or abs(x - y) < 1e-6)

    return eq(c.low, g.get("low")) and eq(c.high, g.get("high")) and c.bound == g.get("bound")


def _value_lenient(c: Claim, g: dict[str, Any]) -> bool:
    figures = {v for v in (c.low, c.high) if v is not None}
    gold = {v for v in (g.get("low"), g.get("high")) if v is not None}
    return (
        bool(figures & gold) or bool({f - 1 for f in figures} & gold) or bool({f + 1 for f in figures} & gold)
    )


def match(claims: list[Claim], gold: list[dict[str, Any]], same_kind: bool = True) -> list[tuple[int, int]]:
    """One-to-one pairs ``(system index, gold index)``: figure overlaps first, then sentences holding the
    gold span; equal values before unequal ones within each pass."""
    pairs: list[tuple[int, int]] = []
    used_s: set[int] = set()
    used_g: set[int] = set()

    def overlap(c: Claim, g: dict[str, Any]) -> bool:
        return bool(c.start < g["end"] and g["start"] < c.end)

    def inside(c: Claim, g: dict[str, Any]) -> bool:
        return bool(c.evidence_start <= g["start"] and g["end"] <= c.evidence_end)

    for test in (overlap, inside):
        for want_value in (True, False):
            for i, c in enumerate(claims):
                if i in used_s:
                    continue
                for j, g in enumerate(gold):
                    if j in used_g or (same_kind and c.kind != g["kind"]):
                        continue
                    if want_value and not _value_lenient(c, g):
                        continue
                    if test(c, g):
                        pairs.append((i, j))
                        used_s.add(i)
                        used_g.add(j)
                        break
    return pairs


def _set_aside(g: dict[str, Any]) -> bool:
    return str(g.get("note") or "").startswith(_SET_ASIDE)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def _judge_pair(rid: str, c: Claim, g: dict[str, Any], t: dict[str, int], problems: list[str]) -> None:
    """Value, claimant and side of one matched claim, counted in ``t``; disagreements noted."""
    t["exact"] += _value_exact(c, g)
    t["lenient"] += _value_lenient(c, g)
    # The canonical name or the words of the text: "the UN human rights office" is the gold's
    # "UN Human Rights Office" whatever the knowledge base calls it.
    surface = c.claimant.text if c.claimant else None
    ok_claimant = same_claimant(_claimant_name(c), g.get("claimant")) or (
        surface is not None and same_claimant(re.sub(r"(?i)^the\s+", "", surface), g.get("claimant"))
    )
    t["claimant"] += ok_claimant
    t["side"] += _side(c) == g.get("subject_side")
    if _side(c) != g.get("subject_side"):
        problems.append(f"{rid[:24]} side {_side(c)!r} ({c.subject}) gold {g.get('subject_side')!r}")
    if not ok_claimant:
        problems.append(f"{rid[:24]} claimant {_claimant_name(c)!r} gold {g.get('claimant')!r}")


def _note_unmatched(
    rid: str,
    raw: str,
    claims: list[Claim],
    gold: list[dict[str, Any]],
    pairs: list[tuple[int, int]],
    problems: list[str],
) -> None:
    hit_s = {i for i, _ in pairs}
    hit_g = {j for _, j in pairs}
    for j, g in enumerate(gold):
        if j not in hit_g:
            problems.append(f"{rid[:24]} missed {g['kind']} {raw[g['start'] : g['end']]!r}")
    for i, c in enumerate(claims):
        if i not in hit_s:
            problems.append(f"{rid[:24]} spurious {c.kind} {c.low}-{c.high} {raw[c.start : c.end]!r}")


def _without_aside(
    claims: list[Claim], gold: list[dict[str, Any]]
) -> tuple[list[Claim], list[dict[str, Any]]]:
    """The gold claims marked historical or projection left out, with the system claims paired with them
    (in a matching over all of them)."""
    taken = {i for i, j in match(claims, gold, same_kind=False) if _set_aside(gold[j])}
    return [c for i, c in enumerate(claims) if i not in taken], [g for g in gold if not _set_aside(g)]


def score_records(
    pairs: Iterable[tuple[dict[str, Any], Document | None]], keep_aside: bool = True
) -> dict[str, Any]:
    """Precision, recall and match qualities over ``(record, document)`` pairs; ``keep_aside=False``
    leaves out the gold claims marked historical or projection (and the system claims they match)."""
    t = dict.fromkeys(("sys", "gold", "match", "any", "exact", "lenient", "claimant", "side", "screened"), 0)
    problems: list[str] = []
    for rec, doc in pairs:
        claims = [c for c in (doc.claims if doc is not None else ()) if c.kind in GOLD_KINDS]
        if rec.get("annotated") != "full":
            t["screened"] += len(claims)
            continue
        gold = list(rec.get("claims") or [])
        if not keep_aside:
            claims, gold = _without_aside(claims, gold)
        pairs_ = match(claims, gold)
        t["sys"] += len(claims)
        t["gold"] += len(gold)
        t["match"] += len(pairs_)
        t["any"] += len(match(claims, gold, same_kind=False))
        for i, j in pairs_:
            _judge_pair(rec["id"], claims[i], gold[j], t, problems)
        _note_unmatched(rec["id"], doc.raw if doc is not None else "", claims, gold, pairs_, problems)
    precision, recall = _ratio(t["match"], t["sys"]), _ratio(t["match"], t["gold"])
    f1 = round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0
    return {
        "gold": t["gold"],
        "system": t["sys"],
        "matched": t["match"],
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "kind_agnostic_recall": _ratio(t["any"], t["gold"]),
        "value_exact": _ratio(t["exact"], t["match"]),
        "value_lenient": _ratio(t["lenient"], t["match"]),
        "claimant": _ratio(t["claimant"], t["match"]),
        "subject_side": _ratio(t["side"], t["match"]),
        "screened_claims": t["screened"],
        "problems": problems,
    }


def score_claims_en(path: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    records = read_jsonl(path, limit)
    analysed = list(analyse(records, settings))
    fold_a, fold_b = _halves([r["id"] for r, _ in analysed])
    out = score_records(analysed)
    out["without_historical"] = _summary(score_records(analysed, keep_aside=False))
    out["fold_a"] = _summary(score_records([p for p in analysed if p[0]["id"] in fold_a]))
    out["fold_b"] = _summary(score_records([p for p in analysed if p[0]["id"] in fold_b]))
    return out


def _halves(ids: list[str]) -> tuple[set[str], set[str]]:
    """Two fixed halves of the articles: rules are developed looking at A, checked on B."""
    a, b = folds(ids, 2, seed=16)
    return set(a), set(b)


def _summary(scores: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in scores.items() if k != "problems"}
