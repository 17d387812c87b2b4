"""RSS and Atom files: each entry becomes a record, with its full text when the feed carries it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser

from newstrace.model import PartialDate, RawRecord, RecordMeta, Rejection
from newstrace.readers.base import ReadResult, check_record_size, read_small_file
from newstrace.readers.decode import InputRejected
from newstrace.readers.html import MIN_ARTICLE_CHARS, extract_article
from newstrace.readers.names import source_name
from newstrace.settings import Settings


class FeedReader:
    name = "feed"

    def read(self, path: Path, settings: Settings) -> Iterator[ReadResult]:
        source = source_name(path)
        try:
            read_small_file(path, settings)  # size, emptiness and binary checks
            data = path.read_bytes()
        except (InputRejected, OSError) as exc:
            reason, detail = (
                (exc.reason, exc.detail) if isinstance(exc, InputRejected) else ("unreadable", str(exc))
            )
            yield Rejection(source, reason, detail)
            return
        # Bytes, not text: feedparser honours the XML declaration's encoding (windows-1251 feeds).
        parsed = feedparser.parse(data)
        entries = parsed.get("entries") or []
        if not entries:
            detail = str(parsed.get("bozo_exception") or "no entries")
            yield Rejection(source, "malformed", f"not a readable RSS/Atom feed: {detail}")
            return
        for entry in entries:
            yield self._entry(entry, source, settings)

    def _entry(self, entry: Any, source: str, settings: Settings) -> ReadResult:
        link = entry.get("link") or None
        rid = entry.get("id") or link
        title = entry.get("title") or None
        body = ""
        for content in entry.get("content") or []:
            if len(content.get("value", "")) > len(body):
                body = content["value"]
        if not body:
            body = entry.get("summary") or ""
        date = _entry_date(entry)
        try:
            if "<" in body:
                record = extract_article(
                    f"<html><body><article>{body}</article></body></html>",
                    source,
                    self.name,
                    settings,
                    url=link,
                    source_id=rid,
                )
            else:
                if len(body.strip()) < MIN_ARTICLE_CHARS:
                    raise InputRejected("no_article", "the entry carries only a short summary")
                check_record_size(body, settings)
                record = RawRecord(
                    source=source, text=body.strip(), fmt=self.name, source_id=rid, meta=RecordMeta(url=link)
                )
        except InputRejected as exc:
            return Rejection(source, exc.reason, exc.detail, rid)
        meta = RecordMeta(
            title=title,
            date=date or record.meta.date,
            lang=record.meta.lang,
            url=link,
            outlet=record.meta.outlet,
        )
        return RawRecord(source=source, text=record.text, fmt=self.name, source_id=rid, meta=meta)


def _entry_date(entry: Any) -> PartialDate | None:
    """The publication day in the feed's own time zone (feedparser's *_parsed fields are in UTC)."""
    for key in ("published", "updated"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            local = _parse_timestamp(value.strip())
            if local is not None:
                return PartialDate(local.year, local.month, local.day)
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return PartialDate(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _parse_timestamp(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value)  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))  # Atom: RFC 3339
    except ValueError:
        return None
