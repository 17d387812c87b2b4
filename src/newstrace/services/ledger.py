"""The claims ledger: every claim on one quantity (a kind and a subject) across the corpus, the same
claim reported by several articles merged into one entry with several reports, and disagreement made
visible: claims from different claimants whose ranges do not overlap at comparable dates are disputed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newstrace.model import Claim, Document, PartialDate
from newstrace.services.corrections_apply import CorrectionSet, review_mark
from newstrace.services.export import claim_record
from newstrace.store.browse import BrowseStore
from newstrace.store.documents import DocumentStore

# Two claims are comparable when their dates are this close (or either is undated): figures of the same
# quantity a year apart may both be right.
COMPARABLE_DAYS = 45
UNSPECIFIED = "unspecified"


@dataclass
class LedgerEntry:
    kind: str
    subject: str
    low: float | None
    high: float | None
    bound: str
    unit: str
    claimant: str | None
    date: str | None
    reports: list[dict[str, Any]] = field(default_factory=list)
    disputed_with: list[int] = field(default_factory=list)
    confidence: float = 1.0  # the best reading among its reports (stages/claim_confidence.py)

    def as_dict(self, index: int) -> dict[str, Any]:
        return {
            "index": index,
            "kind": self.kind,
            "subject": self.subject,
            "low": self.low,
            "high": self.high,
            "bound": self.bound,
            "unit": self.unit,
            "claimant": self.claimant,
            "date": self.date,
            "reports": self.reports,
            "disputed": bool(self.disputed_with),
            "disputed_with": self.disputed_with,
            "confidence": self.confidence,
        }


def quantity_of(c: Claim) -> str:
    return f"{c.kind}:{c.subject or UNSPECIFIED}"


def _day(iso: str | None) -> date | None:
    d = PartialDate.parse_iso(iso) if iso else None
    return d.anchor() if d else None


def _interval(e: LedgerEntry) -> tuple[float, float]:
    lo = e.low if e.low is not None else 0.0
    hi = e.high if e.high is not None else float("inf")
    return lo, hi


def _comparable(a: LedgerEntry, b: LedgerEntry) -> bool:
    da, db = _day(a.date), _day(b.date)
    if da is None or db is None:
        return True
    return abs((da - db).days) <= COMPARABLE_DAYS


def build_ledger(
    store: DocumentStore,
    quantity: str | None = None,
    kind: str | None = None,
    subject: str | None = None,
    claimant: str | None = None,
    since: str | None = None,
    keys: set[tuple[str, int, str]] | None = None,
) -> list[LedgerEntry]:
    """The ledger's entries; ``keys`` (``(doc_id, start, kind)`` of claims, from the list filters of
    ``store/lists.py``) keeps only those claims."""
    items: list[LedgerItem] = []
    # Claims are read from the claims table with their document's title, date and the evidence text
    # (not by loading every document: that took 15 s at 10,000 documents), and only of the kind asked
    # for. Copies count as reports of the claim (syndication is how a figure travels).
    wanted_kind = kind or (quantity.split(":", 1)[0].casefold() if quantity else None)
    cset = CorrectionSet.load(store.db)
    if cset.changes_claim_kinds():
        wanted_kind = None  # a claim corrected into the kind asked for is stored under another
    for stored, found in BrowseStore(store.db).ledger_claims(wanted_kind):
        # The analyst's corrections first, so that the filters see the corrected claim.
        c, judged = cset.claim(found.doc_id, stored)
        if c is None:
            continue
        if quantity and quantity_of(c).casefold() != quantity.casefold():
            continue
        if kind and c.kind != kind:
            continue
        if keys is not None and (found.doc_id, c.start, c.kind) not in keys:
            continue
        if subject and subject.casefold() not in (c.subject or "").casefold():
            continue
        who = (c.claimant.name or c.claimant.text) if c.claimant else None
        if claimant and claimant.casefold() not in (who or "").casefold():
            continue
        when = c.as_of or found.doc_date
        if since and (when or "") < since:
            continue
        report = {
            "doc_id": found.doc_id,
            "title": found.doc_title,
            "date": when,
            "via": list(c.via),
            "evidence": {"start": c.evidence_start, "end": c.evidence_end, "text": found.evidence},
            "figure": {"start": c.start, "end": c.end, "text": found.figure},
        }
        if judged is not None:
            report["review"] = review_mark(judged)
        items.append(LedgerItem(_key(c, who), _entry(c, who, when), report))
    return merge_items(items)


@dataclass(frozen=True)
class LedgerItem:
    """One claim of one document, ready to merge: its entry key, a fresh entry, and its report."""

    key: tuple[Any, ...]
    entry: LedgerEntry
    report: dict[str, Any]


def _key(c: Claim, who: str | None) -> tuple[Any, ...]:
    return (c.kind, c.subject or UNSPECIFIED, c.low, c.high, c.bound, (who or "").casefold())


def _entry(c: Claim, who: str | None, when: str | None) -> LedgerEntry:
    e = LedgerEntry(c.kind, c.subject or UNSPECIFIED, c.low, c.high, c.bound, c.unit, who, when)
    e.confidence = c.confidence
    return e


def ledger_item(doc: Document, c: Claim) -> LedgerItem:
    """The ledger item of a claim of a loaded document (the Spark job groups claims this way)."""
    who = (c.claimant.name or c.claimant.text) if c.claimant else None
    when = c.as_of or (doc.date.value.iso() if doc.date else None)
    rec = claim_record(doc, c)
    report = {
        "doc_id": doc.id,
        "title": doc.title.text if doc.title else None,
        "date": when,
        "via": list(c.via),
        "evidence": rec["evidence"],
        "figure": rec["figure"],
    }
    return LedgerItem(_key(c, who), _entry(c, who, when), report)


def merge_items(items: Iterable[LedgerItem]) -> list[LedgerEntry]:
    """Merge the reports of one claim (items in store order) and mark disputed entries.

    Entries come back sorted; ``disputed_with`` holds positions in the returned list.
    """
    entries: dict[tuple[Any, ...], LedgerEntry] = {}
    for item in items:
        entry = entries.setdefault(item.key, item.entry)
        entry.reports.append(item.report)
        entry.confidence = max(entry.confidence, item.entry.confidence)
    ordered = sorted(entries.values(), key=lambda e: (e.kind, e.subject, e.date or "", e.low or 0))
    # Only claims on the same quantity can dispute each other: compare within those groups.
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, e in enumerate(ordered):
        groups.setdefault((e.kind, e.subject, e.unit), []).append(i)
    for members in groups.values():
        if not ordered[members[0]].subject[:1].isupper():
            continue  # "people", "soldiers": figures of different events, not one quantity
        for n, i in enumerate(members):
            a = ordered[i]
            for j in members[n + 1 :]:
                b = ordered[j]
                if (a.claimant or "").casefold() == (b.claimant or "").casefold() or not _comparable(a, b):
                    continue
                (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
                if ahi < blo or bhi < alo:
                    a.disputed_with.append(j)
                    b.disputed_with.append(i)
    return ordered


class UnknownQuantity(ValueError):
    """A quantity no stored claim is about."""


def ledger_quantities(store: DocumentStore) -> dict[str, Any]:
    """Every quantity (kind:victims) with its entries, reports, claimants and disputed entries, the
    most reported first: what `newstrace ledger` lists when no quantity is asked for."""
    rows: dict[str, dict[str, Any]] = {}
    for e in build_ledger(store):
        q = f"{e.kind}:{e.subject}"
        row = rows.setdefault(
            q, {"quantity": q, "entries": 0, "reports": 0, "claimants": set(), "disputed": 0}
        )
        row["entries"] += 1
        row["reports"] += len(e.reports)
        row["claimants"].add(e.claimant or "unattributed")
        row["disputed"] += bool(e.disputed_with)
    out = sorted(rows.values(), key=lambda r: (-r["reports"], r["quantity"]))
    for r in out:
        r["claimants"] = sorted(r["claimants"])
    return {"quantities": out}


def ledger_report(
    store: DocumentStore,
    strict: bool = False,
    keys: set[tuple[str, int, str]] | None = None,
    **filters: Any,
) -> dict[str, Any]:
    """The ledger for the filters; ``strict``: a quantity no claim is about is an error (the CLI), not
    an empty ledger (the HTTP API); ``keys`` keeps only these claims (the list filters)."""
    entries = build_ledger(store, keys=keys, **filters)
    quantity = filters.get("quantity")
    if strict and quantity and not entries:
        known = [r["quantity"] for r in ledger_quantities(store)["quantities"]]
        close = [k for k in known if quantity.split(":", 1)[0].casefold() in k.casefold()][:10]
        hint = (
            f" (quantities of that kind: {', '.join(close)})" if close else " (`newstrace ledger` lists them)"
        )
        raise UnknownQuantity(f"no claims on the quantity {quantity!r}{hint}")
    quantities: dict[str, int] = {}
    for e in entries:
        q = f"{e.kind}:{e.subject}"
        quantities[q] = quantities.get(q, 0) + 1
    return {
        "filters": {k: v for k, v in filters.items() if v},
        "quantities": quantities,
        "claims": [e.as_dict(i) for i, e in enumerate(entries)],
    }


def plot_ledger(report: dict[str, Any], path: str) -> int:
    """Values over time by claimant; ranges as vertical bars; disputed claims ringed in red."""
    import matplotlib

    matplotlib.use("Agg")  # no display: render to a file
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5))
    by_claimant: dict[str, list[dict[str, Any]]] = {}
    undated = 0
    for c in report["claims"]:
        if not c["date"]:
            undated += 1
            continue
        by_claimant.setdefault(c["claimant"] or "unattributed", []).append(c)
    for name, claims in sorted(by_claimant.items()):
        # Dated claims only (undated ones were counted above), as matplotlib day numbers.
        xs = [float(mdates.date2num(_day(c["date"]))) for c in claims]  # type: ignore[no-untyped-call]
        mids, lows, highs = [], [], []
        for c in claims:
            lo = c["low"] if c["low"] is not None else c["high"]
            hi = c["high"] if c["high"] is not None else c["low"]
            mids.append((lo + hi) / 2)
            lows.append((lo + hi) / 2 - lo)
            highs.append(hi - (lo + hi) / 2)
        ax.errorbar(xs, mids, yerr=[lows, highs], fmt="o", capsize=4, label=name)
        for x, m, c in zip(xs, mids, claims, strict=True):
            if c["disputed"]:
                ax.plot([x], [m], "o", mfc="none", mec="red", ms=14)
    title = ", ".join(report["quantities"]) or "no claims"
    ax.set_title(f"{title}" + (f" ({undated} undated claims not shown)" if undated else ""))
    ax.set_ylabel("value")
    if by_claimant:
        ax.legend(fontsize=8)
    ax.xaxis_date()
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return sum(len(v) for v in by_claimant.values())
