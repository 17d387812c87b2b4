"""The declared Parquet schema of the Spark job's output.

``documents`` carries, per document, the full document as lossless JSON (``document``: what
``newstrace load`` rebuilds the store from, so that an annotation kind added to the model, such as
events, flows through without a schema change here or in the loader) next to flat, typed columns with
the export contract's names and meaning (``services.export.document_record``), for Spark SQL, DuckDB
or pandas users who never load a store. A contract key whose capability did not run is null. A key
the contract gains later is in ``document`` at once and gets its column when it is declared here.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pyspark.sql.types import (
    ArrayType,
    BinaryType,
    BooleanType,
    DataType,
    DoubleType,
    IntegerType,
    LongType,
    MapType,
    StringType,
    StructField,
    StructType,
)

from newstrace.model import Claim
from newstrace.services.export import CLAIM_VALUES

S, L, INT, D, B = StringType(), LongType(), IntegerType(), DoubleType(), BooleanType()
_SPARK_TYPES: dict[object, DataType] = {str: S, float: D, int: L, bool: B}


def _model_fields(cls: type, names: Sequence[str]) -> tuple[tuple[str, DataType], ...]:
    """Columns that are fields of a model dataclass, typed from its annotations (``X | None`` as X)."""
    hints = typing.get_type_hints(cls)
    plain = {
        name: [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
        for name, hint in hints.items()
    }
    return tuple((name, _SPARK_TYPES[plain[name][0]]) for name in names)


def _struct(*fields: tuple[str, DataType]) -> StructType:
    return StructType([StructField(name, dtype, nullable=True) for name, dtype in fields])


def _array(*fields: tuple[str, DataType]) -> ArrayType:
    return ArrayType(_struct(*fields), containsNull=False)


_SOURCE = _struct(("text", S), ("name", S), ("entity_id", S))
# A claim's values, as the export contract names them (services/export.py CLAIM_VALUES).
_CLAIM_VALUES = _model_fields(Claim, CLAIM_VALUES)
_EVIDENCE = _struct(("start", L), ("end", L), ("text", S))

# The export contract (README), column for key.
CONTRACT = _struct(
    ("id", S),
    ("source", S),
    ("source_id", S),
    ("url", S),
    ("format", S),
    ("raw", S),
    ("title", S),
    ("title_source", S),
    ("text", S),
    ("lang", S),
    ("date", S),
    ("date_precision", S),
    ("date_source", S),
    ("duplicate_of", S),
    ("story_id", S),
    ("removed", _array(("start", L), ("end", L), ("reason", S), ("text", S), ("stage", S))),
    ("flags", _array(("start", L), ("end", L), ("kind", S), ("stage", S))),
    ("sentences", _array(("start", L), ("end", L), ("lang", S))),
    (
        "quality",
        _struct(
            ("label", S),
            ("score", D),
            (
                "spans",
                _array(("start", L), ("end", L), ("text", S), ("kind", S), ("repair", S), ("confidence", D)),
            ),
        ),
    ),
    ("repaired_text", S),
    (
        "entities",
        _array(
            ("start", L),
            ("end", L),
            ("text", S),
            ("type", S),
            ("entity_id", S),
            ("name", S),
            ("confidence", D),
            ("in_boilerplate", B),
        ),
    ),
    (
        "places",
        _array(
            ("start", L),
            ("end", L),
            ("text", S),
            ("name", S),
            ("country", S),
            ("lat", D),
            ("lon", D),
            ("geonames_id", L),
            ("precision", INT),
            ("feature", S),
            ("in_boilerplate", B),
        ),
    ),
    (
        "claims",
        _array(
            *_CLAIM_VALUES,
            ("claimant", _SOURCE),
            ("via", ArrayType(S)),
            ("as_of", S),
            ("scope", S),
            ("of", D),
            ("figure", _EVIDENCE),
            ("evidence", _EVIDENCE),
            ("by", S),
            ("confidence", D),
        ),
    ),
    (
        "quotes",
        _array(
            ("speaker", S),
            ("speaker_entity_id", S),
            ("text", S),
            ("start", L),
            ("end", L),
            ("via", ArrayType(S)),
        ),
    ),
    ("sourcing", _array(("source", _SOURCE), ("via", ArrayType(S)), ("evidence", _EVIDENCE))),
    ("extra", S),  # unknown input fields, as the JSON object text they were given in
)

# Input order (0, 1, 2, ... over the accepted documents): the store is loaded in this order.
DOCUMENTS = StructType(
    [
        StructField("rank", L, nullable=False),
        StructField("document", S, nullable=False),
        StructField("minhash", BinaryType(), nullable=False),
        StructField("content_hash", S, nullable=False),
        *CONTRACT.fields,
    ]
)

# The claims export (README: one flat row per claim), with the document's rank.
CLAIMS = _struct(
    ("rank", L),
    ("doc_id", S),
    *_CLAIM_VALUES,
    ("claimant", S),
    ("claimant_entity_id", S),
    ("via", S),
    ("as_of", S),
    ("scope", S),
    ("of", D),
    ("figure", S),
    ("figure_start", L),
    ("figure_end", L),
    ("evidence", S),
    ("evidence_start", L),
    ("evidence_end", L),
)

STORY_EDGES = _struct(("story_id", S), ("src", S), ("dst", S), ("kind", S), ("similarity", D), ("rank", L))

STORIES = _struct(
    ("id", S),
    ("title", S),
    ("titles", MapType(S, S)),
    ("docs", ArrayType(S)),
    ("languages", ArrayType(S)),
    ("first_date", S),
    ("last_date", S),
    ("first_rank", L),
)

# The claims ledger: one entry per claim (kind, subject, values, bound, claimant), its reports, and
# the entries of the same quantity it is disputed with (by entry id).
CLAIM_GROUPS = _struct(
    ("id", S),
    ("quantity", S),
    ("kind", S),
    ("subject", S),
    ("low", D),
    ("high", D),
    ("bound", S),
    ("unit", S),
    ("claimant", S),
    ("date", S),
    (
        "reports",
        _array(
            ("doc_id", S),
            ("title", S),
            ("date", S),
            ("via", ArrayType(S)),
            ("evidence", _EVIDENCE),
            ("figure", _EVIDENCE),
        ),
    ),
    ("disputed_with", ArrayType(S)),
)

REJECTED = _struct(
    ("file_index", L),
    ("record_index", L),
    ("source", S),
    ("source_id", S),
    ("reason", S),
    ("detail", S),
)

# One row: what ran, on what, with which settings, and the counts.
RUN = _struct(
    ("newstrace_version", S),
    ("created_at", S),
    ("inputs", ArrayType(S)),
    ("settings", S),
    ("files", L),
    ("documents", L),
    ("duplicates", L),
    ("unchanged", L),
    ("rejected", L),
    ("stories", L),
)

TABLES: dict[str, StructType] = {
    "documents": DOCUMENTS,
    "claims": CLAIMS,
    "story_edges": STORY_EDGES,
    "stories": STORIES,
    "claim_groups": CLAIM_GROUPS,
    "rejected": REJECTED,
    "run": RUN,
}


def to_row(record: Mapping[str, Any], schema: StructType) -> tuple[Any, ...]:
    """A record (dicts and lists, e.g. an export record) as a row of ``schema``: fields by name,
    missing keys null, numbers coerced to the declared type (Spark refuses an int for a double)."""
    return tuple(_value(record.get(f.name), f.dataType) for f in schema.fields)


def _value(value: Any, dtype: DataType) -> Any:
    if value is None:
        return None
    if isinstance(dtype, StructType):
        return to_row(value, dtype)
    if isinstance(dtype, ArrayType):
        return [_value(v, dtype.elementType) for v in value]
    if isinstance(dtype, MapType):
        return {k: _value(v, dtype.valueType) for k, v in value.items()}
    if isinstance(dtype, DoubleType):
        return float(value)
    if isinstance(dtype, LongType | IntegerType):
        return int(value)
    if isinstance(dtype, StringType) and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value
