"""Fast scanning of a large alternation of word-start patterns: each alternative is filed under the
characters a match can begin with (read from the parsed pattern), and the text is read word start by
word start, trying only the alternatives filed under that word's first character. Same matches, same
order of preference as one ``(?<!\\w)(?:a|b|...)`` alternation, without trying every alternative at
every word (the event stage's speed target)."""

from __future__ import annotations

import importlib
import re
from typing import Any

# The regular-expression parser (re._parser since Python 3.11, the project's floor), to read the
# characters a pattern can begin with.
_c: Any = importlib.import_module("re._constants")
_p: Any = importlib.import_module("re._parser")

_WORD_START = re.compile(r"(?<!\w)\w")
_MAX_RANGE = 200


def _nullable(items: Any) -> bool:
    return all(_item_nullable(op, av) for op, av in items)


def _item_nullable(op: Any, av: Any) -> bool:
    if op in (_c.LITERAL, _c.IN, _c.NOT_LITERAL, _c.ANY, _c.CATEGORY):
        return False
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        return bool(av[0] == 0 or _nullable(av[2]))
    if op is _c.SUBPATTERN:
        return _nullable(av[-1])
    if op is _c.BRANCH:
        return any(_nullable(b) for b in av[1])
    return True  # AT, ASSERT, ASSERT_NOT: zero-width


def _first(items: Any) -> set[str] | None:
    """The characters a match of ``items`` can start with; None where that is not known."""
    out: set[str] = set()
    for op, av in items:
        got = _first_item(op, av)
        if got is None:
            return None
        out |= got
        if not _item_nullable(op, av):
            return out
    return None  # the whole sequence may match empty: any start


def _first_item(op: Any, av: Any) -> set[str] | None:
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is _c.LITERAL:
                chars.add(chr(iav))
            elif iop is _c.RANGE and iav[1] - iav[0] <= _MAX_RANGE:
                chars.update(chr(x) for x in range(iav[0], iav[1] + 1))
            else:
                return None
        return chars
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return _first(av[2])
    if op is _c.SUBPATTERN:
        return _first(av[-1])
    if op is _c.BRANCH:
        out: set[str] = set()
        for b in av[1]:
            got = _first(b)
            if got is None:
                return None
            out |= got
        return out
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set()
    return None


def first_chars(pattern: str, flags: int = re.IGNORECASE) -> set[str] | None:
    try:
        got = _first(_p.parse(pattern, flags))
    except (re.error, TypeError, IndexError):
        return None
    if got is None:
        return None
    return {v for c in got for v in (c, c.lower(), c.upper())}


class WordStartScanner:
    """``(?<!\\w)(?:alternatives)``, case-insensitive, scanned word start by word start."""

    def __init__(self, alternatives: list[str]) -> None:
        starts = [first_chars(a) for a in alternatives]
        anywhere = [i for i, s in enumerate(starts) if s is None]
        by_char: dict[str, list[int]] = {}
        for i, s in enumerate(starts):
            for ch in s or ():
                by_char.setdefault(ch, []).append(i)
        cache: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._table: dict[str, re.Pattern[str]] = {}
        for ch, idx in by_char.items():
            key = tuple(sorted(set(idx) | set(anywhere)))
            if key not in cache:
                cache[key] = re.compile("|".join(alternatives[i] for i in key), re.IGNORECASE)
            self._table[ch] = cache[key]
        self._any = (
            re.compile("|".join(alternatives[i] for i in anywhere), re.IGNORECASE) if anywhere else None
        )

    def finditer(self, text: str) -> list[re.Match[str]]:
        out: list[re.Match[str]] = []
        pos = 0
        for w in _WORD_START.finditer(text):
            start = w.start()
            if start < pos:
                continue
            pattern = self._table.get(text[start], self._any)
            if pattern is None:
                continue
            m = pattern.match(text, start)
            if m is not None and m.end() > start:
                out.append(m)
                pos = m.end()
        return out
