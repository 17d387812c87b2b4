"""About whom a figure is: the victims, never the perpetrator.

The subject is the noun phrase the figure quantifies ("198 civilians", "5 937 soldats russes", "Russian
losses"); its side is that phrase's own: civilian for civilians, residents, children, journalists,
refugees (whatever their nationality, so the ledger never puts civilians next to soldiers), the
country code of a side's forces ("RU" for Russian soldiers, "SD" for Sudanese ones: any country, from
text/nationalities.py), none for bare "people". A perpetrator after the predicate ("killed by Russian
forces", "tués par l'armée russe") is the claim's ``by`` and says nothing of the victims' side.
"""

from __future__ import annotations

import re

from newstrace.model import Mention
from newstrace.stages.claim_kinds import clause
from newstrace.text.nationalities import demonym, nationality_words
from newstrace.text.number_roles import PEOPLE_NOUN
from newstrace.text.numbers import Number

_BY = re.compile(
    r"(?i)\b(?:by|par|от рук|от|від|durch|von)\s+((?:the\s+|l'|les?\s+|la\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:forces|troops|army|military|armée|forces armées|soldiers|soldats|shelling|strikes?|fire|"
    r"attacks?|drones?|missiles?|sniper|police|войск\w*|армі\w*|армии|Armee|Truppen)\b|"
    r"(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+))*)"
)
_FORCES = re.compile(
    r"(?i)\b(?:soldat|soldier|solder|troop|militar|serviceme|service members|forces|army|armée|fighter|"
    r"combattant|mercenar|officer|sailor|pilot|conscript|recruit|reservist|военн|солдат|військов|бійц|"
    r"бойц|Kämpfer|Soldaten)"
)
_VICTIMS_CIVIL = re.compile(
    r"(?i)\b(?:civil\w*|civilians?|residents?|inhabitants|habitants|children|kids|boys|girls|babies|"
    r"wom[ae]n|elderly|pensioners|media\s+\w+|femmes?|Frauen|женщин\w*|жінк\w*|"
    r"enfants|journalists?|reporters?|media (?:workers|professionals)|medics?|doctors?|rescuers?|"
    r"refugees|réfugiés|volunteers|мирн\w*|цивільн\w*|жител\w*|мешканц\w*|дет\w*|діт\w*|"
    r"Zivil\w*|Kinder)"
)
# "Russian losses", "the enemy's casualties", "pertes russes": a side's losses (the side word is checked
# with text/nationalities.py).
_LOSSES_OF = re.compile(
    r"(?i)([\w'’]+)\s+(?:\w+\s+)?(?:losses|casualties|victims|dead|pertes|потер\w*|втрат\w*|Verluste)"
)
_GENERIC = [
    (
        re.compile(r"(?i)soldat|soldier|troop|militaire|serviceme|военн|солдат|військов|бійц|бойц|Kämpfer"),
        "soldiers",
    ),
    (re.compile(r"(?i)civil|мирн|цивільн|Zivil"), "civilians"),
    (re.compile(r"(?i)femme|women|épouse|wives|mère|mother|женщин|жінок|Frauen"), "women"),
    (re.compile(r"(?i)enfant|child|дет|діт|Kinder"), "children"),
    (re.compile(r"(?i)\bhommes\b|\bmen\b"), "men"),
]
_CONTEXT = 80
_PERPETRATOR_BEFORE = re.compile(r"(?i)\b(?:by|par|от|від|durch|waged by)\s+(?:the\s+)?$")
_NOT_VICTIMS_AFTER = re.compile(
    r"(?i)^\w*(?:['’]s\b|\s+(?:attacks?|strikes?|shelling|missiles?|drones?|shells?|bombing|"
    r"air\s+strikes?|offensive|invasion))"
)
_POSTNOMINAL = re.compile(r"^\s+[\w-]+(?:\s+[\w-]+)?")
_DETENTION = re.compile(r"(?i)\b(?:detention|detained|arbitrar\w*)\b")
_FLIGHT_KINDS = frozenset({"fled", "displaced"})


