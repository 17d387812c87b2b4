"""Remove what is not the article's prose from text that arrives already extracted.

Works on lines (scraped paragraphs) with features rather than strings: credit patterns, credits that
recur in the same document, captions standing before a credit, near-identical caption versions, the
headline repeated in the body, teaser labels, markup debris, interface words. Every removal is kept with
its reason; paragraphs that start mid-sentence are kept and flagged, never removed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from newstrace.model import Document, Edit, Flag, RemovedSpan, TextView, Title, TitleSource
from newstrace.pipeline.stage import BaseStage
from newstrace.text import boilerplate_patterns as pat
from newstrace.text.cleaning import tidy

# A caption is a line of its own and short; above this length a line is prose even if it ends oddly.
MAX_CAPTION_CHARS = 400
# Lines this short that end in a full stop still count as captions when a credit line follows them.
SHORT_CAPTION_CHARS = 160
# Credits are short: "IBTimes US", "Getty Images", "AFP via Getty Images".
MAX_CREDIT_WORDS = 5
MAX_CREDIT_CHARS = 48
# Two captions of the same picture differ by a word or two; prose paragraphs are never this alike.
CAPTION_TWIN_RATIO = 0.75
MAX_HEADLINE_CHARS = 200
# A trailing credit ("Crédit : ASLAN – Twitter", "(Photo by STR / AFP)") fits in this many characters.
_CREDIT_TAIL = 120
_NORM = re.compile(r"[\W_]+")
_LEAD_END = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True, slots=True)
class _Line:
    index: int
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for i, chunk in enumerate(text.split("\n")):
        if chunk.strip():
            out.append(_Line(i, pos, pos + len(chunk), chunk))
        pos += len(chunk) + 1
    return out


def _norm(text: str) -> str:
    return _NORM.sub(" ", text.casefold()).strip()


def _is_heading_or_bullet(text: str) -> bool:
    words = text.split()
    shouting = text.upper() == text and any(c.isalpha() for c in text)
    return bool(pat.BULLET.match(text)) or (shouting and len(words) <= 4)


def _short_unpunctuated(line: _Line) -> bool:
    words = line.text.split()
    return (
        len(words) <= MAX_CREDIT_WORDS
        and len(line.text) <= MAX_CREDIT_CHARS
        and not pat.TERMINAL.search(line.text)
        and not _is_heading_or_bullet(line.text)
    )


class _Removals:
    """Collects removals in view coordinates; a line is removed at most once."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int, str]] = []
        self.lines: set[int] = set()

    def line(self, line: _Line, reason: str) -> None:
        if line.index not in self.lines:
            self.lines.add(line.index)
            self.spans.append((line.start, line.end, reason))

    def inline(self, start: int, end: int, reason: str) -> None:
        self.spans.append((start, end, reason))


def _recurring_credits(lines: list[_Line]) -> set[str]:
    """Short unpunctuated lines whose text also ends another line: an outlet credit used twice."""
    found = set()
    for cand in lines:
        if not _short_unpunctuated(cand):
            continue
        needle = cand.text.strip()
        hits = sum(1 for other in lines if other.text == needle or other.text.endswith(" " + needle))
        if hits >= 2:
            found.add(needle)
    return found


def _is_credit_line(text: str, recurring: set[str]) -> bool:
    t = text.strip()
    return bool(pat.CREDIT_LINE.match(t)) or t.casefold() in pat.AGENCY_CREDITS or t in recurring


def _has_trailing_credit(text: str, recurring: set[str]) -> bool:
    if len(text) > MAX_CAPTION_CHARS:
        return False
    # Credits are short and stand at the end: search only the tail of the line.
    tail = max(0, len(text) - _CREDIT_TAIL)
    return bool(pat.TRAILING_CREDIT.search(text, tail)) or any(text.endswith(" " + c) for c in recurring)


