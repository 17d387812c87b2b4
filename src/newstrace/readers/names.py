"""A file's name as stored text, without loss.

POSIX file names are bytes; Python decodes the bytes that are not UTF-8 to lone surrogates, which
SQLite (and JSON) cannot store. A name that is valid UTF-8 and does not start with a double quote is
stored as it is (nearly all of them); any other name is written in double quotes with C-style escapes,
as git quotes paths: ``\\xNN`` for a byte that is not UTF-8, ``\\\\`` and ``\\"`` for the escape
characters. A stored name that starts with a double quote is therefore always a quoted one, and
:func:`name_bytes` gives back the exact bytes of the file name.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_QUOTE = '"'


def source_name(path: Path | str) -> str:
    """The name under which records and rejections of ``path`` are stored (always encodable)."""
    text = os.fspath(path)
    if not _needs_quoting(text):
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:  # any other lone surrogate: not a file name byte, but keep it
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return _QUOTE + "".join(out) + _QUOTE


def _needs_quoting(text: str) -> bool:
    if text.startswith(_QUOTE):
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def name_bytes(name: str) -> bytes:
    """The file name bytes a :func:`source_name` stands for (its inverse)."""
    if not name.startswith(_QUOTE):
        return name.encode("utf-8")
    out = bytearray()
    body = name[1:-1]
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out += ch.encode("utf-8")
            i += 1
            continue
        nxt = body[i + 1]
        if nxt == "x":
            out.append(int(body[i + 2 : i + 4], 16))
            i += 4
        elif nxt == "u":
            out += chr(int(body[i + 2 : i + 6], 16)).encode("utf-8", "surrogatepass")
            i += 6
        else:
            out += nxt.encode("utf-8")
            i += 2
    return bytes(out)


_WINDOWS_ROOT = re.compile(r"^[A-Za-z]:[\\/]|^\\\\")


def public_source(name: str | None) -> str | None:
    """A stored source as exports and pages show it: an absolute local path is cut to its folder and
    file name (``/home/me/corpus/a.txt`` -> ``corpus/a.txt``). Where the files lay on the machine that
    ingested them is none of the reader's business, and may be the analyst's to keep; the document id
    identifies the document. URLs, ``api:`` names and relative paths are kept as they are."""
    if not name:
        return name
    quoted = name.startswith(_QUOTE)
    body = name[1:-1] if quoted and name.endswith(_QUOTE) and len(name) > 1 else name
    if not (body.startswith("/") or _WINDOWS_ROOT.match(body)):
        return name
    windows = _WINDOWS_ROOT.match(body) is not None
    parts = [p for p in re.split(r"[\\/]+" if windows else "/+", body) if p]
    short = "/".join(parts[-2:])
    return _QUOTE + short + _QUOTE if quoted else short
