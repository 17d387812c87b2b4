"""A lossless JSON form of a ``Document`` and everything it carries, for moving documents between
processes and machines (the Spark job's Parquet rows) without a column per annotation.

The encoding is driven by the dataclasses' type hints, not by a hand-written field list: an annotation
kind added to the model (a new field of a new frozen dataclass) round-trips without touching this
module. Supported field types: ``None``, ``bool``, ``int``, ``float``, ``str``, ``bytes`` (base64),
string enums, frozen dataclasses, ``tuple[X, ...]``, fixed tuples, ``frozenset``, ``list``, ``dict``
with string keys, ``X | None`` and ``TextView`` (its text and the exact map back to raw offsets).
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import json
import types
import typing
from array import array
from collections.abc import Mapping
from enum import Enum
from typing import Any

from newstrace.model.document import Document
from newstrace.model.textview import TextView

# Bumped when the encoding changes incompatibly; decoding refuses other versions instead of guessing.
FORMAT_VERSION = 1


class SerialiseError(ValueError):
    pass


def document_to_json(doc: Document) -> str:
    return json.dumps({"v": FORMAT_VERSION, "doc": to_plain(doc)}, ensure_ascii=False, separators=(",", ":"))


def document_from_json(text: str) -> Document:
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("v") != FORMAT_VERSION:
        raise SerialiseError(f"not a newstrace document of format version {FORMAT_VERSION}")
    doc = from_plain(Document, data["doc"])
    assert isinstance(doc, Document)
    return doc


def to_plain(value: Any) -> Any:
    """JSON-ready data (dicts, lists, strings, numbers) for a model value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, TextView):
        return _view_to_plain(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, frozenset | set):
        return sorted((to_plain(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    raise SerialiseError(f"cannot serialise a {type(value).__name__}")


def from_plain(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` (a type hint) from :func:`to_plain` output."""
    origin = typing.get_origin(tp)
    if origin is types.UnionType or origin is typing.Union:
        return _union(tp, data)
    if data is None:
        return None
    generic = _BY_ORIGIN.get(origin) if origin is not None else None
    if generic is not None:
        return generic(tp, data)
    plain = _BY_TYPE.get(tp)
    if plain is not None:
        return plain(tp, data)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp, data)
    raise SerialiseError(f"cannot deserialise type {tp}")


def _union(tp: Any, data: Any) -> Any:
    arms = [a for a in typing.get_args(tp) if a is not type(None)]
    if data is None:
        return None
    if len(arms) == 1:
        return from_plain(arms[0], data)
    # Several arms (``int | str``, two dataclasses): the first that reads the data back.
    for arm in arms:
        try:
            return from_plain(arm, data)
        except (SerialiseError, TypeError, ValueError, KeyError, AttributeError):
            continue
    raise SerialiseError(f"no arm of {tp} fits {data!r}"[:200])


def _literal(tp: Any, data: Any) -> Any:
    if data not in typing.get_args(tp):
        raise SerialiseError(f"{data!r} is not one of {typing.get_args(tp)}")
    return data


def _tuple(tp: Any, data: Any) -> tuple[Any, ...]:
    args = typing.get_args(tp)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(from_plain(args[0], d) for d in data)
    return tuple(from_plain(a, d) for a, d in zip(args, data, strict=True))


def _collection(tp: Any, data: Any) -> Any:
    (arg,) = typing.get_args(tp)
    kind = typing.get_origin(tp)
    items = [from_plain(arg, d) for d in data]
    return items if kind is list else kind(items)


def _mapping(tp: Any, data: Any) -> dict[str, Any]:
    args = typing.get_args(tp)
    value_type = args[1] if args else Any
    return {k: from_plain(value_type, v) for k, v in data.items()}


def _exact(tp: Any, data: Any) -> Any:
    if not isinstance(data, tp):
        raise SerialiseError(f"expected {tp.__name__}, got {type(data).__name__}")
    return data


def _dataclass(tp: type, data: Any) -> Any:
    hints = _hints(tp)
    unknown = set(data) - set(hints)
    if unknown:
        raise SerialiseError(f"{tp.__name__} has no field(s) {sorted(unknown)}")
    return tp(**{name: from_plain(hints[name], v) for name, v in data.items()})


# Generic hints by their origin (``tuple[int, ...]`` -> tuple), then plain types, each with its reader.
_BY_ORIGIN: dict[Any, Any] = {
    typing.Literal: _literal,
    tuple: _tuple,
    frozenset: _collection,
    set: _collection,
    list: _collection,
    dict: _mapping,
    Mapping: _mapping,
}
_BY_TYPE: dict[Any, Any] = {
    Any: lambda tp, data: data,
    dict: _mapping,
    Mapping: _mapping,
    TextView: lambda tp, data: _view_from_plain(data),
    bytes: lambda tp, data: base64.b64decode(data),
    float: lambda tp, data: float(data),
    bool: _exact,
    int: _exact,
    str: _exact,
}


@functools.lru_cache(maxsize=256)
def _hints(cls: type) -> dict[str, Any]:
    """Field name -> resolved type hint (the model uses postponed annotations)."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _view_to_plain(view: TextView) -> dict[str, Any]:
    """The text plus runs ``[view start, raw start, raw end, one_to_one]``: a run maps either character
    by character or every character to the whole raw span (a replacement), stated explicitly so that
    no run is misread whatever its length."""
    starts, ends = view.offsets
    runs: list[list[int]] = []
    n, i = len(view.text), 0
    while i < n:
        j = i + 1
        if ends[i] == starts[i] + 1:
            while j < n and starts[j] == starts[j - 1] + 1 and ends[j] == starts[j] + 1:
                j += 1
            runs.append([i, starts[i], ends[j - 1], 1])
        else:
            while j < n and starts[j] == starts[i] and ends[j] == ends[i]:
                j += 1
            runs.append([i, starts[i], ends[i], 0])
        i = j
    return {"text": view.text, "raw_len": view.raw_len, "runs": runs}


def _view_from_plain(data: Mapping[str, Any]) -> TextView:
    text: str = data["text"]
    runs = data["runs"]
    starts: array[int] = array("l")
    ends: array[int] = array("l")
    bounds = [r[0] for r in runs[1:]] + [len(text)]
    for (vs, rs, re_, one_to_one), ve in zip(runs, bounds, strict=True):
        length = ve - vs
        if one_to_one:
            starts.extend(range(rs, rs + length))
            ends.extend(range(rs + 1, rs + length + 1))
        else:
            starts.extend([rs] * length)
            ends.extend([re_] * length)
    return TextView(text, starts, ends, int(data["raw_len"]))
