"""The document list's filter and the SQL condition it makes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    lang: str | None = None
    since: str | None = None
    until: str | None = None
    source_contains: str | None = None
    quality: str | None = None
    include_duplicates: bool = True
    limit: int = 50
    offset: int = 0


# (filter field, condition on the documents table aliased ``d``, how the value is bound)
_CONDITIONS: tuple[tuple[str, str, str], ...] = (
    ("lang", "d.lang = ?", "{}"),
    ("since", "d.date >= ?", "{}"),
    ("until", "d.date <= ?", "{}"),
    ("source_contains", "d.source LIKE ?", "%{}%"),
    ("quality", "d.quality_label = ?", "{}"),
)


def document_where(flt: DocumentFilter) -> tuple[str, list[object]]:
    """``WHERE ...`` (or nothing) and its arguments for the documents ``flt`` selects."""
    clauses: list[str] = []
    args: list[object] = []
    for name, clause, bind in _CONDITIONS:
        value = getattr(flt, name)
        if value:
            clauses.append(clause)
            args.append(bind.format(value))
    if not flt.include_duplicates:
        clauses.append("d.duplicate_of IS NULL")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args
