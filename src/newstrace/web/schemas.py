"""Response models of the JSON API: they make the OpenAPI schema say what each endpoint returns (and
the schemathesis check hold the API to it). Shapes follow the services' dictionaries and the export
contract; records that carry many optional annotation lists allow extra keys."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Span(BaseModel):
    start: int
    end: int
    text: str


class EntityCount(BaseModel):
    entity_id: str
    name: str
    type: str
    mentions: int


class StorySummary(BaseModel):
    id: str
    title: str | None
    documents: int
    languages: list[str]
    first_date: str | None
    last_date: str | None
    entities: list[EntityCount]
    places: list[EntityCount]


class StoryList(BaseModel):
    total: int
    offset: int
    limit: int
    stories: list[StorySummary]


class StoryEdge(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    src: str = Field(alias="from")
    to: str
    kind: str
    similarity: float


class StoryArticle(BaseModel):
    id: str
    lang: str | None
    date: str | None
    title: str | None
    source: str
    duplicate_of: str | None


class StoryEntity(BaseModel):
    entity_id: str
    name: str
    mentions: int


class StoryDetail(BaseModel):
    id: str
    title: str | None
    titles: dict[str, str]
    docs: list[str]
    languages: list[str]
    first_date: str | None
    last_date: str | None
    edges: list[StoryEdge]
    articles: list[StoryArticle]
    entities: list[StoryEntity]
    claims: list[dict[str, Any]]
    events: list[dict[str, Any]]


class DocumentRow(BaseModel):
    id: str
    source: str
    title: str | None
    lang: str | None
    date: str | None
    date_source: str | None
    duplicate_of: str | None
    quality_label: str | None
    chars: int
    removed: int


class DocumentList(BaseModel):
    total: int
    offset: int
    limit: int
    documents: list[DocumentRow]


class DocumentDetail(BaseModel):
    """The export record of one document (see the README's export contract), plus ``sentences_text``,
    ``stages`` and, once the store has them, ``events``."""

    model_config = ConfigDict(extra="allow")

    id: str
    source: str
    raw: str
    title: str | None
    text: str
    lang: str | None
    date: str | None
    duplicate_of: str | None
    stages: list[str]
    events: list[dict[str, Any]]


class EntityRow(BaseModel):
    id: str
    type: str
    name: str
    source: str
    mentions: int
    documents: int


class EntityList(BaseModel):
    type: str | None
    offset: int
    limit: int
    entities: list[EntityRow]


class EntityDocument(BaseModel):
    id: str
    title: str | None
    lang: str | None
    date: str | None
    mentions: int


class CooccurringEntity(BaseModel):
    id: str
    type: str
    name: str
    documents: int


class EntityClaim(BaseModel):
    doc_id: str
    start: int
    kind: str
    low: float | None
    high: float | None
    bound: str
    unit: str
    subject: str | None
    as_of: str | None
    title: str | None
    date: str | None


class EntityDetail(BaseModel):
    id: str
    type: str
    name: str
    source: str
    names: dict[str, list[str]]
    documents: list[EntityDocument]
    cooccurring: list[CooccurringEntity]
    claims: list[EntityClaim]


class Quantity(BaseModel):
    quantity: str
    kind: str
    subject: str
    claims: int
    claimants: int


class Review(BaseModel):
    """An analyst's judgement of an annotation (its values are then the corrected ones)."""

    id: int
    action: str = Field(description="confirm, correct or reject")
    who: str
    at: str
    note: str | None
    original: dict[str, Any] = Field(description="the annotation as the pipeline wrote it")


class ClaimReport(BaseModel):
    doc_id: str
    title: str | None
    date: str | None
    via: list[str]
    evidence: Span
    figure: Span
    review: Review | None = None


class LedgerEntry(BaseModel):
    index: int
    kind: str
    subject: str
    low: float | None
    high: float | None
    bound: str
    unit: str
    claimant: str | None
    date: str | None
    reports: list[ClaimReport]
    disputed: bool
    disputed_with: list[int]


class Ledger(BaseModel):
    filters: dict[str, str]
    quantities: dict[str, int]
    total: int
    offset: int
    limit: int
    claims: list[LedgerEntry]


class PlaceRow(BaseModel):
    name: str
    country: str | None
    lat: float
    lon: float
    precision: int
    feature: str
    confidence: float | None = None
    entity_id: str | None
    documents: int
    mentions: int
    first_date: str | None
    last_date: str | None


class PlaceList(BaseModel):
    offset: int
    limit: int
    places: list[PlaceRow]


class EventList(BaseModel):
    available: bool = Field(description="whether the store has events at all (a later migration adds them)")
    total: int
    offset: int
    limit: int
    events: list[dict[str, Any]]


class SnippetPart(BaseModel):
    text: str
    match: bool


class _FoundDocument(BaseModel):
    """What a search answer says of every document it lists."""

    id: str
    title: str | None
    lang: str | None
    date: str | None
    story_id: str | None
    duplicate_of: str | None


class SearchHit(_FoundDocument):
    snippet: list[SnippetPart]


class EntityMatch(BaseModel):
    id: str
    type: str
    name: str
    documents: int
    matched_names: list[str]


class EntityMatchDocument(_FoundDocument):
    matched: str | None
    mentions: int


class SearchResult(BaseModel):
    query: str
    fts_query: str
    total: int
    offset: int
    limit: int
    results: list[SearchHit]
    entities: list[EntityMatch]
    entity_documents: list[EntityMatchDocument]


class IngestResult(BaseModel):
    run_id: int
    files: int
    accepted: int
    duplicates: int
    unchanged: int
    rejected: int
    rejected_by_reason: dict[str, int]
    rejected_examples: list[dict[str, Any]]


class Problem(BaseModel):
    detail: str
