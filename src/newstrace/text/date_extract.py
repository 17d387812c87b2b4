"""Find explicit calendar dates ("12 novembre 2022", "November 12, 2022", "12.11.2022") in text."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from newstrace.model import PartialDate
from newstrace.text.calendar_words import calendar_words


@functools.cache
def _date_pattern() -> re.Pattern[str]:
    """Full dates in every pack's month names, built on first use."""
    words = calendar_words()
    month_alt = "|".join(sorted((re.escape(m) for m in words.months), key=len, reverse=True))
    # "5 de marzo de 2024": a language pack's words linking day, month and year (none where no pack has any).
    links = "|".join(re.escape(w) for w in sorted(words.date_links))
    link = rf"(?:(?:{links})\s+)?" if links else ""
    return re.compile(
        rf"(?i)\b(?:"
        rf"(?P<d1>\d{{1,2}})(?:er|st|nd|rd|th|\.|-го)?\s+{link}(?P<m1>{month_alt})\.?,?\s+{link}(?P<y1>\d{{4}})"
        rf"|(?P<m2>{month_alt})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
        rf"|(?P<d3>\d{{1,2}})[./](?P<n3>\d{{1,2}})[./](?P<y3>\d{{4}})"
        rf"|(?P<y4>\d{{4}})-(?P<n4>\d{{2}})-(?P<d4>\d{{2}})"
        rf")\b"
    )


# Words that say the date that follows is when the article was published or updated.
PUBLICATION_MARKER = re.compile(
    r"(?i)\b(?:publié|mis à jour|modifié|published|updated|posted|veröffentlicht|aktualisiert|"
    r"опубликовано|обновлено|опубліковано|оновлено|publicado|actualizado|opublikowano)\b"
)


def find_dates(text: str) -> Iterator[tuple[int, int, PartialDate]]:
    """Yield ``(start, end, date)`` for every full calendar date (day, month and year) in ``text``."""
    months = calendar_words().months
    for m in _date_pattern().finditer(text):
        g = m.groupdict()
        try:
            if g["y1"]:
                d = PartialDate(int(g["y1"]), months[g["m1"].casefold()], int(g["d1"]))
            elif g["y2"]:
                d = PartialDate(int(g["y2"]), months[g["m2"].casefold()], int(g["d2"]))
            elif g["y3"]:
                d = PartialDate(int(g["y3"]), int(g["n3"]), int(g["d3"]))
            else:
                d = PartialDate(int(g["y4"]), int(g["n4"]), int(g["d4"]))
        except (ValueError, KeyError):
            continue
        yield m.start(), m.end(), d


def publication_date(text: str, window: int = 40) -> tuple[int, int, PartialDate] | None:
    """The first date standing right after a publication marker ("Publié le 12 novembre 2022")."""
    for marker in PUBLICATION_MARKER.finditer(text):
        chunk = text[marker.end() : marker.end() + window]
        for s, e, d in find_dates(chunk):
            return marker.end() + s, marker.end() + e, d
    return None
