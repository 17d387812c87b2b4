"""Dates known to a precision: a day, a month or only a year."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date of which only the leading parts may be known.

    ``WEEK`` precision keeps a day (the start of the week meant) but says it is only good to the week.
    """

    year: int
    month: int | None = None
    day: int | None = None
    week: bool = False

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and self.month is not None:
            date(self.year, self.month, self.day)  # raises on 31 February and the like

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.WEEK if self.week else Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None or self.week:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def anchor(self) -> date:
        """The earliest calendar day the date may stand for (used as a base for relative dates)."""
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        """The latest calendar day the date may stand for (the end of its month, year or week)."""
        if self.day is not None:
            return self.anchor() + timedelta(days=6 if self.week else 0)
        if self.month is None:
            return date(self.year, 12, 31)
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @classmethod
    def from_date(cls, d: date, precision: Precision = Precision.DAY) -> PartialDate:
        if precision is Precision.YEAR:
            return cls(d.year)
        if precision is Precision.MONTH:
            return cls(d.year, d.month)
        return cls(d.year, d.month, d.day, week=precision is Precision.WEEK)

    @classmethod
    def parse_iso(cls, text: str) -> PartialDate | None:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a time part after the day is ignored)."""
        m = _ISO.match(text)
        if not m:
            return None
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        try:
            return cls(year, month, day)
        except ValueError:
            return None


_FILTER = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date_filter(text: str) -> str:
    """``text`` if it is a real ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the form of every date filter of
    the CLI and the API); ``ValueError`` otherwise ("2022-13-45" has the form but is no date)."""
    m = _FILTER.match(text)
    if m is None:
        raise ValueError(f"{text!r} is not a date: YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date: {exc}") from exc
    return text
