"""The lookup memos that keep the entities and places stages fast: same answers as without them, bounded
on a long stream, and never written into the gazetteer's cache file."""

from __future__ import annotations

import pickle

import pytest

from newstrace.kb.model import KbEntity
from newstrace.linking import fuzzy_names, gazetteer
from newstrace.linking.fuzzy_names import FuzzyNames
from newstrace.linking.gazetteer import Gazetteer
from newstrace.linking.gazetteer_build import CITY, COUNTRY, Row


def _small_gazetteer() -> Gazetteer:
    rows = [
        Row("country:ZZ", "Zedland", COUNTRY, "ZZ", 10.0, 20.0, 5_000_000, names={"Zedland"}),
        Row("gn:1", "Portville", CITY, "ZZ", 10.5, 20.5, 40_000, geonames_id=1, names={"Portville"}),
        Row(
            "gn:2", "Portville", CITY, "ZZ", 11.0, 21.0, 900, geonames_id=2, names={"Portville", "Port Ville"}
        ),
    ]
    return Gazetteer(rows)


def test_gazetteer_memo_gives_the_same_candidates_as_a_fresh_lookup() -> None:
    gaz = _small_gazetteer()
    first = gaz.candidates("Portville")
    again = gaz.candidates("portville")
    assert [c.id for c in first] == ["gn:1", "gn:2"]
    assert [c.id for c in again] == ["gn:1", "gn:2"]
    first.clear()  # a caller changing its list does not change what the next caller gets
    assert [c.id for c in gaz.candidates("Portville")] == ["gn:1", "gn:2"]
    assert gaz.candidates("Nowhere") == []


def test_gazetteer_memo_is_bounded_and_not_pickled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gazetteer, "_MEMO_SIZE", 3)
    gaz = _small_gazetteer()
    for i in range(20):
        gaz.candidates(f"Name{i}")
        assert len(gaz.__dict__["_memo"]) <= 3
    copy = pickle.loads(pickle.dumps(gaz))
    assert "_memo" not in copy.__dict__
    assert [c.id for c in copy.candidates("Zedland")] == ["country:ZZ"]


def test_fuzzy_memo_is_bounded_and_answers_as_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fuzzy_names, "_MEMO_SIZE", 2)
    person = KbEntity(
        id="person/alexandra-kowalczyk",
        type="person",
        kind="politician",
        name="Alexandra Kowalczyk",
        country=None,
        side=None,
    )
    fuzzy = FuzzyNames({person.id: person})
    for _ in range(2):  # the second round is answered from the memo
        found = fuzzy.match_name("Aleksandra Kowalczyk", "person")
        assert found is not None and found[0].id == person.id
        assert fuzzy.match_name("Bartholomew Quince", "person") is None
    for i in range(10):
        fuzzy.match_name(f"Somebody Unknown{i}", "person")
        assert len(fuzzy._memo) <= 2
    found = fuzzy.match_name("Aleksandra Kowalczyk", "person")
    assert found is not None and found[0].id == person.id
