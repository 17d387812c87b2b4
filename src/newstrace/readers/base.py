"""The reader contract: a file in, a stream of raw records and rejections out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from newstrace.model import RawRecord, Rejection
from newstrace.readers.decode import InputRejected, decode_bytes
from newstrace.settings import Settings

ReadResult = RawRecord | Rejection


class Reader(Protocol):
    name: str

    def read(self, path: Path, settings: Settings) -> Iterator[ReadResult]:
        """Yield records lazily so that memory does not grow with the size of the input."""
        ...


def read_small_file(path: Path, settings: Settings) -> tuple[str, str]:
    """Read a file that must fit in memory whole (plain text, HTML), enforcing the size limit first."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputRejected("unreadable", str(exc)) from exc
    if size > settings.max_file_bytes:
        raise InputRejected("too_large", f"{size} bytes > max_file_bytes={settings.max_file_bytes}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputRejected("unreadable", str(exc)) from exc
    return decode_bytes(data)


def check_record_size(text: str, settings: Settings) -> None:
    if len(text) > settings.max_record_chars:
        raise InputRejected(
            "too_large", f"{len(text)} characters > max_record_chars={settings.max_record_chars}"
        )
