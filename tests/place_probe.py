"""Placing names handed to the places stage as place mentions, as the entities stage would hand them
(the place tests' probe: geocoding alone, on sentences written for the tests)."""

from __future__ import annotations

import dataclasses
import re

from newstrace.linking.gazetteer import distance_km
from newstrace.model import Document, LanguageGuess, Mention, RawRecord, RecordMeta
from newstrace.registry import build_stages
from newstrace.settings import Settings


def placed(text: str, names: list[str], lang: str) -> dict[str, tuple[str | None, float, float] | str]:
    """name -> (country, lat, lon) of its first mention, or the reason it was left unplaced."""
    doc = RawRecord(source="t.txt", text=text, fmt="text", meta=RecordMeta(lang=lang)).to_document()
    mentions = []
    for name in names:
        m = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
        assert m is not None, name
        mentions.append(Mention(m.start(), m.end(), name, "place", None, None, 0.9, "test"))
    doc = dataclasses.replace(
        doc,
        language=LanguageGuess(lang, 1.0, "test"),
        mentions=tuple(mentions),
        provided=doc.provided | {"mentions"},
    )
    (stage,) = build_stages(["places"], Settings())
    out: Document = stage(doc)
    result: dict[str, tuple[str | None, float, float] | str] = {}
    for m in out.mentions:
        place = next((p for p in out.places if p.start == m.start), None)
        result.setdefault(m.text, (place.country, place.lat, place.lon) if place else str(m.unresolved))
    return result


def near(got: tuple[str | None, float, float] | str, lat: float, lon: float, km: float = 161) -> bool:
    return not isinstance(got, str) and distance_km((got[1], got[2]), (lat, lon)) <= km
