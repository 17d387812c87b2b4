"""Fixtures for the web app tests: one store built per session from the bundled sample corpus plus a
hostile article, the app on it (in process), a live uvicorn server, and a headless Debian chromium.

The store takes 10-20 s to build, so every web test (API, pages, schema, browser) shares it and none
writes to it; tests that write (ingest, events) work on a copy.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newstrace.services.demo import sample_corpus
from newstrace.services.ingest import ingest
from newstrace.settings import Settings
from newstrace.store.sqlite import Database
from newstrace.web.app import create_app
from web import hostile

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    path = folder / "web.db"
    db = Database(path)
    try:
        ingest([sample_corpus(), hostile.write(folder)], Settings(db=path), db)
    finally:
        db.close()
    return path


def copy_store(src: Path, dest: Path) -> Path:
    """A consistent copy of a WAL store (sqlite's backup API, not a file copy)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dest) as b:
        a.backup(b)
    a.close()
    b.close()
    return dest


@pytest.fixture(scope="session")
def web_app(web_store: Path) -> FastAPI:
    return create_app(web_store)


@pytest.fixture(scope="session")
def client(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app) as c:
        yield c


@contextlib.contextmanager
def serving(web_app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn on a free local port, for as long as the block runs; its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(web_app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="session")
def live_server(web_app: FastAPI) -> Iterator[str]:
    with serving(web_app) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium is not installed (`apt-get install chromium`; .ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def ids(web_store: Path) -> dict[str, str]:
    """Ids the tests look at: a story with several articles and a syndication edge, a document with
    claims, the hostile one."""
    with sqlite3.connect(web_store) as c:
        story = c.execute(
            "SELECT story_id FROM documents d WHERE story_id IS NOT NULL GROUP BY story_id "
            "ORDER BY EXISTS (SELECT 1 FROM story_edges e WHERE e.story_id = d.story_id) DESC, "
            "count(*) DESC, story_id LIMIT 1"
        ).fetchone()[0]
        claim_doc = c.execute(
            "SELECT doc_id FROM claims GROUP BY doc_id ORDER BY count(*) DESC, doc_id LIMIT 1"
        ).fetchone()[0]
        hostile_doc = c.execute(
            "SELECT id FROM documents WHERE source_id = ?", (hostile.HOSTILE_ID,)
        ).fetchone()[0]
    c.close()
    return {"story": story, "claim_doc": claim_doc, "hostile_doc": hostile_doc}
