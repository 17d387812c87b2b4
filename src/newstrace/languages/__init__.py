"""The languages newstrace reads, one pack each (see ``pack.py`` and the README's "Adding a language").

``LANGUAGES`` is the registry: a language is supported when its code is listed here and its folder
``languages/<code>/`` holds ``PACK`` (a ``LanguagePack``) and, for events, ``events.yaml``. Modules that
know something per language read it from the packs, in registry order, instead of holding it.
"""

from __future__ import annotations

import functools
import importlib
from importlib import resources

from newstrace.languages.pack import LanguagePack

LANGUAGES = ("fr", "en", "de", "ru", "uk", "es", "pl")


@functools.cache
def pack(code: str | None) -> LanguagePack | None:
    """The pack of ``code``, None for a language without one."""
    if code not in LANGUAGES:
        return None
    found: LanguagePack = importlib.import_module(f"newstrace.languages.{code}").PACK
    if found.code != code:
        raise ValueError(f"language pack {code!r} declares code {found.code!r}")
    return found


def packs() -> tuple[LanguagePack, ...]:
    """Every registered pack, in registry order."""
    return tuple(p for p in (pack(code) for code in LANGUAGES) if p is not None)


def pack_file(code: str, name: str) -> str | None:
    """The text of a data file of a pack (``events.yaml``), None where the pack has none."""
    path = resources.files("newstrace") / "languages" / code / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


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