def _caption_for_credit(lines: list[_Line], pos: int, rm: _Removals, protected: int) -> int | None:
    """The caption a credit line belongs to: the line right above it, else the line right below it.

    Only lines in the same block (no blank line between) qualify: a credit standing between blank lines
    belongs to a picture whose caption the scraper did not keep, and the headline above it is not one.
    """
    credit = lines[pos]
    before = lines[pos - 1] if pos > 0 else None
    after = lines[pos + 1] if pos + 1 < len(lines) else None
    if (
        before is not None
        and before.index == credit.index - 1
        and before.index not in rm.lines
        and before.index != protected
        and len(before.text) <= MAX_CAPTION_CHARS
        and not _is_heading_or_bullet(before.text)
        and (not pat.TERMINAL.search(before.text) or len(before.text) <= SHORT_CAPTION_CHARS)
    ):
        return pos - 1
    if (
        after is not None
        and after.index == credit.index + 1
        and after.index not in rm.lines
        and len(after.text) <= SHORT_CAPTION_CHARS
        and not _is_heading_or_bullet(after.text)
    ):
        return pos + 1
    return None


def _mark_captions(lines: list[_Line], rm: _Removals, protected: int) -> None:
    """``protected`` is the index of a line known to be the headline (from a plain-text header)."""
    recurring = _recurring_credits(lines)
    captions: list[int] = []
    for pos, line in enumerate(lines):
        if line.index in rm.lines:
            continue
        if _is_credit_line(line.text, recurring):
            rm.line(line, "credit")
            cap = _caption_for_credit(lines, pos, rm, protected)
            if cap is not None:
                rm.line(lines[cap], "caption")
                captions.append(cap)
        elif _has_trailing_credit(line.text, recurring):
            rm.line(line, "caption")
            captions.append(pos)
    # Scrapers often keep two versions of one caption side by side.
    for pos in captions:
        for near in (pos - 1, pos + 1):
            if not 0 <= near < len(lines) or lines[near].index in rm.lines:
                continue
            if abs(lines[near].index - lines[pos].index) != 1:
                continue
            a, b = _norm(lines[pos].text), _norm(lines[near].text)
            if difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() >= CAPTION_TWIN_RATIO:
                rm.line(lines[near], "caption")


def _find_title(doc: Document, view: TextView, lines: list[_Line], rm: _Removals) -> tuple[Title | None, int]:
    """Return the title and the index of the headline line in ``lines`` (-1 when it is not in the text)."""
    remaining = [(pos, ln) for pos, ln in enumerate(lines) if ln.index not in rm.lines]
    first = remaining[0] if remaining else None
    if doc.meta.headline is not None and first is not None:
        pos, ln = first
        return Title(ln.text, TitleSource.HEADLINE, view.to_raw(ln.start, ln.end)), pos
    if doc.meta.title:
        if first is not None and _norm(first[1].text) == _norm(doc.meta.title):
            pos, ln = first
            return Title(doc.meta.title, TitleSource.METADATA, view.to_raw(ln.start, ln.end)), pos
        return Title(doc.meta.title, TitleSource.METADATA), -1
    if first is None:
        return None, -1
    pos, ln = first
    words = ln.text.split()
    prose = [line for _, line in remaining if not _is_heading_or_bullet(line.text)]
    if (
        len(ln.text) <= MAX_HEADLINE_CHARS
        and len(words) >= 3
        and not _is_heading_or_bullet(ln.text)
        and not re.search(r"[.:;,]['\"»”]*$", ln.text)
    ):
        return Title(ln.text, TitleSource.HEADLINE, view.to_raw(ln.start, ln.end)), pos
    if not prose:
        return None, -1
    ln = prose[0]
    m = _LEAD_END.search(ln.text)
    end = m.end() if m and m.end() <= MAX_HEADLINE_CHARS else min(len(ln.text), MAX_HEADLINE_CHARS)
    lead = ln.text[:end].rstrip()
    return Title(lead, TitleSource.LEAD, view.to_raw(ln.start, ln.start + len(lead))), -1


def _mark_repeats(lines: list[_Line], title: Title | None, headline_pos: int, rm: _Removals) -> None:
    title_key = _norm(title.text) if title is not None else ""
    seen: set[str] = set()
    for pos, line in enumerate(lines):
        if line.index in rm.lines:
            continue
        key = _norm(line.text)
        if (
            pos != headline_pos
            and title_key
            and key == title_key
            and title is not None
            and title.source is not TitleSource.LEAD
        ):
            rm.line(line, "repeated_headline")
        elif key in seen and len(key.split()) >= 4:
            rm.line(line, "repeated_line")
        seen.add(key)


