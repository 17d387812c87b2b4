"""Month and weekday names, and relative-time words, of every language pack (``newstrace.languages``).

Inflected forms are listed because news text uses them ("12 ноября", "у середу", "am Mittwoch").
Keys are lower-case; lookups fold case and accents where a language drops them in informal text.
"""

from __future__ import annotations

from newstrace.languages import packs

MONTHS: dict[str, int] = {
    form: num for p in packs() for num, forms in p.months.items() for form in forms.split()
}
# Monday = 0, as in datetime.weekday().
WEEKDAYS: dict[str, int] = {
    form: num for p in packs() for num, forms in p.weekdays.items() for form in forms.split()
}
# Relative words: value is (unit, offset) with unit in day/week/month/year.
RELATIVE_PHRASES: dict[str, tuple[str, int]] = {w: v for p in packs() for w, v in p.relative_phrases.items()}
# Words that narrow a month to its beginning, middle or end ("fin septembre", "Ende September").
MONTH_PARTS: dict[str, str] = {w: v for p in packs() for w, v in p.month_parts.items()}
MONTH_PART_WORDS = frozenset(
    word.strip("-") for phrase in MONTH_PARTS for word in phrase.split() if len(word.strip("-")) > 1
) | {w for p in packs() for w in p.month_part_words}
# Words between the day, the month and the year of a full date ("5 de marzo de 2024").
DATE_LINKS: frozenset[str] = frozenset(w for p in packs() for w in p.date_links)
