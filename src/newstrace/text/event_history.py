"""Past events dated in the text: "in 1943", "in the 1990s", "during the Second World War".

The date finder of the dates stage reads days and months; a war report also recalls history by a bare
year, a decade or an era. An event whose nearest date in its sentence is such a past time (a year
before the one before publication) is history, not the news: it takes that year as its date and the
status ``historical``, which keeps it out of the current events, their groups and their export.
"since 2014" opens a period that reaches the present, so it does not make an event historical.
"""

from __future__ import annotations

import re

_YEAR = re.compile(
    r"(?<!\w)(?:in|during|of|en|im|jahr|в|во|у|року|году)\s+(?:the\s+year\s+|l['’]an\s+|dem\s+jahr\s+)?"
    r"(?P<year>1[5-9]\d\d|20\d\d)(?![\d-]|s\b|er\b)(?![,.]?\s*(?:%|km|people|troops|soldiers|personnes))"
    r"|(?<!\w)(?P<year2>1[5-9]\d\d|20\d\d)\s+(?:году|года|році|року|рік)\b",
    re.IGNORECASE,
)
_DECADE = re.compile(
    r"(?<!\w)(?:in|during)\s+the\s+(?P<a>1[5-9]\d0|20[0-2]0)s\b|années\s+(?P<b>1[5-9]\d0|20[0-2]0)\b|"
    r"(?P<c>1[5-9]\d0|20[0-2]0)er(?:\s+jahre\w*)?\b|(?P<d>1[5-9]\d0|20[0-2]0)-(?:х|ті|их)\b",
    re.IGNORECASE,
)
# "the biggest mobilisation since the Second World War" compares with the era, it is not dated in it.
_SINCE = re.compile(
    r"(?:since|depuis|seit|after|après|nach|с|со|з|із|після|после)\s+(?:the\s+|la\s+|le\s+|l['’]|"
    r"dem\s+|der\s+)?$",
    re.IGNORECASE,
)
# Eras by the year they began.
_ERAS = (
    (
        1939,
        re.compile(
            r"second world war|world war (?:ii|2|two)\b|\bww ?(?:ii|2)\b|great patriotic war|"
            r"seconde guerre mondiale|deuxième guerre mondiale|zweite\w* weltkrieg\w*|"
            r"втор\w* миров\w*|велик\w* отечественн\w*|друг\w* світов\w*|велик\w* вітчизнян\w*",
            re.IGNORECASE,
        ),
    ),
    (
        1914,
        re.compile(
            r"first world war|world war (?:i|1|one)\b|\bww ?(?:i|1)\b|première guerre mondiale|"
            r"erste\w* weltkrieg\w*|перв\w* миров\w*|перш\w* світов\w*",
            re.IGNORECASE,
        ),
    ),
)


def past_times(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, year)`` of the bare years, decades and eras named in ``text``."""
    out = []
    for m in _YEAR.finditer(text):
        out.append((m.start(), m.end(), int(m.group("year") or m.group("year2"))))
    for m in _DECADE.finditer(text):
        decade = next(g for g in m.groups() if g)
        out.append((m.start(), m.end(), int(decade)))
    for year, pattern in _ERAS:
        out.extend(
            (m.start(), m.end(), year) for m in pattern.finditer(text) if not _SINCE.search(text[: m.start()])
        )
    return sorted(out)


def historical_year(
    text: str,
    start: int,
    end: int,
    publication_year: int | None,
    current: list[tuple[int, int]],
) -> int | None:
    """The past year the event at [start, end) of the sentence is dated to, or None where it is news:
    the nearest dated expression to the trigger must be a past time, and ``current`` lists the spans
    of the sentence's other (day or month) dates."""
    if publication_year is None:
        return None

    def gap(s: int, e: int) -> int:
        return s - end if s >= end else max(start - e, 0)

    def apposition(s: int, e: int) -> bool:
        # "The town, freed in 1943, was shelled on Sunday": a past time inside a clause set off by
        # commas dates that clause, not the trigger beyond the comma; an opening "In 1943," does.
        between = text[e:start] if e <= start else text[end:s]
        return "," in between and text[:s].strip() != "" and "," in text[:s]

    past = [
        (gap(s, e), y) for s, e, y in past_times(text) if y < publication_year - 1 and not apposition(s, e)
    ]
    if not past:
        return None
    nearest, year = min(past)
    if any(gap(s, e) < nearest for s, e in current):
        return None
    return year
