"""The API's input checks (issue 18's defects 2 and 8): a JSON body nested a thousand levels deep, dates
that do not exist, the source stored for an upload, and the security headers on every error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database
from newstrace.web import security
from newstrace.web.api import ingest as ingest_api
from newstrace.web.app import create_app

TOKEN = "t0ken"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NDJSON = {**AUTH, "content-type": "application/x-ndjson"}
ARTICLE = {"id": "u1", "text": "Ferry service across the river resumed on Tuesday after an inspection."}
DATED_ENDPOINTS = [
    "/api/documents?since={}",
    "/api/documents?until={}",
    "/api/claims?since={}",
    "/api/stories?since={}",
    "/api/stories?until={}",
    "/api/places?since={}",
    "/api/places?until={}",
    "/documents?since={}",
    "/stories?until={}",
    "/map?since={}",
]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "api.db"


@pytest.fixture
def writable(store_path: Path) -> Iterator[TestClient]:
    # Reading the body is under test, not the analysis: the first stage only keeps the runs fast.
    app = create_app(store_path, token=TOKEN, settings=Settings(stages=("normalise",)))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _has_security_headers(response: httpx.Response) -> bool:
    return all(response.headers.get(name) == value for name, value in security.HEADERS.items())


@pytest.mark.parametrize("content_type", ["application/json", "application/x-ndjson"])
def test_a_deeply_nested_body_is_a_400_with_the_security_headers(
    writable: TestClient, content_type: str
) -> None:
    deep = ("[" * 5000 + "]" * 5000).encode()
    r = writable.post("/api/ingest", content=deep, headers={**AUTH, "content-type": content_type})
    assert r.status_code == 400, r.text
    assert "nested too deeply" in r.json()["detail"]
    assert _has_security_headers(r)
    wrapped = b'{"text": "x", "extra": ' + deep + b"}"
    r = writable.post("/api/ingest", content=wrapped, headers={**AUTH, "content-type": content_type})
    assert r.status_code == 400 and _has_security_headers(r)


def test_a_lone_surrogate_in_the_body_is_a_400(writable: TestClient) -> None:
    body = b'{"id": "s", "text": "broken \\ud800 text"}\n'
    r = writable.post("/api/ingest", content=body, headers=NDJSON)
    assert r.status_code == 400 and "surrogate" in r.json()["detail"]


def test_an_unforeseen_error_is_a_500_with_the_security_headers(
    writable: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(body: bytes, content_type: str) -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(ingest_api, "to_json_lines", broken)
    r = writable.post("/api/ingest", json=ARTICLE, headers=AUTH)
    assert r.status_code == 500 and _has_security_headers(r)
    assert "a bug" not in r.text  # nothing of the error is shown to the client


def test_an_upload_keeps_the_clients_source_name_and_the_api_origin(
    writable: TestClient, store_path: Path
) -> None:
    named = writable.post("/api/ingest?source=wire-2023-07.jsonl", json=ARTICLE, headers=AUTH)
    assert named.status_code == 200 and named.json()["accepted"] == 1, named.text
    body = (
        json.dumps({"id": "u2", "text": "The library reopened its reading room today."}) + "\n{bad\n"
    ).encode()
    unnamed = writable.post("/api/ingest", content=body, headers=NDJSON)
    assert unnamed.status_code == 400  # a line that is not JSON refuses the whole body
    unnamed = writable.post("/api/ingest", content=body.replace(b"{bad", b'{"id": "e"}'), headers=NDJSON)
    assert unnamed.status_code == 200 and unnamed.json()["rejected"] == 1, unnamed.text
    db = Database(store_path)
    try:
        store = DocumentStore(db)
        sources = sorted(d.source for d in store.iter_documents())
        rejection_sources = [r["source"] for r in store.rejections()]
        inputs = [json.loads(r["inputs"]) for r in store.runs()]
    finally:
        db.close()
    assert sources[0].startswith("api:upload-") and len(sources[0]) > len("api:upload-")
    assert sources[1] == "api:wire-2023-07.jsonl"
    assert rejection_sources == [sources[0]]
    assert inputs == [["api:wire-2023-07.jsonl"], [sources[0]]]
    assert not any("newstrace-api-" in s or "/" in s for s in sources + rejection_sources)


@pytest.mark.parametrize("url", DATED_ENDPOINTS)
def test_a_date_that_does_not_exist_is_a_422(writable: TestClient, url: str) -> None:
    for bad in ("2022-13-45", "2022-02-30", "2022-00"):
        r = writable.get(url.format(bad))
        assert r.status_code == 422, (url, bad, r.status_code)
    for good in ("2022", "2022-02", "2024-02-29", ""):
        r = writable.get(url.format(good))
        assert r.status_code == 200, (url, good, r.text[:300])
