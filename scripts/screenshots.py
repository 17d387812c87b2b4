"""Take the README's screenshots of the web app: ``docs/img/*.png``.

Builds a store from the bundled sample corpus (or uses ``--db``), serves it with uvicorn on loopback,
and photographs the main pages in headless Debian chromium driven by Playwright (its own browser
builds are never downloaded: ``apt-get install chromium``): the document list (with its facets), a
document (its text, then its review section: on the store it builds, the script confirms the
document's surest claim and rejects its least sure event, as an analyst would), the map, the stories,
the claims ledger, search, and the review queue when the app has one (``/review``). Each page is
taken once it has loaded (the map once it says it is drawn), never after a guessed delay; the PNGs
are reduced to 256 colours to stay small (under 100 KB each).

    python scripts/screenshots.py [--db STORE] [--out docs/img]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

OUT = Path(__file__).resolve().parents[1] / "docs" / "img"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


def build(path: Path) -> None:
    """Ingest a copy of the sample corpus by a relative path, so that the sources shown on the pages
    read ``sample/...`` rather than where the package happens to be installed."""
    import os

    from newstrace.services.demo import sample_corpus
    from newstrace.services.ingest import ingest
    from newstrace.settings import Settings
    from newstrace.store.sqlite import Database

    shutil.copytree(sample_corpus(), path.parent / "sample")
    here = Path.cwd()
    os.chdir(path.parent)
    db = Database(path)
    try:
        ingest([Path("sample")], Settings(db=path), db)
    finally:
        db.close()
        os.chdir(here)


def review_some(path: Path, doc: str) -> None:
    """An analyst's judgements on the photographed document, so that the pictures show a reviewed
    article: its surest claim confirmed, its least sure event rejected (judgements only: no value is
    made up). Only on the scratch store this script builds."""
    from newstrace.store.corrections import Correction, CorrectionStore
    from newstrace.store.sqlite import Database

    with sqlite3.connect(path) as c:
        claim = c.execute(
            'SELECT start, "end", kind, substr((SELECT raw FROM documents WHERE id = ?), start + 1, '
            '"end" - start) FROM claims WHERE doc_id = ? ORDER BY confidence DESC, start LIMIT 1',
            (doc, doc),
        ).fetchone()
        event = c.execute(
            "SELECT trigger_start, trigger_end, substr((SELECT raw FROM documents WHERE id = ?), "
            "trigger_start + 1, trigger_end - trigger_start) FROM events WHERE doc_id = ? "
            "ORDER BY confidence, trigger_start LIMIT 1",
            (doc, doc),
        ).fetchone()
    c.close()
    db = Database(path)
    try:
        store = CorrectionStore(db)
        if claim:
            store.add(
                Correction(doc, "claim", claim[0], claim[1], claim[3], "confirm", "screenshots", claim[2])
            )
        if event:
            note = "background, not a report of one event"
            store.add(
                Correction(doc, "event", event[0], event[1], event[2], "reject", "screenshots", note=note)
            )
    finally:
        db.close()


def pick(path: Path) -> dict[str, str]:
    """The largest story, the document with the most kinds of annotation, a place entity."""
    with sqlite3.connect(path) as c:
        story = c.execute(
            "SELECT story_id FROM documents WHERE story_id IS NOT NULL GROUP BY story_id "
            "ORDER BY count(DISTINCT lang) DESC, count(*) DESC LIMIT 1"
        ).fetchone()[0]
        doc = c.execute(
            "SELECT d.id FROM documents d WHERE d.duplicate_of IS NULL ORDER BY "
            "(SELECT count(*) FROM claims k WHERE k.doc_id = d.id) * 3 + "
            "(SELECT count(*) FROM quotes q WHERE q.doc_id = d.id) * 2 + "
            "(SELECT count(*) FROM quality_spans s WHERE s.doc_id = d.id) * 3 + "
            "(SELECT count(*) FROM mentions m WHERE m.doc_id = d.id) DESC LIMIT 1"
        ).fetchone()[0]
    c.close()
    return {"story": story, "doc": doc}


def serve(path: Path) -> tuple[str, object, threading.Thread]:
    import uvicorn

    from newstrace.web.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(path), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{sock.getsockname()[1]}", server, thread


def shoot(base: str, ids: dict[str, str], out: Path) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed: apt-get install chromium")
    shots = [
        ("documents.png", "/documents", None),
        ("document.png", f"/documents/{ids['doc']}", ".doc-view"),
        ("document-review.png", f"/documents/{ids['doc']}", None),
        ("map.png", "/map", "#map[data-ready='true']"),
        ("stories.png", "/stories", None),
        ("ledger.png", "/ledger", "#ledger-chart"),
        ("search.png", "/search?q=" + quote("Херсон"), None),
    ]
    if has_review_queue(base):
        shots.append(("review.png", "/review", None))
    else:
        print("no review queue in this app (/review): not photographed")
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 820}, device_scale_factor=1)
        for name, url, ready in shots:
            page.goto(base + url, wait_until="load")
            if ready:
                page.wait_for_selector(ready, state="attached", timeout=15000)
            if name == "document.png":
                page.locator(".doc-view").scroll_into_view_if_needed()
            if name == "document-review.png":
                if page.locator("#review").count() == 0:
                    print("no review section on the document (no judgement in this store): not photographed")
                    continue
                page.evaluate("() => document.getElementById('review').scrollIntoView()")
            page.screenshot(path=str(out / name))
            size = shrink(out / name)
            print(f"wrote {out / name} ({size // 1024} KB)")
        browser.close()


def has_review_queue(base: str) -> bool:
    from urllib.error import URLError
    from urllib.request import urlopen

    try:
        with urlopen(base + "/review", timeout=30) as r:
            return bool(r.status == 200)
    except (URLError, OSError):
        return False


def shrink(path: Path) -> int:
    """The screenshot reduced to 256 colours (Pillow, which matplotlib brings): a third of the size,
    and the text stays sharp."""
    from PIL import Image

    with Image.open(path) as img:
        small = img.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    small.save(path, optimize=True)
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, help="an existing store [default: build one from the sample]")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newstrace-shots-") as tmp:
        path = args.db or Path(tmp) / "sample.db"
        ids = None
        if args.db is None:
            build(path)
            ids = pick(path)
            review_some(path, ids["doc"])
        base, server, thread = serve(path)
        try:
            shoot(base, ids or pick(path), args.out)
        finally:
            server.should_exit = True  # type: ignore[attr-defined]
            thread.join(10)


if __name__ == "__main__":
    main()
