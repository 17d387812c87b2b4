"""The analyst's correction loop through the API and the services (no browser needed): a correction is
applied wherever the annotation appears (document, ledger, map, events, exports), survives re-ingest and
re-analysis (re-attached, or listed as orphaned, never lost), writes need the token, and the corrections
exported as gold score 100% once applied again."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newstrace.evaluation.corrections_gold import export_gold, score_gold
from newstrace.evaluation.gold import load_gold
from newstrace.services.corrections import (
    CorrectionError,
    list_corrections,
    place_candidates,
    reattach,
    record,
)
from newstrace.services.events import iter_event_records
from newstrace.services.export import iter_claim_rows, iter_records
from newstrace.services.ingest import ingest
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database
from newstrace.web.app import create_app
from web.conftest import copy_store

TOKEN = "t0ken"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _one(path: Path, sql: str) -> sqlite3.Row:
    with sqlite3.connect(path) as c:
        c.row_factory = sqlite3.Row
        row = c.execute(sql).fetchone()
    c.close()
    assert row is not None, sql
    return row  # type: ignore[no-any-return]


def targets(path: Path) -> dict[str, Any]:
    """A claim on a named quantity, a place of a town, and an event of another document."""
    claim = _one(
        path,
        "SELECT doc_id, start, \"end\", kind, subject FROM claims WHERE subject GLOB '[A-Z]*' "
        "AND low IS NOT NULL ORDER BY doc_id, start LIMIT 1",
    )
    place = _ambiguous_town(path)
    event = _one(
        path,
        "SELECT id, doc_id, trigger_start, trigger_end, type, event_group FROM events "
        "WHERE status = 'asserted' ORDER BY doc_id, trigger_start LIMIT 1",
    )
    return {"claim": dict(claim), "place": dict(place), "event": dict(event)}


@pytest.fixture
def store_copy(web_store: Path, tmp_path: Path) -> Path:
    return copy_store(web_store, tmp_path / "review.db")


def post(
    c: TestClient, body: dict[str, Any], status: int = 201, headers: dict[str, str] | None = None
) -> Any:
    r = c.post("/api/corrections", json=body, headers=AUTH if headers is None else headers)
    assert r.status_code == status, r.text
    return r.json()


def _ambiguous_town(path: Path) -> sqlite3.Row:
    """The first town the gazetteer knows another place of the same name for (one to correct)."""
    with sqlite3.connect(path) as c:
        c.row_factory = sqlite3.Row
        rows = c.execute(
            "SELECT doc_id, start, \"end\", text, name, geonames_id FROM places WHERE feature = 'city' "
            "AND in_boilerplate = 0 AND text = name ORDER BY doc_id, start"
        ).fetchall()
    c.close()
    for row in rows:
        if any(x["name"] != row["name"] for x in place_candidates(row["text"])):
            return row  # type: ignore[no-any-return]
    pytest.skip("no town of the sample has a namesake in the gazetteer")


def other_candidate(c: TestClient, text: str, current: str) -> dict[str, Any]:
    found = c.get("/api/corrections/candidates", params={"text": text}).json()
    others = [x for x in found if x["name"] != current]
    if not others:
        pytest.skip(f"the gazetteer offers no other candidate for {text!r}")
    return others[0]  # type: ignore[no-any-return]


def correct_claim_place_event(c: TestClient, t: dict[str, Any]) -> dict[str, Any]:
    cl, pl, ev = t["claim"], t["place"], t["event"]
    claim = post(
        c,
        {
            "doc_id": cl["doc_id"],
            "kind": "claim",
            "start": cl["start"],
            "end": cl["end"],
            "subkind": cl["kind"],
            "action": "correct",
            "fields": {
                "value": 4321,
                "bound": "exact",
                "subject": "Test subject",
                "claimant": "Test claimant",
            },
            "note": "the figure says otherwise",
            "who": "Ana",
        },
    )
    cand = other_candidate(c, pl["text"], pl["name"])
    place = post(
        c,
        {
            "doc_id": pl["doc_id"],
            "kind": "place",
            "start": pl["start"],
            "end": pl["end"],
            "action": "correct",
            "fields": {"candidate": cand["id"]},
            "who": "Ana",
        },
    )
    event = post(
        c,
        {
            "doc_id": ev["doc_id"],
            "kind": "event",
            "start": ev["trigger_start"],
            "end": ev["trigger_end"],
            "action": "reject",
            "who": "Ana",
        },
    )
    return {"claim": claim, "place": place, "event": event, "candidate": cand}


def check_applied(c: TestClient, path: Path, t: dict[str, Any], made: dict[str, Any]) -> None:
    cl, pl, ev = t["claim"], t["place"], t["event"]
    # The document as the API shows it: the corrected claim, marked.
    doc = c.get(f"/api/documents/{cl['doc_id']}").json()
    got = next(k for k in doc["claims"] if k["figure"]["start"] == cl["start"])
    assert (got["low"], got["high"], got["bound"], got["subject"]) == (4321, 4321, "exact", "Test subject")
    assert got["claimant"]["text"] == "Test claimant"
    assert got["review"]["action"] == "correct" and got["review"]["who"] == "Ana"
    assert got["review"]["original"]["subject"] == cl["subject"]
    # The place, corrected to the chosen candidate.
    pdoc = c.get(f"/api/documents/{pl['doc_id']}").json()
    p = next(x for x in pdoc["places"] if x["start"] == pl["start"])
    assert p["name"] == made["candidate"]["name"] and p["review"]["action"] == "correct"
    # The ledger (API, which the page and the CLI share).
    ledger = c.get("/api/claims", params={"quantity": f"{cl['kind']}:Test subject"}).json()
    assert [e["low"] for e in ledger["claims"]] == [4321]
    assert ledger["claims"][0]["claimant"] == "Test claimant"
    assert ledger["claims"][0]["reports"][0]["review"]["action"] == "correct"
    quantities = {q["quantity"] for q in c.get("/api/claims/quantities").json()}
    assert f"{cl['kind']}:Test subject" in quantities
    # The map's places.
    names = {x["name"] for x in c.get("/api/places?limit=5000").json()["places"]}
    assert made["candidate"]["name"] in names
    # Events: the rejected one is gone from the document's events, the map and the events export.
    evs = c.get("/api/events", params={"doc": ev["doc_id"]}).json()["events"]
    assert ev["id"] not in {e["id"] for e in evs}
    evdoc = c.get(f"/api/documents/{ev['doc_id']}").json()
    assert ev["id"] not in {e["id"] for e in evdoc["events"]}
    db = Database(path)
    try:
        store = DocumentStore(db)
        rows = [
            r
            for r in iter_claim_rows(store)
            if r["doc_id"] == cl["doc_id"] and r["figure_start"] == cl["start"]
        ]
        assert rows and rows[0]["low"] == 4321 and rows[0]["review"] == "correct"
        rec = next(r for r in iter_records(store) if r["id"] == ev["doc_id"])
        assert ev["trigger_start"] not in {e["trigger"]["start"] for e in rec.get("events", [])}
        exported = list(iter_event_records(db))
        if ev["event_group"] is None:
            assert ev["id"] not in {e["event_id"] for e in exported}
        reports = {r["id"] for e in exported for r in _reports(db, e["event_id"])}
        assert ev["id"] not in reports
    finally:
        db.close()


def _reports(db: Database, event: str) -> list[dict[str, Any]]:
    from newstrace.services.events import show_event

    shown = show_event(db, event)
    return [] if shown is None else list(shown["reports"])


def test_corrections_apply_everywhere_and_become_gold(store_copy: Path, tmp_path: Path) -> None:
    t = targets(store_copy)
    with TestClient(create_app(store_copy, token=TOKEN)) as c:
        made = correct_claim_place_event(c, t)
        check_applied(c, store_copy, t, made)
        listed = c.get("/api/corrections").json()
        assert listed["total"] >= 3  # and the same judgements in copies of these articles, if any
        assert {x["kind"] for x in listed["corrections"]} == {"claim", "place", "event"}
        # Rejected annotations are seen again in the review view.
        reviewed = c.get("/api/review?reviewed=true&limit=200").json()["items"]
        assert any(i["kind"] == "event" and i["review"]["action"] == "reject" for i in reviewed)
        queue = c.get("/api/review?limit=200").json()["items"]
        scores = [i["score"] for i in queue]
        assert scores == sorted(scores, reverse=True)
        assert not any(
            i["doc_id"] == t["claim"]["doc_id"] and i["start"] == t["claim"]["start"] for i in queue
        )
    db = Database(store_copy)
    try:
        out = io.StringIO()
        assert export_gold(DocumentStore(db), out) >= 3
    finally:
        db.close()
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(out.getvalue(), encoding="utf-8")
    assert "/" not in json.loads(out.getvalue())["documents"][t["claim"]["doc_id"]]["source"]
    scores = score_gold(load_gold(gold_path), Settings(db=store_copy))
    for kind in ("claim", "place", "event"):
        row = scores["scores"][kind]
        assert row["with_corrections_accuracy"] == 1.0, (kind, row)
        assert row["pipeline_agreement"] == 0.0, (kind, row)  # every judgement here disagrees with it
    assert scores["reviewed"]["event"]["rejected"] >= 1


def test_writes_need_the_token_and_valid_fields(store_copy: Path, web_store: Path) -> None:
    t = targets(store_copy)
    cl = t["claim"]
    body = {
        "doc_id": cl["doc_id"],
        "kind": "claim",
        "start": cl["start"],
        "end": cl["end"],
        "action": "confirm",
    }
    with TestClient(create_app(web_store)) as ro:
        post(ro, {**body, "who": "x"}, status=403)
        assert ro.get("/api/corrections").json()["total"] == 0
    with TestClient(create_app(store_copy, token=TOKEN)) as c:
        post(c, {**body, "who": "x"}, status=401, headers={})
        post(c, {**body, "who": "x"}, status=403, headers={"Authorization": "Bearer nope"})
        post(c, body, status=422)  # unsigned
        post(c, {**body, "start": cl["start"] + 1, "who": "x"}, status=400)  # no annotation there
        post(c, {**body, "action": "correct", "fields": {"bound": "roughly"}, "who": "x"}, status=400)
        post(c, {**body, "action": "correct", "fields": {"value": "lots"}, "who": "x"}, status=400)
        post(c, {**body, "action": "correct", "fields": {}, "who": "x"}, status=400)
        first = post(c, {**body, "who": "x"})
        second = post(c, {**body, "action": "reject", "who": "y"})
        assert c.get("/api/corrections").json()["total"] == 1  # the later judgement supersedes
        history = c.get("/api/corrections?history=true").json()["corrections"]
        assert [h["id"] for h in history] == [first["id"], second["id"]]
        assert history[0]["superseded_by"] == second["id"]


def test_corrections_survive_reingest_and_reanalysis(store_copy: Path) -> None:
    t = targets(store_copy)
    cl = t["claim"]
    settings = Settings(db=store_copy)
    db = Database(store_copy)
    try:
        c = record(
            db,
            cl["doc_id"],
            "claim",
            cl["start"],
            cl["end"],
            "correct",
            "Ana",
            {"value": 77},
            subkind=cl["kind"],
        )
        source = DocumentStore(db).get(cl["doc_id"]).source
        # The same input again: nothing changes, the correction still applies.
        ingest([source], settings, db)
        assert _claim_low(db, cl) == 77
        # Re-analysis: the document and its annotations are written anew; the correction is found again.
        db.conn.execute("DELETE FROM documents WHERE id = ?", (cl["doc_id"],))
        ingest([source], settings, db)
        assert DocumentStore(db).get(cl["doc_id"]).claims, "the document was analysed again"
        assert _claim_low(db, cl) == 77
        assert _correction(db, c.id)["status"] == "attached"
        # A pipeline that moves the figure: found again by its key (the text of the figure).
        db.conn.execute('UPDATE corrections SET start = start + 3, "end" = "end" + 3 WHERE id = ?', (c.id,))
        moved = reattach(db).as_dict()
        assert moved["moved"] == 1 and moved["orphaned"] == 0
        assert (_correction(db, c.id)["start"], _claim_low(db, cl)) == (cl["start"], 77)
        # A pipeline that no longer finds it: orphaned, listed, not lost; back when the claim comes back.
        db.conn.execute(
            "UPDATE corrections SET key = 'no such figure', start = 0, \"end\" = 1 WHERE id = ?", (c.id,)
        )
        assert reattach(db).orphaned == 1
        assert [x["id"] for x in list_corrections(db, status="orphaned")] == [c.id]
        assert _claim_low(db, cl) == cl_low(store_copy, cl)
        with pytest.raises(CorrectionError):
            record(db, cl["doc_id"], "claim", 0, 1, "reject", "Ana")
    finally:
        db.close()


def _correction(db: Database, correction_id: int) -> dict[str, Any]:
    return next(x for x in list_corrections(db) if x["id"] == correction_id)


def _claim_low(db: Database, cl: dict[str, Any]) -> Any:
    rec = next(r for r in iter_records(DocumentStore(db)) if r["id"] == cl["doc_id"])
    return next(
        k["low"] for k in rec["claims"] if k["figure"]["start"] == cl["start"] and k["kind"] == cl["kind"]
    )


def cl_low(path: Path, cl: dict[str, Any]) -> Any:
    return _one(path, f"SELECT low FROM claims WHERE doc_id = '{cl['doc_id']}' AND start = {cl['start']}")[
        "low"
    ]


def test_form_writes_need_a_session_a_csrf_token_and_this_origin(store_copy: Path) -> None:
    import re

    t = targets(store_copy)
    cl = t["claim"]
    doc_url = f"/documents/{cl['doc_id']}"
    here = {"Origin": "http://testserver"}
    form = {
        "doc_id": cl["doc_id"],
        "kind": "claim",
        "start": str(cl["start"]),
        "end": str(cl["end"]),
        "subkind": cl["kind"],
        "action": "reject",
        "who": "Zoe",
        "next": doc_url,
    }
    with TestClient(create_app(store_copy, token=TOKEN), base_url="http://testserver") as c:
        assert 'name="csrf"' not in c.get(doc_url).text  # no form before signing in
        signin = {"token": TOKEN, "who": "Zoe", "next": doc_url}
        assert c.post("/review/sign-in", data=signin, follow_redirects=False).status_code == 403  # no origin
        bad = {**signin, "token": "wrong"}
        assert c.post("/review/sign-in", data=bad, headers=here, follow_redirects=False).status_code == 403
        evil = {"Origin": "http://evil.example"}
        assert c.post("/review/sign-in", data=signin, headers=evil, follow_redirects=False).status_code == 403
        r = c.post("/review/sign-in", data=signin, headers=here, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == doc_url
        page = c.get(doc_url)
        assert page.headers["referrer-policy"] == "same-origin"
        match = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
        assert match is not None
        csrf = match.group(1)

        def send(data: dict[str, str], headers: dict[str, str]) -> int:
            return c.post(
                "/review/corrections", data=data, headers=headers, follow_redirects=False
            ).status_code

        assert send({**form, "csrf": "0" * 64}, here) == 403
        assert send({**form, "csrf": csrf}, evil) == 403
        assert send({**form, "csrf": csrf}, {}) == 403
        assert send({**form, "csrf": csrf, "start": "x"}, here) == 400
        assert c.get("/api/corrections").json()["total"] == 0
        assert send({**form, "csrf": csrf, "next": "//evil.example/x"}, here) == 303
        assert c.get("/api/corrections").json()["corrections"][0]["who"] == "Zoe"
        c.cookies.clear()  # another browser: no session
        assert send({**form, "csrf": csrf}, here) == 403


def test_the_command_line_records_lists_exports_gold_and_scores_it(store_copy: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newstrace.cli.app import app

    runner = CliRunner()
    cl = targets(store_copy)["claim"]
    db = ["--db", str(store_copy)]

    def run(*args: str) -> Any:
        result = runner.invoke(app, [*db, *args])
        assert result.exit_code == 0, result.output
        return result

    span = [cl["doc_id"], "claim", str(cl["start"]), str(cl["end"])]
    bad = runner.invoke(
        app, [*db, "corrections", "add", *span, "correct", "--who", "Cli", "--set", "bound=lots"]
    )
    assert bad.exit_code != 0 and "bound" in bad.output
    run("corrections", "add", *span, "correct", "--who", "Cli", "--set", "value=12", "--subkind", cl["kind"])
    listed = json.loads(run("corrections", "list", "--json").stdout)
    assert (listed[0]["who"], listed[0]["fields"]["low"]) == ("Cli", 12.0)
    ledger = json.loads(run("claims", "--kind", cl["kind"], "--json").stdout)
    assert any(r.get("review") and e["low"] == 12 for e in ledger["claims"] for r in e["reports"])
    queue = json.loads(run("review", "--json", "--limit", "5").stdout)
    assert len(queue["items"]) == 5
    gold = tmp_path / "corrections.json"
    run("export", "--what", "gold", "--out", str(gold))
    scores = json.loads(run("eval", "--gold", str(gold), "--json").stdout)
    assert scores["scores"]["claim"]["with_corrections_accuracy"] == 1.0
    assert scores["reviewed"]["claim"]["corrected"] == len(listed)
    assert f"{len(listed)} in place" in run("corrections", "reattach").output


def test_entity_links_and_events_corrected_where_they_are_listed(store_copy: Path) -> None:
    link = _one(
        store_copy,
        "SELECT m.doc_id, m.start, m.\"end\", m.entity_id FROM mentions m WHERE m.type = 'person' "
        "AND m.entity_id IS NOT NULL AND m.in_boilerplate = 0 AND (SELECT count(*) FROM mentions o "
        "WHERE o.doc_id = m.doc_id AND o.entity_id = m.entity_id) = 1 ORDER BY m.doc_id, m.start LIMIT 1",
    )
    other = _one(
        store_copy,
        f"SELECT id, name FROM entities WHERE type = 'person' AND id != '{link['entity_id']}' "
        f"AND id NOT IN (SELECT entity_id FROM mentions WHERE doc_id = '{link['doc_id']}' "
        "AND entity_id IS NOT NULL) ORDER BY id LIMIT 1",
    )
    event = _one(
        store_copy,
        "SELECT e.id, e.doc_id, e.trigger_start, e.trigger_end, e.type, p.name AS place FROM events e "
        "JOIN places p ON p.doc_id = e.doc_id AND p.in_boilerplate = 0 "
        "WHERE e.type != 'protest' AND (e.place_name IS NULL OR e.place_name != p.name) "
        "ORDER BY e.doc_id, e.trigger_start LIMIT 1",
    )

    def docs_of(c: TestClient, entity_id: str) -> set[str]:
        return {d["id"] for d in c.get(f"/api/entities/{entity_id}").json()["documents"]}

    with TestClient(create_app(store_copy, token=TOKEN)) as c:
        assert link["doc_id"] in docs_of(c, link["entity_id"])
        span = {"doc_id": link["doc_id"], "kind": "entity_link", "start": link["start"], "end": link["end"]}
        post(c, {**span, "action": "correct", "fields": {"entity_id": other["name"]}, "who": "Ana"})
        assert link["doc_id"] not in docs_of(c, link["entity_id"])
        assert link["doc_id"] in docs_of(c, other["id"])
        doc = c.get(f"/api/documents/{link['doc_id']}").json()
        mention = next(m for m in doc["entities"] if m["start"] == link["start"])
        assert (mention["entity_id"], mention["review"]["original"]["entity_id"]) == (
            other["id"],
            link["entity_id"],
        )
        post(c, {**span, "action": "reject", "who": "Ana"})
        assert link["doc_id"] not in docs_of(c, other["id"])
        assert link["start"] not in {
            m["start"] for m in c.get(f"/api/documents/{link['doc_id']}").json()["entities"]
        }

        ev = {
            "doc_id": event["doc_id"],
            "kind": "event",
            "start": event["trigger_start"],
            "end": event["trigger_end"],
        }
        post(c, {**ev, "action": "correct", "fields": {"type": "nowhere"}, "who": "Ana"}, status=400)
        post(
            c,
            {**ev, "action": "correct", "fields": {"place": "Atlantis-upon-Nothing"}, "who": "Ana"},
            status=400,
        )
        fields = {"type": "protest", "status": "negated", "place": event["place"]}
        post(c, {**ev, "action": "correct", "fields": fields, "who": "Ana"})
        shown = next(
            e for e in c.get(f"/api/events?doc={event['doc_id']}").json()["events"] if e["id"] == event["id"]
        )
        assert (shown["type"], shown["status"], shown["place_name"], shown["review"]) == (
            "protest",
            "negated",
            event["place"],
            "correct",
        )
        assert shown["acled_event_type"] == "Protests"


def test_a_judgement_holds_for_the_copies_of_the_article(store_copy: Path) -> None:
    pair = _one(
        store_copy,
        'SELECT c.doc_id, c.start, c."end", c.kind FROM claims c '
        "JOIN documents d ON d.duplicate_of = c.doc_id "
        "JOIN claims k ON k.doc_id = d.id AND k.kind = c.kind "
        'AND substr(d.raw, k.start + 1, k."end" - k.start) = '
        '(SELECT substr(o.raw, c.start + 1, c."end" - c.start) FROM documents o WHERE o.id = c.doc_id) '
        "ORDER BY c.doc_id, c.start LIMIT 1",
    )
    with TestClient(create_app(store_copy, token=TOKEN)) as c:
        body = {"doc_id": pair["doc_id"], "kind": "claim", "start": pair["start"], "end": pair["end"]}
        fields = {"value": 98765, "subject": "Copied subject"}
        post(c, {**body, "subkind": pair["kind"], "action": "correct", "fields": fields, "who": "Ana"})
        judged = c.get("/api/corrections").json()["corrections"]
        assert len(judged) >= 2 and {j["fields"]["low"] for j in judged} == {98765}
        assert all("as judged in the copy" in j["note"] for j in judged if j["doc_id"] != pair["doc_id"])
        # The ledger merges the reports of the copies into one corrected claim, none left uncorrected.
        ledger = c.get("/api/claims", params={"quantity": f"{pair['kind']}:Copied subject"}).json()["claims"]
        assert len(ledger) == 1 and len(ledger[0]["reports"]) == len(judged)
