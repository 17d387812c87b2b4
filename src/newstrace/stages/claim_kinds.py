"""What a figure counts: its role first (text/number_roles.py: a date, a percentage, money, a duration,
an age, an identifier or a count of things is never a claim), then the kind of claim from the words of
its own clause, nearest first: a kind word right after the figure ("140 000 blessés", "5,000
casualties"), the predicate of its comma-delimited segment ("30 людей загинули", "were killed"), a
"number of X" before it, a loss verb before a count of soldiers ("lost 5,000 soldiers").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from newstrace.languages import packs
from newstrace.text import claim_lexicon as lex
from newstrace.text.nationalities import nationality_words
from newstrace.text.number_roles import CLAIMABLE, number_role
from newstrace.text.numbers import Number

# Kinds that only a word right beside the figure may give ("au moins 16 régions", "3 000 km²").
_ADJACENT_ONLY = ("territory", "regions")
# Currency symbols belong to no language; the words for currencies are the packs' ``currencies``.
_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR"}


@dataclass(frozen=True, slots=True)
class _Words:
    """The packs' words this module reads (``claim_words`` keys, ``currencies``), compiled on first use."""

    # Where a figure's clause ends: a full stop or a contrasting conjunction (``clause_break``).
    clause_end: re.Pattern[str]
    # Money right after a figure (group 1 the currency), perhaps after a preposition ("de livres":
    # ``currency_of``), and each currency's words, by ISO code.
    money: re.Pattern[str]
    currencies: tuple[tuple[str, re.Pattern[str]], ...]
    # Words of military equipment: money spent on it is a loss of equipment (``equipment``).
    equipment: re.Pattern[str]
    # A share of people who fled ("la moitié des soldats ont fui") or of a fleet lost (``fleet``).
    fled_after: re.Pattern[str]
    fleet: re.Pattern[str]
    # A subordinate clause between the counted people and a casualty word: the word is about someone
    # else ("three workers at the colony where X died"; ``elsewhere``).
    elsewhere: re.Pattern[str]
    # "killed, injured or captured 5,000 troops" (``listed``), right before the figure.
    listed: re.Pattern[str]
    # "mobilizing 100,000 troops along the border": a build-up, not a loss (``deployed``).
    deployed: re.Pattern[str]
    # "one of the journalists injured": one of a group, not a count (``one_of``).
    one_of: re.Pattern[str]
    # "<side> losses", group 1 the word before them (``losses``); the words for the enemy (``enemy``)
    # and the possessive ending a side's name may take ("Russia's": ``possessive_ending``).
    side_losses: re.Pattern[str]
    enemy: re.Pattern[str]
    possessive: re.Pattern[str] | None


def _currencies() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (code, re.compile(pattern, re.IGNORECASE)) for p in packs() for code, pattern in p.currencies.items()
    )


@functools.cache
def _words() -> _Words:
    """The patterns of every pack's words, built on first use."""
    words = lex.alternatives
    currencies = _currencies()
    money = "|".join([c.pattern for _, c in currencies] + [re.escape(s) for s in _SYMBOLS])
    possessive = words("possessive_ending")
    return _Words(
        clause_end=re.compile(rf"[;.!?]|, (?:{words('clause_break')})"),
        money=re.compile(rf"(?i)^\s*(?:{words('currency_of')})?({money})"),
        currencies=currencies,
        equipment=re.compile(rf"(?i){words('equipment')}"),
        fled_after=re.compile(rf"(?i)\b(?:{words('fled_after')})"),
        fleet=re.compile(rf"(?i){words('fleet')}"),
        elsewhere=re.compile(rf"(?i)\b(?:{words('elsewhere')})\b"),
        listed=re.compile(rf"(?i)\b(?:{words('listed')})\s*$"),
        deployed=re.compile(rf"(?i)^\s*(?:{words('deployed')})"),
        one_of=re.compile(rf"(?i)^\s*(?:{words('one_of')})\b"),
        side_losses=re.compile(rf"(?i)([\w'’]+)\s+(?:\w+\s+)?(?:{words('losses')})\b"),
        enemy=re.compile(rf"(?i){words('enemy')}"),
        possessive=re.compile(rf"(?:{possessive})$") if possessive else None,
    )


