"""Persons within one article: a lone name is the full name the article gives ("Agafonov" after "Roman
Agafonov"), and a name no knowledge-base entry holds gets its corpus entity id."""

from __future__ import annotations

import dataclasses
import operator

from newstrace.linking.countries import territory
from newstrace.linking.keys import compact, name_keys
from newstrace.model import Mention


def auto_entity_id(name: str) -> str:
    """The corpus-made entity of a name the knowledge base does not know: its spelling-insensitive key,
    so the same name in any article and any script gets the same id. The type is not part of it (NER
    may call the same name a person here and an organisation there)."""
    keys = name_keys(name)
    return f"auto/{compact(keys[0]) if keys else 'unnamed'}"


def resolve_persons(mentions: list[Mention], lang: str | None) -> list[Mention]:
    """Link lone names to the full name used in the same article ("Agafonov", "Olena", "Vlad"), then
    give every still-unknown mention its corpus entity id."""
    # The full names, each with its words' keys: read once for the article, as every lone name is
    # matched against every full name.
    full = [(m, _words_keys(m.text)) for m in mentions if m.type == "person" and len(m.text.split()) >= 2]
    out: list[Mention] = []
    for m in mentions:
        if _surname_as_place(m) and not territory(m.text, lang):
            # "Roman Kamenev ... Kamenev was shot dead": the surname of a person already named in the
            # article, not the town the gazetteer or the NER model took it for.
            target = _matching_full_name(m, [f for f in full if f[0].start < m.start], surname_only=True)
            if target is not None:
                m = _replaced(m, type="person", entity_id=None, name=None)
        lone = m.type == "person" and len(m.text.split()) == 1
        if lone and m.entity_id is None:
            target = _matching_full_name(m, full)
        elif lone:
            target = _namesake(m, full)
        else:
            target = None
        if target is not None:
            eid = target.entity_id or auto_entity_id(target.text)
            m = _replaced(m, entity_id=eid, name=target.name or target.text, confidence=0.8)
        if m.entity_id is None and m.type != "place":
            m = _replaced(m, entity_id=auto_entity_id(m.text), name=m.text)
        out.append(m)
    return out


_FIELDS = tuple(f.name for f in dataclasses.fields(Mention))  # in order: ``_replaced`` reads them
_VALUES = operator.attrgetter(*_FIELDS)
_INDEX = {name: i for i, name in enumerate(_FIELDS)}


def _replaced(m: Mention, **changes: object) -> Mention:
    """``dataclasses.replace(m, **changes)`` at half its cost (replace reads the class's fields anew for
    each call, and a third of an article's mentions get their corpus entity here), as ``_placed`` in the
    places stage."""
    values = list(_VALUES(m))
    for name, value in changes.items():
        values[_INDEX[name]] = value
    return Mention(*values)


# A full name of the article, and the first key of each of its words (those that have one).
_FullName = tuple[Mention, list[str]]


def _words_keys(name: str) -> list[str]:
    return [k[0] for k in map(name_keys, name.split()) if k]


def _namesake(m: Mention, full: list[_FullName]) -> Mention | None:
    """The article's own full name for a lone surname the knowledge base linked to someone else
    ("Johnson" after "Mike Johnson" is not Boris Johnson): None when no full name of the article ends
    with it, or when one of them is the linked person ("Biden" after "Joe Biden")."""
    owners = [f for f in full if _matching_full_name(m, [f], surname_only=True) is not None]
    if not owners or any(f.entity_id == m.entity_id for f, _ in owners):
        return None
    return _matching_full_name(m, owners, surname_only=True)


def _surname_as_place(m: Mention) -> bool:
    """A one-word place that is no knowledge-base place: a gazetteer town or an NER guess. Countries
    are linked by the places stage, after this one: the caller leaves them out (``territory``), or a
    title the model took for a person's name ("Rethinking Egypt") made every later "Egypt" that person."""
    if m.type != "place":  # most mentions: their words are not split
        return False
    one_word = len(m.text.split()) == 1 and m.text[:1].isupper()
    return one_word and (m.entity_id is None or m.entity_id.startswith("gn:"))


def _matching_full_name(m: Mention, full: list[_FullName], surname_only: bool = False) -> Mention | None:
    # Each name's keys asked once (a remembered look-up, but asked for every lone name against every
    # full name of the article).
    keys = name_keys(m.text)
    word = keys[0] if keys else ""
    if not word:
        return None
    best: Mention | None = None
    for f, parts in full:
        if not parts:
            continue
        same = word == parts[-1] or (
            not surname_only and (word == parts[0] or (len(word) >= 4 and parts[0].startswith(word)))
        )
        if same and (best is None or abs(f.start - m.start) < abs(best.start - m.start)):
            best = f
    return best
