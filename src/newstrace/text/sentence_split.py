"""Sentence spans of one line of text: syntok for the hard cases, a fast path for the plain ones.

syntok costs about half of all per-document cleaning. Most boundaries in news prose are plain ("...the
city. The mayor...": a long word, a full stop, a capital), and only abbreviations, initials, ordinals
("am 3. Oktober") and the like need syntok's rules. A line is split by the fast path only when every
candidate boundary in it is plain; otherwise the whole line goes to syntok.
"""

from __future__ import annotations

import re
from typing import Any

_CLOSERS = '»”")]›'
_CANDIDATE = re.compile(r"([.!?…]+)([\"'»”)\]›]*)(\s+)(?=\S)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)$")
# Lower-case abbreviations that end with a full stop in running text, in the languages we read.
_LOWER_ABBREVIATIONS = frozenset(
    " ".join(
        (
            "approx env etc vol janv févr fevr avr juil sept oct nov déc dec jan feb mar apr jun jul aug",
            "vgl bzw usw inkl ggf evtl resp zzgl",
            "ст ул им гг тыс млн млрд руб коп тис грн обл пос дол",
        )
    ).split()
)


def _plain_boundary(line: str, m: re.Match[str]) -> bool:
    if m.group(1)[-1] in "!?…" or len(m.group(1)) > 1:
        return True
    nxt = line[m.end()]
    if not (nxt.isupper() or nxt in "\"«“'(" or nxt.isdigit()):
        return False
    word = _WORD_BEFORE.search(line, 0, m.start())
    if word is None:
        return False  # a number or a symbol before the full stop: ordinals, amounts
    w = word.group(1)
    if w[0].isupper():
        # "Kyiv." and "Reuters." end sentences; "Gen.", "Prof.", "U.S." and initials may not.
        return len(w) >= 6 and not w.isupper()
    return len(w) >= 4 and w.casefold() not in _LOWER_ABBREVIATIONS


def fast_split(line: str) -> list[tuple[int, int]] | None:
    """Spans if every boundary candidate is plain, else ``None`` (ask syntok)."""
    spans = []
    start = len(line) - len(line.lstrip())
    for m in _CANDIDATE.finditer(line):
        if not _plain_boundary(line, m):
            return None
        spans.append((start, m.start(3)))
        start = m.end()
    end = len(line.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def syntok_split(tokenizer: Any, segmenter: Any, line: str) -> list[tuple[int, int]]:
    spans = []
    for sent in segmenter.split(tokenizer.tokenize(line)):
        if sent:
            spans.append((sent[0].offset, sent[-1].offset + len(sent[-1].value)))
    return reattach_closers(line, spans)


def reattach_closers(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """syntok starts the next sentence with the closing quote of the previous one (« ... . » Next)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            s = start
            while s < end and line[s] in _CLOSERS and _closes(line[out[-1][0] : out[-1][1]], line[s]):
                s += 1
            if s > start:
                out[-1] = (out[-1][0], s)
                while s < end and line[s].isspace():
                    s += 1
                if s >= end:
                    continue
                start = s
        out.append((start, end))
    return out


def _closes(previous: str, ch: str) -> bool:
    if ch == '"':
        return previous.count('"') % 2 == 1
    return True


# A full stop glued to the next sentence ("on Tuesday.The data"), as scraped pages often leave where a
# paragraph or a line break was: a lower-case word of three letters or more, the stop, then a capital
# and a lower-case letter. Tokens of addresses and file names ("example.Com/Path", "@user.Name") are not.
_GLUED = re.compile(r"(?<=[^\W\d_]{3})[.!?](?=[^\W\d_][^\W\d_])")
_ADDRESS = re.compile(r"[/@]|www|http", re.IGNORECASE)


def split_glued(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split each span where a sentence-final stop has no space after it."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        for m in _GLUED.finditer(line, start, end):
            before, after = line[m.start() - 1], line[m.end()]
            word = _WORD_BEFORE.search(line, start, m.start())
            if not (before.islower() and after.isupper() and line[m.end() + 1].islower()):
                continue
            if word is None or word.group(1).casefold() in _LOWER_ABBREVIATIONS:
                continue
            token_start = line.rfind(" ", start, m.start()) + 1
            token_end = line.find(" ", m.end(), end)
            if _ADDRESS.search(line, token_start, end if token_end < 0 else token_end):
                continue
            out.append((start, m.end()))
            start = m.end()
        out.append((start, end))
    return out


def split_line(tokenizer: Any, segmenter: Any, line: str) -> list[tuple[int, int]]:
    fast = fast_split(line)
    return split_glued(line, fast if fast is not None else syntok_split(tokenizer, segmenter, line))
