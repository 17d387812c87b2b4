"""Bytes to text, or a clear reason why not.

UTF-8 (with or without BOM) is tried first because it is what nearly all news text is and it cannot be
confused with anything else when it decodes; legacy encodings (cp1251 for Russian/Ukrainian, latin-1 /
cp1252 for Western European text) are then detected with charset-normalizer.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class InputRejected(Exception):
    """Raised by readers for an input that cannot become a document; ``reason`` is a short code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


# Share of control characters (other than tab/newline/CR/form feed) above which bytes are not text.
_BINARY_CONTROL_SHARE = 0.01
_SNIFF = 8192


def looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > _BINARY_CONTROL_SHARE


# UTF-16 without a byte order mark: the zero bytes are the high bytes of ASCII characters (spaces, digits,
# punctuation, newlines; all letters in Latin-script text), so they fall on one parity of position only,
# where binary data has them on both. A tenth of the characters is a floor that text in any script
# reaches with its spaces alone; a hundredth on the other parity allows for the rare U+xx00 character.
_UTF16_MIN_ZEROS = 0.1
_UTF16_MAX_OTHER = 0.01


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    head = data[:_SNIFF]
    pairs = len(head) // 2
    if pairs < 2 or len(data) % 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for zeros, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= _UTF16_MIN_ZEROS * pairs and other <= _UTF16_MAX_OTHER * pairs:
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                return None
            sample = text[: _SNIFF // 2]
            controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\x0c\r")
            if controls > _BINARY_CONTROL_SHARE * len(sample):
                return None
            if not text.strip():
                raise InputRejected("empty", "no text in the input")
            return text, name
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`InputRejected` for empty, binary or undecodable bytes."""
    if not data.strip():
        raise InputRejected("empty", "no text in the input")
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputRejected("undecodable", f"invalid {name}: {exc.reason}") from exc
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    if looks_binary(data):
        raise InputRejected("binary", "control bytes found: not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), declared.lower()
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise InputRejected("undecodable", "not UTF-8 and no legacy encoding fits")
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputRejected("undecodable", f"detected {best.encoding} but it does not decode") from exc
