"""Knowledge-base records: typed, validated, immutable."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = frozenset({"person", "organization", "media", "military_unit", "place", "equipment"})
LANGS = ("en", "fr", "de", "ru", "uk")
# Languages a record's ``names`` may list: the five above, filled for every record, and Spanish and
# Polish, filled where the press of those languages writes a name its own way (the records added for
# wars beyond Ukraine's).
NAME_LANGS = (*LANGS, "es", "pl")
# The finer classes allowed per type (SCHEMA.md lists them too). A place is a first-level region or a
# facility: a structure or site with a location of its own (a bridge, a plant, a port, an air base).
FACILITY_KINDS = frozenset(
    {
        "bridge",
        "dam",
        "power_plant",
        "nuclear_power_plant",
        "port",
        "naval_base",
        "air_base",
        "airport",
        "industrial_site",
        "island",
        "pipeline",
        "railway_station",
        "prison",
        "hospital",
        "landmark",
    }
)
KINDS: dict[str, frozenset[str]] = {
    "person": frozenset(
        {
            "head_of_state",
            "head_of_government",
            "minister",
            "military_commander",
            "official",
            "spokesperson",
            "politician",
            "warlord",
            "journalist",
        }
    ),
    "organization": frozenset(
        {
            "ministry",
            "armed_forces",
            "intelligence_service",
            "government_body",
            "think_tank",
            "armed_group",
            "international_org",
            "company",
            "ngo",
            "political_party",
        }
    ),
    "media": frozenset(
        {"news_agency", "newspaper", "tv", "radio", "online_media", "blog", "telegram_channel"}
    ),
    "military_unit": frozenset(
        {
            "brigade",
            "regiment",
            "division",
            "battalion",
            "army",
            "fleet",
            "special_forces",
            "volunteer_unit",
            "pmc",
        }
    ),
    "place": frozenset({"region"}) | FACILITY_KINDS,
    # Weapon systems and military equipment: a "Patriot" or a "Leopard 2" is neither a person nor a unit.
    "equipment": frozenset(
        {
            "air_defence",
            "missile",
            "rocket_artillery",
            "artillery",
            "tank",
            "armoured_vehicle",
            "anti_tank",
            "aircraft",
            "helicopter",
            "drone",
            "ship",
            "small_arms",
        }
    ),
}


@dataclass(frozen=True, slots=True)
class KbEntity:
    id: str
    type: str
    kind: str
    name: str
    country: str | None
    side: str | None
    names: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    # Acronyms that are also other things' initials or ordinary tokens ("PDF", "SDF", "IS"): they stand
    # for the entity only in an article that names it otherwise or names its country.
    context_acronyms: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    capital: str | None = None

    @property
    def is_facility(self) -> bool:
        return self.type == "place" and self.kind in FACILITY_KINDS

    def all_names(self) -> list[str]:
        """Every surface form: names in every language, aliases, acronyms (deduplicated, in order)."""
        seen: dict[str, None] = {self.name: None}
        for lang in LANGS:
            for n in self.names.get(lang, ()):
                seen.setdefault(n, None)
        for lang, ns in self.names.items():
            if lang not in LANGS:  # Spanish, Polish
                for n in ns:
                    seen.setdefault(n, None)
        for n in (*self.aliases, *self.acronyms, *self.context_acronyms):
            seen.setdefault(n, None)
        return list(seen)


def is_acronym(word: str) -> bool:
    """Two to six letters, all capitals ("UN", "ФСБ", "MNDAA"): matched only as written."""
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= 6 and word.isupper()
