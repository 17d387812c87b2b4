"""No word in the package mixes Latin and Cyrillic letters.

A Latin letter typed inside a Russian word (or a Cyrillic one inside an English word) looks right and
never matches: "bежал" with a Latin "b" silently dropped every "fled" claim in Russian. Ruff's
confusable-character rules (RUF001-RUF003) cannot see it (a Latin "b" is plain ASCII) and are off in the
modules that hold words of other languages anyway; this scan covers every source and data file.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import newstrace

PACKAGE = Path(newstrace.__file__).parent
_BINARY = frozenset({".pyc", ".png", ".jpg", ".ico", ".gif", ".woff", ".woff2", ".gz", ".bin", ".so"})
_WORD = re.compile(r"[^\W\d_]+")
# Regex escapes (\b, \w, \s ...) glue a Latin letter to the word after them: "\bне" is not "bне".
_ESCAPE = re.compile(r"\\[A-Za-z]")


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    return None


def _range_junction(line: str, pos: int) -> bool:
    """``Z`` then ``А`` in a character class ``[A-ZА-Я]``: the end of one range and the start of the next."""
    return pos >= 2 and line[pos - 2] == "-" and line[pos + 1 : pos + 2] == "-"


def mixed_words(text: str) -> list[tuple[int, str]]:
    """``(line number, word)`` for each word with both Latin and Cyrillic letters."""
    found = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = _ESCAPE.sub("  ", raw)
        for m in _WORD.finditer(line):
            word = m.group()
            scripts = [_script(ch) for ch in word]
            changes = [
                k
                for k in range(1, len(word))
                if scripts[k] and scripts[k - 1] and scripts[k] != scripts[k - 1]
            ]
            if any(not _range_junction(line, m.start() + k) for k in changes):
                found.append((lineno, word))
    return found


def package_files() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix.lower() not in _BINARY and "__pycache__" not in p.parts
    )


def test_the_scan_finds_a_latin_letter_in_a_cyrillic_word() -> None:
    assert mixed_words('re.search(r"(?i)\\b(?:fled|b\u0435\u0436\u0430\u043b)", after)') == [
        (1, "b\u0435\u0436\u0430\u043b")
    ]
    assert mixed_words("Kyiv \u041a\u0438\u0457\u0432 Kyi\u0432") == [(1, "Kyi\u0432")]
    # Not words: ranges of a character class, and regex escapes before a Cyrillic word.
    assert mixed_words('r"[A-Z\u0410-\u042f\u0406][\\w-]+", r"\\b\u043d\u0435\\b"') == []


def test_no_word_in_the_package_mixes_latin_and_cyrillic() -> None:
    files = package_files()
    assert any(p.suffix == ".py" for p in files) and any(p.parent.name != "newstrace" for p in files)
    assert any("data" in p.relative_to(PACKAGE).parts for p in files), "data files are scanned too"
    problems = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        problems += [f"{path.relative_to(PACKAGE)}:{n}: {word!r}" for n, word in mixed_words(text)]
    assert not problems, "words mixing Latin and Cyrillic letters:\n" + "\n".join(problems)
