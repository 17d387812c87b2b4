"""The review flow end to end in headless Debian chromium against a live server started with a token:
sign in, correct a claim and a place, reload and see the corrections in the page, the API, the ledger
and the export; reject an event and see it gone from the events export; re-ingest the same input and
see the corrections still applied."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from newstrace.services.events import iter_event_records, show_event
from newstrace.services.export import iter_claim_rows
from newstrace.services.ingest import ingest
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database
from newstrace.web.app import create_app
from web.conftest import copy_store, serving
from web.test_corrections import targets

pytestmark = pytest.mark.e2e
TOKEN = "e2e-t0ken"


@pytest.fixture
def review_server(browser: Any, web_store: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A live server with a token, on a copy of the sample store (the shared store is never written)."""
    path = copy_store(web_store, tmp_path / "e2e-review.db")
    with serving(create_app(path, token=TOKEN)) as url:
        yield url, path


@pytest.fixture
def page(browser: Any, review_server: tuple[str, Path]) -> Iterator[Any]:
    context = browser.new_context(base_url=review_server[0], viewport={"width": 1280, "height": 900})
    p = context.new_page()
    problems: list[str] = []
    p.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    p.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield p
    context.close()
    assert not problems, problems


def review_form(page: Any, kind: str, start: int) -> Any:
    details = page.locator(f'#review details[data-review="{kind}-{start}"]').first
    details.locator("summary").click()
    return details.locator("form")


def test_review_flow_in_the_browser(page: Any, review_server: tuple[str, Path]) -> None:
    path = review_server[1]
    t = targets(path)
    cl, pl, ev = t["claim"], t["place"], t["event"]
    # Sign in with the server's token; the session comes back to the document.
    page.goto(f"/review/sign-in?next={quote('/documents/' + cl['doc_id'])}")
    page.fill('input[name="token"]', TOKEN)
    page.fill('input[name="who"]', "Ana")
    page.click('form.sign-in button[type="submit"]')
    page.wait_for_url(f"**/documents/{cl['doc_id']}")

    # Correct the claim.
    form = review_form(page, "claim", cl["start"])
    form.locator('select[name="action"]').select_option("correct")
    form.locator('input[name="f_value"]').fill("4321")
    form.locator('select[name="f_bound"]').select_option("exact")
    form.locator('input[name="f_subject"]').fill("Test subject")
    form.locator('input[name="f_claimant"]').fill("Test claimant")
    form.locator('input[name="note"]').fill("the sentence says otherwise")
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state("networkidle")
    page.reload()
    row = page.locator(f"#review-claim-{cl['start']}")
    assert "Test subject" in row.inner_text() and "corrected" in row.inner_text()
    assert "Test subject" in page.locator("table.claims").inner_text()

    # Correct the place to another gazetteer candidate.
    page.goto(f"/documents/{pl['doc_id']}")
    form = review_form(page, "place", pl["start"])
    form.locator('select[name="action"]').select_option("correct")
    options = form.locator('select[name="f_candidate"] option')
    labels = [options.nth(i).inner_text() for i in range(options.count())]
    pick = next(i for i, text in enumerate(labels) if i > 0 and not text.startswith(pl["name"] + " "))
    chosen = options.nth(pick).get_attribute("value")
    chosen_name = labels[pick].rsplit(" (", 1)[0]
    form.locator('select[name="f_candidate"]').select_option(chosen)
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state("networkidle")
    page.reload()
    assert chosen_name in page.locator(f"#review-place-{pl['start']}").inner_text()

    # Reject the event.
    page.goto(f"/documents/{ev['doc_id']}")
    form = review_form(page, "event", ev["trigger_start"])
    form.locator('select[name="action"]').select_option("reject")
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state("networkidle")
    page.reload()
    assert page.locator(f"#review-event-{ev['trigger_start']}.review-rejected").count() == 1

    check_everywhere(page, path, t, chosen_name)
    # The same input ingested again: the corrections still apply.
    db = Database(path)
    try:
        sources = {DocumentStore(db).get(d).source for d in (cl["doc_id"], pl["doc_id"], ev["doc_id"])}
        report = ingest(sorted(sources), Settings(db=path), db)
        assert report.unchanged == len(sources)
    finally:
        db.close()
    page.goto(f"/documents/{cl['doc_id']}")
    check_everywhere(page, path, t, chosen_name)


def check_everywhere(page: Any, path: Path, t: dict[str, Any], place_name: str) -> None:
    cl, pl, ev = t["claim"], t["place"], t["event"]
    doc = page.request.get(f"/api/documents/{cl['doc_id']}").json()
    claim = next(k for k in doc["claims"] if k["figure"]["start"] == cl["start"])
    assert (claim["low"], claim["subject"], claim["review"]["who"]) == (4321, "Test subject", "Ana")
    places = page.request.get(f"/api/documents/{pl['doc_id']}").json()["places"]
    assert next(p for p in places if p["start"] == pl["start"])["name"] == place_name
    page.goto(f"/ledger?quantity={quote(cl['kind'] + ':Test subject')}")
    ledger = page.locator("table.ledger").inner_text()
    assert "4,321" in ledger and "Test claimant" in ledger and "corrected" in ledger
    events = page.request.get(f"/api/events?doc={ev['doc_id']}").json()["events"]
    assert ev["id"] not in {e["id"] for e in events}
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT count(*) FROM events WHERE id = ?", (ev["id"],)).fetchone()[0] == 1
    c.close()
    db = Database(path)
    try:
        rows = [r for r in iter_claim_rows(DocumentStore(db)) if r["doc_id"] == cl["doc_id"]]
        assert any(r["figure_start"] == cl["start"] and r["low"] == 4321 for r in rows)
        exported = list(iter_event_records(db))
        reports = {
            r["id"] for e in exported for r in (show_event(db, e["event_id"]) or {"reports": []})["reports"]
        }
        assert ev["id"] not in reports
    finally:
        db.close()
