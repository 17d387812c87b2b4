"""Scores for entity mentions, linking and places against a gold ``entities`` section.

Each gold entity lists the variants a careful reader finds in the articles. A variant is *found* when a
mention of the same type overlaps one of its occurrences (as a whole word) in any article; it is
*linked* when the mentions of all the entity's variants carry one entity id and that entity is the gold
one (its names include the gold name, up to spelling), or, for a gold entity no knowledge base knows,
when they simply agree. Places with gold coordinates also get the distance to the coordinates found.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newstrace.linking.gazetteer import distance_km
from newstrace.linking.keys import name_keys
from newstrace.model import Document, Place

PLACE_TOLERANCE_KM = 25.0


def _occurrences(doc: Document, variant: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)")
    return [m.span() for m in pattern.finditer(doc.raw)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_name(a: str, b: str) -> bool:
    return bool(set(name_keys(a)) & set(name_keys(b)))


@dataclass
class _Tally:
    """What scoring collects across entities: problems and the place distance errors."""

    misses: list[str] = field(default_factory=list)
    errors_km: list[float] = field(default_factory=list)
    places_checked: int = 0
    places_within: int = 0


def _place_fits(p: Place, g: dict[str, Any], tally: _Tally) -> bool:
    """Whether a place found at a gold variant is right: within the tolerance of the gold coordinates,
    else in the gold country (no gold for it: right)."""
    if "lat" in g:
        tally.places_checked += 1
        err = distance_km((p.lat, p.lon), (g["lat"], g["lon"]))
        tally.errors_km.append(err)
        tally.places_within += err <= PLACE_TOLERANCE_KM
        return err <= PLACE_TOLERANCE_KM
    if g.get("country"):
        return bool(p.country == g["country"])
    return True


def _variant(
    etype: str, g: dict[str, Any], variant: str, docs: list[Document], tally: _Tally
) -> tuple[Counter[str], bool]:
    """The entity ids of the mentions at a variant's occurrences, and whether its places are right."""
    ids: Counter[str] = Counter()
    place_ok = True
    for doc in docs:
        for occ in _occurrences(doc, variant):
            ids.update(
                m.entity_id
                for m in doc.mentions
                if m.type == etype and _overlap((m.start, m.end), occ) and m.entity_id
            )
            if etype != "place":
                continue
            for p in doc.places:
                if _overlap((p.start, p.end), occ):
                    place_ok = _place_fits(p, g, tally) and place_ok
    return ids, place_ok


def _links(
    etype: str,
    g: dict[str, Any],
    ids_by_variant: dict[str, Counter[str]],
    place_ok: dict[str, bool],
    kb_names: dict[str, list[str]],
    tally: _Tally,
) -> int:
    """How many found variants of one gold entity are linked right (misses noted in ``tally``)."""
    overall: Counter[str] = Counter()
    for c in ids_by_variant.values():
        overall.update(c)
    best_id = overall.most_common(1)[0][0]
    names = kb_names.get(best_id, [])
    right_entity = (not names and best_id.startswith("auto/")) or any(_same_name(n, g["name"]) for n in names)
    linked = 0
    for v, c in ids_by_variant.items():
        if etype == "place":
            # A town and the region named after it are both right: judged by the map.
            if place_ok[v]:
                linked += 1
            else:
                tally.misses.append(f"place: {v!r} placed more than {PLACE_TOLERANCE_KM} km from {g['name']}")
        elif right_entity and c.most_common(1)[0][0] == best_id:
            linked += 1
        else:
            tally.misses.append(f"{etype}: {v!r} linked to {c.most_common(1)[0][0]}, not {g['name']}")
    return linked


def score_entities(
    gold: dict[str, list[dict[str, Any]]], docs: list[Document], kb_names: dict[str, list[str]]
) -> dict[str, Any]:
    per_type: dict[str, dict[str, int]] = {}
    tally = _Tally()
    for etype, entities in gold.items():
        stats = per_type.setdefault(etype, {"variants": 0, "found": 0, "linked": 0})
        for g in entities:
            variants = list(dict.fromkeys(g.get("variants", []) or [g["name"]]))
            ids_by_variant: dict[str, Counter[str]] = {}
            place_ok: dict[str, bool] = {}
            for v in variants:
                stats["variants"] += 1
                ids, place_ok[v] = _variant(etype, g, v, docs, tally)
                if ids:
                    stats["found"] += 1
                    ids_by_variant[v] = ids
                else:
                    tally.misses.append(f"{etype}: {v!r} ({g['name']}) not found")
            if ids_by_variant:
                stats["linked"] += _links(etype, g, ids_by_variant, place_ok, kb_names, tally)
    return _summary(per_type, tally)


def _summary(per_type: dict[str, dict[str, int]], tally: _Tally) -> dict[str, Any]:
    total = sum(s["variants"] for s in per_type.values())
    found = sum(s["found"] for s in per_type.values())
    errors_km = tally.errors_km
    return {
        "found": found,
        "recall": round(found / total, 4) if total else 1.0,
        "linking_accuracy": round(sum(s["linked"] for s in per_type.values()) / total, 4) if total else 1.0,
        "variants": total,
        "misses": len(tally.misses),
        "per_type": per_type,
        "problems": tally.misses,
        "places_checked": tally.places_checked,
        "places_within_25km": tally.places_within,
        "place_max_error_km": round(max(errors_km), 1) if errors_km else 0.0,
        "place_mean_error_km": round(sum(errors_km) / len(errors_km), 1) if errors_km else 0.0,
    }
