"""The ACLED fatalities check: is the note's coded fatality count found among the note's killed claims?

For the notes with ``fatalities`` above 0, a note counts as found when one killed claim states the
figure (its low or high, or the figure as written before a bound moved it: "more than 40" is 41 in
``low``, 40 as written) or when the note's killed claims, added up, make it ("a civilian was killed
... another was killed": 2). Also the ACLED reading of each note on all notes: one conservative figure,
the sum of the lowest figure of each killed claim (0 when none), exact-match rate and mean absolute
error against ``fatalities``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newstrace.model import Claim, Document

Pairs = Sequence[tuple[dict[str, Any], Document | None]]
KILLED = frozenset({"killed"})
MISSES_SHOWN = 20


def _figures(c: Claim) -> set[float]:
    out = {v for v in (c.low, c.high) if v is not None}
    if c.bound == "at_least" and c.low is not None:
        out.add(c.low - 1)  # "more than 40": 40 as written
    if c.bound == "at_most" and c.high is not None:
        out.add(c.high + 1)  # "nearly 40": 40 as written
    return out


def killed_claims(doc: Document | None) -> list[Claim]:
    return [c for c in (doc.claims if doc is not None else ()) if c.kind in KILLED]


def conservative_count(doc: Document | None) -> float:
    """ACLED's reading: the lowest credible figure of each killed claim, added up (0 when none)."""
    return sum(c.low if c.low is not None else (c.high or 0) for c in killed_claims(doc))


def fatalities_found(doc: Document | None, coded: float) -> bool:
    """The coded figure among the note's killed claims, or their sum."""
    claims = killed_claims(doc)
    if any(coded in _figures(c) for c in claims):
        return True
    return bool(claims) and abs(conservative_count(doc) - coded) < 1e-6


def score_fatalities(pairs: Pairs) -> dict[str, Any]:
    with_dead = [(r, d) for r, d in pairs if (r.get("fatalities") or 0) > 0]
    found = [fatalities_found(d, float(r["fatalities"])) for r, d in with_dead]
    exact = errors = 0.0
    for r, d in pairs:
        got = conservative_count(d)
        want = float(r.get("fatalities") or 0)
        exact += abs(got - want) < 1e-6
        errors += abs(got - want)
    misses = [
        f"{r['id']}: coded {r['fatalities']}, killed claims {[(c.low, c.high) for c in killed_claims(d)]}"
        for (r, d), ok in zip(with_dead, found, strict=True)
        if not ok
    ]
    return {
        "notes_with_fatalities": len(with_dead),
        "found_as_killed_claim": sum(found),
        "found_rate": round(sum(found) / len(with_dead), 3) if with_dead else 0.0,
        "exact_rate_all_notes": round(exact / len(pairs), 3) if pairs else 0.0,
        "mean_abs_error_all_notes": round(errors / len(pairs), 3) if pairs else 0.0,
        "misses": misses[:MISSES_SHOWN],
    }
