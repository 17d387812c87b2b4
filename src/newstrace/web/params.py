"""Query parameters shared by the API and the pages, with their bounds: every list is paginated and no
page is larger than ``MAX_LIMIT`` (the map's point lists excepted, up to ``MAX_POINTS``)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query
from pydantic import AfterValidator

from newstrace.model.dates import check_date_filter

MAX_LIMIT = 200
MAX_POINTS = 5000
MAX_OFFSET = 1_000_000
# Empty values are accepted (and mean "no filter"): an HTML form sends its empty fields.
# The pattern admits real dates only (so that the schema says exactly what is accepted): years 0001-9999,
# months 01-12, days up to the month's length, 29 February in leap years.
_YEAR = r"(\d{3}[1-9]|\d{2}[1-9]\d|\d[1-9]\d{2}|[1-9]\d{3})"
_MONTH = r"(0[1-9]|1[0-2])"
_LEAP_YEAR = r"(\d{2}(0[48]|[2468][048]|[13579][26])|([2468][048]|[13579][26]|0[48])00)"
_DATES = (
    rf"{_YEAR}(-{_MONTH})?",
    rf"{_YEAR}-{_MONTH}-(0[1-9]|1\d|2[0-8])",
    rf"{_YEAR}-(0[13-9]|1[0-2])-(29|30)",
    rf"{_YEAR}-(0[13578]|1[02])-31",
    rf"{_LEAP_YEAR}-02-29",
)
DATE_PATTERN = "^(" + "|".join(_DATES) + ")?$"


def _real_date(value: str | None) -> str | None:
    """The shape is checked by the pattern; the month and day must also exist (not "2022-13-45")."""
    return check_date_filter(value) if value else value


DateQ = Annotated[
    str | None,
    Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD", max_length=10),
    AfterValidator(_real_date),
]
LangQ = Annotated[str | None, Query(pattern=r"^([a-z]{2,3})?$", description="ISO 639-1 code, e.g. fr")]
TextQ = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
PointLimit = Annotated[int, Query(ge=1, le=MAX_POINTS)]
QualityQ = Annotated[Literal["", "clean", "machine_translated", "spun"] | None, Query()]
EntityTypeQ = Annotated[
    Literal["person", "organization", "media", "military_unit", "place", "equipment"] | None,
    Query(alias="type"),
]
