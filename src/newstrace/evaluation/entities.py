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
from typing import Any

from newstrace.linking.gazetteer import distance_km
from newstrace.linking.keys import name_keys
from newstrace.model import Document

PLACE_TOLERANCE_KM = 25.0


def _occurrences(doc: Document, variant: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)")
    return [m.span() for m in pattern.finditer(doc.raw)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_name(a: str, b: str) -> bool:
    return bool(set(name_keys(a)) & set(name_keys(b)))


def score_entities(
    gold: dict[str, list[dict[str, Any]]], docs: list[Document], kb_names: dict[str, list[str]]
) -> dict[str, Any]:
    per_type: dict[str, dict[str, int]] = {}
    misses: list[str] = []
    errors_km: list[float] = []
    places_checked = places_within = 0
    for etype, entities in gold.items():
        stats = per_type.setdefault(etype, {"variants": 0, "found": 0, "linked": 0})
        for g in entities:
            variants = list(dict.fromkeys(g.get("variants", []) or [g["name"]]))
            ids_by_variant: dict[str, Counter[str]] = {}
            place_ok: dict[str, bool] = {}
            for v in variants:
                stats["variants"] += 1
                ids: Counter[str] = Counter()
                place_ok[v] = True
                for doc in docs:
                    for occ in _occurrences(doc, v):
                        for m in doc.mentions:
                            if m.type == etype and _overlap((m.start, m.end), occ) and m.entity_id:
                                ids[m.entity_id] += 1
                        if etype != "place":
                            continue
                        for p in doc.places:
                            if not _overlap((p.start, p.end), occ):
                                continue
                            if "lat" in g:
                                places_checked += 1
                                err = distance_km((p.lat, p.lon), (g["lat"], g["lon"]))
                                errors_km.append(err)
                                places_within += err <= PLACE_TOLERANCE_KM
                                place_ok[v] = place_ok[v] and err <= PLACE_TOLERANCE_KM
                            elif g.get("country"):
                                place_ok[v] = place_ok[v] and p.country == g["country"]
                if ids:
                    stats["found"] += 1
                    ids_by_variant[v] = ids
                else:
                    misses.append(f"{etype}: {v!r} ({g['name']}) not found")
            if not ids_by_variant:
                continue
            overall: Counter[str] = Counter()
            for c in ids_by_variant.values():
                overall.update(c)
            best_id = overall.most_common(1)[0][0]
            names = kb_names.get(best_id, [])
            right_entity = (not names and best_id.startswith("auto/")) or any(
                _same_name(n, g["name"]) for n in names
            )
            for v, c in ids_by_variant.items():
                if etype == "place":
                    # A town and the region named after it are both right: judged by the map.
                    if place_ok[v]:
                        stats["linked"] += 1
                    else:
                        misses.append(
                            f"place: {v!r} placed more than {PLACE_TOLERANCE_KM} km from {g['name']}"
                        )
                elif right_entity and c.most_common(1)[0][0] == best_id:
                    stats["linked"] += 1
                else:
                    misses.append(f"{etype}: {v!r} linked to {c.most_common(1)[0][0]}, not {g['name']}")
    total = sum(s["variants"] for s in per_type.values())
    found = sum(s["found"] for s in per_type.values())
    return {
        "found": found,
        "recall": round(sum(s["found"] for s in per_type.values()) / total, 4) if total else 1.0,
        "linking_accuracy": round(sum(s["linked"] for s in per_type.values()) / total, 4) if total else 1.0,
        "variants": total,
        "misses": len(misses),
        "per_type": per_type,
        "problems": misses,
        "places_checked": places_checked,
        "places_within_25km": places_within,
        "place_max_error_km": round(max(errors_km), 1) if errors_km else 0.0,
        "place_mean_error_km": round(sum(errors_km) / len(errors_km), 1) if errors_km else 0.0,
    }
