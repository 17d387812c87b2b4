"""The lookup memos that keep the entities and places stages fast: same answers as without them, bounded
on a long stream, and never written into the gazetteer's cache file."""

from __future__ import annotations

import pickle
import re

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


def _entity(entity_id: str, kind: str, name: str) -> KbEntity:
    return KbEntity(id=entity_id, type=entity_id.split("/")[0], kind=kind, name=name, country=None, side=None)


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
    person = _entity("person/alexandra-kowalczyk", "politician", "Alexandra Kowalczyk")
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


def test_gazetteer_fuzzy_memo_answers_as_the_search_and_is_not_pickled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gazetteer, "_MEMO_SIZE", 2)
    gaz = Gazetteer(
        [Row("country:ZZ", "Zedlandia", COUNTRY, "ZZ", 10.0, 20.0, 5_000_000, names={"Zedlandia"})]
    )
    for _ in range(2):  # the second round is answered from the memo
        assert [c.id for c in gaz.fuzzy_candidates("Zedlandiaa")] == ["country:ZZ"]
        assert gaz.fuzzy_candidates("Qwertyuiop") == []
    for i in range(10):
        gaz.fuzzy_candidates(f"Unknownplace{i}")
        assert len(gaz.__dict__["_fuzzy_memo"]) <= 2
    gaz.fuzzy_candidates("Zedlandiaa").clear()  # a caller changing its list changes no later answer
    assert [c.id for c in gaz.fuzzy_candidates("Zedlandiaa")] == ["country:ZZ"]
    copy = pickle.loads(pickle.dumps(gaz))
    assert "_fuzzy_memo" not in copy.__dict__


def test_name_matcher_word_memo_is_bounded_and_answers_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    from newstrace.linking import kb_index
    from newstrace.linking.kb_index import KbIndex

    people = (
        _entity("person/ines-varga", "politician", "Ines Varga"),
        _entity("organization/unhcr", "agency", "UNHCR"),
    )
    text = "Yesterday Ines Varga met UNHCR staff. Later Ines Varga left; UNHCR stayed."
    fresh = [(m.start, m.text, m.entity.id) for m in KbIndex(people).find(text, "en")]
    at = [text.index("Ines"), text.index("UNHCR"), text.rindex("Ines"), text.rindex("UNHCR")]
    assert fresh == [
        (at[0], "Ines Varga", "person/ines-varga"),
        (at[1], "UNHCR", "organization/unhcr"),
        (at[2], "Ines Varga", "person/ines-varga"),
        (at[3], "UNHCR", "organization/unhcr"),
    ]
    monkeypatch.setattr(kb_index, "_OPENS_MEMO_SIZE", 4)  # fewer than the text's words: cleared each time
    small = KbIndex(people)
    for _ in range(3):
        assert [(m.start, m.text, m.entity.id) for m in small.find(text, "en")] == fresh
        # A text with more new words than the bound keeps those, and only those.
        assert len(small._opens["en"]) <= len(set(re.findall(r"[^\W_]+", text)))
