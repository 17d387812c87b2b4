"""``/api/claims``: the claims ledger (merged claims, disputes) and the quantities it covers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from newstrace.services.browse import claim_quantities
from newstrace.services.ledger import ledger_report
from newstrace.store.documents import DocumentStore
from newstrace.web.context import read_db
from newstrace.web.params import DateQ, Limit, Offset, TextQ
from newstrace.web.schemas import Ledger, Quantity

router = APIRouter(prefix="/api", tags=["claims"])


@router.get("/claims", response_model=Ledger)
def claims(
    request: Request,
    quantity: Annotated[str | None, Query(max_length=200, description="kind:subject")] = None,
    kind: TextQ = None,
    subject: TextQ = None,
    claimant: TextQ = None,
    since: DateQ = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Claims across the corpus, the same claim from several articles merged; disputed ones marked."""
    report = ledger_report(
        DocumentStore(read_db(request)),
        quantity=quantity,
        kind=kind,
        subject=subject,
        claimant=claimant,
        since=since,
    )
    entries = report["claims"]
    return {
        **report,
        "total": len(entries),
        "offset": offset,
        "limit": limit,
        "claims": entries[offset : offset + limit],
    }


@router.get("/claims/quantities", response_model=list[Quantity])
def quantities(request: Request) -> list[dict[str, Any]]:
    """Every quantity (kind:subject) with its number of claims and claimants, most claimed first."""
    return claim_quantities(read_db(request))
