"""Quality floors: the least each score may be. A floor may only go up (see tests/test_quality_gate.py).

A floors file maps a gold-set name to ``{"task.metric": floor}``; metrics whose name starts with
``max:`` are ceilings instead (e.g. ``"max:boilerplate.prose_chars_removed": 0``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def metric(scores: dict[str, Any], dotted: str) -> float:
    value: Any = scores
    for part in dotted.split("."):
        value = value[part]
    return float(value)


def check(scores: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """Return one message per score below its floor (or above its ceiling)."""
    failures = []
    for name, bound in sorted(floors.items()):
        if name.startswith("max:"):
            got = metric(scores, name[4:])
            if got > bound:
                failures.append(f"{name[4:]} = {got} is above its ceiling {bound}")
        else:
            got = metric(scores, name)
            if got < bound:
                failures.append(f"{name} = {got} is below its floor {bound}")
    return failures


def raised(old: dict[str, float], scores: dict[str, Any]) -> dict[str, float]:
    """New floors: each one moved to the current score where that is better, never lowered."""
    new = {}
    for name, bound in old.items():
        got = metric(scores, name.removeprefix("max:"))
        new[name] = min(bound, got) if name.startswith("max:") else max(bound, got)
    return new


def load(path: Path, gold_set: str) -> dict[str, float]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data[gold_set].items()}


def regressions(older: dict[str, float], newer: dict[str, float]) -> list[str]:
    """Floors that were lowered (or dropped) between two versions of the floors file."""
    out = []
    for name, bound in older.items():
        if name not in newer:
            out.append(f"{name} was removed")
        elif name.startswith("max:") and newer[name] > bound:
            out.append(f"ceiling {name} raised from {bound} to {newer[name]}")
        elif not name.startswith("max:") and newer[name] < bound:
            out.append(f"floor {name} lowered from {bound} to {newer[name]}")
    return out
