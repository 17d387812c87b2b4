"""Model records from table rows and back, by field name: a table's columns carry the names of the
dataclass it stores, so one reader and one writer serve every annotation table (a column the record
does not have is skipped, a field the table does not have keeps its default)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def record(cls: type[T], row: sqlite3.Row, **given: Any) -> T:
    """A ``cls`` from the row's columns of the same names; ``given`` overrides or supplies fields the
    row stores differently. SQLite keeps booleans as integers, so a ``bool`` field is converted."""
    columns = set(row.keys())
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in given:
            values[f.name] = given[f.name]
        elif f.name in columns:
            value = row[f.name]
            values[f.name] = bool(value) if f.type in ("bool", bool) and value is not None else value
    return cls(**values)


def source_columns(prefix: str, source: Any) -> dict[str, Any]:
    """The three columns a ``Source`` (claimant, speaker, attribution source) is stored in."""
    return {
        f"{prefix}_text": source.text if source else None,
        f"{prefix}_name": source.name if source else None,
        f"{prefix}_entity": source.entity_id if source else None,
    }


def via_json(via: Sequence[str]) -> str:
    return json.dumps(list(via), ensure_ascii=False)


def insert_rows(
    c: sqlite3.Connection, table: str, rows: Sequence[Mapping[str, Any]], verb: str = "INSERT OR IGNORE"
) -> None:
    """Insert rows given as column -> value mappings (all with the columns of the first row)."""
    if not rows:
        return
    names = list(rows[0])
    columns = ", ".join(f'"{n}"' for n in names)
    marks = ",".join("?" * len(names))
    c.executemany(
        f"{verb} INTO {table}({columns}) VALUES ({marks})", [tuple(r[n] for n in names) for r in rows]
    )


def stored(obj: Any, doc_id: str, skip: Sequence[str] = (), **given: Any) -> dict[str, Any]:
    """The row of an annotation: its fields of plain values (booleans as integers), the document id,
    and ``given`` columns in place of fields stored differently; ``skip`` names fields not stored."""
    row: dict[str, Any] = {"doc_id": doc_id}
    for f in dataclasses.fields(obj):
        if f.name in given or f.name in skip:
            continue
        value = getattr(obj, f.name)
        row[f.name] = int(value) if isinstance(value, bool) else value
    row.update(given)
    return row
