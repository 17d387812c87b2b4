"""First-level divisions under the names news gives them (part of the gazetteer build).

GeoNames names many divisions with their administrative designator ("Anhui Sheng", "Muhafazat
Kirkuk", "Lublin Voivodeship"); news writes "Anhui", "Kirkuk", "Lublin". Each such division is also
known by its name without the designator (``data/places/division_designators.yaml``, per language of
the name). And a region that is split into divisions by compass words ("North Kivu", "South Kivu")
is known by its bare name ("Kivu"), placed at the middle of those divisions.

Guards, so that no common word becomes a place: a name left without its designator, or a region's
bare name, must be at least ``MIN_LENGTH`` letters and no common English word ("Central Province",
"Northern Territory", "Federal District" give nothing); a bare name that already names a country or
a first-level division anywhere ("Upper Austria", "Lesser Poland", "West Virginia") is not added as a
region. A name left without its designator that is also a town's ("Basra Governorate" and the city
Basra) is told apart by the places stage as for any region and town of one name (the region named
after the town gives way to it there).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import TYPE_CHECKING

from newstrace.linking.keys import name_keys
from newstrace.linking.place_data import places_yaml
from newstrace.text.word_frequency import COMMON_WORD_ZIPF, zipf

if TYPE_CHECKING:
    from newstrace.linking.gazetteer_build import Row

DATA_FILE = "division_designators.yaml"
MIN_LENGTH = 4


def designators() -> dict[str, list[str]]:
    data = places_yaml(DATA_FILE) or {}
    return {key: [str(w) for w in data.get(key) or ()] for key in ("suffixes", "prefixes", "compass")}


def _is_word(name: str) -> bool:
    # A name this frequent as an English word in lower case ("central", "capital", "jewish") is a word,
    # not a division.
    return len(name) < MIN_LENGTH or zipf(name.casefold(), "en") >= COMMON_WORD_ZIPF


def without_designator(name: str, suffixes: list[str], prefixes: list[str]) -> str | None:
    """The division's name without its designator, or None where it has none or what is left is
    a word (``_is_word``)."""
    for s in suffixes:
        if name.endswith(" " + s):
            rest = name[: -len(s) - 1].strip()
            return None if _is_word(rest) else rest
    for p in prefixes:
        if name.startswith(p + " "):
            rest = name[len(p) + 1 :].strip()
            return None if _is_word(rest) else rest
    return None


def add_division_names(rows: list[Row], admin1_level: int, country_level: int) -> list[Row]:
    """Gives the first-level divisions among ``rows`` their names without a designator (as their main
    names; the long ones are kept as alternates), and returns the regions named by what their
    divisions share after a compass word, one per country and name."""
    words = designators()
    divisions = [r for r in rows if r.level == admin1_level]
    for r in divisions:
        short = without_designator(r.name, words["suffixes"], words["prefixes"])
        if short:
            # The short form becomes the main name (the one news uses, and shown); the long one stays.
            r.names.update((r.name, short))
            r.name = short
    taken = {n.casefold() for r in rows if r.level in (admin1_level, country_level) for n in r.names}
    parts: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in divisions:
        for name in {r.name, *r.names}:
            head, _, rest = name.partition(" ")
            if head in words["compass"] and rest[:1].isupper() and "," not in rest and r.country:
                parts[(r.country, rest)].append(r)
    return [
        _region(cc, name, inside, admin1_level)
        for (cc, name), inside in sorted(parts.items())
        if len({r.id for r in inside}) >= 2 and name.casefold() not in taken and not _is_word(name)
    ]


def _region(cc: str, name: str, inside: list[Row], level: int) -> Row:
    unique = list({r.id: r for r in inside}.values())
    return dataclasses.replace(
        unique[0],
        id=f"adm1x:{cc}.{name}",
        name=name,
        level=level,
        lat=sum(r.lat for r in unique) / len(unique),
        lon=sum(r.lon for r in unique) / len(unique),
        population=sum(r.population for r in unique),
        geonames_id=None,
        admin1=None,
        capital=None,
        names={name},
    )


def tie_regions(regions: list[Row], divisions: list[Row], admin1_level: int) -> list[Row]:
    """Each knowledge-base region that is a GeoNames first-level division of its country under one of
    its names ("Donetsk Oblast") is given that division's id as its ``admin1``: the towns and villages
    of the division carry that id, so that a region the article names counts for them."""
    words = designators()
    by_key: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for d in divisions:
        if d.level == admin1_level:
            for name in d.names | {d.name}:
                for k in name_keys(name):
                    by_key[(d.country, k)].add(d.id)
    for r in regions:
        if r.level != admin1_level or not r.country:
            continue
        names = r.names | {r.name}
        # GeoNames writes the division's bare name ("Donetsk"), the knowledge base "Donetsk Oblast".
        bare = {without_designator(n, words["suffixes"], words["prefixes"]) for n in names}
        keys = {k for name in names | bare - {None} for k in name_keys(name or "")}
        ids = {i for k in keys for i in by_key.get((r.country, k), ())}
        if len(ids) == 1:
            r.admin1 = ids.pop()
    return regions
