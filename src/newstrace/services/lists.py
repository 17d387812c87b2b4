"""The document, claim and event lists as the web app, the API and the downloads show them: a page of
rows, the facets of the filtered rows (value, label, count, whether it is the current filter), and every
row for a CSV or JSON download of the list exactly as filtered."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from functools import cache
from typing import Any

from newstrace.readers.names import public_source
from newstrace.store.lists import FACETS, ListStore
from newstrace.store.lists import ListFilter as ListFilter
from newstrace.store.lists import ListKind as ListKind
from newstrace.store.lists import available as kind_available
from newstrace.store.sqlite import Database

FACET_TITLES = {
    "lang": "language",
    "date": "date",
    "country": "country",
    "outlet": "outlet",
    "story": "story",
    "label": "label",
}
LABEL_TITLES: dict[ListKind, str] = {"documents": "text quality", "claims": "kind", "events": "type"}
COUNTRY_TITLES: dict[ListKind, str] = {
    "documents": "country named",
    "claims": "side (country)",
    "events": "country",
}

COLUMNS: dict[ListKind, tuple[str, ...]] = {
    "documents": (
        "id", "date", "date_source", "lang", "title", "source", "url", "outlet", "story_id", "quality_label",
        "duplicate_of", "chars", "removed",
    ),
    "claims": (
        "doc_id", "doc_title", "date", "lang", "kind", "low", "high", "bound", "unit", "subject", "side",
        "claimant", "claimant_entity", "via", "as_of", "scope", "of", "place", "figure", "figure_start",
        "figure_end", "evidence", "evidence_start", "evidence_end", "confidence", "story_id", "outlet",
    ),
    "events": (
        "id", "doc_id", "doc_title", "date", "lang", "type", "acled_event_type", "acled_sub_event_type",
        "status", "actor1", "actor2", "place_name", "country", "lat", "lon", "geo_precision",
        "time_precision", "fatalities", "confidence", "evidence", "trigger_start", "trigger_end",
        "event_group", "story_id", "outlet", "source",
    ),
}  # fmt: skip


@cache
def country_name(code: str) -> str:
    from babel import Locale

    return str(Locale("en").territories.get(code.upper(), code))


@cache
def language_name(code: str) -> str:
    from babel import Locale

    return str(Locale("en").languages.get(code, code))


def _document(r: Any) -> dict[str, Any]:
    out = {k: r[k] for k in COLUMNS["documents"]}
    out["source"] = public_source(r["source"])
    return out


def _claim(r: Any) -> dict[str, Any]:
    return {
        "doc_id": r["doc_id"],
        "doc_title": r["doc_title"],
        "date": r["as_of"] or r["doc_date"],
        "lang": r["lang"],
        "kind": r["kind"],
        "low": r["low"],
        "high": r["high"],
        "bound": r["bound"],
        "unit": r["unit"],
        "subject": r["subject"],
        "side": r["side"],
        "claimant": r["claimant"],
        "claimant_entity": r["claimant_entity"],
        "via": json.loads(r["via"] or "[]"),
        "as_of": r["as_of"],
        "scope": r["scope"],
        "of": r["of_total"],
        "place": r["place"],
        "figure": r["figure"],
        "figure_start": r["start"],
        "figure_end": r["end"],
        "evidence": r["evidence"],
        "evidence_start": r["evidence_start"],
        "evidence_end": r["evidence_end"],
        "confidence": r["confidence"],
        "story_id": r["story_id"],
        "outlet": r["outlet"],
    }


def _event(r: Any) -> dict[str, Any]:
    # ``e.*``: a store made before a column existed (confidence) lacks it; the row says None.
    have = set(r.keys())
    out = {k: (r[k] if k in have else None) for k in COLUMNS["events"]}
    out["date"] = (r["event_date"] if "event_date" in have else None) or r["doc_date"]
    out["source"] = public_source(r["doc_source"])
    return out


SHAPES = {"documents": _document, "claims": _claim, "events": _event}


def facet_label(kind: ListKind, name: str, value: str, titles: dict[str, str | None]) -> str:
    if name == "country":
        return f"{country_name(value)} ({value})"
    if name == "lang":
        return f"{language_name(value)} ({value})"
    if name == "story":
        return titles.get(value) or value
    if name == "label":
        return value.replace("_", " ")
    return value


def facets(db: Database, kind: ListKind, flt: ListFilter) -> list[dict[str, Any]]:
    """Every facet of the filtered rows: ``[{"name", "title", "values": [{"value", "label", "count",
    "selected", "params"}]}]``; ``params`` are the query parameters of the list narrowed to the value
    (or, for the current value, widened back)."""
    store = ListStore(db.conn)
    current = flt.params()
    out = []
    for name in FACETS:
        values = store.facet(kind, flt, name)
        titles = store.story_titles([v for v, _ in values]) if name == "story" else {}
        items = []
        for value, n in values:
            selected, params = _narrowed(current, name, value)
            items.append(
                {
                    "value": value,
                    "label": facet_label(kind, name, value, titles),
                    "count": n,
                    "selected": selected,
                    "params": params,
                }
            )
        title = {"label": LABEL_TITLES[kind], "country": COUNTRY_TITLES[kind]}.get(name, FACET_TITLES[name])
        out.append({"name": name, "title": title, "values": items})
    return out


def _narrowed(current: dict[str, str], name: str, value: str) -> tuple[bool, dict[str, str]]:
    params = dict(current)
    if name == "date":
        selected = current.get("since") == value and current.get("until") == value
        if selected:
            params.pop("since", None)
            params.pop("until", None)
        else:
            params.update(since=value, until=value)
        return selected, params
    selected = current.get(name) == value
    if selected:
        params.pop(name)
    else:
        params[name] = value
    return selected, params


def list_page(db: Database, kind: ListKind, flt: ListFilter, limit: int, offset: int) -> dict[str, Any]:
    """A page of the list, its total and its facets."""
    store = ListStore(db.conn)
    rows = [SHAPES[kind](r) for r in store.rows(kind, flt, limit, offset)]
    return {
        "total": store.count(kind, flt),
        "offset": offset,
        "limit": limit,
        "filters": flt.params(),
        "facets": facets(db, kind, flt),
        kind: rows,
    }


def iter_list(db: Database, kind: ListKind, flt: ListFilter) -> Iterator[dict[str, Any]]:
    shape = SHAPES[kind]
    for r in ListStore(db.conn).iter_rows(kind, flt):
        yield shape(r)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return " > ".join(str(v) for v in value)
    return value


def csv_chunks(db: Database, kind: ListKind, flt: ListFilter) -> Iterator[str]:
    """The list as CSV (a header, then one line per row), a few hundred rows per chunk."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS[kind])
    for n, row in enumerate(iter_list(db, kind, flt), 1):
        writer.writerow([_cell(row[c]) for c in COLUMNS[kind]])
        if n % 200 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def json_chunks(db: Database, kind: ListKind, flt: ListFilter) -> Iterator[str]:
    """The list as one JSON array of row objects."""
    yield "["
    for n, row in enumerate(iter_list(db, kind, flt)):
        yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def claim_keys(db: Database, flt: ListFilter) -> set[tuple[str, int, str]]:
    """``(doc_id, start, kind)`` of the claims the list filters keep (the ledger merges those)."""
    return ListStore(db.conn).claim_keys(flt)


def available(db: Database, kind: ListKind) -> bool:
    """Whether the store has the tables of this list (a store made before events existed has none)."""
    return kind_available(db.conn, kind)
