"""Turn the paths a user gives (files, directories, glob patterns) into (file, reader name) pairs."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from newstrace.model import Rejection

_BY_SUFFIX: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".jsonl.gz", "jsonl"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".html", "html"),
    (".htm", "html"),
    (".rss", "feed"),
    (".atom", "feed"),
    (".txt", "text"),
    (".text", "text"),
    (".md", "text"),
)
# Files a directory walk passes over silently: they are ours or the operating system's, not articles.
_IGNORED_NAMES = frozenset({"MANIFEST.json", ".DS_Store", "Thumbs.db"})


def reader_for(path: Path) -> str:
    """Pick a reader by file name, falling back on the first bytes for unknown or generic suffixes."""
    name = path.name.lower()
    for suffix, reader in _BY_SUFFIX:
        if name.endswith(suffix):
            return reader
    try:
        with path.open("rb") as fh:
            head = fh.read(512).removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    except OSError:
        return "text"  # the text reader will report why it cannot be read
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed")):
        return "feed" if (b"<rss" in head or b"<feed" in head or name.endswith(".xml")) else "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def discover(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str] | Rejection]:
    """Yield input files in a stable order; a path that matches nothing is a rejection, not an error."""
    for given in paths:
        raw = str(given)
        if any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield Rejection(raw, "not_found", "the pattern matches no file")
            for m in matches:
                yield from _expand(Path(m))
            continue
        yield from _expand(Path(raw), explicit=True)


def _expand(path: Path, explicit: bool = False) -> Iterator[tuple[Path, str] | Rejection]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
            if child.name in _IGNORED_NAMES or hidden:
                continue
            yield child, reader_for(child)
    elif path.is_file():
        yield path, reader_for(path)
    elif explicit:
        yield Rejection(str(path), "not_found", "no such file or directory")
