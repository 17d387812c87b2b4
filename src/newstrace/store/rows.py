"""Model records from table rows and back, by field name: a table's columns carry the names of the
dataclass it stores, so one reader and one writer serve every annotation table (a column the record
does not have is skipped, a field the table does not have keeps its default)."""

from __future__ import annotations

import dataclasses
import functools
import json
import sqlite3
import types
import typing
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


@functools.cache
def plain_fields(cls: type) -> dict[str, bool]:
    """The fields of ``cls`` a table column holds as they are, by name: a scalar (``str``, ``int``,
    ``float``, ``bool``, ``bytes``, or None), or a tuple of scalars (True: kept as a JSON list). A
    field of such a type added to the model is written and read with no code here or in the store."""
    plain: dict[str, bool] = {}
    for name, hint in typing.get_type_hints(cls).items():
        args = [a for a in typing.get_args(hint) if a is not type(None)] if _is_union(hint) else [hint]
        if len(args) != 1:
            continue
        tp = args[0]
        if tp in _SCALARS:
            plain[name] = False
        elif typing.get_origin(tp) is tuple and all(a in _SCALARS or a is ... for a in typing.get_args(tp)):
            plain[name] = True
    return plain


_SCALARS = (str, int, float, bool, bytes)


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (types.UnionType, typing.Union)


def plain_columns(obj: Any) -> dict[str, Any]:
    """The plain fields of a record (:func:`plain_fields`) as column values."""
    row: dict[str, Any] = {}
    cls: type = obj.__class__
    for name, as_json in plain_fields(cls).items():
        value = getattr(obj, name)
        if as_json and value is not None:
            value = json.dumps(list(value), ensure_ascii=False)
        row[name] = int(value) if isinstance(value, bool) else value
    return row


def plain_values(cls: type, row: sqlite3.Row) -> dict[str, Any]:
    """The plain fields of ``cls`` from the row's columns of the same names (the reverse of
    :func:`plain_columns`); a field the table has no column for keeps its default."""
    columns = set(row.keys())
    values: dict[str, Any] = {}
    for name, as_json in plain_fields(cls).items():
        if name in columns:
            value = row[name]
            values[name] = tuple(json.loads(value)) if as_json and value is not None else value
    return values
