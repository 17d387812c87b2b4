"""Load and validate the knowledge base shipped in ``newstrace/data/kb`` (see its SCHEMA.md).

Validation is strict and names the file and record at fault: a typo in the data must fail loudly at
load time, not quietly unlink an entity. Loaded once per process on first use (never at import).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newstrace.kb.model import ENTITY_TYPES, KINDS, NAME_LANGS, KbEntity, is_acronym

_ID = re.compile(r"^(person|organization|media|military_unit|place|equipment)/[a-z0-9][a-z0-9-]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
ENTITY_FILES = (
    "people.yaml",
    "organizations.yaml",
    "media.yaml",
    "military_units.yaml",
    "regions.yaml",
    "facilities.yaml",
    "equipment.yaml",
)


class KbError(ValueError):
    pass


def kb_dir() -> Path:
    return Path(str(resources.files("newstrace").joinpath("data", "kb")))


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KbError(f"{where}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _names(raw: Mapping[str, Any], where: str) -> dict[str, tuple[str, ...]]:
    names_raw = raw.get("names") or {}
    if not isinstance(names_raw, dict):
        raise KbError(f"{where}: 'names' must map languages to lists")
    names = {str(lang): _strings(v, f"{where}.names.{lang}") for lang, v in names_raw.items()}
    if not names.get("en"):
        raise KbError(f"{where}: at least one English name is required")
    unknown = sorted(set(names) - set(NAME_LANGS))
    if unknown:
        raise KbError(f"{where}: names in unknown languages {unknown}; allowed: {list(NAME_LANGS)}")
    return names


def _context_acronyms(raw: Mapping[str, Any], where: str) -> tuple[str, ...]:
    found = _strings(raw.get("context_acronyms"), f"{where}.context_acronyms")
    if not all(is_acronym(a) for a in found):
        # Only a word matched as written in capitals can wait for its context (see SCHEMA.md).
        raise KbError(f"{where}: context_acronyms must be 2-6 capital letters, got {list(found)}")
    return found


def parse_entity(raw: Mapping[str, Any], where: str) -> KbEntity:
    for key in ("id", "type", "kind", "name"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise KbError(f"{where}: missing or empty '{key}'")
    eid, etype = raw["id"], raw["type"]
    if etype not in ENTITY_TYPES:
        raise KbError(f"{where}: unknown type {etype!r}")
    if not _ID.match(eid) or not eid.startswith(etype + "/"):
        raise KbError(f"{where}: id {eid!r} must be '<type>/<slug>' matching type {etype!r}")
    if raw["kind"] not in KINDS[etype]:
        raise KbError(f"{where}: kind {raw['kind']!r} is not one of {sorted(KINDS[etype])}")
    for key in ("country", "side"):
        value = raw.get(key)
        if value is not None and not (isinstance(value, str) and _COUNTRY.match(value)):
            raise KbError(f"{where}: {key} must be a two-letter code or null, got {value!r}")
    names = _names(raw, where)
    context_acronyms = _context_acronyms(raw, where)
    lat, lon = raw.get("lat"), raw.get("lon")
    if (lat is None) != (lon is None):
        raise KbError(f"{where}: give both lat and lon, or neither")
    if lat is not None and lon is not None and not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
        raise KbError(f"{where}: coordinates out of range")
    if etype == "place" and lat is None:
        # A place the map cannot show would fall back to gazetteer namesakes: refuse it here.
        raise KbError(f"{where}: a place needs lat and lon")
    return KbEntity(
        id=eid,
        type=etype,
        kind=raw["kind"],
        name=raw["name"].strip(),
        country=raw.get("country"),
        side=raw.get("side"),
        names=names,
        aliases=_strings(raw.get("aliases"), f"{where}.aliases"),
        acronyms=_strings(raw.get("acronyms"), f"{where}.acronyms"),
        context_acronyms=context_acronyms,
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        capital=raw.get("capital"),
    )


def load_entities(folder: Path | None = None) -> tuple[KbEntity, ...]:
    folder = folder or kb_dir()
    out: list[KbEntity] = []
    seen: set[str] = set()
    for name in ENTITY_FILES:
        path = folder / name
        if not path.is_file():
            raise KbError(f"knowledge base file missing: {path}")
        records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(records, list):
            raise KbError(f"{path.name}: expected a list of records")
        for i, rec in enumerate(records):
            if not isinstance(rec, dict):
                raise KbError(f"{path.name}[{i}]: expected a mapping")
            entity = parse_entity(rec, f"{path.name}[{i}] ({rec.get('id', '?')})")
            if entity.id in seen:
                raise KbError(f"{path.name}[{i}]: duplicate id {entity.id}")
            seen.add(entity.id)
            out.append(entity)
    return tuple(out)


def load_word_table(path: Path) -> dict[str, tuple[str, ...]]:
    """A YAML mapping ``word: [substitutes]`` (synonym and spinner tables), validated."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise KbError(f"{path.name}: expected a mapping of words to lists")
    table: dict[str, tuple[str, ...]] = {}
    for key, values in data.items():
        table[str(key).strip().lower()] = tuple(v.lower() for v in _strings(values, f"{path.name}.{key}"))
    return table


@functools.lru_cache(maxsize=2)
def knowledge_base() -> tuple[KbEntity, ...]:
    """The packaged knowledge base, loaded once per process on first use."""
    return load_entities()


@functools.lru_cache(maxsize=2)
def name_synonyms() -> dict[str, tuple[str, ...]]:
    """Spinner substitutes for words used in entity names (``synonyms.yaml``)."""
    return load_word_table(kb_dir() / "synonyms.yaml")
