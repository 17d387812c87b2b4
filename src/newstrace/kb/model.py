"""Knowledge-base records: typed, validated, immutable."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = frozenset({"person", "organization", "media", "military_unit", "place"})
LANGS = ("en", "fr", "de", "ru", "uk")


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
    lat: float | None = None
    lon: float | None = None
    capital: str | None = None

    def all_names(self) -> list[str]:
        """Every surface form: names in every language, aliases, acronyms (deduplicated, in order)."""
        seen: dict[str, None] = {self.name: None}
        for lang in LANGS:
            for n in self.names.get(lang, ()):
                seen.setdefault(n, None)
        for lang, ns in self.names.items():
            if lang not in LANGS:
                for n in ns:
                    seen.setdefault(n, None)
        for n in (*self.aliases, *self.acronyms):
            seen.setdefault(n, None)
        return list(seen)