Kind = tuple[str | None, str]


def clause(stext: str, start: int, length: int = 90) -> str:
    chunk = stext[start : start + length]
    m = _words().clause_end.search(chunk)
    return chunk[: m.start()] if m else chunk


def kind_in(window: str, nearest_end: bool = False) -> tuple[str | None, int]:
    """The kind whose word comes first in ``window`` (or last, nearest to a figure that follows)."""
    best: tuple[int, int, str] | None = None
    for priority, (kind, pattern) in enumerate(lex.claim_words().kinds):
        hits = list(pattern.finditer(window))
        if not hits:
            continue
        pos = hits[-1].start() if nearest_end else hits[0].start()
        key = (-pos if nearest_end else pos, priority)
        if best is None or key < best[:2]:
            best = (key[0], priority, kind)
    if best is None:
        return None, -1
    return best[2], (-best[0] if nearest_end else best[0])


def kind_of(stext: str, n: Number) -> Kind:
    """The kind and unit of the figure ``n`` of sentence ``stext``, or ``(None, "")``."""
    figure_start = n.end - len(n.text.split()[-1]) if n.text.split() else n.start
    if (n.low is not None and n.low < 1) or (n.high is not None and n.high < 1):
        return _share(stext, n)
    after = clause(stext, n.end)
    adjacent, pos = kind_in(after)
    if adjacent in _ADJACENT_ONLY and pos <= 25:
        return adjacent, "km2" if adjacent == "territory" else "regions"
    role = number_role(stext, figure_start, n.end)
    if role == "money":
        money = _words().money.match(stext[n.end : n.end + 25])
        if money is not None and _words().equipment.search(stext):
            return "equipment_lost", _currency(money.group(1))
        return None, ""
    if role not in CLAIMABLE:
        return None, ""
    if n.low == 1 and n.high == 1 and _words().one_of.match(stext[n.end :]):
        return None, ""  # "one of the journalists injured": one of a group, not a count
    if role == "equipment":
        return _equipment(stext, n)
    if _words().deployed.match(stext[n.end : n.end + 70]):
        return None, ""  # "mobilizing 100,000 troops along the border": a build-up, not a loss
    return _people(stext, n, role)


def _share(stext: str, n: Number) -> Kind:
    """ "la moitié des soldats ont fui": a share, only as a plain fraction ("fewer than half" is no count)."""
    if n.bound not in ("exact", "about"):
        return None, ""
    after = clause(stext, n.end)
    if _words().fleet.search(after):
        return "equipment_lost", "share of tank fleet"
    if _words().fled_after.search(after):
        return "fled", "share"
    kind, _ = kind_in(stext[max(0, n.start - 60) : n.end + 80])
    return (kind, "share") if kind in ("killed", "wounded", "captured") else (None, "share")


def _equipment(stext: str, n: Number) -> Kind:
    """Military equipment counts only when the clause says it was lost, destroyed or captured."""
    head = stext[max(0, n.start - 120) : n.start]
    stop = max(head.rfind("."), head.rfind(";"))
    window = head[stop + 1 :] + clause(stext, n.end)
    if lex.claim_words().equipment_loss.search(window):
        return "equipment_lost", "equipment"
    return None, ""


def _segment(stext: str, n: Number) -> tuple[str, str]:
    """The comma-delimited segment around the figure, split at it."""
    seg_start = max(stext.rfind(",", 0, n.start), stext.rfind(";", 0, n.start)) + 1
    seg_end_m = re.search(r"[,;.!?]", stext[n.end :])
    seg_end = n.end + seg_end_m.start() if seg_end_m else len(stext)
    return stext[seg_start : n.start], stext[n.end : seg_end]


