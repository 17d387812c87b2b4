"""The packaged knowledge base loads, validates, and rejects malformed records clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.kb.loader import (
    ENTITY_FILES,
    KbError,
    kb_dir,
    knowledge_base,
    load_entities,
    name_synonyms,
    parse_entity,
)


def test_packaged_kb_loads_and_is_consistent() -> None:
    kb = knowledge_base()
    assert len(kb) >= 300
    ids = [e.id for e in kb]
    assert len(ids) == len(set(ids))
    types = {e.type for e in kb}
    assert types == {"person", "organization", "media", "military_unit", "place", "equipment"}
    assert all(e.names.get("en") for e in kb)
    regions = [e for e in kb if e.type == "place" and e.kind == "region"]
    assert regions and all(e.lat is not None and e.lon is not None for e in regions)
    # Each region's point lies in its country: the nearest town of GeoNames' (reverse_geocoder's
    # table of towns of 1,000+) is in it, so a point with its latitude and longitude swapped, or
    # typed in another country, fails.
    import reverse_geocoder

    nearest = reverse_geocoder.search([(e.lat, e.lon) for e in regions], mode=1, verbose=False)
    assert [(e.name, e.country) for e in regions] == [
        (e.name, t["cc"]) for e, t in zip(regions, nearest, strict=True)
    ]
    facilities = [e for e in kb if e.is_facility]
    assert len(facilities) >= 50 and not any(e.is_facility for e in regions)
    assert "put up" in name_synonyms()["post"]


def test_all_names_cover_languages() -> None:
    by_id = {e.id: e for e in knowledge_base()}
    putin = next(e for e in by_id.values() if e.name == "Vladimir Putin")
    names = putin.all_names()
    assert {"Vladimir Putin", "Poutine", "Путин"} <= set(names)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "person/x", "type": "person", "kind": "official"}, "missing or empty 'name'"),
        ({"id": "people/x", "type": "person", "kind": "k", "name": "X", "names": {"en": ["X"]}}, "must be"),
        (
            {"id": "person/x", "type": "robot", "kind": "k", "name": "X", "names": {"en": ["X"]}},
            "unknown type",
        ),
        (
            {"id": "person/x", "type": "person", "kind": "official", "name": "X", "names": {"fr": ["X"]}},
            "English",
        ),
        ({"id": "person/x", "type": "person", "kind": "bridge", "name": "X", "names": {"en": ["X"]}}, "kind"),
        (
            {"id": "place/x", "type": "place", "kind": "bridge", "name": "X", "names": {"en": ["X"]}},
            "lat and lon",
        ),
        (
            {
                "id": "person/x",
                "type": "person",
                "kind": "official",
                "name": "X",
                "names": {"en": ["X"]},
                "country": "RUS",
            },
            "two-letter",
        ),
        (
            {
                "id": "place/x",
                "type": "place",
                "kind": "region",
                "name": "X",
                "names": {"en": ["X"]},
                "lat": 1.0,
            },
            "both lat and lon",
        ),
    ],
)
def test_invalid_records_are_refused(record: dict[str, object], message: str) -> None:
    with pytest.raises(KbError, match=message):
        parse_entity(record, "test.yaml[0]")


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    for name in ENTITY_FILES:
        (tmp_path / name).write_text("[]\n", encoding="utf-8")
    record = "- {id: person/a, type: person, kind: official, name: A, names: {en: [A]}}\n"
    (tmp_path / "people.yaml").write_text(record + record, encoding="utf-8")
    with pytest.raises(KbError, match="duplicate id"):
        load_entities(tmp_path)
    assert (kb_dir() / "SCHEMA.md").is_file()
