"""A single person who is the whole subject of a casualty clause counts as one: "Captain X was killed",
"A 53-year-old woman was wounded", "the journalist died", "Olena a été tuée", "Іван загинув".

The subject is a person the entity stage found, or a described singular person (an article, optional
age and modifiers, and a singular noun of person), right before a singular casualty predicate. Plural
predicates and subjects are left to the figures (text/numbers.py).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newstrace.languages import packs
from newstrace.model import Mention
from newstrace.stages.claim_subjects import nearest_side, perpetrator, side_of
from newstrace.text import claim_lexicon as lex
from newstrace.text.numbers import Number

# The kinds a singular predicate may give, tried in this order at each position.
_KINDS = ("killed", "wounded", "captured", "missing")
# Appositions between the name and the predicate: ", 55, who worked for ...," (commas shared).
_APPOSITIONS = r"(?:(?:\s*,[^,]{1,90}){1,3},)?"


@dataclass(frozen=True, slots=True)
class _Words:
    """The packs' words this module reads (``person_predicates``, ``person_verbs``, ``claim_words`` keys),
    compiled on first use (``_words()``)."""

    # A singular casualty predicate, its group named by its kind.
    predicate: re.Pattern[str]
    # A described singular person right before it: an opening article (``person_openers``), up to three
    # words and a noun of person (``person_nouns``), perhaps with a relative ("a prosecutor and his
    # deputy": ``pair``, two in all).
    described: re.Pattern[str]
    pair_end: re.Pattern[str]
    named_gap: re.Pattern[str]
    # A bare name or a pronoun opening the clause ("Kamenev was shot dead"); capitalised words that open
    # a sentence are no name (``not_names``).
    bare_name: re.Pattern[str]
    # Nouns of a civilian person (``civilian_persons``).
    civil: re.Pattern[str]
    # Active voice with one person as the object: "killed a resident", "wounded the deputy mayor"
    # (``person_verbs``, ``object_articles``); and "X was killed alongside journalist Y": Y too
    # (``alongside_verbs``, ``alongside``).
    object: re.Pattern[str]
    verbs: tuple[tuple[str, re.Pattern[str]], ...]
    alongside: re.Pattern[str]
    # "the colony where X died": a place described, not a death reported (``where``); "Ivan and Olena
    # died": several people (``and_words``).
    where: re.Pattern[str]
    and_word: re.Pattern[str]


def _by_kind(field: str) -> dict[str, str]:
    """One alternation per kind of every pack's ``field``, in the order of ``_KINDS``."""
    return {
        kind: "|".join(p for pack in packs() if (p := getattr(pack, field).get(kind)))
        for kind in _KINDS
        if any(kind in getattr(pack, field) for pack in packs())
    }


@functools.cache
def _words() -> _Words:
    """The patterns of every pack's words, built on first use."""
    words = lex.alternatives
    nouns = f"(?:{words('person_nouns')})"
    pair = rf"\s+(?:{words('pair')})\s+[\w'’-]+"
    name = r"[A-Z][\w'’-]+"
    verbs = _by_kind("person_verbs")
    return _Words(
        predicate=re.compile(
            "|".join(rf"(?P<{kind}>\b(?:{p})\b)" for kind, p in _by_kind("person_predicates").items()),
            re.IGNORECASE,
        ),
        described=re.compile(
            rf"(?i)(?:^|[\s,.;:(\"“])((?:{words('person_openers')})\s+(?:[\w'’-]+\s+){{0,3}}?{nouns}(?:{pair})?)"
            rf"(?:\s*,[^,]{{1,60}},)?\s+$"
        ),
        pair_end=re.compile(rf"{pair}\s*$"),
        named_gap=re.compile(rf"^{_APPOSITIONS}\s+$"),
        bare_name=re.compile(
            rf"(?:^|[.;:!?\"“]\s*)((?-i:(?!(?:{words('not_names')})\b){name}(?:\s+{name}){{0,2}})){_APPOSITIONS}\s+$"
        ),
        civil=re.compile(rf"(?i)\b(?:{words('civilian_persons')})\b"),
        object=re.compile(
            rf"(?i)\b(?P<verb>{'|'.join(verbs.values())})\s+"
            rf"(?P<object>(?:{words('object_articles')})\s+(?:[\w'’-]+\s+){{0,3}}?{nouns})\b"
        ),
        verbs=tuple((kind, re.compile(rf"(?i)(?:{p})")) for kind, p in verbs.items()),
        alongside=re.compile(rf"(?i)\b(?P<verb>{words('alongside_verbs')})\s+(?:{words('alongside')})\s+"),
        where=re.compile(rf"(?i)\b(?:{words('where')})\s+$"),
        and_word=re.compile(rf"(?i)\b(?:{words('and_words')})\b"),
    )


