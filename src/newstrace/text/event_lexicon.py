"""The event vocabulary (``data/events/types.yaml``, with the triggers and weapon words of every language
pack's ``events.yaml``) compiled into one trigger pattern per language.

One alternation per language with a named group per trigger, read word start by word start and trying
only the triggers that can begin with that word's first letter (``first_chars``), so a sentence is
scanned once whatever the number of types (the stage's speed target is 100 documents a second on one
core).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from newstrace.languages import LANGUAGES, pack_file
from newstrace.text.first_chars import WordStartScanner


@dataclass(frozen=True, slots=True)
class EventType:
    type: str
    acled_event_type: str
    acled_sub_event_type: str
    plover: str
    physical: bool
    aliases: tuple[str, ...]
    civilian_agent: str | None
    weapon_decides: bool = False
    generic: bool = False
    fallback: str | None = None
    possessor_is_target: bool = False


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    start: int
    end: int
    text: str


class EventLexicon:
    def __init__(self, records: list[dict[str, Any]], weapons: list[dict[str, Any]] | None = None) -> None:
        self.types: dict[str, EventType] = {}
        parts: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
        self._group_type: dict[str, str] = {}
        for rec in records:
            name = str(rec["type"])
            acled = rec["acled"]
            self.types[name] = EventType(
                name,
                str(acled[0]),
                str(acled[1]),
                str(rec["plover"]),
                bool(rec.get("physical", True)),
                tuple(rec.get("aliases") or ()),
                rec.get("civilian_agent"),
                bool(rec.get("weapon_decides", False)),
                bool(rec.get("generic", False)),
                rec.get("fallback"),
                bool(rec.get("possessor_is_target", False)),
            )
            for lang, patterns in (rec.get("triggers") or {}).items():
                if lang not in parts:
                    raise ValueError(f"event type {name}: unknown language {lang!r}")
                for i, pattern in enumerate(patterns):
                    group = f"{name}__{lang}_{i}"
                    self._group_type[group] = name
                    parts[lang].append(f"(?P<{group}>{pattern})")
        self._patterns = {lang: WordStartScanner(alts) for lang, alts in parts.items() if alts}
        self._weapons = _weapon_patterns(weapons or [])
        self._weapon_type: dict[str, str] = {str(w["class"]): str(w["type"]) for w in weapons or []}
        self._weapon_rank = {str(w["class"]): i for i, w in enumerate(weapons or [])}

    def triggers(self, text: str, lang: str | None) -> list[Trigger]:
        pattern = self._patterns.get(lang or "")
        if pattern is None:
            return []
        out = []
        for m in pattern.finditer(text):
            group = m.lastgroup
            if group is not None:
                out.append(Trigger(self._group_type[group], m.start(), m.end(), m.group()))
        return out

    def weapons(self, text: str, lang: str | None) -> list[tuple[str, int, int]]:
        """The weapon classes named in ``text``: ``(class, start, end)`` in text order."""
        pattern = self._weapons.get(lang or "")
        if pattern is None:
            return []
        return [
            (_group_class(m.lastgroup), m.start(), m.end()) for m in pattern.finditer(text) if m.lastgroup
        ]

    def weapon_type(self, text: str, lang: str | None) -> str | None:
        """The event type the weapons named in ``text`` make of a verb of force: that of the class of
        highest precedence (weapons.yaml lists them in that order), None where no weapon is named."""
        found = {c for c, _, _ in self.weapons(text, lang)}
        if not found:
            return None
        return self._weapon_type[min(found, key=self._weapon_rank.__getitem__)]

    def resolve_type(self, name: str) -> EventType | None:
        """A type by its name or one of its aliases (gold files name types their own way)."""
        if name in self.types:
            return self.types[name]
        return next((t for t in self.types.values() if name in t.aliases), None)


def _group_class(group: str) -> str:
    return group.split("__", 1)[0]


def _weapon_patterns(weapons: list[dict[str, Any]]) -> dict[str, WordStartScanner]:
    parts: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for w in weapons:
        for lang, patterns in (w.get("weapons") or {}).items():
            if lang not in parts:
                raise ValueError(f"weapon class {w['class']}: unknown language {lang!r}")
            parts[lang].extend(f"(?P<{w['class']}__{lang}_{i}>{p})" for i, p in enumerate(patterns))
    return {lang: WordStartScanner(alts) for lang, alts in parts.items() if alts}


@functools.lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    folder = resources.files("newstrace") / "data" / "events"
    types = yaml.safe_load((folder / "types.yaml").read_text(encoding="utf-8"))
    weapons = yaml.safe_load((folder / "weapons.yaml").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        _add_pack_words(lang, types, weapons)
    return EventLexicon(types, weapons)


def _add_pack_words(lang: str, types: list[dict[str, Any]], weapons: list[dict[str, Any]]) -> None:
    """Add the triggers and weapons of a language pack's ``events.yaml`` to the type and weapon records."""
    text = pack_file(lang, "events.yaml")
    if text is None:
        return
    data = yaml.safe_load(text) or {}
    for key, records, field in (("triggers", types, "type"), ("weapons", weapons, "class")):
        by_name = {str(r[field]): r for r in records}
        for name, patterns in (data.get(key) or {}).items():
            if name not in by_name:
                raise ValueError(f"language pack {lang}: unknown {field} {name!r} in events.yaml")
            words = by_name[name].setdefault(key, {}) or {}
            if lang in words:
                raise ValueError(f"language pack {lang}: {field} {name!r} has {key} in two places")
            words[lang] = list(patterns)
            by_name[name][key] = words
