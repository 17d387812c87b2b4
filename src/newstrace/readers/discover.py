"""Turn the paths a user gives (files, directories, glob patterns) into (file, reader name) pairs."""

from __future__ import annotations

import glob
import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from newstrace.model import Rejection
from newstrace.readers.names import source_name

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


def discover(
    paths: Iterable[str | Path], follow_links: bool = False
) -> Iterator[tuple[Path, str] | Rejection]:
    """Yield input files in a stable order; a path that matches nothing is a rejection, not an error.

    A folder walk (or a glob pattern) does not leave the tree it was given: a symbolic link to a file or
    folder outside it is recorded as rejected (``link_outside``) unless ``follow_links``; so is a link
    that points nowhere. A file named explicitly is read wherever it points.
    """
    for given in paths:
        raw = os.fspath(given)
        if any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield Rejection(source_name(raw), "not_found", "the pattern matches no file")
            base = os.path.realpath(_glob_base(raw))
            for m in matches:
                link = None if follow_links else _escaping_link(Path(m), base)
                if link is not None:
                    yield link
                else:
                    yield from _expand(Path(m), follow_links)
            continue
        yield from _expand(Path(raw), follow_links, explicit=True)


def _glob_base(pattern: str) -> str:
    """The folder a pattern cannot match outside of: its leading components without wildcards."""
    parts = Path(pattern).parts
    fixed = list(itertools.takewhile(lambda part: not any(ch in part for ch in "*?["), parts))
    return str(Path(*fixed)) if fixed else "."


def _inside(target: str, root: str) -> bool:
    return os.path.commonpath([target, root]) == root


def _escaping_link(path: Path, root: str) -> Rejection | None:
    """A rejection for a link (``path`` or a folder link on its way) that leads out of ``root``."""
    if not path.exists():
        return Rejection(source_name(path), "broken_link", "a symbolic link to nothing")
    target = os.path.realpath(path)
    if _inside(target, root):
        return None
    return Rejection(
        source_name(path),
        "link_outside",
        "a symbolic link out of the folder given: not followed (use --follow-links to read it)",
    )


def _expand(path: Path, follow_links: bool, explicit: bool = False) -> Iterator[tuple[Path, str] | Rejection]:
    if path.is_dir():
        yield from _walk(path, follow_links)
    elif path.is_file():
        yield path, reader_for(path)
    elif explicit:
        yield Rejection(source_name(path), "not_found", "no such file or directory")


def _walk(folder: Path, follow_links: bool) -> Iterator[tuple[Path, str] | Rejection]:
    root = os.path.realpath(folder)
    found: list[tuple[Path, tuple[Path, str] | Rejection]] = []
    seen_dirs = {root}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=follow_links):
        # Hidden folders are not descended into; with links followed, a folder is walked only once.
        keep = []
        for name in sorted(dirnames):
            sub = Path(dirpath, name)
            if name.startswith("."):
                continue
            if follow_links:
                real = os.path.realpath(sub)
                if real not in seen_dirs:
                    seen_dirs.add(real)
                    keep.append(name)
            elif sub.is_symlink():
                link = _escaping_link(sub, root)
                if link is not None:  # a link to a folder inside the tree is walked at its own place
                    found.append((sub, link))
            else:
                keep.append(name)
        dirnames[:] = keep
        for name in filenames:
            child = Path(dirpath, name)
            if name in _IGNORED_NAMES or name.startswith("."):
                continue
            item = _file_item(child, root, follow_links)
            if item is not None:
                found.append((child, item))
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


def _file_item(child: Path, root: str, follow_links: bool) -> tuple[Path, str] | Rejection | None:
    if child.is_symlink() and not follow_links:
        link = _escaping_link(child, root)
        if link is not None:
            return link
    elif child.is_symlink() and not child.exists():
        return Rejection(source_name(child), "broken_link", "a symbolic link to nothing")
    if not child.is_file():
        return None  # a socket, a fifo or a device: not an article
    return child, reader_for(child)