def side_of(phrase: str) -> str | None:
    """The country of the first word of nationality in ``phrase``."""
    words = nationality_words(phrase)
    return words[0][2] if words else None


def nearest_side(text: str) -> str | None:
    """The side word nearest the end of ``text`` ("the Russian Federation ... has lost 900 soldiers"),
    leaving out perpetrators ("by Russia", "Russian attacks") and possessives of places and bodies
    ("Ukraine's Sumy oblast", "Ukraine's presidency")."""
    best: str | None = None
    for start, end, code in nationality_words(text):
        if _PERPETRATOR_BEFORE.search(text[max(0, start - 12) : start]):
            continue
        if _NOT_VICTIMS_AFTER.match(text[end:]):
            continue
        best = code
    return best


def perpetrator(stext: str, n: Number) -> str | None:
    """Who the clause says did it: "killed by Russian forces" -> "Russian forces"."""
    m = _BY.search(clause(stext, n.end, 120))
    return m.group(1).strip() if m else None


def subject_of(
    stext: str, n: Number, kind: str, local: list[tuple[int, int, Mention]]
) -> tuple[str | None, str | None]:
    """The victims' description and side."""
    after = clause(stext, n.end, 70)
    by = _BY.search(after)
    if by is not None:
        after = after[: by.start()]  # the perpetrator is not the victims
    people = PEOPLE_NOUN.match(after)
    phrase = "" if people is None else after[: people.end()]
    if people is not None:
        post = _POSTNOMINAL.match(after[people.end() :])
        if post is not None and side_of(post.group()):
            phrase = after[: people.end() + post.end()]  # "combattants russes", "soldats ukrainiens"
    losses = _side_losses(stext[max(0, n.start - 130) : n.start])
    if people is None and losses is not None:
        phrase = losses.group(0)  # "Russian losses ... reached 473,400"
    orgs = [
        m for s, e, m in local if n.end <= s <= n.end + 15 and m.type in ("organization", "military_unit")
    ]
    side = side_of(phrase)
    if orgs and people is None:
        org = orgs[0]
        return org.name or org.text, side
    noun = people.group().strip() if people is not None else ""
    if _VICTIMS_CIVIL.search(noun) or (kind in _FLIGHT_KINDS and not _FORCES.search(noun)):
        return _generic_noun(noun) if noun else "civilians", "civilian"
    if kind == "captured" and not _FORCES.search(noun) and _DETENTION.search(after):
        return _generic_noun(noun) if noun else "detained civilians", "civilian"
    if side is None and losses is not None and (not noun or _FORCES.search(noun)):
        side = side_of(losses.group(0))  # "Russian losses in people ... is 899 soldiers"
    if side is None and _FORCES.search(noun):
        side = nearest_side(stext[max(0, n.start - _CONTEXT) : n.start])  # "Russia ... lost 900 soldiers"
    if people is None:
        return None, side
    if side is not None and (_FORCES.search(noun) or side_of(noun)):
        # One ledger line per side, whatever the word for troops ("6,000 Russians", "soldats russes").
        return f"{demonym(side)} military", side
    if side is not None:
        return _generic_noun(noun), side
    return _generic_noun(noun), None


def _side_losses(text: str) -> re.Match[str] | None:
    """The last "<side> losses" before a figure, its first group the side word ("enemy" has none)."""
    found = None
    for word in re.finditer(r"\b[\w'’]+", text):  # every start: "the enemy losses" is not "the ... losses"
        m = _LOSSES_OF.match(text, word.start())
        if m is not None and (m.group(1).casefold() in ("enemy", "enemy's") or side_of(m.group(1))):
            found = m
    return found


def _generic_noun(noun: str) -> str:
    """Generic subjects in English so that the ledger groups them across languages."""
    for pattern, name in _GENERIC:
        if pattern.search(noun):
            return name
    return "people"
