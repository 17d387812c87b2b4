"""Checking the fields of a correction: what an analyst may change of each annotation kind, resolved to
what applying it needs (a place's gazetteer candidate to its name and point, an entity to its id, an
event type to its ACLED and PLOVER codes)."""

from __future__ import annotations

import math
from typing import Any

from newstrace.linking.gazetteer import GazPlace
from newstrace.model import Document
from newstrace.settings import Settings
from newstrace.store.entities import EntityStore
from newstrace.store.sqlite import Database

BOUNDS = ("exact", "at_least", "at_most", "about")
STATUSES = ("asserted", "negated", "hypothetical", "future", "historical")
CLAIM_FIELDS = ("kind", "low", "high", "value", "bound", "subject", "claimant")
MAX_TEXT = 300


class CorrectionError(ValueError):
    """A correction that cannot be recorded (unknown annotation, bad field); the message says why."""


def text_field(value: Any, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise CorrectionError(f"{name} must be text of at most {MAX_TEXT} characters")
    return value.strip() or None


def _number(value: Any, name: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise CorrectionError(f"{name} must be a number, not {value!r}") from exc
    if not math.isfinite(number):
        raise CorrectionError(f"{name} must be a finite number")
    return number


def claim_fields(given: dict[str, Any]) -> dict[str, Any]:
    unknown = set(given) - set(CLAIM_FIELDS)
    if unknown:
        raise CorrectionError(f"a claim has no field {', '.join(sorted(unknown))}: {', '.join(CLAIM_FIELDS)}")
    out: dict[str, Any] = {}
    if "kind" in given:
        kind = text_field(given["kind"], "kind")
        if not kind:
            raise CorrectionError("a claim's kind cannot be empty")
        out["kind"] = kind
    if "value" in given:
        out["low"] = out["high"] = _number(given["value"], "value")
    for name in ("low", "high"):
        if name in given:
            out[name] = _number(given[name], name)
    if "bound" in given:
        if given["bound"] not in BOUNDS:
            raise CorrectionError(f"bound must be one of {', '.join(BOUNDS)}")
        out["bound"] = given["bound"]
    for name in ("subject", "claimant"):
        if name in given:
            out[name] = text_field(given[name], name)
    return out


def place_fields(given: dict[str, Any], settings: Settings | None) -> dict[str, Any]:
    """A place's correction names a gazetteer candidate (``candidate``: "gn:703448", "country:UA"...);
    it is stored resolved, so applying it needs no gazetteer."""
    ref = given.get("candidate")
    if not isinstance(ref, str) or not ref:
        raise CorrectionError("a place is corrected by choosing a gazetteer candidate: give 'candidate'")
    pick = _gazetteer_place(ref, settings)
    if pick is None:
        raise CorrectionError(f"no gazetteer place {ref!r}")
    return {
        "candidate": pick.id,
        "name": pick.name,
        "country": pick.country,
        "lat": round(pick.lat, 5),
        "lon": round(pick.lon, 5),
        "geonames_id": pick.geonames_id,
        "feature": pick.feature,
        "precision": 3 if pick.feature in ("region", "country") else 1,
    }


def _gazetteer_place(ref: str, settings: Settings | None) -> GazPlace | None:
    from newstrace.linking.gazetteer import gazetteer

    gaz = gazetteer((settings or Settings()).cache_dir)
    found = gaz.get(ref)
    if found is None and ref.startswith("gn:") and ref[3:].isdigit():
        # Towns are not in the id index (it would cost memory for every one): find the row by number.
        rows = (gaz.geonames == int(ref[3:])).nonzero()[0]
        found = gaz.place(int(rows[0])) if len(rows) else None
    return found


def place_candidates(text: str, settings: Settings | None = None, limit: int = 12) -> list[dict[str, Any]]:
    """The gazetteer's candidates for a place name, as an analyst chooses among them."""
    from newstrace.linking.gazetteer import gazetteer

    gaz = gazetteer((settings or Settings()).cache_dir)
    out = []
    for c in gaz.candidates(text)[:limit]:
        out.append(
            {
                "id": c.id,
                "name": c.name,
                "feature": c.feature,
                "country": c.country,
                "population": c.population,
            }
        )
    return out


def link_fields(db: Database, given: dict[str, Any]) -> dict[str, Any]:
    ref = given.get("entity_id")
    if ref in (None, ""):
        return {"entity_id": None, "name": None}  # the mention names no known entity
    row = EntityStore(db).find(str(ref)) if isinstance(ref, str) else None
    if row is None:
        raise CorrectionError(f"no entity {ref!r}")
    return {"entity_id": row["id"], "name": row["name"]}


def event_fields(doc: Document, given: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "type" in given:
        from newstrace.text.event_lexicon import event_lexicon

        t = event_lexicon().resolve_type(str(given["type"]))
        if t is None:
            raise CorrectionError(f"unknown event type {given['type']!r}")
        # The codes go with the type, so that readers in SQL need no vocabulary.
        out.update(
            type=t.type,
            acled_event_type=t.acled_event_type,
            acled_sub_event_type=t.acled_sub_event_type,
            plover=t.plover,
        )
    if "status" in given:
        if given["status"] not in STATUSES:
            raise CorrectionError(f"status must be one of {', '.join(STATUSES)}")
        out["status"] = given["status"]
    if "place" in given:
        out["place"] = _event_place(doc, given["place"])
    return out


def _event_place(doc: Document, name: Any) -> dict[str, Any] | None:
    """An event is placed at one of its document's places (by name or text), or nowhere."""
    if name in (None, ""):
        return None
    wanted = str(name).casefold()
    for p in doc.places:
        if wanted in (p.name.casefold(), p.text.casefold()):
            return {
                "name": p.name,
                "text": p.text,
                "country": p.country,
                "lat": p.lat,
                "lon": p.lon,
                "geonames_id": p.geonames_id,
                "precision": p.precision,
                "feature": p.feature,
                "start": p.start,
                "end": p.end,
            }
    raise CorrectionError(f"{name!r} is not a place of document {doc.id}")


def checked_fields(
    db: Database, doc: Document, kind: str, given: dict[str, Any], settings: Settings | None
) -> dict[str, Any]:
    if kind == "claim":
        return claim_fields(given)
    if kind == "place":
        return place_fields(given, settings)
    if kind == "entity_link":
        return link_fields(db, given)
    return event_fields(doc, given)
