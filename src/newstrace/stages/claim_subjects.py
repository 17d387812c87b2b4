"""About whom a figure is: the victims, never the perpetrator.

The subject is the noun phrase the figure quantifies ("198 civilians", "5 937 soldats russes", "Russian
losses"); its side is that phrase's own: civilian for civilians, residents, children, journalists,
refugees (whatever their nationality, so the ledger never puts civilians next to soldiers), RU or UA
for a side's forces, none for bare "people". A perpetrator after the predicate ("killed by Russian
forces", "tués par l'armée russe") is the claim's ``by`` and says nothing of the victims' side.
"""

from __future__ import annotations

import re

from newstrace.model import Mention
from newstrace.stages.claim_kinds import clause
from newstrace.text import claim_lexicon as lex
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
    r"enfants|journalists?|reporters?|media (?:workers|professionals)|medics?|doctors?|rescuers?|"
    r"refugees|réfugiés|volunteers|мирн\w*|цивільн\w*|жител\w*|мешканц\w*|дет\w*|діт\w*|"
    r"Zivil\w*|Kinder)"
)
_LOSSES_OF = re.compile(
    r"(?i)\b(russian|ukrainian|russia's|ukraine's|enemy|the enemy's|российск\w*|русск\w*|росій\w*|"
    r"українськ\w*|украинск\w*|russes?|ukrainien\w*)\s+(?:\w+\s+)?(?:losses|casualties|victims|dead|"
    r"pertes|потер\w*|втрат\w*|Verluste)"
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
_POSTNOMINAL = re.compile(r"^\s+[\w-]+(?:\s+[\w-]+)?")
_FLIGHT_KINDS = frozenset({"fled", "displaced"})


def side_of(phrase: str) -> str | None:
    for code, pattern in lex.SIDES:
        if pattern.search(phrase):
            return code
    return None


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
    people = lex.PEOPLE.match(after)
    phrase = after if people is None else after[: people.end()]
    if people is not None:
        post = _POSTNOMINAL.match(after[people.end() :])
        if post is not None and side_of(post.group()):
            phrase = after[: people.end() + post.end()]  # "combattants russes", "soldats ukrainiens"
    losses = _LOSSES_OF.search(stext[max(0, n.start - 60) : n.start])
    if people is None and losses is not None:
        phrase = losses.group(0)  # "Russian losses ... reached 473,400"
    orgs = [
        m
        for s, e, m in local
        if n.end <= s <= n.end + len(phrase) + 25 and m.type in ("organization", "military_unit")
    ]
    side = side_of(phrase)
    if orgs and people is None:
        org = orgs[0]
        return org.name or org.text, side or ("RU" if org.entity_id == "organization/wagner-group" else side)
    noun = people.group().strip() if people is not None else ""
    if _VICTIMS_CIVIL.search(noun) or (kind in _FLIGHT_KINDS and not _FORCES.search(noun)):
        return _generic_noun(noun) if noun else "civilians", "civilian"
    if people is None:
        return None, side
    if side == "RU" or (
        side is None and _FORCES.search(noun) and side_of(stext[max(0, n.start - 30) : n.start]) == "RU"
    ):
        return "Russian military", "RU"
    if side == "UA":
        return "Ukrainian military", "UA"
    if side is not None:
        return _generic_noun(noun), side
    return _generic_noun(noun), None


def _generic_noun(noun: str) -> str:
    """Generic subjects in English so that the ledger groups them across languages."""
    for pattern, name in _GENERIC:
        if pattern.search(noun):
            return name
    return "people"
