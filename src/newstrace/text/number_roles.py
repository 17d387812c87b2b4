"""What a figure counts, decided before any claim is made from it: people, military equipment, or
something that is never a casualty figure (a date, a percentage, money, a duration, an age, an
identifier, a count of attacks, weapons, buildings or places).

The role is read from the words next to the figure: the noun it quantifies ("51 attacks", "over 30
houses", "deux roquettes"), a unit glued to it ("78%", "six-year term", "£3bn"), a month beside it
("September 4", "July 11", "16 мая"), or the commas of an apposition ("Mr Smith, 55, ..."). Every
pattern is anchored at a word boundary; each one has a test with a sentence of its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from newstrace.languages import packs
from newstrace.text.claim_lexicon import alternatives_or_never

# Roles that may become a casualty claim; every other role is dropped before the kind is looked at.
CLAIMABLE = frozenset({"people", "equipment", "bare"})

# Symbols belong to no language; every word is the language packs' (``figure_roles``, ``currencies``,
# ``currency_of``, ``and_words``), joined over every pack whatever the text's language (a
# quote may be in another language than the article) and compiled on first use.
_PERCENT_SIGNS = "%"
_MONEY_SIGNS = r"[$£€₴₽]|\bUSD|\bEUR|\bUAH|\bRUB"
_IDENTIFIER_SIGNS = "#|№"


@dataclass(frozen=True, slots=True)
class _Roles:
    percent: re.Pattern[str]
    money_after: re.Pattern[str]
    duration: re.Pattern[str]
    aged: re.Pattern[str]
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    identifier_before: re.Pattern[str]
    people_noun: re.Pattern[str]
    equipment_noun: re.Pattern[str]
    thing_noun: re.Pattern[str]


def _words(key: str) -> str:
    return alternatives_or_never(key, "figure_roles")


def _noun(gap: str, key: str) -> re.Pattern[str]:
    return re.compile(rf"{gap}(?P<noun>(?:{_words(key)})\b)", re.IGNORECASE)


@functools.cache
def _roles() -> _Roles:
    """The patterns of every pack's words, built on first use."""
    currencies = [pattern for p in packs() for pattern in p.currencies.values()]
    # The money words first: the match then ends where the earlier single pattern's did ("livres").
    money = "|".join([_words("money"), *currencies])
    # Up to two modifiers between the figure and its noun ("30 more houses", "12 Ukrainian soldiers"); a
    # verb, a preposition or a casualty word ends the noun phrase ("3 died in strikes" counts no strikes).
    modifier = rf"(?!(?:{_words('gap_stop')})\b)(?:[^\W\d_][\w'’-]*)\s+"
    gap = rf"^[\s-]*(?:{_words('gap_link')})?(?:{modifier}){{0,2}}?"
    return _Roles(
        percent=re.compile(rf"(?i)^\s*(?:{_PERCENT_SIGNS}|{_words('percent')})"),
        money_after=re.compile(
            rf"(?i)^\s*(?:{_words('money_units')}|(?:{alternatives_or_never('currency_of')})?(?:{money})\b)"
        ),
        duration=re.compile(rf"(?i)^[\s-]*(?:{_words('duration')})(?!\w)"),  # "jours" is not "journalists"
        aged=re.compile(
            rf"(?i)\b(?:{_words('aged')})\s+(?:\d+\s+(?:{alternatives_or_never('and_words')})\s+)?$"
        ),
        month_before=re.compile(rf"\b(?:{_words('month_before')})\.?\s*$"),  # case kept: "may" is a verb
        month_after=re.compile(rf"(?i)^\s*(?:{_words('month_after')})\b"),
        identifier_before=re.compile(rf"(?i)(?:\b(?:{_words('identifier')})\.?|{_IDENTIFIER_SIGNS})\s*$"),
        people_noun=_noun(gap, "people"),
        equipment_noun=_noun(gap, "equipment"),
        thing_noun=_noun(gap, "things"),
    )


def people_noun() -> re.Pattern[str]:
    """The noun of people a figure counts, after up to two modifiers (group ``noun``: "12 Ukrainian
    **soldiers**")."""
    return _roles().people_noun


_MONEY_BEFORE = re.compile(rf"(?:{_MONEY_SIGNS})\s*$")
_AGE_APPOSITION = re.compile(r"(?:[A-ZА-ЯІЇЄ][\w'’-]+|\))\s*,\s*$")
_DAY_MONTH = re.compile(r"(?:0?[1-9]|[12]\d|3[01])[./](?:0[1-9]|1[0-2])")
_AGE_END = re.compile(r"^\s*(?:,|\)|$|\.\s)")


def number_role(text: str, start: int, end: int) -> str:
    """The role of the figure at ``text[start:end]``: people, equipment, bare (no noun: the predicate
    decides), or a role that is never a casualty figure (date, percent, money, duration, age,
    identifier, things)."""
    after = text[end : end + 60]
    before = text[max(0, start - 30) : start]
    if _DAY_MONTH.fullmatch(text[start:end]) and (before.endswith("(") or after.startswith(")")):
        return "date"  # "(27.04)"
    for role, test in _UNIT_RULES:
        if test(before, after):
            return role
    return _noun_role(after)


def _noun_role(after: str) -> str:
    """The first noun after the figure decides; the earliest of people, equipment and things wins."""
    found = []
    roles = _roles()
    for role, pattern in (
        ("people", roles.people_noun),
        ("equipment", roles.equipment_noun),
        ("things", roles.thing_noun),
    ):
        m = pattern.match(after)
        if m is not None:
            found.append((m.start("noun"), role))
    if not found:
        return "bare"
    return min(found)[1]


def _is_age(before: str, after: str) -> bool:
    """ "Olena Kovalenko, 55, was ..." / "(55)": a figure alone between commas after a name."""
    return bool(_AGE_APPOSITION.search(before) and _AGE_END.match(after) and not people_noun().match(after))


_UNIT_RULES: list[tuple[str, Callable[[str, str], bool]]] = [
    ("percent", lambda b, a: bool(_roles().percent.match(a))),
    ("money", lambda b, a: bool(_roles().money_after.match(a) or _MONEY_BEFORE.search(b))),
    ("duration", lambda b, a: bool(_roles().duration.match(a))),
    ("date", lambda b, a: bool(_roles().month_before.search(b) or _roles().month_after.match(a))),
    ("identifier", lambda b, a: bool(_roles().identifier_before.search(b))),
    ("age", _is_age),
    ("age", lambda b, a: bool(_roles().aged.search(b))),
]
