"""Faceted lists (documents, claims, events): every facet count is the number of rows its filter keeps,
the CSV and JSON downloads hold exactly the rows of the list as filtered, and no page, API answer or
export carries the absolute path the files were ingested from."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newstrace.cli.app import app as cli
from newstrace.readers.names import public_source
from newstrace.services.demo import sample_corpus


def get(client: TestClient, url: str, status: int = 200) -> Any:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return r.json()


def facet(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return next(f["values"] for f in data["facets"] if f["name"] == name)


def query(params: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


@pytest.mark.parametrize("name", ["lang", "date", "country", "story", "label"])
def test_document_facet_counts_are_the_filtered_totals(client: TestClient, name: str) -> None:
    data = get(client, "/api/documents?limit=1")
    values = facet(data, name)
    assert values, f"the sample store has no {name} facet"
    for v in values[:4]:
        narrowed = get(client, f"/api/documents?limit=200&{query(v['params'])}")
        assert narrowed["total"] == v["count"], (name, v)
        assert facet(narrowed, name) and any(x["selected"] for x in facet(narrowed, name))
        assert len(narrowed["documents"]) == min(200, v["count"])


def test_filters_combine_and_facets_follow(client: TestClient) -> None:
    everything = get(client, "/api/documents?limit=1")["total"]
    fr = get(client, "/api/documents?lang=fr&limit=200")
    assert 0 < fr["total"] < everything
    assert all(d["lang"] == "fr" for d in fr["documents"])
    # Within French documents, the language facet has French alone, and a month narrows further.
    assert [v["value"] for v in facet(fr, "lang")] == ["fr"]
    month = facet(fr, "date")[0]
    both = get(client, f"/api/documents?{query(month['params'])}&limit=200")
    assert both["total"] == month["count"]
    assert all((d["date"] or "").startswith(month["value"]) and d["lang"] == "fr" for d in both["documents"])


@pytest.mark.parametrize("kind", ["claims", "events"])
def test_claim_and_event_facets_match_downloads(client: TestClient, kind: str) -> None:
    rows = json.loads(client.get(f"/{kind}.json").text)
    assert rows, f"the sample store has no {kind}"
    api = get(client, f"/api/{kind}?limit=1")
    for name in ("lang", "label", "country", "story"):
        for v in facet(api, name)[:3]:
            kept = json.loads(client.get(f"/{kind}.json?{query(v['params'])}").text)
            assert len(kept) == v["count"], (kind, name, v)
    label = facet(api, "label")[0]
    kept = json.loads(client.get(f"/{kind}.json?label={label['value']}").text)
    field = "kind" if kind == "claims" else "type"
    assert {r[field] for r in kept} == {label["value"]}


def test_events_api_filters_like_the_download(client: TestClient) -> None:
    label = facet(get(client, "/api/events?limit=1"), "label")[0]
    api = get(client, f"/api/events?label={label['value']}&limit=5000")
    assert api["total"] == label["count"] == len(api["events"])
    assert {e["type"] for e in api["events"]} == {label["value"]}


def test_claims_api_narrows_the_ledger(client: TestClient) -> None:
    whole = get(client, "/api/claims?limit=200")
    lang = facet(whole, "lang")[0]
    part = get(client, f"/api/claims?lang={lang['value']}&limit=200")
    assert 0 < part["total"] <= whole["total"]
    reports = {r["doc_id"] for c in part["claims"] for r in c["reports"]}
    langs = {get(client, f"/api/documents/{d}")["lang"] for d in reports}
    assert langs == {lang["value"]}


@pytest.mark.parametrize("kind", ["documents", "claims", "events"])
def test_csv_and_json_downloads_are_the_list_as_filtered(client: TestClient, kind: str) -> None:
    lang = "en"
    as_json = json.loads(client.get(f"/{kind}.json?lang={lang}").text)
    r = client.get(f"/{kind}.csv?lang={lang}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert f'filename="{kind}.csv"' in r.headers["content-disposition"]
    as_csv = list(csv.DictReader(io.StringIO(r.text)))
    assert len(as_csv) == len(as_json) > 0
    assert all(row["lang"] == lang for row in as_json)
    key = "id" if kind != "claims" else "figure_start"
    assert [str(row[key]) for row in as_json] == [row[key] for row in as_csv]
    # The page shows the same rows, and its download links carry its filters.
    html = client.get(f"/{kind}?lang={lang}").text
    assert f'href="/{kind}.csv?lang={lang}"' in html and f'href="/{kind}.json?lang={lang}"' in html
    assert f"{len(as_json)} " in html


def test_list_pages_answer_with_facets(client: TestClient) -> None:
    for url in ("/documents", "/claims", "/events", "/documents?country=UA", "/claims?label=killed"):
        html = client.get(url).text
        assert 'class="facets"' in html and 'data-facet="lang"' in html, url
    empty = client.get("/documents?lang=zz").text
    assert "no document matches these filters" in empty


def test_bad_list_parameters_are_422(client: TestClient) -> None:
    for url in ("/api/documents?country=Ukraine", "/documents.csv?since=2022-13", "/api/events?lang=<b>"):
        assert client.get(url).status_code == 422, url


def test_public_source_cuts_absolute_paths() -> None:
    assert public_source("/home/someone/corpus/a.txt") == "corpus/a.txt"
    assert public_source("C:\\Users\\me\\news\\b.html") == "news/b.html"
    assert public_source('"/srv/x/\\xff.txt"') == '"x/\\xff.txt"'
    for kept in ("sample/a.txt", "https://example.org/a", "api:upload", None, ""):
        assert public_source(kept) == kept


def test_no_export_carries_an_absolute_path(client: TestClient, web_store: Path, ids: dict[str, str]) -> None:
    """The sample was ingested by its absolute path, the hostile article from a temporary folder."""
    secrets = (str(sample_corpus()), str(web_store.parent))
    texts = [client.get(u).text for u in ("/documents.json", "/claims.json", "/events.csv", "/documents.csv")]
    texts += [client.get(u).text for u in ("/api/documents?limit=200", f"/api/documents/{ids['claim_doc']}")]
    texts += [
        client.get(f"/api/stories/{ids['story']}").text,
        client.get(f"/documents/{ids['claim_doc']}").text,
    ]
    runner = CliRunner()
    for what, fmt in [
        ("documents", "jsonl"),
        ("documents", "csv"),
        ("claims", "jsonl"),
        ("claims", "csv"),
        ("events", "jsonl"),
        ("events", "csv"),
        ("stories", "jsonl"),
    ]:
        result = runner.invoke(cli, ["--db", str(web_store), "export", "--what", what, "--format", fmt])
        assert result.exit_code == 0, result.output
        texts.append(result.output)
    for text in texts:
        assert text.strip()
        for secret in secrets:
            assert secret not in text
    assert "sample/" in texts[0]


def test_confidence_is_shown_and_exported(client: TestClient, ids: dict[str, str]) -> None:
    doc = get(client, f"/api/documents/{ids['claim_doc']}")
    for key in ("claims", "entities", "places", "events"):
        assert doc[key], key
        assert all(0.0 <= float(a["confidence"]) <= 1.0 for a in doc[key]), key
    html = client.get(f"/documents/{ids['claim_doc']}").text
    shown = html.count('class="confidence')
    assert shown >= len(doc["claims"]) + len(doc["events"])
    for kind in ("claims", "events"):
        rows = json.loads(client.get(f"/{kind}.json").text)
        assert all(r["confidence"] is not None and 0 <= r["confidence"] <= 1 for r in rows), kind
        assert 'class="confidence' in client.get(f"/{kind}").text
    places = get(client, "/api/places?limit=50")["places"]
    assert all(0 < p["confidence"] <= 1 for p in places)
    assert 'class="confidence' in client.get("/ledger").text


def test_rejected_claims_and_events_leave_the_lists(web_store: Path, tmp_path: Path) -> None:
    import sqlite3

    from newstrace.store.corrections import Correction, CorrectionStore
    from newstrace.store.sqlite import Database
    from newstrace.web.app import create_app
    from web.conftest import copy_store

    path = copy_store(web_store, tmp_path / "lists-review.db")
    with sqlite3.connect(path) as c:
        claim = c.execute(
            'SELECT doc_id, start, "end", kind FROM claims ORDER BY doc_id, start LIMIT 1'
        ).fetchone()
        event = c.execute(
            "SELECT doc_id, trigger_start, trigger_end, type FROM events ORDER BY id LIMIT 1"
        ).fetchone()
    c.close()
    with TestClient(create_app(path)) as before:
        claims_before = json.loads(before.get("/claims.json").text)
        events_before = json.loads(before.get("/events.json").text)
    db = Database(path)
    try:
        store = CorrectionStore(db)
        store.add(
            Correction(claim[0], "claim", claim[1], claim[2], "x", "reject", "tester", subkind=claim[3])
        )
        store.add(Correction(event[0], "event", event[1], event[2], "x", "reject", "tester"))
    finally:
        db.close()
    with TestClient(create_app(path)) as after:
        claims_after = json.loads(after.get("/claims.json").text)
        events_after = json.loads(after.get("/events.json").text)
        assert get(after, "/api/events?limit=1")["total"] == len(events_after)
        label = facet(get(after, "/api/claims?limit=1"), "label")
        assert sum(v["count"] for v in label) == len(claims_after)
    assert len(claims_after) == len(claims_before) - 1
    assert len(events_after) == len(events_before) - 1
    assert (claim[0], claim[1]) not in {(r["doc_id"], r["figure_start"]) for r in claims_after}
    assert (event[0], event[1]) not in {(r["doc_id"], r["trigger_start"]) for r in events_after}
