"""Geocoding scores on real reporting: toponyms in English news with gold coordinates, and the location
of ACLED event notes.

``places_en.jsonl`` is scored twice. (a) ``gold_spans``: every gold toponym is handed to the places
stage as a place mention, in its article, so the score is the geocoder's alone. (b) ``end_to_end``: the
per-document stages run as users get them and each system place is matched to a gold toponym whose span
it equals or overlaps (one to one). Over the gold toponyms with coordinates: ``acc161`` the share placed
within 161 km (100 miles, the geoparsing literature's standard), ``precision161`` the share of those the
system placed that are within 161 km, ``found`` the share placed at all, ``mean_km`` the mean error of
those placed and ``mean_km_all`` counting an unplaced one at half the Earth's circumference.

``acled_events.jsonl``: the place the system would give the event, the most specific place the note
names (a town or facility before a region, a region before a country, the first named among equals),
within 25 km of ACLED's coordinates; by ``geo_precision`` too.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newstrace.evaluation.realdata import analyse, read_jsonl, record_to_document
from newstrace.linking.gazetteer import distance_km
from newstrace.model import Document, Mention, Place
from newstrace.pipeline.pipeline import Pipeline, StageFailed
from newstrace.settings import Settings

ACC_KM = 161.0
ACLED_KM = 25.0
HALF_EARTH_KM = 20_039.0
# Stages that run before the places stage in mode (a): enough for the language and the clean view.
_BEFORE_ENTITIES = ("normalise", "boilerplate", "language")


def _stages_to_places(settings: Settings) -> list[str]:
    names = list(settings.stages)
    return names[: names.index("places") + 1] if "places" in names else names


class _Tally:
    """Distances of gold toponyms with coordinates: None where the system placed nothing."""

    def __init__(self) -> None:
        self.errors: list[float | None] = []

    def add(self, km: float | None) -> None:
        self.errors.append(km)

    def result(self, limit_km: float = ACC_KM) -> dict[str, Any]:
        n = len(self.errors)
        placed = [e for e in self.errors if e is not None]
        near = sum(1 for e in placed if e <= limit_km)
        return {
            "gold": n,
            "placed": len(placed),
            "unplaced": n - len(placed),
            f"acc{int(limit_km)}": round(near / n, 4) if n else 0.0,
            f"precision{int(limit_km)}": round(near / len(placed), 4) if placed else 0.0,
            "found": round(len(placed) / n, 4) if n else 0.0,
            "mean_km": round(sum(placed) / len(placed), 1) if placed else None,
            "mean_km_all": round((sum(placed) + HALF_EARTH_KM * (n - len(placed))) / n, 1) if n else None,
        }


def _gold_toponyms(rec: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in rec.get("toponyms") or () if isinstance(t, dict)]


def _km(place: Place | None, lat: float, lon: float) -> float | None:
    if place is None:
        return None
    return distance_km((place.lat, place.lon), (lat, lon))


def gold_span_documents(
    records: Iterable[dict[str, Any]], settings: Settings
) -> Iterable[tuple[dict[str, Any], Document | None]]:
    """Each record analysed by the places stage with its gold toponyms as the place mentions."""
    from newstrace.registry import build_stages

    before = Pipeline(build_stages(_BEFORE_ENTITIES, settings))
    (places_stage,) = build_stages(["places"], settings)
    for rec in records:
        try:
            doc = before.run(record_to_document(rec, "realdata"))
        except StageFailed:
            yield rec, None
            continue
        mentions = tuple(
            Mention(t["start"], t["end"], doc.raw[t["start"] : t["end"]], "place", None, None, 1.0, "gold")
            for t in _gold_toponyms(rec)
        )
        doc = dataclasses.replace(doc, mentions=mentions, provided=doc.provided | {"mentions"})
        yield rec, places_stage(doc)


def _match(gold: Sequence[dict[str, Any]], places: Sequence[Place]) -> dict[int, Place]:
    """Gold index -> system place: exact spans first, then overlapping ones, each used once."""
    out: dict[int, Place] = {}
    used: set[int] = set()
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in out:
                continue
            for pi, p in enumerate(places):
                if pi in used:
                    continue
                same = p.start == g["start"] and p.end == g["end"]
                overlap = p.start < g["end"] and g["start"] < p.end
                if same if exact else overlap:
                    out[gi] = p
                    used.add(pi)
                    break
    return out


def _score_docs(pairs: Iterable[tuple[dict[str, Any], Document | None]]) -> dict[str, Any]:
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    recognition: dict[str, list[int]] = defaultdict(
        lambda: [0, 0, 0]
    )  # corpus -> [exact matches, system spans, gold spans]
    for rec, doc in pairs:
        corpus = str(rec.get("corpus") or "all")
        gold = _gold_toponyms(rec)
        places = [p for p in doc.places if not p.in_boilerplate] if doc is not None else []
        matched = _match(gold, places)
        spans = {(p.start, p.end) for p in places}
        for key in (corpus, "all"):
            recognition[key][0] += sum(1 for g in gold if (g["start"], g["end"]) in spans)
            recognition[key][1] += len(spans)
            recognition[key][2] += len(gold)
        for gi, g in enumerate(gold):
            if g.get("lat") is None or g.get("lon") is None:
                continue
            km = _km(matched.get(gi), float(g["lat"]), float(g["lon"]))
            tallies[corpus].add(km)
            tallies["all"].add(km)
    out: dict[str, Any] = {}
    for key in sorted(tallies, key=lambda k: (k == "all", k)):
        out[key] = tallies[key].result()
        tp, sys_n, gold_n = recognition[key]
        out[key]["span_precision"] = round(tp / sys_n, 4) if sys_n else 0.0
        out[key]["span_recall"] = round(tp / gold_n, 4) if gold_n else 0.0
    return out


def score_places_en(path: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    records = read_jsonl(path, limit)
    gold_spans = _score_docs(gold_span_documents(records, settings))
    for figures in gold_spans.values():
        # The spans are the gold ones: recognition is not measured in this mode.
        figures.pop("span_precision", None)
        figures.pop("span_recall", None)
    end_to_end = _score_docs(analyse(records, settings, _stages_to_places(settings)))
    return {"records": len(records), "gold_spans": gold_spans, "end_to_end": end_to_end}


# The more specific a place, the better it stands for where an event happened.
_FEATURE_RANK = {"facility": 0, "city": 1, "region": 2, "country": 3}


def event_place(places: Sequence[Place]) -> Place | None:
    """The most specific place a short event note names: a town or facility before a region, a region
    before a country, then the first named."""
    candidates = [p for p in places if not p.in_boilerplate]
    if not candidates:
        return None
    return min(candidates, key=lambda p: (_FEATURE_RANK.get(p.feature, 4), p.start))


def score_acled_locations(pairs: Iterable[tuple[dict[str, Any], Document | None]]) -> dict[str, Any]:
    """Share of notes whose most specific named place lies within 25 km of ACLED's coordinates (a
    section of the ACLED scorer, ``real_acled.SECTIONS``)."""
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for rec, doc in pairs:
        if rec.get("lat") is None or rec.get("lon") is None:
            continue
        km = _km(event_place(doc.places) if doc is not None else None, float(rec["lat"]), float(rec["lon"]))
        for key in ("all", f"geo_precision_{rec.get('geo_precision')}"):
            tallies[key].add(km)
        if rec.get("geo_precision") in (1, 2):
            tallies["geo_precision_1_2"].add(km)
    return {key: tallies[key].result(ACLED_KM) for key in sorted(tallies)}
