"""Counts in running text, in every language pack's words: digits with any group
separator ("5 937", "77,950", "1.200"), number words (text2num where it covers the language, the
pack's table elsewhere), multipliers ("9 millions", "60 тысяч"), collective words ("une
douzaine", "dozens", "la moitié"), ranges ("40 000 à 60 000", "between 60,000 and 70,000",
"60-70 тисяч") and bounds ("jusqu'à", "at least", "plus de", "environ", "понад").

What is not a count is left out: years, dates, ages, unit and model numbers ("unité 11097", "MK-19"),
ordinals, times, and figures glued to a unit of distance or money (the claims layer decides those).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from text_to_num import text2num

from newstrace.languages import pack
from newstrace.model import Document
from newstrace.text.number_words import number_words


@functools.cache
def _bound_re() -> re.Pattern[str]:
    """The bound words of every pack before a figure, longest first."""
    bounds = sorted(number_words().bounds, key=len, reverse=True)
    return re.compile(r"(?i)(?:^|(?<=[\s(«\"']))(" + "|".join(re.escape(b) for b in bounds) + r")\s*$")


_DIGITS = r"\d{1,3}(?:(?:[  ]\d{3})+|(?:,\d{3})+|(?:\.\d{3})+)(?!\d)|\d+(?:[.,]\d+)?"
# Not glued to a letter ("MK-19", "T-72", "Su-25" are models, not counts); "60-70" is a range.
_NUMBER = re.compile(rf"(?<![\w.,])(?<![^\W\d_]-)({_DIGITS})(?![\w]|[.,]\d)")
_RANGE_LINK = re.compile(r"^\s*(?:à|a|et|and|to|bis|und|до|и|і|-|–|or|ou|oder|или|або)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?i)(?:entre|between|zwischen|от|від|de)\s*$")
# Context that makes a number something other than a count.
_YEAR_CONTEXT = re.compile(r"(?i)(?:en|in|im|de|du|since|depuis|seit|année|year|года|року|в|у)\s*$")
_AGE_AFTER = re.compile(r"(?i)^\s*(?:ans|an|years?|-year-old|jahre|jährige|лет|года|років|роки)\b")


@dataclass(frozen=True, slots=True)
class _PackContext:
    """A language pack's own words around figures, read only in text of that language (the shared
    patterns above hold the first five languages' words and apply whatever the language)."""

    range_link: re.Pattern[str] | None
    range_open: re.Pattern[str] | None
    year_before: re.Pattern[str] | None
    year_after: re.Pattern[str] | None
    age_after: re.Pattern[str] | None


def _maybe(pattern: str, words: str) -> re.Pattern[str] | None:
    return re.compile(pattern.format(words), re.IGNORECASE) if words else None


@functools.lru_cache(maxsize=32)
def _pack_context(lang: str | None) -> _PackContext | None:
    found = pack(lang)
    if found is None or not found.figure_context:
        return None
    words = found.figure_context
    return _PackContext(
        _maybe(r"^\s*(?:{})\s*$", words.get("range_links", "")),
        _maybe(r"(?<!\w)(?:{})\s*$", words.get("range_openers", "")),
        _maybe(r"(?<!\w)(?:{})\s*$", words.get("year_before", "")),
        _maybe(r"^\s*(?:{})(?!\w)", words.get("year_after", "")),
        _maybe(r"^\s*(?:{})(?!\w)", words.get("age_after", "")),
    )


def _hit(pattern: re.Pattern[str] | None, text: str, match: bool = False) -> bool:
    if pattern is None:
        return False
    return bool(pattern.match(text) if match else pattern.search(text))


_UNIT_BEFORE = re.compile(r"(?i)(?:\bunité|\bunit|\bEinheit|в/ч|частина|часть|\bn°|\bno\.|\bnr\.|№)\s*$")
# German ordinals end with a full stop ("3. Oktober", "72. Brigade"); a sentence's last figure does too,
# so the stop counts only before a month or a unit word.
_ORDINAL_AFTER = re.compile(
    r"(?i)^(?:e|er|re|ème|st|nd|rd|th|-я|-й|-го|-ї|-а)(?!\w)|^\.(?=\s+(?:Januar|Februar|März|April|Mai|Juni|"
    r"Juli|August|September|Oktober|November|Dezember|Brigade|Armee|Division|Regiment|Bataillon|Korps|Jahrestag)\b)"
)
_TIME_AFTER = re.compile(r"(?i)^\s*(?:h\s?\d|:\d|heures?\b|hours?\b|Uhr\b|час|fois\b|times\b|раз\b|mal\b)")


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    low: float | None
    high: float | None
    bound: str  # exact, at_least, at_most, about
    text: str
    # The figures as written (both ends of a range), before a bound moves them: "more than 1,300" is
    # 1,300 here and 1,301 in ``low``. Empty for words of vague size ("des centaines").
    written: tuple[float, ...] = ()


