"""Shaping service results for the pages: the syndication tree, a story's timeline, the ledger chart's
points, and pagination. Pure functions on dictionaries (no SQL, no HTML)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from newstrace.model import PartialDate

PAGE_SIZE = 50


@dataclass(frozen=True)
class Pager:
    total: int
    offset: int
    limit: int

    @property
    def prev(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None

    @property
    def next(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    @property
    def first(self) -> int:
        return min(self.total, self.offset + 1)

    @property
    def last(self) -> int:
        return min(self.total, self.offset + self.limit)


def _day(iso: str | None) -> date | None:
    value = PartialDate.parse_iso(iso) if iso else None
    return value.anchor() if value else None


def syndication_tree(articles: list[dict[str, Any]], edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Articles as a forest: each copy, rewrite or translation under the earlier article it came from.

    ``[{"article", "kind" (of the edge from the parent, None for roots), "children": [...]}]``.
    """
    by_id = {a["id"]: a for a in articles}
    children: dict[str, list[tuple[str, str]]] = defaultdict(list)
    parent: dict[str, str] = {}
    for e in edges:
        src, dst = e["from"], e["to"]
        if src in by_id and dst in by_id and dst not in parent and src != dst:
            parent[dst] = src
            children[src].append((dst, e["kind"]))

    def node(doc_id: str, kind: str | None, seen: set[str]) -> dict[str, Any]:
        seen.add(doc_id)
        kids = [node(c, k, seen) for c, k in children.get(doc_id, []) if c not in seen]
        return {"article": by_id[doc_id], "kind": kind, "children": kids}

    seen: set[str] = set()
    roots = [node(a["id"], None, seen) for a in articles if a["id"] not in parent]
    # An edge cycle (never written by the stories stage, but the store is not ours to trust) leaves
    # articles unreached: show them as roots rather than lose them.
    roots.extend(node(a["id"], None, seen) for a in articles if a["id"] not in seen)
    return roots


def timeline(articles: list[dict[str, Any]], width: int = 1000) -> dict[str, Any]:
    """Article positions along the story's dates (x in 0..width) for a small SVG; undated ones left out."""
    dated = [(a, d) for a in articles if (d := _day(a.get("date"))) is not None]
    if not dated:
        return {"points": [], "first": None, "last": None, "undated": len(articles)}
    first = min(d for _, d in dated)
    last = max(d for _, d in dated)
    span = max(1, (last - first).days)
    margin = 20
    stacked: dict[int, int] = defaultdict(int)
    points = []
    for a, d in dated:
        x = margin + round((width - 2 * margin) * (d - first).days / span) if last != first else width // 2
        level = stacked[x]
        stacked[x] += 1
        points.append({"x": x, "y": 30 - 9 * min(level, 2), "article": a})
    return {
        "points": points,
        "first": first.isoformat(),
        "last": last.isoformat(),
        "undated": len(articles) - len(dated),
    }


def ledger_chart(report: dict[str, Any]) -> dict[str, Any]:
    """Points for the ledger chart: one per dated claim (its reports' first evidence is the link),
    grouped by claimant; undated claims are counted, and listed in the table under the chart."""
    series: dict[str, list[dict[str, Any]]] = defaultdict(list)
    undated = 0
    for c in report["claims"]:
        day = _day(c["date"])
        lo = c["low"] if c["low"] is not None else c["high"]
        hi = c["high"] if c["high"] is not None else c["low"]
        if day is None or lo is None or hi is None:
            undated += 1
            continue
        first = c["reports"][0] if c["reports"] else None
        series[c["claimant"] or "unattributed"].append(
            {
                "x": day.isoformat(),
                "low": lo,
                "high": hi,
                "y": (lo + hi) / 2,
                "bound": c["bound"],
                "date": c["date"],
                "disputed": c["disputed"],
                "reports": len(c["reports"]),
                "doc_id": first["doc_id"] if first else None,
                "figure_start": first["figure"]["start"] if first else None,
            }
        )
    return {
        "series": [{"claimant": k, "points": v} for k, v in sorted(series.items())],
        "undated": undated,
    }


def default_quantity(quantities: list[dict[str, Any]]) -> str | None:
    """The quantity with the most claimants (then claims): where comparing claimants is most useful."""
    if not quantities:
        return None
    best = max(quantities, key=lambda q: (q["claimants"], q["claims"]))
    return str(best["quantity"])
