"""About whom a figure is: the victims, never the perpetrator.

The subject is the noun phrase the figure quantifies ("198 civilians", "5 937 soldats russes", "Russian
losses"); its side is that phrase's own: civilian for civilians, residents, children, journalists,
refugees (whatever their nationality, so the ledger never puts civilians next to soldiers), the
country code of a side's forces ("RU" for Russian soldiers, "SD" for Sudanese ones: any country, from
text/nationalities.py), none for bare "people". A perpetrator after the predicate ("killed by Russian
forces", "tués par l'armée russe") is the claim's ``by`` and says nothing of the victims' side.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from newstrace.languages import packs
from newstrace.model import Mention
from newstrace.stages.claim_kinds import clause
from newstrace.text import claim_lexicon as lex
from newstrace.text.nationalities import demonym, nationality_words
from newstrace.text.number_roles import people_noun
from newstrace.text.numbers import Number


@dataclass(frozen=True, slots=True)
class _Words:
    """The packs' words this module reads (``claim_words`` keys, ``claim_subjects``), compiled on first
    use (``_words()``)."""

    # A perpetrator after the predicate (group 1): a preposition of the agent (``by``), then a noun of
    # armed force or attack (``agents``) or a capitalised name ("killed by Russian forces").
    by: re.Pattern[str]
    # Nouns of soldiers (``force_words``) and of civilian victims (``civilian_words``), from a word start.
    forces: re.Pattern[str]
    civilian: re.Pattern[str]
    # "Russian losses", "the enemy's casualties", "pertes russes": a side's losses (group 1 the side word,
    # checked with text/nationalities.py; ``losses``, ``the_dead``), and the enemy (``enemy``).
    losses_of: re.Pattern[str]
    enemy_word: re.Pattern[str]
    # "The aggressor's army was to lose ...": the enemy before the figure.
    enemy: re.Pattern[str]
    # Generic subjects in English, so that the ledger groups them across languages (``claim_subjects``).
    generic: tuple[tuple[re.Pattern[str], str], ...]
    # A side word that names the perpetrator ("by Russia": ``perpetrator_before``) or what is not the
    # victims ("Russian attacks", "Ukraine's": ``not_victims_after``).
    perpetrator_before: re.Pattern[str]
    not_victims_after: re.Pattern[str]
    # Detention ("arbitrary detention": ``detention``), "of them" (``of_them``), and a noun that counts
    # casualties without naming the victims ("340 injured": ``casualty_nouns``).
    detention: re.Pattern[str]
    of_them: re.Pattern[str]
    casualty_noun: re.Pattern[str]


def _generic() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Every pack's generic subjects, the names in the order the packs (registry order) first give them."""
    by_name: dict[str, list[str]] = {}
    for p in packs():
        for name, pattern in p.claim_subjects.items():
            by_name.setdefault(name, []).append(pattern)
    return tuple((re.compile("(?i)" + "|".join(pats)), name) for name, pats in by_name.items())


@functools.cache
def _words() -> _Words:
    """The patterns of every pack's words, built on first use."""
    words = lex.alternatives
    name = r"(?-i:[A-Z][\w'’-]+)"
    agent = rf"(?:{lex.article_alternatives()})?(?:[\w'’-]+\s+){{0,3}}?(?:{words('agents')})\b"
    return _Words(
        by=re.compile(rf"(?i)\b(?:{words('by')})\s+({agent}|{name}(?:\s+{name})*)"),
        forces=re.compile(rf"(?i)\b(?:{words('force_words')})"),
        civilian=re.compile(rf"(?i)\b(?:{words('civilian_words')})"),
        losses_of=re.compile(rf"(?i)([\w'’]+)\s+(?:\w+\s+)?(?:{words('losses')}|{words('the_dead')})"),
        enemy_word=re.compile(rf"(?i){words('enemy')}"),
        enemy=re.compile(rf"(?i)\b(?:{words('enemy')})\s+(?:\S+\s+){{0,12}}?$"),
        generic=_generic(),
        perpetrator_before=re.compile(rf"(?i)\b(?:{words('perpetrator_before')})\s+$"),
        not_victims_after=re.compile(rf"(?i)^\w*(?:{words('not_victims_after')})"),
        detention=re.compile(rf"(?i)\b(?:{words('detention')})\b"),
        of_them=re.compile(rf"(?i)^\s+(?:{words('of_them')})\b"),
        casualty_noun=re.compile(rf"(?i)(?:{words('casualty_nouns')})"),
    )


_CONTEXT = 80
_POSTNOMINAL = re.compile(r"^\s+[\w-]+(?:\s+[\w-]+)?")
# Kinds whose people are civilians unless the text says soldiers: refugees, the displaced, protesters.
_CIVIL_KINDS = frozenset({"fled", "displaced", "protesters"})


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
        if _words().perpetrator_before.search(text[max(0, start - 12) : start]):
            continue
        if _words().not_victims_after.match(text[end:]):
            continue
        best = code
    return best


def enemy_side(head: str, text_before: str, claimant: str | None) -> str | None:
    """ "The aggressor's army was to lose 166,000 soldiers" (``head``: the sentence up to the figure): the
    side named last before (``text_before``) that is not the claimant's own; unknown without a claimant
    of a known side."""
    if claimant is None or not _words().enemy.search(head):
        return None
    own = side_of(claimant)
    if own is None:
        return None
    others = [code for _, _, code in nationality_words(text_before) if code != own]
    return others[-1] if others else None


def perpetrator(stext: str, n: Number) -> str | None:
    """Who the clause says did it: "killed by Russian forces" -> "Russian forces"."""
    m = _words().by.search(clause(stext, n.end, 120))
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
    by = _words().by.search(after)
    if by is not None:
        after = after[: by.start()]  # the perpetrator is not the victims
    people = people_noun().match(after)
    if people is not None and _words().casualty_noun.fullmatch(people.group("noun")):
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
    if not _words().of_them.match(p.stext[p.n.end :]):
        return None
    before = p.stext[: p.n.start]
    civil = list(_words().civilian.finditer(before))
    forces = list(_words().forces.finditer(before))
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
    if _words().civilian.search(noun) or (p.kind in _CIVIL_KINDS and not _words().forces.search(noun)):
        return _generic_noun(noun) if noun else "civilians", "civilian"
    return None


def _detained(p: _Phrase) -> Subject | None:
    """People detained who are not soldiers: civilians ("864 cases of arbitrary detention – 763 men")."""
    if p.kind != "captured" or _words().forces.search(p.noun):
        return None
    window = p.stext[max(0, p.n.start - _CONTEXT) : p.n.start] + p.after
    if _words().detention.search(window):
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
    forces = bool(_words().forces.search(p.noun))
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
    """The last "<side> losses" before a figure, its first group the side word (the enemy has none)."""
    found = None
    for word in re.finditer(r"\b[\w'’]+", text):  # every start: "the enemy losses" is not "the ... losses"
        m = _words().losses_of.match(text, word.start())
        if m is not None and (_words().enemy_word.fullmatch(m.group(1)) or side_of(m.group(1))):
            found = m
    return found


def _generic_noun(noun: str) -> str:
    """Generic subjects in English so that the ledger groups them across languages."""
    for pattern, name in _words().generic:
        if pattern.search(noun):
            return name
    return "people"
