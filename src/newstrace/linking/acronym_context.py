"""Acronyms that stand for a knowledge-base entity only in the right article.

Some acronyms are also other things' initials or ordinary tokens: "PDF" is a file as often as Myanmar's
People's Defence Force, French "SDF" means the homeless, "IS" is a verb in a headline in capitals, and
two entities may share one ("RSF": Sudan's Rapid Support Forces, and Reporters sans frontières). The
knowledge base marks the first kind (``context_acronyms``); the index adds the shared ones. Such an
acronym links to an entity the article also names by a name of its own, else to the one entity whose
country the article names; where neither settles it, it links to none (an NER model may still keep the
span, unlinked).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from newstrace.kb.model import KbEntity
from newstrace.linking.gazetteer import Gazetteer
from newstrace.linking.kb_index import KbMatch

# A town this large, or any division or country, tells the country of a place name (the entities stage's
# KNOWN_TOWN_POPULATION: a smaller namesake town is too weak a hint).
PLACE_POPULATION = 15_000


@dataclass(frozen=True)
class ArticleContext:
    """What an article says that can settle an acronym: the entities it names by names that need no
    context, and the countries it points to (those it names, those of the places it names, and their land
    neighbours: an article on Gaza that never names Israel still makes "IDF" Israel's army)."""

    named: frozenset[str]
    countries: frozenset[str]

    def choose(self, candidates: Iterable[KbEntity]) -> KbEntity | None:
        """The one candidate the article names otherwise, else the one of a country it names."""
        options = list(candidates)
        named = [e for e in options if e.id in self.named]
        if named:
            return named[0] if len(named) == 1 else None
        local = [e for e in options if e.country is not None and e.country in self.countries]
        return local[0] if len(local) == 1 else None


def place_countries(gaz: Gazetteer, names: Iterable[str]) -> frozenset[str]:
    """The countries of the places an article names ("Khan Younis", "Sagaing"): for each name, the most
    populous place so named, if it is a division or country or a town of some size. An article about
    Gaza need not name Israel for "IDF" to be its army."""
    out: set[str] = set()
    for name in set(names):
        best = gaz.largest(name)
        if (
            best is not None
            and best.country
            and (best.feature != "city" or best.population >= PLACE_POPULATION)
        ):
            out.add(best.country)
    return frozenset(out)


def plain_entities(matches: Iterable[KbMatch]) -> list[KbEntity]:
    """The entities of the matches that need no context."""
    return [m.entity for m in matches if not m.candidates]


def settle(matches: Iterable[KbMatch], context: ArticleContext) -> list[KbMatch]:
    """The matches with each contextual acronym linked as the article's context says, or dropped."""
    out: list[KbMatch] = []
    for m in matches:
        if not m.candidates:
            out.append(m)
            continue
        chosen = context.choose(m.candidates)
        if chosen is not None:
            out.append(dataclasses.replace(m, entity=chosen, candidates=()))
    return out
