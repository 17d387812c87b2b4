"""``/api/claims``: the claims ledger (merged claims, disputes) and the quantities it covers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from newstrace.services.browse import claim_quantities
from newstrace.services.ledger import ledger_report
from newstrace.services.lists import claim_keys, facets
from newstrace.services.session import DocumentStore
from newstrace.web.context import read_db
from newstrace.web.list_params import ListFilterQ
from newstrace.web.list_schemas import FacetedLedger
from newstrace.web.params import Limit, Offset, TextQ
from newstrace.web.schemas import Quantity

router = APIRouter(prefix="/api", tags=["claims"])


@router.get("/claims", response_model=FacetedLedger)
def claims(
    request: Request,
    flt: ListFilterQ,
    quantity: Annotated[str | None, Query(max_length=200, description="kind:subject")] = None,
    kind: TextQ = None,
    subject: TextQ = None,
    claimant: TextQ = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Claims across the corpus, the same claim from several articles merged; disputed ones marked.
    The list filters (language, dates, country, outlet, story, label = kind) keep the claims they
    match before merging; ``facets`` counts the claims (not merged) of the filtered list, and
    ``/claims.csv`` and ``/claims.json`` download them."""
    db = read_db(request)
    narrowed = any(v for k, v in flt.params().items() if k != "since")
    report = ledger_report(
        DocumentStore(db),
        keys=claim_keys(db, flt) if narrowed else None,
        quantity=quantity,
        kind=kind,
        subject=subject,
        claimant=claimant,
        since=flt.since,
    )
    entries = report["claims"]
    return {
        **report,
        "total": len(entries),
        "offset": offset,
        "limit": limit,
        "claims": entries[offset : offset + limit],
        "facets": facets(db, "claims", flt),
    }


@router.get("/claims/quantities", response_model=list[Quantity])
def quantities(request: Request) -> list[dict[str, Any]]:
    """Every quantity (kind:subject) with its number of claims and claimants, most claimed first."""
    return claim_quantities(read_db(request))
