"""The event vocabulary (``data/events/types.yaml``) compiled into one trigger pattern per language.

One alternation per language with a named group per trigger, so a sentence is scanned once whatever
the number of types (the stage's speed target is 50 documents a second on one core).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("fr", "en", "de", "ru", "uk")


@dataclass(frozen=True, slots=True)
class EventType:
    type: str
    acled_event_type: str
    acled_sub_event_type: str
    plover: str
    physical: bool
    aliases: tuple[str, ...]
    civilian_agent: str | None


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    start: int
    end: int
    text: str


class EventLexicon:
    def __init__(self, records: list[dict[str, Any]]) -> None:
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
            )
            for lang, patterns in (rec.get("triggers") or {}).items():
                if lang not in parts:
                    raise ValueError(f"event type {name}: unknown language {lang!r}")
                for i, pattern in enumerate(patterns):
                    group = f"{name}__{lang}_{i}"
                    self._group_type[group] = name
                    parts[lang].append(f"(?P<{group}>{pattern})")
        self._patterns = {
            lang: re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")", re.IGNORECASE)
            for lang, alts in parts.items()
            if alts
        }

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

    def resolve_type(self, name: str) -> EventType | None:
        """A type by its name or one of its aliases (gold files name types their own way)."""
        if name in self.types:
            return self.types[name]
        return next((t for t in self.types.values() if name in t.aliases), None)


@functools.lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    path = resources.files("newstrace") / "data" / "events" / "types.yaml"
    return EventLexicon(yaml.safe_load(path.read_text(encoding="utf-8")))
