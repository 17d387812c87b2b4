"""Figures that take their kind from a figure before them in the same sentence, and asides that hide a
figure's predicate.

A list of victims counts the same thing as its head ("864 cases of detention, dash, 763 men, 94 women
and seven boys"); so does a figure after "including", "of whom" or a dash ("Around 100,000 people have
crossed ..., including 9,000 who ..."; "... of whom 20% are adult men, dash, roughly 860,000 people").
An aside between dashes without figures ("three journalists, dash, A, B and C, dash, had been
detained") stands between a figure and its predicate and is read as blank. Dashes are the en and em
dashes (written as escapes below).
"""

from __future__ import annotations

import functools
import re

from newstrace.text import claim_lexicon as lex
from newstrace.text.number_roles import number_role
from newstrace.text.numbers import Number

_ASIDE = re.compile(r"(?<=\w)\s[\u2013\u2014]\s[^\u2013\u2014.;:!?\d\n]{1,90}?\s[\u2013\u2014]\s")
_PEOPLE_ROLES = frozenset({"people", "bare"})
_DASHES = ("\u2013", "\u2014")


@functools.cache
def _listed() -> re.Pattern[str]:
    """Between two figures of one list: the first one's noun (one or two words) and a comma or a
    conjunction (the packs' ``list_conjunctions``), built on first use."""
    conj = lex.alternatives("list_conjunctions")
    return re.compile(rf"\s+(?:[\w'\u2019-]+\s+)?[\w'\u2019-]+\s*(?:,\s*(?:(?:{conj})\s+)?|\s(?:{conj})\s+)")


@functools.cache
def _part_of() -> re.Pattern[str]:
    """Before a figure that is part of the one before: a dash or the packs' ``part_of`` ("including",
    "among them", "of whom", "dont", "darunter"), built on first use."""
    return re.compile(rf"(?i)(?:[\u2013\u2014]|\b(?:{lex.alternatives('part_of')}))\s*$")


def inherited_kind(stext: str, n: Number, kind: str | None, previous: Number | None) -> str | None:
    """The kind of the previous figure ``previous`` (of kind ``kind``, counting people) that ``n`` shares,
    or None."""
    if kind is None or previous is None or previous.end > n.start:
        return None
    figure_start = n.end - len(n.text.split()[-1]) if n.text.split() else n.start
    role = number_role(stext, figure_start, n.end)
    if role not in _PEOPLE_ROLES:
        return None
    between = stext[previous.end : n.start]
    if ";" in between:
        return None
    if _listed().fullmatch(between):
        return kind
    part = _part_of().search(between)
    # A part named by its own noun ("98 wounded, including 16 children") is a breakdown, not a claim of
    # its own; a bare one ("including 9,000 who arrived") or a restatement after a dash is.
    if part is not None and (role == "bare" or part.group().strip() in _DASHES):
        return kind
    return None


def blank_asides(stext: str) -> str:
    """``stext`` with dash-delimited asides without figures blanked out (same length, same offsets)."""
    return _ASIDE.sub(lambda m: " " * len(m.group()), stext)