_NEAR_BEFORE = 40


def _people(stext: str, n: Number, role: str) -> Kind:
    people = lex.claim_words().people.match(stext[n.end : n.end + 40])
    head = stext[max(0, n.start - 50) : n.start]
    listed = _words().listed.search(head)
    if listed is not None:
        return "killed_or_wounded", "people"  # "killed, injured or captured 5,000 troops"
    before_seg, after_seg = _segment(stext, n)
    elsewhere = _words().elsewhere.search(after_seg)
    seg_after, _ = kind_in(after_seg[: elsewhere.start()] if elsewhere else after_seg)
    # Only the words just before the figure: "caused the death of over 500", not a word of the
    # sentence's opening ("The circumstances of the murder ... whether three men knew each other").
    seg_before, _ = kind_in(before_seg[-_NEAR_BEFORE:], nearest_end=True)
    for k in (seg_after, seg_before):
        if k is not None and k not in (*_ADJACENT_ONLY, "equipment_lost"):
            return k, "people"
    after = clause(stext, n.end)
    if people is not None and _protesters(stext, n, people.group(), after):
        return "protesters", "people"  # "thousands of residents marched", "a rally of 5,000 people"
    kind, pos = kind_in(after)
    if kind is not None and kind not in _ADJACENT_ONLY and pos <= 4:
        return kind, "people"  # "140 000 blessés": the word right after the figure says what it counts
    if _side_losses(stext[max(0, n.start - 130) : n.start]):
        return "killed_or_wounded", "people"  # "Russian losses ... amounted to 899 soldiers"
    counted = lex.claim_words().number_of.search(stext[max(0, n.start - 70) : n.start])
    figure_start = n.end - len(n.text.split()[-1]) if n.text.split() else n.start
    if counted is None and lex.claim_words().number_is.search(stext[:figure_start]):
        counted = _last(lex.claim_words().number_of.finditer(stext[: n.start]))
    if counted is not None:
        k, _ = kind_in(counted.group(1))
        if k is not None:
            return k, "people"  # "le nombre de morts ... pourrait atteindre 60 000"
    before45 = stext[max(0, n.start - 45) : n.start]
    if people is not None and lex.claim_words().lost.search(before45):
        return "killed", "people"  # "l'armée russe avait perdu un total de 77 950 soldats"
    if (
        people is not None
        and kind is not None
        and kind not in (*_ADJACENT_ONLY, "equipment_lost")
        and not _words().elsewhere.search(after[people.end() : pos])
    ):
        return kind, "people"  # "198 civilians, including three children, had been killed"
    return None, ""


def _protesters(stext: str, n: Number, people: str, after: str) -> bool:
    """People (not troops) with a protest word in their clause or right before them."""
    words = lex.claim_words().protest
    protest = words.search(after) or words.search(stext[max(0, n.start - 25) : n.start])
    return protest is not None and not lex.claim_words().not_protesters.match(people)


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = None
    for m in matches:
        found = m
    return found


def _side_losses(text: str) -> bool:
    """Whether ``text`` speaks of a side's losses: a word of nationality, of any country ("Russian",
    "Israel's", "суданских"), or the enemy ("the enemy's") before a word for losses."""
    for word in re.finditer(r"\b[\w'’]+", text):  # every start: "the enemy losses" is not "the ... losses"
        m = _words().side_losses.match(text, word.start())
        if m is not None and _is_side(m.group(1)):
            return True
    return False


def _is_side(word: str) -> bool:
    if _words().enemy.fullmatch(word):
        return True
    possessive = _words().possessive
    bare = possessive.sub("", word) if possessive is not None else word
    return bool(nationality_words(word) or nationality_words(bare))


def _currency(word: str) -> str:
    """The ISO code of a currency as written (a symbol or a pack's word); dollars where none says."""
    if word in _SYMBOLS:
        return _SYMBOLS[word]
    return next((code for code, pattern in _words().currencies if pattern.fullmatch(word)), "USD")
