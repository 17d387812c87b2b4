"""Unicode repair, entity decoding, whitespace and quote normalisation as edits of a text view, so that
raw offsets survive every step."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterator

import ftfy

from newstrace.model import Edit, TextView

# Same-length substitutions first: they keep one-to-one offsets. Typographic spaces become plain spaces so
# that "5 937" (with a no-break or thin space) reads as one number downstream.
_SPACE_LIKE = "\u00a0\u2007\u2009\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u205f\u3000\t\f\v"
_CHAR_MAP = {ord(c): " " for c in _SPACE_LIKE} | {
    ord("\u2018"): "'",
    ord("\u2019"): "'",
    ord("\u201a"): "'",
    ord("\u02bc"): "'",
    ord("\u201c"): '"',
    ord("\u201d"): '"',
    ord("\u201e"): '"',
    ord("\u2033"): '"',
    ord("\u2010"): "-",
    ord("\u2011"): "-",
    ord("\r"): "\n",
}
# Invisible characters scrapers leave behind: zero-width spaces and joiners, soft hyphens, BOMs.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES = re.compile(r" {2,}")
_EDGE_SPACES = re.compile(r"(?m)^ +| +$")
_BLANK_RUNS = re.compile(r"\n{3,}")


# Cheap screen for lines ftfy may need to repair: UTF-8 read as cp1252/latin-1 ("Ã©", "â€™", "Â "),
# UTF-8 Cyrillic read as cp1251 ("РїСЂ"), C1 controls, ligatures. ftfy costs about as much as all the
# other cleaning together, and clean lines (nearly all) never need it.
_SUSPECT = re.compile(
    "[ÃÂÅÐÑØÙâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[РС][\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030\u0409\u2039\u040a\u040c"
    "\u040b\u040f\u0452\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u2122\u0459\u203a\u045a\u045c"
    "\u045b\u045f\u040e\u045e\u0408\u00a4\u0490\u00a6\u00a7\u0401\u00a9\u0404\u00ab\u00ac\u00ae"
    "\u0407\u00b0\u00b1\u0406\u0456\u0491\u00b5\u00b6\u00b7\u0451\u2116\u0454\u00bb\u0458\u0405"
    "\u0455\u0457]"
    "|[\u0080-\u009f\ufb00-\ufb06\uff01-\uff5e]"
)


def _ftfy_edits(text: str) -> Iterator[Edit]:
    """Line by line so that a fix in one line does not blur the offsets of the others."""
    pos = 0
    for line in text.splitlines(keepends=True):
        if not _SUSPECT.search(line):
            pos += len(line)
            continue
        fixed = ftfy.fix_text(line, uncurl_quotes=False, fix_line_breaks=False)
        if fixed != line:
            matcher = difflib.SequenceMatcher(a=line, b=fixed, autojunk=False)
            for op, a0, a1, b0, b1 in matcher.get_opcodes():
                if op != "equal":
                    yield Edit(pos + a0, pos + a1, fixed[b0:b1])
        pos += len(line)


def _regex_edits(pattern: re.Pattern[str], text: str, replace: str | None = None) -> list[Edit]:
    edits = []
    for m in pattern.finditer(text):
        new = html.unescape(m.group()) if replace is None else replace
        if new != m.group():
            edits.append(Edit(m.start(), m.end(), new))
    return edits


def normalise_view(view: TextView) -> TextView:
    """Repair and normalise a view; every step is an edit, so raw offsets survive."""
    if _SUSPECT.search(view.text):
        view = view.edit(_ftfy_edits(view.text))
    view = view.edit(_regex_edits(_ENTITY, view.text))
    translated = view.text.translate(_CHAR_MAP)
    if translated != view.text:
        view = view.edit(
            Edit(i, i + 1, b) for i, (a, b) in enumerate(zip(view.text, translated, strict=True)) if a != b
        )
    view = view.edit(_regex_edits(_INVISIBLE, view.text, ""))
    return tidy(view)


def tidy(view: TextView) -> TextView:
    """Fold space runs and blank-line runs, strip line edges and the ends of the text.

    Also used after boilerplate removal, which leaves holes where lines were.
    """
    view = view.edit(_regex_edits(_SPACES, view.text, " "))
    view = view.edit(_regex_edits(_EDGE_SPACES, view.text, ""))
    view = view.edit(_regex_edits(_BLANK_RUNS, view.text, "\n\n"))
    text = view.text
    lead = len(text) - len(text.lstrip("\n "))
    if lead:
        view = view.edit([Edit(0, lead, "")])
    text = view.text
    trail = len(text) - len(text.rstrip("\n "))
    if trail:
        view = view.edit([Edit(len(text) - trail, len(text), "")])
    return view
