"""Claim grouping at scale: the claims ledger (``services.ledger``) per quantity, quantities in
parallel.

An entry merges the reports of one claim (same kind, subject, values, bound and claimant) and marks
the entries of the same quantity it disagrees with. Both only ever compare claims of one quantity
(kind and subject), so grouping by quantity gives exactly the local ledger; entries are named by a
hash of their key instead of a position in one global list.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from newstrace.services.ledger import LedgerEntry, LedgerItem, merge_items
from newstrace.spark.schema import CLAIM_GROUPS, to_row

Order = tuple[int, int]  # document rank, claim index in the document


def entry_id(entry: LedgerEntry) -> str:
    key = [entry.kind, entry.subject, entry.low, entry.high, entry.bound, (entry.claimant or "").casefold()]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:16]


def quantity_rows(quantity: str, items: Iterable[tuple[Order, LedgerItem]]) -> Iterator[tuple[Any, ...]]:
    """The ledger entries of one quantity as ``CLAIM_GROUPS`` rows (items in any order)."""
    entries = merge_items(item for _, item in sorted(items, key=lambda t: t[0]))
    ids = [entry_id(e) for e in entries]
    for e, eid in zip(entries, ids, strict=True):
        record = {
            **e.as_dict(0),
            "id": eid,
            "quantity": quantity,
            "disputed_with": [ids[j] for j in e.disputed_with],
        }
        yield to_row(record, CLAIM_GROUPS)
