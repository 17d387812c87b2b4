"""Table cells for the CLI: never "None", and text cut at a word boundary with an ellipsis, never in the
middle of a word without one."""

from __future__ import annotations

from typing import Any

from rich.text import Text

ELLIPSIS = "…"


def plain(value: Any, empty: str = "") -> str:
    """The value as cell text: ``empty`` for None (never the word "None")."""
    return empty if value is None else str(value)


def cut(value: Any, width: int, empty: str = "") -> Text:
    """At most ``width`` characters: a longer text ends at the last word boundary that fits, followed by
    an ellipsis (a single word longer than the cell is cut, with the ellipsis)."""
    text = " ".join(plain(value, empty).split())
    if len(text) <= width:
        return Text(text)
    room = text[: width - 1]
    space = room.rfind(" ")
    if space >= width // 2:
        room = room[:space]
    return Text(room.rstrip(" ,;:.-") + ELLIPSIS)
