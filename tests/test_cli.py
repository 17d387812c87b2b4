from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from helpers.corpus import text_folder
from newstrace.cli.app import app

runner = CliRunner()

ARTICLE = (
    " date 2022-10-08 Explosion on the Crimean bridge\n\n"
    "A blast damaged the road and rail bridge to Crimea early on Saturday, Russian officials said. "
    "Two spans of the road section collapsed and fuel tanks on a train caught fire.\n\n"
    "Russia's investigative committee said three people were killed.\n"
)


def _corpus(tmp_path: Path) -> Path:
    return text_folder(tmp_path, {"bridge.txt": ARTICLE, "empty.txt": "   \n"})


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_list_show_search_export(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    report = json.loads(_ok(["--db", db, "ingest", str(_corpus(tmp_path)), "--json"]))
    assert report["accepted"] == 1 and report["rejected_by_reason"] == {"empty": 1}
    listing = json.loads(_ok(["--db", db, "docs", "--json"]))
    assert listing["total"] == 1
    doc_id = listing["documents"][0]["id"]
    shown = json.loads(_ok(["--db", db, "show", doc_id[:8], "--json"]))
    assert shown["title"] == "Explosion on the Crimean bridge" and shown["date"] == "2022-10-08"
    assert shown["sentences_text"][1]["text"].startswith("A blast damaged")
    found = json.loads(_ok(["--db", db, "search", "bridge", "--json"]))
    assert found["results"][0]["id"] == doc_id
    lines = _ok(["--db", db, "export", "--format", "jsonl"]).splitlines()
    assert json.loads(lines[0])["id"] == doc_id
    rows = list(csv.DictReader(io.StringIO(_ok(["--db", db, "export", "--format", "csv"]))))
    assert rows[0]["id"] == doc_id and rows[0]["lang"] == "en"
    rejected = json.loads(_ok(["--db", db, "rejected", "--json"]))
    assert rejected[0]["reason"] == "empty"
    assert "Explosion on the Crimean bridge" in _ok(["--db", db, "show", doc_id])


def test_clear_errors(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["--db", str(tmp_path / "none.db"), "docs"])
    assert missing.exit_code == 2 and "no store" in missing.output
    db = str(tmp_path / "s.db")
    _ok(["--db", db, "ingest", str(_corpus(tmp_path))])
    unknown = runner.invoke(app, ["--db", db, "show", "zzzz"])
    assert unknown.exit_code == 2 and "no document" in unknown.output
    bad_fmt = runner.invoke(app, ["--db", db, "export", "--format", "xml"])
    assert bad_fmt.exit_code == 2


def test_demo_builds_a_fresh_store(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = runner.invoke(app, ["--db", str(db), "demo"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "sample corpus" in out
    # The headline results, then the next commands, serving the store first.
    assert "top stories across languages" in out
    # A quantity where claimants disagree, or the plain statement that none does: in the sample corpus
    # the only disagreement used to be a misread figure, so no dispute is expected.
    assert "disputed in the ledger" in out or "No disputed quantity in the ledger" in out
    assert "events by type" in out
    nxt = " ".join(out[out.index("next:") :].split())
    assert nxt.startswith(f"next: newstrace serve --db {db}"), nxt
    first = json.loads(_ok(["--db", str(db), "docs", "--json", "--limit", "1"]))["total"]
    assert first >= 20
    _ok(["--db", str(db), "demo"])  # again: a fresh store, not a doubled one
    assert json.loads(_ok(["--db", str(db), "docs", "--json", "--limit", "1"]))["total"] == first


def test_eval_on_seeds(seeds_gold: Path) -> None:
    scores = json.loads(_ok(["eval", "--gold", str(seeds_gold), "--json"]))
    assert scores["documents"] == 5
    floors = Path(__file__).with_name("floors.json")
    result = runner.invoke(app, ["eval", "--gold", str(seeds_gold), "--floors", str(floors)])
    assert result.exit_code == 0, result.output


def test_docs_filter_by_quality_and_show_flags(tmp_path: Path) -> None:
    spun = (
        "Les soldats tiennent la entrance près de Koupiansk. La problem des munitions reste entière, "
        "selon le New York Occasions, et les pertes sont additionally lourdes que prévu.\n"
    )
    folder = text_folder(tmp_path, {"spun.txt": spun, "bridge.txt": ARTICLE})
    db = str(tmp_path / "s.db")
    _ok(["--db", db, "ingest", str(folder)])
    spun = json.loads(_ok(["--db", db, "docs", "--quality", "spun", "--json"]))
    assert spun["total"] == 1 and spun["documents"][0]["quality_label"] == "spun"
    clean = json.loads(_ok(["--db", db, "docs", "--quality", "clean", "--json"]))
    assert clean["total"] == 1
    shown = json.loads(_ok(["--db", db, "show", spun["documents"][0]["id"], "--json"]))
    repairs = {q["text"]: q["repair"] for q in shown["quality"]["spans"]}
    assert repairs["New York Occasions"] == "New York Times"
    assert "question des munitions" in shown["repaired_text"]
    assert "text quality: spun" in _ok(["--db", db, "show", spun["documents"][0]["id"]])
