from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.model import DateSource, Document, PartialDate, Precision
from newstrace.text.date_extract import find_dates
from newstrace.text.relative_dates import resolve_date

Run = Callable[..., Document]
BASE = PartialDate(2022, 11, 12)  # a Saturday


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("mercredi", "2022-11-09"),
        ("mercredi soir", "2022-11-09"),
        ("on Wednesday", "2022-11-09"),
        ("в среду", "2022-11-09"),
        ("у середу", "2022-11-09"),
        ("am Mittwoch", "2022-11-09"),
        ("hier", "2022-11-11"),
        ("вчора", "2022-11-11"),
        ("fin septembre", "2022-09"),
        ("в конце сентября", "2022-09"),
        ("Ende September", "2022-09"),
        ("le mois dernier", "2022-10"),
        ("last month", "2022-10"),
        ("earlier this year", "2022"),
        ("l'année dernière", "2021"),
        ("le 1er novembre", "2022-11-01"),
        ("1 ноября", "2022-11-01"),
        ("am 3. Oktober", "2022-10-03"),
        ("en février 2022", "2022-02"),
        ("12 ноября 2022", "2022-11-12"),
        ("le 20 décembre", "2022-12-20"),
        ("le 20 mars", "2022-03-20"),
    ],
)
def test_resolve_against_a_day(expression: str, expected: str) -> None:
    got = resolve_date(expression, BASE)
    assert got is not None and got.iso() == expected


def test_week_precision() -> None:
    got = resolve_date("la semaine dernière", BASE)
    assert got is not None and got.precision is Precision.WEEK and got.anchor().isoformat() == "2022-10-31"


def test_month_base_never_invents_a_day() -> None:
    base = PartialDate(2022, 9)
    got = resolve_date("mercredi", base)
    assert got == PartialDate(2022, 9)
    assert resolve_date("hier", base) == PartialDate(2022, 9)
    assert resolve_date("le mois dernier", base) == PartialDate(2022, 8)


def test_without_a_base_only_absolute_dates_resolve() -> None:
    assert resolve_date("mercredi", None) is None
    assert resolve_date("fin septembre", None) is None
    assert resolve_date("12 novembre 2022", None) == PartialDate(2022, 11, 12)


def test_not_dates() -> None:
    assert resolve_date("les soldats", BASE) is None
    assert resolve_date("", BASE) is None


def test_find_dates_in_several_formats() -> None:
    text = "Publié le 12 novembre 2022, mis à jour 13.11.2022; first seen November 14, 2022 and 2022-11-15."
    assert [d.iso() for _, _, d in find_dates(text)] == [
        "2022-11-12",
        "2022-11-13",
        "2022-11-14",
        "2022-11-15",
    ]


def test_header_date_wins(run_text: Run) -> None:
    doc = run_text(" date 2022-11-12\nLes soldats sont arrivés mercredi à Kherson, publié le 3 mars 2021.\n")
    assert doc.date is not None
    assert doc.date.value.iso() == "2022-11-12" and doc.date.source is DateSource.HEADER


def test_publication_line_in_text(run_text: Run) -> None:
    doc = run_text(
        "Kherson libérée\n\nPublié le 11 novembre 2022 à 18h05\n\nLes troupes ukrainiennes sont entrées."
    )
    assert doc.date is not None and doc.date.value.iso() == "2022-11-11"
    assert doc.date.source is DateSource.TEXT
    assert [r.reason for r in doc.removed] == ["dateline"]


def test_a_date_in_the_story_is_not_the_publication_date(run_text: Run) -> None:
    doc = run_text(
        "La Maison Blanche a déclaré que 30 000 combattants avaient été tués depuis le début de la guerre "
        "en février 2022. Le 24 février 2022, les troupes russes ont franchi la frontière."
    )
    assert doc.date is None
