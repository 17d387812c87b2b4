"""The lossless JSON form of a document (what the Spark job's Parquet rows carry)."""

from __future__ import annotations

import dataclasses
from array import array
from typing import Literal

import pytest

from newstrace.model import Document, PartialDate, TextView
from newstrace.model.serialise import (
    SerialiseError,
    document_from_json,
    document_to_json,
    from_plain,
    to_plain,
)

ARTICLE = (
    " date 2022-11-12 Les forces ukrainiennes entrent à Kherson\n\n"
    "Les forces ukrainiennes sont entrées à Kherson vendredi, a annoncé le ministère de la Défense. "
    "Selon le renseignement britannique, au moins 30 000 soldats russes ont été tués sur les lignes "
    "de entrance depuis le début de l'invasion.\n\n"
    "« Nous sommes de retour », a dit le président Volodymyr Zelensky aux habitants de Kherson.\n"
)


def _views_equal(a: TextView | None, b: TextView | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.text == b.text and a.offsets == b.offsets and a.raw_len == b.raw_len


def test_a_fully_annotated_document_round_trips(run_text) -> None:  # type: ignore[no-untyped-def]
    doc: Document = run_text(ARTICLE)
    assert doc.mentions and doc.sentences and doc.embedding and doc.claims and doc.places  # real work
    assert doc.quality is not None and doc.quality.spans and doc.repaired is not None
    back = document_from_json(document_to_json(doc))
    assert back == doc
    # Fields left out of ``==`` (views, embedding) must survive too.
    assert _views_equal(back.clean, doc.clean)
    assert _views_equal(back.repaired, doc.repaired)
    assert back.embedding == doc.embedding
    assert back.provided == doc.provided
    assert to_plain(back) == to_plain(doc)


def test_a_replacement_run_as_long_as_its_raw_span_is_kept_exact() -> None:
    # Two characters standing each for the whole raw span [0, 2): the store's compact runs would read
    # this back as a one-to-one run; the JSON form must not.
    view = TextView("xy", array("l", [0, 0]), array("l", [2, 2]), 2)
    doc = Document(id="d", source="s", raw="ab", fmt="text", clean=view)
    back = document_from_json(document_to_json(doc))
    assert _views_equal(back.clean, view)


@dataclasses.dataclass(frozen=True, slots=True)
class _Actor:
    name: str
    side: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class _Event:
    """A stand-in for an annotation kind the model does not have yet."""

    kind: str
    date: PartialDate | None
    actors: tuple[_Actor, ...]
    span: tuple[int, int]
    score: float
    tags: frozenset[str] = frozenset()
    status: Literal["happened", "negated"] = "happened"
    value: int | str | None = None


def test_new_annotation_kinds_round_trip_without_code_changes() -> None:
    ev = _Event(
        "shelling", PartialDate(2023, 5, 2), (_Actor("Russian forces", "RU"),), (3, 9), 1, frozenset({"a"})
    )
    back = from_plain(_Event, to_plain(ev))
    assert back == ev
    assert isinstance(back.score, float)
    for value in (7, "seven"):
        other = dataclasses.replace(ev, status="negated", value=value)
        assert from_plain(_Event, to_plain(other)) == other
    with pytest.raises(SerialiseError):
        from_plain(_Event, {**to_plain(ev), "status": "rumoured"})


def test_unknown_fields_and_versions_are_refused() -> None:
    with pytest.raises(SerialiseError):
        from_plain(_Actor, {"name": "x", "side": None, "rank": 3})
    with pytest.raises(SerialiseError):
        document_from_json('{"v": 999, "doc": {}}')


@pytest.mark.parametrize(
    ("hint", "data", "value"),
    [
        (tuple[int, ...], [1, 2], (1, 2)),
        (tuple[int, str], [1, "a"], (1, "a")),
        (frozenset[str], ["a", "b"], frozenset({"a", "b"})),
        (set[int], [3], {3}),
        (list[float], [1, 2.5], [1.0, 2.5]),
        (dict[str, bytes], {"k": "AAE="}, {"k": b"\x00\x01"}),
        (dict, {"k": [1]}, {"k": [1]}),
        (int | None, None, None),
        (int | str, "x", "x"),
        (Literal["a", "b"], "b", "b"),
    ],
)
def test_each_type_rule_reads_its_hint(hint: object, data: object, value: object) -> None:
    back = from_plain(hint, data)
    assert back == value and type(back) is type(value)


@pytest.mark.parametrize(
    ("hint", "data"),
    [(int, "3"), (str, 3), (bool, 1), (Literal["a"], "z"), (int | bool, "x"), (complex, 1)],
)
def test_a_value_of_another_type_is_refused(hint: object, data: object) -> None:
    with pytest.raises(SerialiseError):
        from_plain(hint, data)
