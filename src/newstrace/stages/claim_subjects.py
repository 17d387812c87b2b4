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
from collections.abc import Callable
from dataclasses import dataclass

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
# Kinds whose people are civilians unless the text says soldiers: refugees, the displaced, protesters.
_CIVIL_KINDS = frozenset({"fled", "displaced", "protesters"})
_OF_THEM = re.compile(r"(?i)^\s+of\s+(?:them|those|these)\b")
_CASUALTY_NOUN = re.compile(r"(?i)dead|wounded|injured|deaths?|casualties|bodies|lives|victims?")


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


_ENEMY = re.compile(
    r"(?i)\b(?:the\s+)?(?:enemy|aggressor|invader|occupier|adversary)(?:['’]s|s['’])?\s+(?:\S+\s+){0,12}?$"
)


def enemy_side(head: str, text_before: str, claimant: str | None) -> str | None:
    """ "The aggressor's army was to lose 166,000 soldiers" (``head``: the sentence up to the figure): the
    side named last before (``text_before``) that is not the claimant's own; unknown without a claimant
    of a known side."""
    if claimant is None or not _ENEMY.search(head):
        return None
    own = side_of(claimant)
    if own is None:
        return None
    others = [code for _, _, code in nationality_words(text_before) if code != own]
    return others[-1] if others else None


def perpetrator(stext: str, n: Number) -> str | None:
    """Who the clause says did it: "killed by Russian forces" -> "Russian forces"."""
    m = _BY.search(clause(stext, n.end, 120))
    return m.group(1).strip() if m else None


@dataclass(frozen=True)
class _Phrase:
    """What the rules read about one figure: its clause after it (the perpetrator cut off), the people
    noun it quantifies and the side words of that noun phrase, and "<side> losses" before it."""

    stext: str
    n: Number
    kind: str
    local: list[tuple[int, int, Mention]]
    after: str
    people: re.Match[str] | None
    phrase: str
    losses: re.Match[str] | None

    @property
    def noun(self) -> str:
        return self.people.group().strip() if self.people is not None else ""


def _read(stext: str, n: Number, kind: str, local: list[tuple[int, int, Mention]]) -> _Phrase:
    after = clause(stext, n.end, 70)
    by = _BY.search(after)
    if by is not None:
        after = after[: by.start()]  # the perpetrator is not the victims
    people = PEOPLE_NOUN.match(after)
    if people is not None and _CASUALTY_NOUN.fullmatch(people.group("noun")):
        people = None  # "340 injured": no noun of victims; the figure before may name them
    phrase = "" if people is None else after[: people.end()]
    if people is not None:
        post = _POSTNOMINAL.match(after[people.end() :])
        if post is not None and side_of(post.group()):
            phrase = after[: people.end() + post.end()]  # "combattants russes", "soldats ukrainiens"
    losses = _side_losses(stext[max(0, n.start - 130) : n.start])
    if people is None and losses is not None:
        phrase = losses.group(0)  # "Russian losses ... reached 473,400"
    return _Phrase(stext, n, kind, local, after, people, phrase, losses)


Subject = tuple[str | None, str | None]


def _of_them(p: _Phrase) -> Subject | None:
    """ "executing more than 70 of them": the people named before the figure in the sentence."""
    if not _OF_THEM.match(p.stext[p.n.end :]):
        return None
    before = p.stext[: p.n.start]
    civil = list(_VICTIMS_CIVIL.finditer(before))
    forces = list(_FORCES.finditer(before))
    if civil and (not forces or civil[-1].start() > forces[-1].start()):
        return _generic_noun(civil[-1].group()), "civilian"
    if forces:
        return "soldiers", nearest_side(before[: forces[-1].start()])
    return None


def _named_body(p: _Phrase) -> Subject | None:
    """ "12 Azov fighters" read as an organisation right after the figure, with no noun of people."""
    orgs = [
        m
        for s, e, m in p.local
        if p.n.end <= s <= p.n.end + 15 and m.type in ("organization", "military_unit")
    ]
    if orgs and p.people is None:
        return orgs[0].name or orgs[0].text, side_of(p.phrase)
    return None


def _civilians(p: _Phrase) -> Subject | None:
    """Civilians by their noun; refugees, the displaced and protesters whatever their nationality."""
    noun = p.noun
    if _VICTIMS_CIVIL.search(noun) or (p.kind in _CIVIL_KINDS and not _FORCES.search(noun)):
        return _generic_noun(noun) if noun else "civilians", "civilian"
    return None


def _detained(p: _Phrase) -> Subject | None:
    """People detained who are not soldiers: civilians ("864 cases of arbitrary detention – 763 men")."""
    if p.kind != "captured" or _FORCES.search(p.noun):
        return None
    window = p.stext[max(0, p.n.start - _CONTEXT) : p.n.start] + p.after
    if _DETENTION.search(window):
        return _generic_noun(p.noun) if p.noun else "detained civilians", "civilian"
    return None


def _mixed(p: _Phrase) -> Subject | None:
    """ "tens of thousands of Russians and Ukrainians": two sides, no one side."""
    if len({code for _, _, code in nationality_words(p.phrase)}) > 1:
        return "people", None
    return None


def _sided(p: _Phrase) -> Subject:
    """The remaining figures: the side of the noun phrase, of "<side> losses", or of the nearest side
    word before a noun of soldiers ("Russia ... lost 900 soldiers")."""
    side = side_of(p.phrase)
    forces = bool(_FORCES.search(p.noun))
    if side is None and p.losses is not None and (not p.noun or forces):
        side = side_of(p.losses.group(0))  # "Russian losses in people ... is 899 soldiers"
    if side is None and forces:
        side = nearest_side(p.stext[max(0, p.n.start - _CONTEXT) : p.n.start])
    if p.people is None:
        return None, side
    if side is not None and (forces or side_of(p.noun)):
        # One ledger line per side, whatever the word for troops ("6,000 Russians", "soldats russes").
        return f"{demonym(side)} military", side
    return _generic_noun(p.noun), side


_RULES: list[Callable[[_Phrase], Subject | None]] = [_of_them, _named_body, _civilians, _detained, _mixed]


def subject_of(stext: str, n: Number, kind: str, local: list[tuple[int, int, Mention]]) -> Subject:
    """The victims' description and side: the first rule that decides, else the side of the phrase."""
    p = _read(stext, n, kind, local)
    for rule in _RULES:
        found = rule(p)
        if found is not None:
            return found
    return _sided(p)


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
