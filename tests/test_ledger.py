"""The claims ledger: merged reports, disputes between claimants, filters, and the chart."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from helpers.corpus import text_folder
from newstrace.cli.app import app

runner = CliRunner()

ARTICLES = {
    "a.txt": " date 2023-01-10 Pertes russes\n\nSelon des responsables britanniques, environ 40 000 "
    "soldats russes ont été tués depuis le début de la guerre.\n",
    "b.txt": " date 2023-01-12 Russian losses\n\nRussia's defence ministry said 6,000 Russian soldiers were "
    "killed since the start of the war.\n",
    "c.txt": " date 2023-01-14 Pertes russes (reprise)\n\nD'après des responsables britanniques, environ "
    "40 000 soldats russes ont été tués depuis le début de la guerre, rapporte un autre site.\n",
}


def _store(tmp_path: Path) -> str:
    folder = text_folder(tmp_path, ARTICLES)
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["--db", db, "ingest", str(folder)])
    assert result.exit_code == 0, result.output
    return db


def test_same_claim_merged_and_dispute_marked(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["--db", db, "ledger", "killed:Russian military", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_claimant = {c["claimant"]: c for c in data["claims"]}
    british = by_claimant["British officials"]
    assert british["low"] == 40000 and len(british["reports"]) == 2
    moscow = next(c for name, c in by_claimant.items() if name and "Russian Federation" in name)
    assert moscow["low"] == 6000
    assert british["disputed"] and moscow["disputed"]


def test_claims_filters_and_plot(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["--db", db, "claims", "--claimant", "British", "--json"])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)["claims"]
    assert claims and all(c["claimant"] == "British officials" for c in claims)
    png = tmp_path / "ledger.png"
    result = runner.invoke(app, ["--db", db, "ledger", "killed:Russian military", "--plot", str(png)])
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_ledger_lists_quantities_and_rejects_unknown_ones(tmp_path: Path) -> None:
    db = _store(tmp_path)
    result = runner.invoke(app, ["--db", db, "ledger", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["quantity"]: r for r in json.loads(result.stdout)["quantities"]}
    russian = rows["killed:Russian military"]
    assert russian["reports"] == 3 and russian["disputed"] == 2
    assert "British officials" in russian["claimants"]
    result = runner.invoke(app, ["--db", db, "ledger", "wounded:Martians"])
    assert result.exit_code != 0
    assert "no claims on the quantity" in result.output


def test_civilians_and_soldiers_are_separate_quantities(tmp_path: Path) -> None:
    text = (
        " date 2023-02-01 Toll\n\nThe ministry said 57 civilians were killed by Russian forces, and the "
        "General Staff said 900 Russian soldiers were killed.\n"
    )
    folder = text_folder(tmp_path, {"x.txt": text})
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["--db", db, "ingest", str(folder)]).exit_code == 0
    result = runner.invoke(app, ["--db", db, "ledger", "--json"])
    quantities = {r["quantity"] for r in json.loads(result.stdout)["quantities"]}
    assert {"killed:civilians", "killed:Russian military"} <= quantities