def parse_digits(token: str) -> float | None:
    t = token.replace(" ", "").replace("\u202f", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        return float(t.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):
        return float(t.replace(".", ""))
    t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def digit_sequence(text: str) -> tuple[float, ...]:
    """Every figure written in digits, in text order: the same in a text and its translation, since
    translators keep figures (their separators change: "16 000", "16,000", "16.000")."""
    out = []
    for m in _NUMBER.finditer(text):
        value = parse_digits(m.group(1))
        if value is not None:
            out.append(value)
    return tuple(out)


def stated_figures(text: str, lang: str | None) -> frozenset[float]:
    """The counts a text states that can tell its story from another: 100 or more, as written, and not
    a year. Figures survive translation ("300 тысяч", "300 000", "300,000" are one figure), and two
    reports of one story share several of them while unrelated reports share at most a round one."""
    return frozenset(
        v
        for n in find_numbers(text, lang)
        for v in n.written
        if v >= 100 and not (1900 <= v <= 2100 and float(v).is_integer())
    )


def document_figures(doc: Document) -> frozenset[float]:
    """The figures a document states outside its boilerplate (none before it is cleaned)."""
    if doc.clean is None:
        return frozenset()
    return stated_figures(doc.analysis_view.text, doc.lang)


def _word_number_pattern(lang: str) -> re.Pattern[str] | None:
    table = number_words()
    words = (
        list(table.word_numbers.get(lang, {}))
        if lang in table.word_numbers
        else table.text2num_words.get(lang, "").split()
    )
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    joiners = "".join(f"|{re.escape(j)}[\\s-]+" for j in table.number_joiners.get(lang, ()))
    return re.compile(
        rf"(?i)(?<!\w)((?:{alt})(?:[\s-]+(?:et[\s-]+|and[\s-]+|und{joiners})?(?:{alt}))*)(?!\w)"
    )


_WORD_PATTERNS: dict[str, re.Pattern[str] | None] = {}


def _word_value(text: str, lang: str) -> float | None:
    values = number_words().word_numbers.get(lang)
    if values is not None:
        total = 0
        for w in text.lower().split():
            total += values.get(w, 0)
        return float(total) if total else None
    try:
        return float(text2num(text.lower(), lang))
    except (ValueError, TypeError):
        return None


def _is_not_a_count(text: str, s: int, e: int, value: float, lang: str | None = None) -> bool:
    before, after = text[max(0, s - 20) : s], text[e : e + 15]
    own = _pack_context(lang)
    if (
        value.is_integer()
        and 1900 <= value <= 2100
        and (
            _YEAR_CONTEXT.search(before)
            or not after.strip()[:1].isalpha()
            or (own is not None and (_hit(own.year_before, before) or _hit(own.year_after, after, True)))
        )
    ):
        return True
    if _AGE_AFTER.match(after) or _ORDINAL_AFTER.match(after) or _TIME_AFTER.match(after):
        return True
    if own is not None and _hit(own.age_after, after, True):
        return True
    if re.search(r"\d\s?[h:]\s?$", before):  # the minutes of "14 h 30"
        return True
    if _UNIT_BEFORE.search(before) and value >= 10:
        return True
    return bool(
        re.match(
            r"^\s*(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
            r"décembre|january|february|march|april|may|june|july|august|september|october|"
            r"november|december)\b",
            after,
            re.IGNORECASE,
        )
    )


def find_numbers(text: str, lang: str | None) -> Iterator[Number]:
    """Counts with their bounds and ranges, left to right; a figure inside a longer one ("thousand" in
    "almost a thousand") is part of it."""
    found = list(_find_numbers(text, lang))
    for n in found:
        if not any(
            o is not n and o.start <= n.start and n.end <= o.end and o.end - o.start > n.end - n.start
            for o in found
        ):
            yield n


def _find_numbers(text: str, lang: str | None) -> Iterator[Number]:
    raw = _digit_figures(text)
    if lang:
        raw += _word_figures(text, lang, raw)
    raw.sort()
    counts = _counts(text, raw, lang)
    i = 0
    while i < len(counts):
        number, used = _with_range(text, counts, i, lang)
        yield number
        i += used
    yield from _collectives(text)


def _digit_figures(text: str) -> list[tuple[int, int, float]]:
    """Figures written in digits, as ``(start, end, value)``."""
    raw: list[tuple[int, int, float]] = []
    for m in _NUMBER.finditer(text):
        value = parse_digits(m.group(1))
        if value is not None:
            raw.append((m.start(1), m.end(1), value))
    return raw


def _word_figures(text: str, lang: str, digits: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Figures written in words of ``lang`` that no digit figure covers."""
    if lang not in _WORD_PATTERNS:
        _WORD_PATTERNS[lang] = _word_number_pattern(lang)
    pattern = _WORD_PATTERNS[lang]
    found: list[tuple[int, int, float]] = []
    if pattern is None:
        return found
    for m in pattern.finditer(text):
        if any(a <= m.start() < b for a, b, _ in digits):
            continue
        value = _word_value(m.group(1), lang)
        if value is not None:
            found.append((m.start(1), m.end(1), value))
            continue
        # "quarante et cinquante": two numbers joined by "and", not one compound.
        pos = m.start(1)
        for piece in re.split(r"(\s+(?:et|and|und)\s+)", m.group(1)):
            v = None if re.fullmatch(r"\s+(?:et|and|und)\s+", piece) else _word_value(piece, lang)
            if v is not None:
                found.append((pos, pos + len(piece), v))
            pos += len(piece)
    return found


def _counts(text: str, raw: list[tuple[int, int, float]], lang: str | None) -> list[tuple[int, int, float]]:
    """Multipliers applied ("9 millions", "300 тысяч") and what is not a count left out."""
    counts: list[tuple[int, int, float]] = []
    multipliers = number_words().multipliers
    for s, e, v in raw:
        mm = re.match(r"[\s]*([^\W\d_]+)\.?", text[e : e + 14])
        if mm and mm.group(1).lower() in multipliers:
            v *= multipliers[mm.group(1).lower()]
            e = e + mm.end()
        if _is_not_a_count(text, s, e, v, lang):
            continue
        counts.append((s, e, v))
    return counts


def _with_range(
    text: str, counts: list[tuple[int, int, float]], i: int, lang: str | None = None
) -> tuple[Number, int]:
    """The count at ``i`` as a number, joined with the next into a range where a range word links them
    ("40 000 à 60 000", "60-70 тисяч": the multiplier of the second applies to the first); with how many
    counts it took."""
    s, e, v = counts[i]
    written: tuple[float, ...] = (v,)
    low: float | None = v
    high: float | None = v
    used = 1
    own = _pack_context(lang)
    link = text[e : counts[i + 1][0]] if i + 1 < len(counts) else None
    if link is not None and (_RANGE_LINK.match(link) or _hit(own.range_link if own else None, link, True)):
        _, e2, v2 = counts[i + 1]
        if v2 > v:
            if v2 >= 1000 and v < 1000 and v2 / 1000 == int(v2 / 1000):
                scale = 1_000_000 if v2 >= 1_000_000 and v < 1000 else 1000
                v = v * scale if v * scale < v2 else v
            low, high, e = v, v2, e2
            written = (v, v2)
            used = 2
            opener = _RANGE_OPEN.search(text[max(0, s - 12) : s])
            if opener is None and own is not None and own.range_open is not None:
                opener = own.range_open.search(text[max(0, s - 12) : s])
            if opener:
                s = s - (len(text[max(0, s - 12) : s]) - opener.start())
    s, low, high, bound = _bounded(text, s, low, high, "exact")
    return Number(s, e, low, high, bound, text[s:e], written), used


@functools.lru_cache(maxsize=1)
def _collective_pattern() -> tuple[list[str], re.Pattern[str]]:
    """All the collective phrases of the packs in one pattern, longest first, one group each (compiled once:
    a pattern per phrase and per sentence was the claims stage's hot spot)."""
    phrases = sorted(number_words().collectives, key=len, reverse=True)
    alternatives = "|".join(f"({re.escape(p)})" for p in phrases)
    return phrases, re.compile(rf"(?i)(?<!\d\s)(?<!\w)(?:{alternatives})(?!\w)")


def _collectives(text: str) -> Iterator[Number]:
    """Words of vague size ("dozens", "hundreds of thousands": one figure, the longest phrase wins)."""
    phrases, pattern = _collective_pattern()
    words = number_words()
    # One pass, the longest phrase first at each place: "thousands" inside "hundreds of thousands" is
    # not found again.
    for m in pattern.finditer(text):
        s, e = m.span()
        lo, hi, bd = words.collectives[phrases[(m.lastindex or 1) - 1]]
        bm = _bound_re().search(text[max(0, s - 25) : s])
        if lo is not None and lo < 1 and bm and words.bounds[bm.group(1).lower()] != "about":
            continue  # "fewer than half", "more than half": a share with a bound is no count
        s2, low, high, bound = (
            _bounded(text, s, lo, hi, bd) if hi is not None or bm is None else (s, lo, hi, bd)
        )
        if bm and words.bounds[bm.group(1).lower()] == "above" and hi is None and lo is not None:
            s2, low, high, bound = s - (len(text[max(0, s - 25) : s]) - bm.start(1)), lo + 1, None, "at_least"
        yield Number(s2, e, low, high, bound, text[s2:e])


def _bounded(
    text: str, s: int, low: float | None, high: float | None, bound: str
) -> tuple[int, float | None, float | None, str]:
    """Apply the bound word before a figure: "up to", "at least", "more than", "about", "nearly"."""
    bm = _bound_re().search(text[max(0, s - 25) : s])
    if not bm:
        return s, low, high, bound
    kind = number_words().bounds[bm.group(1).lower()]
    s = s - (len(text[max(0, s - 25) : s]) - bm.start(1))
    if kind == "at_most":
        return s, None, high, "at_most"
    if kind == "below":  # "nearly 1,000": at most 999
        top = high - 1 if high is not None and float(high).is_integer() else high
        return s, None, top, "at_most"
    if kind == "at_least":
        return s, low, None, "at_least"
    if kind == "above":
        return s, (low + 1 if low is not None and float(low).is_integer() else low), None, "at_least"
    return s, low, high, "about"
