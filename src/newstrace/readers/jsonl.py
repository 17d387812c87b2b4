"""JSON Lines: one article per line with ``id, url, title, text, date, lang, source``; other fields kept."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

from newstrace.model import PartialDate, RawRecord, RecordMeta, Rejection
from newstrace.readers.base import ReadResult, check_record_size
from newstrace.readers.decode import InputRejected, decode_bytes
from newstrace.readers.names import source_name
from newstrace.settings import Settings

KNOWN_FIELDS = frozenset({"id", "url", "title", "text", "date", "lang", "source"})


def _open(path: Path) -> IO[bytes]:
    if path.name.endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def record_from_object(obj: dict[str, Any], source: str, fmt: str, settings: Settings) -> RawRecord:
    """Turn one decoded JSON object into a record; shared with other JSON-shaped inputs."""
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputRejected("empty", "no 'text' field or it is empty")
    check_record_size(text, settings)
    rid = obj.get("id")
    date = obj.get("date")
    extra = {k: v for k, v in obj.items() if k not in KNOWN_FIELDS}
    meta = RecordMeta(
        title=_str_or_none(obj.get("title")),
        date=PartialDate.parse_iso(date) if isinstance(date, str) else None,
        lang=_str_or_none(obj.get("lang")),
        url=_str_or_none(obj.get("url")),
        outlet=_str_or_none(obj.get("source")),
        extra_json=json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
    )
    return RawRecord(
        source=source,
        text=text,
        fmt=fmt,
        source_id=None if rid is None else str(rid),
        encoding="utf-8",
        meta=meta,
    )


def parse_json_object(line: bytes) -> dict[str, Any]:
    """One JSON Lines line as an object; :class:`InputRejected` (or ``JSONDecodeError``) says why not."""
    text, _ = decode_bytes(line)
    try:
        obj = json.loads(text)
    except RecursionError as exc:  # the parser recurses per level: 1,000 nested arrays exhaust it
        raise InputRejected("malformed", "JSON nested too deeply") from exc
    if not isinstance(obj, dict):
        raise InputRejected("malformed", "a JSON line must be an object")
    if "\\u" in text:  # an escape can make a lone surrogate, which no store or file can hold
        try:
            json.dumps(obj, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputRejected("malformed", "a \\u escape makes a lone surrogate (not text)") from exc
        except RecursionError as exc:
            raise InputRejected("malformed", "JSON nested too deeply") from exc
    return obj


def _str_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


class JsonLinesReader:
    name = "jsonl"

    def read(self, path: Path, settings: Settings) -> Iterator[ReadResult]:
        source = source_name(path)
        try:
            fh = _open(path)
        except OSError as exc:
            yield Rejection(source, "unreadable", str(exc))
            return
        with fh:
            lineno = filled = 0
            while True:
                try:
                    line = fh.readline(settings.max_record_chars * 4 + 2)
                except (OSError, EOFError) as exc:
                    yield Rejection(source, "truncated", f"after line {lineno}: {exc}")
                    return
                if not line:
                    if not filled:  # nothing but blank lines, or no byte at all: say so
                        yield Rejection(source, "empty", "no JSON line in the file")
                    return
                lineno += 1
                rid = f"line {lineno}"
                filled += bool(line.strip())
                if not line.endswith(b"\n") and len(line) > settings.max_record_chars * 4:
                    # Skip the rest of an over-long line without holding it.
                    while line and not line.endswith(b"\n"):
                        line = fh.readline(1 << 20)
                    yield Rejection(source, "too_large", "line longer than the record limit", rid)
                    continue
                if not line.strip():
                    continue
                obj: Any = None
                try:
                    obj = parse_json_object(line)
                    record = record_from_object(obj, source, self.name, settings)
                except json.JSONDecodeError as exc:
                    yield Rejection(source, "malformed", f"invalid JSON: {exc.msg}", rid)
                    continue
                except RecursionError:  # deep extra fields, written back as JSON
                    yield Rejection(source, "malformed", "JSON nested too deeply", rid)
                    continue
                except InputRejected as exc:
                    sid = obj.get("id") if isinstance(obj, dict) else None
                    yield Rejection(source, exc.reason, exc.detail, str(sid) if sid is not None else rid)
                    continue
                yield record
