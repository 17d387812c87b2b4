"""The languages newstrace reads, one pack each (see ``pack.py`` and docs/languages.md, "Adding a language").

``LANGUAGES`` is the registry: a language is supported when its code is listed here and its folder
``languages/<code>/`` holds ``pack.yaml`` (the fields of a ``LanguagePack``) and, for events,
``events.yaml``. Modules that know something per language read it from the packs, in registry order,
instead of holding it; a pack is read from its file on first use.
"""

from __future__ import annotations

from newstrace.languages.pack import LanguagePack, pack_file, read_pack

__all__ = ["LANGUAGES", "LanguagePack", "case_forms", "pack", "pack_file", "packs"]

LANGUAGES = ("fr", "en", "de", "ru", "uk", "es", "pl")


def pack(code: str | None) -> LanguagePack | None:
    """The pack of ``code``, None for a language without one."""
    return read_pack(code) if code in LANGUAGES else None


def packs() -> tuple[LanguagePack, ...]:
    """Every registered pack, in registry order."""
    return tuple(p for p in (pack(code) for code in LANGUAGES) if p is not None)


def case_forms(name: str, lang: str | None) -> list[str]:
    """Dictionary forms of a place name written in a case ("Charkowie" -> "Charków"), by the endings of
    the language's pack, most likely first; the gazetteer decides which of them is a name."""
    found = pack(lang)
    if found is None:
        return []
    return [
        name[: -len(case)] + base
        for case, base in found.place_endings
        if name.endswith(case) and len(name) > len(case) + 2
    ]
