"""Resolve a date expression found in an article against the article's own date.

Shared by every stage that dates something (the document date, claims' as-of dates, events). The result
never claims more precision than the expression and the base allow: "mercredi" in an article dated only
to a month resolves to that month, and "fin septembre" is a month, not a day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newstrace.model import PartialDate, Precision
from newstrace.text.calendar_words import calendar_words

_WORD = re.compile(r"[^\W\d_]+(?:['ʼ’-][^\W\d_]+)*|\d+")
_ORDINAL = re.compile(r"^(\d{1,2})(?:er|re|e|st|nd|rd|th|\.|-го|-е|-я)?$")
# Words around a date that carry no date information ("mercredi soir", "on Wednesday", "в среду").
_FILLER = frozenset(
    [
        "on",
        "in",
        "at",
        "the",
        "le",
        "la",
        "l'",
        "de",
        "du",
        "des",
        "en",
        "au",
        "dans",
        "am",
        "im",
        "um",
        "an",
        "der",
        "den",
        "dem",
        "vom",
        "zum",
        "в",
        "во",
        "у",
        "на",
        "з",
        "із",
        "el",
        "los",
        "del",
        "w",
        "we",
        "soir",
        "matin",
        "après-midi",
        "morning",
        "evening",
        "afternoon",
        "night",
        "abend",
        "morgens",
        "вечером",
        "утром",
        "ввечері",
        "вранці",
        "dernier",
        "dernière",
        "last",
        "past",
        "passé",
        "passée",
        "vergangenen",
        "letzten",
        "прошлой",
        "минулого",
        "this",
        "ce",
        "cette",
        "depuis",
        "since",
        "seit",
        "с",
        "з",
        "od",
    ]
)
# Past events reported up to this many days before publication may be dated a little after it too
# (announced dates); beyond, "12 novembre" without a year is taken from the year before.
_FUTURE_TOLERANCE_DAYS = 60


def _clean(expression: str) -> str:
    text = expression.casefold().replace("’", "'").replace("ʼ", "'")
    text = re.sub(r"\b(mi|mid)-", r"\1 ", text)  # "mi-août", "mid-August"
    return " ".join(text.split()).strip(" ,.;:")


def _at_precision(d: date, wanted: Precision, base: PartialDate) -> PartialDate:
    """Never more precise than the base: "mercredi" in an article dated only to a month is that month
    (the day could be any of it, so counting back from its first day would be wrong)."""
    if base.precision in (Precision.MONTH, Precision.YEAR):
        return PartialDate(base.year, base.month)
    return PartialDate.from_date(d, wanted)


def _period_end(base: PartialDate) -> date:
    if base.precision is Precision.YEAR:
        return date(base.year, 12, 31)
    if base.precision is Precision.MONTH and base.month is not None:
        y, m = _shift_month(base.year, base.month, 1)
        return date(y, m, 1) - timedelta(days=1)
    return base.anchor()


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _relative_phrase(text: str, base: PartialDate) -> PartialDate | None:
    hit = calendar_words().relative_phrases.get(text)
    if hit is None:
        return None
    unit, offset = hit
    anchor = base.anchor()
    if unit == "day":
        return _at_precision(anchor + timedelta(days=offset), Precision.DAY, base)
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
        return _at_precision(monday, Precision.WEEK, base)
    if unit == "month":
        if base.month is None:
            return PartialDate(base.year)
        y, m = _shift_month(base.year, base.month, offset)
        return PartialDate(y, m)
    return PartialDate(base.year + offset)


def _year_for(month: int, day: int | None, base: PartialDate) -> int:
    if base.month is None:
        return base.year
    candidate = date(base.year, month, min(day or 1, 28))
    limit = _period_end(base) + timedelta(days=_FUTURE_TOLERANCE_DAYS)
    return base.year if candidate <= limit else base.year - 1


def resolve_date(expression: str, base: PartialDate | None) -> PartialDate | None:
    """Resolve ``expression`` ("mercredi", "fin septembre", "le 1er novembre", "12 ноября 2022",
    "last week", "February 2022") against ``base``; ``None`` when it is not a date or needs a base that
    is missing."""
    text = _clean(expression)
    if not text:
        return None
    if base is not None:
        found = _relative_phrase(text, base)
        if found is not None:
            return found
    words = [w for w in _WORD.findall(text) if w not in _FILLER]
    # Month parts ("fin", "end of", "в конце") only narrow within a month: month precision stays.
    calendar = calendar_words()
    words = [w for w in words if w not in calendar.month_part_words and w not in {"of", "mi", "mid"}]
    if not words:
        return None
    if base is not None and len(words) == 1 and words[0] in calendar.weekdays:
        anchor = base.anchor()
        back = (anchor.weekday() - calendar.weekdays[words[0]]) % 7
        return _at_precision(anchor - timedelta(days=back), Precision.DAY, base)
    if base is not None and " ".join(words) in calendar.relative_phrases:
        return _relative_phrase(" ".join(words), base)
    return _calendar(words, base)


def _calendar(words: list[str], base: PartialDate | None) -> PartialDate | None:
    day = month = year = None
    calendar = calendar_words()
    for w in words:
        if w in calendar.months and month is None:
            month = calendar.months[w]
            continue
        if w in calendar.weekdays:
            continue
        m = _ORDINAL.match(w)
        if w.isdigit() and len(w) == 4 and 1900 <= int(w) <= 2100:
            year = int(w)
        elif m and day is None and 1 <= int(m.group(1)) <= 31:
            day = int(m.group(1))
        elif w in {"er", "re", "e", "st", "nd", "rd", "th", "г", "року", "года", "roku", "jahres"}:
            continue
        else:
            return None  # an unknown word: not a plain date expression
    if month is None:
        return PartialDate(year) if year is not None and day is None else None
    if year is None:
        if base is None:
            return None
        year = _year_for(month, day, base)
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _expression_pattern() -> re.Pattern[str]:
    calendar = calendar_words()
    months = "|".join(sorted((re.escape(m) for m in calendar.months if len(m) > 3), key=len, reverse=True))
    days = "|".join(sorted((re.escape(d) for d in calendar.weekdays), key=len, reverse=True))
    phrases = "|".join(sorted((re.escape(p) for p in calendar.relative_phrases), key=len, reverse=True))
    parts = "|".join(sorted((re.escape(p) for p in calendar.month_parts), key=len, reverse=True))
    return re.compile(
        rf"(?i)(?<!\w)(?:{phrases}|(?:(?:{parts})[\s-]*)?(?:le |the |am )?"
        rf"(?:\d{{1,2}}(?:er|st|nd|rd|th|\.)?\s+)?"
        rf"(?:{months})(?:\s+\d{{4}})?|(?:{days})(?:\s+(?:soir|matin|dernier|last))?)(?!\w)"
    )


_EXPRESSIONS: list[re.Pattern[str]] = []


def find_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """Spans of date expressions ("mercredi", "fin septembre", "le mois dernier", "12 ноября 2022")."""
    if not _EXPRESSIONS:
        _EXPRESSIONS.append(_expression_pattern())
    return [(m.start(), m.end(), m.group()) for m in _EXPRESSIONS[0].finditer(text)]
