"""Month and weekday names, and relative-time words, of every language pack (``newstrace.languages``),
gathered once on first use (``calendar_words()``).

Inflected forms are listed because news text uses them ("12 ноября", "у середу", "am Mittwoch").
Keys are lower-case; lookups fold case and accents where a language drops them in informal text.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from newstrace.languages import packs


@dataclass(frozen=True, slots=True)
class CalendarWords:
    months: Mapping[str, int]  # form -> 1-12
    weekdays: Mapping[str, int]  # form -> 0-6, Monday 0 as in datetime.weekday()
    # Relative words: value is (unit, offset) with unit in day/week/month/year.
    relative_phrases: Mapping[str, tuple[str, int]]
    # Words that narrow a month to its beginning, middle or end ("fin septembre", "Ende September"),
    # and the bare words those phrases leave.
    month_parts: Mapping[str, str]
    month_part_words: frozenset[str]
    # Words between the day, the month and the year of a full date ("5 de marzo de 2024").
    date_links: frozenset[str]


@functools.cache
def calendar_words() -> CalendarWords:
    """The calendar words of every pack, in registry order (a later pack's form does not replace one)."""
    found = packs()
    month_parts = {w: v for p in found for w, v in p.month_parts.items()}
    return CalendarWords(
        months={form: num for p in found for num, forms in p.months.items() for form in forms.split()},
        weekdays={form: num for p in found for num, forms in p.weekdays.items() for form in forms.split()},
        relative_phrases={w: v for p in found for w, v in p.relative_phrases.items()},
        month_parts=month_parts,
        month_part_words=frozenset(
            word.strip("-") for phrase in month_parts for word in phrase.split() if len(word.strip("-")) > 1
        )
        | {w for p in found for w in p.month_part_words},
        date_links=frozenset(w for p in found for w in p.date_links),
    )