def _mark_inline(lines: list[_Line], rm: _Removals, protected: int) -> None:
    for line in lines:
        if line.index in rm.lines or line.index == protected:
            continue
        text = line.text
        if pat.MARKUP_LINE.match(text) or pat.CODE_LINE.match(text):
            rm.line(line, "markup")
            continue
        if pat.UI_LINE.match(text):
            rm.line(line, "interface")
            continue
        if pat.NAVIGATION.match(text) and len(text.split()) <= 12 and not pat.TERMINAL.search(text):
            rm.line(line, "navigation")
            continue
        if len(text) <= MAX_CAPTION_CHARS and pat.COPYRIGHT.search(text):
            rm.line(line, "copyright")
            continue
        if pat.DATELINE.match(text):
            rm.line(line, "dateline")
            continue
        if pat.BYLINE.match(text) and len(text.split()) <= 6:
            rm.line(line, "byline")
            continue
        teaser = pat.TEASER.search(text) if ":" in text else None
        if teaser:
            end = _teaser_end(text, teaser.end())
            if teaser.start() == 0 and end == len(text):
                rm.line(line, "teaser")
                continue
            rm.inline(line.start + teaser.start(), line.start + end, "teaser")
            text = text[: teaser.start()] + " " * (end - teaser.start()) + text[end:]
        for m in pat.MARKUP.finditer(text):
            rm.inline(line.start + m.start(), line.start + m.end(), "markup")
        for m in pat.CODE.finditer(text):
            rm.inline(line.start + m.start(), line.start + m.end(), "markup")


def _teaser_end(text: str, after_label: int) -> int:
    """Where an inlined teaser headline ends: before the prose that resumes after it, else at the first
    sentence end, else at the end of the line. Headlines carry no full stop; prose resumes with a capital
    sentence opener ("Sur", "The", "Die", "В") a few words in."""
    words = list(re.finditer(r"\S+", text[after_label:]))
    for i, w in enumerate(words):
        if i >= 3 and w.group()[0].isupper() and w.group().casefold() in pat.SENTENCE_OPENERS:
            prev = words[i - 1].group()
            if not prev.endswith((":", "«", '"')):
                return after_label + words[i - 1].end()
        if w.group().endswith((".", "!", "?")) and i >= 2:
            return after_label + w.end()
    return len(text)


def _fragments(lines: list[_Line], rm: _Removals) -> Iterator[_Line]:
    for line in lines:
        if line.index in rm.lines:
            continue
        stripped = line.text.lstrip("\"'«“„‹-–— ")
        if stripped and stripped[0].isalpha() and stripped[0].islower():
            yield line


class BoilerplateStage(BaseStage):
    name = "boilerplate"
    requires = frozenset({"clean"})
    provides = frozenset({"removed", "flags", "title"})

    def process(self, doc: Document) -> Document:
        view = doc.require_clean()
        lines = _lines(view.text)
        rm = _Removals()
        # The headline of a plain-text header is the first line of the clean text.
        protected = lines[0].index if doc.meta.headline is not None and lines else -1
        _mark_captions(lines, rm, protected)
        _mark_inline(lines, rm, protected)
        title, headline_pos = _find_title(doc, view, lines, rm)
        _mark_repeats(lines, title, headline_pos, rm)
        flags = tuple(
            Flag(*view.to_raw(ln.start, ln.end), "starts_mid_sentence", self.name)
            for ln in _fragments(lines, rm)
        )
        removed = []
        edits = []
        for start, end, reason in sorted(_merge(rm.spans)):
            rs, re_ = view.to_raw(start, end)
            removed.append(RemovedSpan(rs, re_, reason, doc.raw[rs:re_], self.name))
            edits.append(Edit(start, end, ""))
        new_view = tidy(view.edit(edits))
        return self.done(
            doc,
            clean=new_view,
            title=title,
            removed=doc.removed + tuple(removed),
            flags=doc.flags + flags,
        )


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop spans nested in an earlier one (an inline tag inside a removed line)."""
    out: list[tuple[int, int, str]] = []
    for s, e, r in sorted(spans, key=lambda x: (x[0], -x[1])):
        if out and s < out[-1][1]:
            ps, pe, pr = out[-1]
            out[-1] = (ps, max(pe, e), pr)
            continue
        out.append((s, e, r))
    return out
