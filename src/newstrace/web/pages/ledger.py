"""The claims ledger: pick a quantity; its claims over time by claimant, ranges, disputes, evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from newstrace.services.browse import claim_quantities
from newstrace.services.ledger import ledger_report
from newstrace.services.session import DocumentStore
from newstrace.web.context import read_db
from newstrace.web.render import page
from newstrace.web.views import default_quantity, ledger_chart

router = APIRouter(include_in_schema=False)


@router.get("/ledger")
def ledger(request: Request, quantity: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    db = read_db(request)
    quantities = claim_quantities(db)
    chosen = quantity or default_quantity(quantities)
    report = ledger_report(DocumentStore(db), quantity=chosen) if chosen else None
    return page(
        request,
        "ledger.html",
        {
            "quantities": quantities,
            "chosen": chosen,
            "report": report,
            "chart": ledger_chart(report) if report else None,
        },
    )