def _verb_kind(verb: str) -> str:
    """The kind of an active verb of ``person_verbs`` ("abducted": captured); killed where none says
    ("died")."""
    return next((kind for kind, pattern in _words().verbs if pattern.fullmatch(verb)), "killed")


def _objects(stext: str, taken: list[Number]) -> list[tuple[str, Number, str | None]]:
    out = []
    for m in _words().object.finditer(stext):
        if any(n.start < m.end() and m.start() < n.end for n in taken):
            continue
        kind = _verb_kind(m.group("verb"))
        n = Number(m.start(), m.end(), 1, 1, "exact", m.group())
        out.append((kind, n, m.group("object")))
    return out


def _companions(stext: str, local: list[tuple[int, int, Mention]]) -> list[tuple[str, Number, str | None]]:
    out: list[tuple[str, Number, str | None]] = []
    for m in _words().alongside.finditer(stext):
        person = next((x for s, e, x in local if x.type == "person" and m.end() <= s <= m.end() + 60), None)
        if person is None:
            continue
        end = next(e for s, e, x in local if x is person)
        kind = _verb_kind(m.group("verb"))
        text = stext[m.start() : end]
        out.append((kind, Number(m.start(), end, 1, 1, "exact", text), stext[m.end() : end]))
    return out


def single_victims(
    stext: str,
    local: list[tuple[int, int, Mention]],
    taken: list[Number],
    described: dict[str, str] | None = None,
) -> list[tuple[str, Number, str, str | None, str | None, float | None, str | None]]:
    """One claim of value 1 per singular casualty clause whose subject is one person; ``described``
    holds, per person, the words around their first mention in the article."""
    out: list[tuple[str, Number, str, str | None, str | None, float | None, str | None]] = []
    for m in _words().predicate.finditer(stext):
        kind = m.lastgroup or ""
        head = stext[max(0, m.start() - 120) : m.start()]
        offset = m.start() - len(head)
        start = _subject_start(head, local, offset)
        if start is None or any(n.start < m.end() and start < n.end for n in taken):
            continue
        phrase = stext[start : m.start()]
        if _words().where.search(stext[max(0, start - 12) : start]):
            continue  # "the colony where X died": a description of a place, not a report of the death
        count = 2 if _words().pair_end.search(phrase.split(",")[0]) else 1
        if count == 1 and _words().and_word.search(phrase.split(",")[0]):
            continue  # "Ivan and Olena died": several people, not one
        n = Number(start, m.end(), count, count, "exact", stext[start : m.end()])
        context = stext[max(0, start - 40) : start] + phrase  # "Russian corporal X", "cameraman X"
        person = next((x for s, _, x in local if s == start and x.type == "person"), None)
        if person is not None and person.entity_id is not None and described:
            context = described.get(person.entity_id, "") + " " + context
        side = "civilian" if _words().civil.search(context) else nearest_side(context)
        out.append((kind, n, "people", phrase.split(",")[0].strip(), side, None, perpetrator(stext, n)))
    for kind, n, obj in _objects(stext, taken + [x[1] for x in out]) + _companions(stext, local):
        side = "civilian" if _words().civil.search(obj or "") else side_of(obj or "")
        out.append((kind, n, "people", obj, side, None, None))
    return out


def _subject_start(head: str, local: list[tuple[int, int, Mention]], offset: int) -> int | None:
    """Where the one-person subject that ends ``head`` starts (in sentence coordinates), if any."""
    for s, e, mention in reversed(local):
        if mention.type != "person" or e > offset + len(head) or s < offset:
            continue
        if _words().named_gap.match(head[e - offset :]):
            described = _words().described.search(head[: s - offset] + " ")
            return described.start(1) + offset if described and described.end() >= s - offset else s
        break
    d = _words().described.search(head)
    if d is not None:
        return d.start(1) + offset
    bare = _words().bare_name.search(head)
    if bare is not None and not any(
        m.type != "person" and s <= bare.start(1) + offset < e for s, e, m in local
    ):
        return bare.start(1) + offset
    return None
