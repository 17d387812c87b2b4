"""Response models of the faceted list endpoints (kept apart from ``schemas.py``, which they extend)."""

from __future__ import annotations

from pydantic import BaseModel

from newstrace.web.schemas import DocumentList, DocumentRow, EventList, Ledger


class FacetValue(BaseModel):
    value: str
    label: str
    count: int
    selected: bool
    params: dict[str, str]


class Facet(BaseModel):
    name: str
    title: str
    values: list[FacetValue]


class ListedDocument(DocumentRow):
    url: str | None
    outlet: str | None
    story_id: str | None


class FacetedDocumentList(DocumentList):
    documents: list[ListedDocument]  # type: ignore[assignment]
    filters: dict[str, str]
    facets: list[Facet]


class FacetedLedger(Ledger):
    facets: list[Facet]


class FacetedEventList(EventList):
    facets: list[Facet]
