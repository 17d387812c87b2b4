"""What readers yield: a raw record to analyse, or a rejection with its reason."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from newstrace.model.document import Document, RecordMeta


@dataclass(frozen=True, slots=True)
class RawRecord:
    source: str
    text: str
    fmt: str
    source_id: str | None = None
    encoding: str | None = None
    meta: RecordMeta = field(default_factory=RecordMeta)

    def document_id(self) -> str:
        """Stable id: the content hash, salted with the record's own identity when it has one.

        Two files with the same bytes are one document; two web records with the same text under two
        URLs are two documents (syndicated copies), which the deduplicator then links.
        """
        h = hashlib.sha256()
        identity = self.meta.url or self.source_id
        if identity:
            h.update(identity.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        h.update(self.text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()[:20]

    def to_document(self) -> Document:
        return Document(
            id=self.document_id(),
            source=self.source,
            raw=self.text,
            fmt=self.fmt,
            source_id=self.source_id,
            encoding=self.encoding,
            meta=self.meta,
        )


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not become a document; nothing is dropped without one of these."""

    source: str
    reason: str
    detail: str = ""
    source_id: str | None = None


@dataclass(frozen=True, slots=True)
class StoredStoryInput:
    """What story assignment needs of a stored document, read without loading its text."""

    id: str
    lang: str | None
    date: str | None
    story_id: str
    embedding: bytes | None
    duplicate_of: str | None
    entities: tuple[str, ...]  # entity ids of its mentions outside boilerplate, in text order
    figures: tuple[float | None, ...]  # each claim's low (else high) value, in text order
    # The figures its text states (``text.numbers.stated_figures``); None when stored before they were.
    stated: tuple[float, ...] | None = None
    title: str | None = None
    # The beginning of its clean text (``store.documents.OPENING_CHARS``), for its lead's words.
    opening: str | None = None
