"""The last pass over each document, inside Spark tasks: apply the corpus decisions (merged entities,
duplicate_of, the story) exactly as local ingest applies them, and emit the output rows.

Rows come block by block, each block in input order (the story assigner needs that order); a document
outside any block is a block of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from newstrace.corpus.story_assigner import Edge
from newstrace.model import Document
from newstrace.model.serialise import document_from_json, document_to_json
from newstrace.services.export import claim_row, document_record
from newstrace.services.ledger import ledger_item, quantity_of
from newstrace.spark.blocking import BlockStories
from newstrace.spark.schema import CLAIMS, DOCUMENTS, to_row

DOC, CLAIM, EDGE, MEMBER, LEDGER = "doc", "claim", "edge", "member", "ledger"


def merge_entities(doc: Document, aliases: Mapping[str, str]) -> Document:
    """The document's corpus entities renamed to the ones they were merged into (``EntityMerger``)."""
    if not aliases:
        return doc
    mentions = tuple(
        dataclasses.replace(m, entity_id=aliases[m.entity_id])
        if m.entity_id is not None and m.entity_id in aliases
        else m
        for m in doc.mentions
    )
    return dataclasses.replace(doc, mentions=mentions) if mentions != doc.mentions else doc


def finalise(
    rows: Iterable[tuple[Any, ...]],
    aliases: Mapping[str, str],
    stories: str | None,
    common: Mapping[int, frozenset[str]] | None = None,
    chunk: int = 1,
) -> Iterator[tuple[Any, ...]]:
    """``rows``: (block, rank, document JSON, MinHash, content hash, duplicate_of, entity frequencies).
    ``stories``: the story decision (``Settings.stories``), or None when stories are not made;
    ``common``: the rules' entities common across stories in each chunk of ``chunk`` ranks
    (``blocking.common_by_chunk``).

    Yields tagged rows: the document, its claims, its story edge and story membership, and its
    ledger items (claims keyed by quantity, for the claim grouping). A block's rows are held until the
    block ends, because a later document of the block may merge two of its stories (as local ingest
    relabels them in the store).
    """
    assigner = BlockStories(stories or "rules", common, chunk)
    pending: list[tuple[Document, int, bytes, str | None, list[Edge]]] = []
    current: int | None = None
    for block, rank, doc_json, minhash, chash, duplicate_of, frequencies in rows:
        if block != current:
            assigner.finish()
            yield from _emit(pending, assigner.take_merges())
            pending, current = [], block
        doc = merge_entities(document_from_json(doc_json), aliases)
        doc = dataclasses.replace(doc, content_hash=chash, duplicate_of=duplicate_of)
        signature = bytes(minhash)
        edges: list[Edge] = []
        if stories:
            doc, edges = assigner.assign(block, rank, frequencies or {}, doc, signature)
        pending.append((doc, rank, signature, chash, edges))
        if not stories:
            yield from _emit(pending, {})
            pending = []
    assigner.finish()
    yield from _emit(pending, assigner.take_merges())


def _emit(
    pending: list[tuple[Document, int, bytes, str | None, list[Edge]]], merged: Mapping[str, str]
) -> Iterator[tuple[Any, ...]]:
    def resolve(story_id: str | None) -> str | None:
        while story_id is not None and story_id in merged:
            story_id = merged[story_id]
        return story_id

    for doc, rank, signature, chash, edges in pending:
        if doc.story_id is not None:
            doc = dataclasses.replace(doc, story_id=resolve(doc.story_id))
            for story_id, src, dst, kind, similarity in edges:
                yield (EDGE, (resolve(story_id), src, dst, kind, similarity, rank))
            yield (
                MEMBER,
                doc.story_id,
                rank,
                doc.id,
                doc.lang,
                doc.title.text if doc.title else None,
                doc.date.value.iso() if doc.date else None,
            )
        record = {
            **document_record(doc),
            "rank": rank,
            "document": document_to_json(doc),
            "minhash": signature,
            "content_hash": chash,
        }
        yield (DOC, to_row(record, DOCUMENTS))
        for i, claim in enumerate(doc.claims):
            yield (CLAIM, to_row({**claim_row(doc, claim), "rank": rank}, CLAIMS))
            yield (LEDGER, quantity_of(claim), (rank, i), ledger_item(doc, claim))
