"""Every JSON endpoint on the sample store: shapes, filters, pagination bounds, 404s, the write token."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newstrace.web.app import create_app
from newstrace.web.context import ReadPool
from web import hostile
from web.conftest import copy_store
from web.endpoints import READ_ENDPOINTS


def get(client: TestClient, url: str, status: int = 200) -> Any:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    return r.json()


def test_story_list_newest_first_with_languages_entities_and_dates(client: TestClient) -> None:
    data = get(client, "/api/stories?limit=200")
    stories = data["stories"]
    assert data["total"] == len(stories) >= 10
    lasts = [s["last_date"] or "" for s in stories]
    assert lasts == sorted(lasts, reverse=True)
    multi = [s for s in stories if s["documents"] > 1]
    assert multi and all(len(s["languages"]) >= 1 for s in multi)
    assert any(s["entities"] for s in stories) and any(s["places"] for s in stories)
    assert all(e["type"] != "place" for s in stories for e in s["entities"])


def test_story_filters(client: TestClient) -> None:
    for s in get(client, "/api/stories?lang=uk&limit=200")["stories"]:
        assert "uk" in s["languages"]
    since = get(client, "/api/stories?since=2023-01&limit=200")["stories"]
    assert since and all((s["last_date"] or "") >= "2023-01" for s in since)
    until = get(client, "/api/stories?until=2022-06&limit=200")["stories"]
    assert until and all((s["first_date"] or "9") <= "2022-06~" for s in until)
    # An entity by one of its names in another script; every story found names it.
    zel = get(client, "/api/entities/person/volodymyr-zelensky")
    doc_stories = {get(client, f"/api/documents/{d['id']}").get("story_id") for d in zel["documents"]}
    by_name = get(client, "/api/stories?entity=Зеленський&limit=200")["stories"]
    assert by_name and {s["id"] for s in by_name} <= doc_stories
    assert get(client, "/api/stories?entity=Nobody%20Atall")["total"] == 0
    kherson = get(client, "/api/stories?place=Kherson&limit=200")["stories"]
    assert kherson
    for s in kherson:
        detail = get(client, f"/api/stories/{s['id']}")
        docs = [get(client, f"/api/documents/{d}") for d in detail["docs"]]
        names = {p["name"] for d in docs for p in d.get("places", [])}
        assert "Kherson" in names


def test_pagination_is_bounded_and_consistent(client: TestClient) -> None:
    everything = get(client, "/api/stories?limit=200")["stories"]
    page = get(client, "/api/stories?limit=2&offset=2")
    assert [s["id"] for s in page["stories"]] == [s["id"] for s in everything[2:4]]
    for url in (
        "/api/stories?limit=0",
        "/api/stories?limit=201",
        "/api/stories?offset=-1",
        "/api/documents?limit=100000",
        "/api/entities?limit=500",
        "/api/claims?limit=201",
        "/api/places?limit=5001",
        "/api/search?q=Kherson&limit=201",
        "/api/stories?since=yesterday",
        "/api/documents?lang=<script>",
    ):
        assert client.get(url).status_code == 422, url


def test_story_detail_and_404(client: TestClient, ids: dict[str, str]) -> None:
    s = get(client, f"/api/stories/{ids['story']}")
    assert len(s["articles"]) == len(s["docs"]) >= 3
    assert s["edges"] and {"from", "to", "kind", "similarity"} <= set(s["edges"][0])
    assert all(e["type"] and e["doc_id"] in s["docs"] for e in s["events"])
    assert get(client, "/api/stories/story-nope", 404)["detail"]


def test_documents_list_filters_and_detail(client: TestClient, ids: dict[str, str]) -> None:
    data = get(client, "/api/documents?lang=fr&limit=5")
    assert data["total"] >= 5 and all(d["lang"] == "fr" for d in data["documents"])
    spun = get(client, "/api/documents?quality=spun")["documents"]
    assert spun and all(d["quality_label"] == "spun" for d in spun)
    doc = get(client, f"/api/documents/{ids['claim_doc']}")
    figure = doc["claims"][0]["figure"]
    assert doc["raw"][figure["start"] : figure["end"]] == figure["text"]
    assert isinstance(doc["events"], list) and "entities" in doc and "sentences" in doc
    assert get(client, f"/api/documents/{ids['claim_doc'][:8]}")["id"] == ids["claim_doc"]  # unique prefix
    assert get(client, "/api/documents/ffffffffffff", 404)["detail"].startswith("no document")


def test_entities_list_and_detail(client: TestClient) -> None:
    people = get(client, "/api/entities?type=person&limit=10")["entities"]
    assert people and all(e["type"] == "person" for e in people)
    docs = [e["documents"] for e in people]
    assert docs == sorted(docs, reverse=True)
    kherson = get(client, "/api/entities/gn:706448")
    assert kherson["name"] == "Kherson" and kherson["documents"]
    assert any("Херсон" in names for names in kherson["names"].values())
    assert get(client, "/api/entities/Putin")["id"] == "person/vladimir-putin"  # by name
    get(client, "/api/entities/person/nobody-at-all", 404)


def test_claims_ledger_and_quantities(client: TestClient) -> None:
    quantities = get(client, "/api/claims/quantities")
    assert quantities and quantities[0]["claims"] >= quantities[-1]["claims"]
    q = max(quantities, key=lambda x: (x["claimants"], x["claims"]))["quantity"]
    ledger = get(client, f"/api/claims?quantity={q}")
    assert ledger["total"] >= 2 and len(ledger["claims"]) == ledger["total"]
    for c in ledger["claims"]:
        assert f"{c['kind']}:{c['subject']}" == q and c["reports"]
    page = get(client, f"/api/claims?quantity={q}&limit=1&offset=1")
    assert page["claims"][0]["index"] == ledger["claims"][1]["index"]
    assert get(client, "/api/claims?kind=killed")["total"] >= 1


def test_places_for_the_map(client: TestClient) -> None:
    places = get(client, "/api/places?limit=5000")["places"]
    kherson = next(p for p in places if p["name"] == "Kherson")
    assert abs(kherson["lat"] - 46.64) < 0.1 and abs(kherson["lon"] - 32.61) < 0.1
    assert kherson["entity_id"] == "gn:706448" and kherson["documents"] >= 3
    assert get(client, "/api/places?since=2030-01")["places"] == []


def test_events_from_the_events_stage(client: TestClient) -> None:
    data = get(client, "/api/events")
    assert data["available"] and data["total"] > 10 and data["events"]
    assert all(e["type"] and e["status"] and e["acled_event_type"] for e in data["events"])


def _add_event(path: Path, doc_id: str) -> None:
    """An events table as the events migration makes it (created here only if the store lacks it), and
    one row; columns this test does not know get a value of their declared type."""
    with sqlite3.connect(path) as c:
        c.execute(
            "CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, doc_id TEXT, event_group TEXT, "
            "type TEXT, acled_event_type TEXT, acled_sub_event_type TEXT, plover TEXT, status TEXT, "
            "trigger_start INTEGER, trigger_end INTEGER, place_name TEXT, lat REAL, lon REAL, "
            "geo_precision INTEGER, event_date TEXT, time_precision TEXT, fatalities INTEGER, evidence TEXT)"
        )
        row: dict[str, object] = {
            "id": "ev-test-1", "doc_id": doc_id, "event_group": "g1", "type": "shelling",
            "acled_event_type": "Explosions/Remote violence",
            "acled_sub_event_type": "Shelling/artillery/missile attack",
            "plover": "ATTACK", "status": "asserted", "trigger_start": 0, "trigger_end": 7,
            "place_name": "Kherson", "lat": 46.64, "lon": 32.61, "geo_precision": 1,
            "event_date": "2022-11-20", "time_precision": "day", "fatalities": 3,
            "evidence": "<script>window.__pwned='event'</script>",
        }  # fmt: skip
        for col in c.execute("PRAGMA table_info(events)").fetchall():
            name, ctype, notnull, default = col[1], (col[2] or "").upper(), col[3], col[4]
            if name not in row and notnull and default is None:
                row[name] = 0 if "INT" in ctype else 0.0 if "REAL" in ctype else "x"
        cols = ",".join(row)
        c.execute(f"INSERT INTO events({cols}) VALUES ({','.join('?' * len(row))})", list(row.values()))
    c.close()


def test_events_when_the_store_has_them(web_store: Path, tmp_path: Path, ids: dict[str, str]) -> None:
    path = copy_store(web_store, tmp_path / "events.db")
    with sqlite3.connect(path) as c:
        c.execute("DELETE FROM events")  # only the hostile test row below
    c.close()
    _add_event(path, ids["claim_doc"])
    with TestClient(create_app(path)) as c:
        data = get(c, "/api/events?located=true")
        assert data["available"] and data["total"] == 1
        ev = data["events"][0]
        assert ev["type"] == "shelling" and ev["doc_id"] == ids["claim_doc"] and ev["lat"] == 46.64
        assert get(c, f"/api/events?doc={ids['claim_doc']}")["total"] == 1
        assert get(c, "/api/events?doc=ffff")["total"] == 0
        doc = get(c, f"/api/documents/{ids['claim_doc']}")
        assert [e["id"] for e in doc["events"]] == ["ev-test-1"]
        story_id = doc["story_id"]
        assert [e["id"] for e in get(c, f"/api/stories/{story_id}")["events"]] == ["ev-test-1"]
        page = c.get(f"/documents/{ids['claim_doc']}").text
        assert 'class="hl-event"' in page and "&lt;script&gt;window.__pwned=&#39;event&#39;" in page
        assert "<script>window.__pwned" not in page


def test_search_full_text_and_across_languages(client: TestClient) -> None:
    data = get(client, "/api/search?q=Kherson")
    assert data["total"] >= 2 and data["results"]
    assert any(p["match"] for r in data["results"] for p in r["snippet"])
    # Cyrillic query: the entity is found by its Ukrainian name, and documents naming it in other
    # languages (spelled Kherson, Cherson) come with it.
    cyr = get(client, "/api/search?q=Херсон")
    assert any(e["id"] == "gn:706448" for e in cyr["entities"])
    langs = {r["lang"] for r in cyr["results"]} | {d["lang"] for d in cyr["entity_documents"]}
    assert {"uk", "en", "fr"} <= langs
    # FTS syntax errors fall back to the words as phrases instead of failing.
    assert get(client, '/api/search?q=Kherson"')["fts_query"] == '"Kherson"'
    assert get(client, '/api/search?q="', 400)["detail"]
    assert client.get("/api/search").status_code == 422


def test_openapi_schema_lists_every_endpoint_and_no_cdn_docs(client: TestClient) -> None:
    schema = get(client, "/api/openapi.json")
    paths = set(schema["paths"])
    assert {*READ_ENDPOINTS, "/api/ingest"} <= paths
    assert not any(p.startswith(("/stories", "/documents", "/map")) for p in paths)  # pages stay out
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_security_headers(client: TestClient) -> None:
    r = client.get("/stories")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_read_connections_refuse_writes(web_store: Path) -> None:
    pool = ReadPool(web_store)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            pool.get().conn.execute("DELETE FROM documents")
    finally:
        pool.close()


def test_ingest_refused_without_a_token(client: TestClient) -> None:
    r = client.post("/api/ingest", json={"text": "x"})
    assert r.status_code == 403 and "token" in r.json()["detail"]


def test_ingest_with_a_token(web_store: Path, tmp_path: Path) -> None:
    path = copy_store(web_store, tmp_path / "writable.db")
    app = create_app(path, token="s3cret")
    article = {
        "id": "api-1",
        "title": "Drones hit Odesa port",
        "text": "Drones hit the port of Odesa overnight, the regional governor said on Monday.",
        "date": "2023-07-24",
        "lang": "en",
    }
    with TestClient(app) as c:
        before = sum(s["documents"] for s in get(c, "/api/stories?limit=200")["stories"])  # index cached
        assert c.post("/api/ingest", json=article).status_code == 401
        wrong = {"Authorization": "Bearer wrong"}
        assert c.post("/api/ingest", json=article, headers=wrong).status_code == 403
        auth = {"Authorization": "Bearer s3cret"}
        ndjson = {**auth, "content-type": "application/x-ndjson"}
        bad = c.post("/api/ingest", content=b"{not json}\n", headers=ndjson)
        assert bad.status_code == 400 and "line 1" in bad.json()["detail"]
        r = c.post("/api/ingest", json=article, headers=auth)
        assert r.status_code == 200, r.text
        assert r.json()["accepted"] == 1
        again = c.post(
            "/api/ingest",
            content=(json.dumps(article) + "\n").encode(),
            headers={**auth, "content-type": "application/x-ndjson"},
        )
        assert again.json()["accepted"] == 0 and again.json()["unchanged"] == 1
        found = get(c, "/api/search?q=Odesa%20drones")
        assert any(h["title"] == "Drones hit Odesa port" for h in found["results"])
        # The cached story index sees the new article.
        assert sum(s["documents"] for s in get(c, "/api/stories?limit=200")["stories"]) == before + 1


def test_create_app_refuses_a_missing_store(tmp_path: Path) -> None:
    from newstrace.store.sqlite import StoreError

    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_hostile_article_is_kept_verbatim_as_json(client: TestClient, ids: dict[str, str]) -> None:
    doc = get(client, f"/api/documents/{ids['hostile_doc']}")
    assert doc["title"] == hostile.TITLE and doc["url"] == hostile.URL
    r = client.get(f"/api/documents/{ids['hostile_doc']}")
    assert r.headers["content-type"].startswith("application/json")


def test_serve_command_refuses_a_missing_store(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newstrace.cli.app import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "missing.db"), "--port", "1"])
    assert result.exit_code == 2
    assert "no store" in result.output
    assert not (tmp_path / "missing.db").exists()
