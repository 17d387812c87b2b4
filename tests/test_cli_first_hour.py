"""The CLI as a newcomer meets it: a name in any script finds its entity, ``ledger`` alone lists the
quantities, an empty result says so and why, cells never show "None" nor a word cut without an
ellipsis, and an impossible date is an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli.app import app
from newstrace.cli.cells import cut, plain

runner = CliRunner()

ARTICLE = (
    " date 2022-10-08 Explosion on the Crimean bridge\n\n"
    "A blast damaged the road and rail bridge to Crimea early on Saturday, Russian officials said. "
    "Two spans of the road section collapsed and fuel tanks on a train caught fire.\n\n"
    "Russia's investigative committee said three people were killed on the bridge.\n"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("first-hour")
    (folder / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(folder / "s.db")
    result = runner.invoke(app, ["--db", db, "ingest", str(folder / "bridge.txt")])
    assert result.exit_code == 0, result.output
    return db


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "160"})
    assert result.exit_code == code, result.output
    return result.output


def test_entity_by_any_name_in_any_script(store: str) -> None:
    by_name = run("--db", store, "entity", "Crimean Bridge")
    for spelling in ("Крымский мост", "pont de Crimée", "crimean bridge"):
        assert run("--db", store, "entity", spelling).splitlines()[0] == by_name.splitlines()[0], spelling
    missing = run("--db", store, "entity", "Qwxyzz Ltd", code=2)
    assert "in any script or spelling" in missing


def test_ledger_without_argument_lists_quantities(store: str) -> None:
    out = run("--db", store, "ledger")
    assert "claims ledger: quantities" in out and "killed:" in out
    unknown = run("--db", store, "ledger", "killed:nobody at all", code=2)
    assert "no claims on the quantity 'killed:nobody at all'" in " ".join(unknown.split())


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("docs", "--lang", "zz"), "No document matches --lang zz: the store has 1 in all (languages"),
        (("claims", "--kind", "none_such"), "No claim matches --kind none_such: the store has"),
        (("events", "--type", "none_such"), "No events: the events stage found no event"),
        (("entities", "--type", "equipment"), "No entity matches --type equipment"),
        (("docs", "--offset", "5"), "No documents from --offset 5: the store has 1"),
        (("search", "zzyzx"), "No document contains 'zzyzx'"),
    ],
)
def test_empty_results_say_so_and_why(store: str, args: tuple[str, ...], expected: str) -> None:
    assert expected in " ".join(run("--db", store, *args).split())


def test_an_empty_store_says_why(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    run("--db", db, "ingest", str(tmp_path / "nothing-*.txt"))
    assert "nothing was ingested into this store" in " ".join(run("--db", db, "docs").split())
    assert "No claims: no attributed figure was found" in " ".join(run("--db", db, "ledger").split())


@pytest.mark.parametrize("command", ["docs", "claims", "events"])
def test_impossible_dates_are_errors(store: str, command: str) -> None:
    for bad in ("2022-13", "2022-02-30", "yesterday"):
        out = run("--db", store, command, "--since", bad, code=2)
        assert "not a date" in out or "Invalid value" in out, out


def test_tables_never_show_none_nor_cut_words(store: str) -> None:
    for args in (
        ("docs",),
        ("claims",),
        ("events", "--status", "all"),
        ("entities",),
        ("stories",),
        ("ledger",),
    ):
        out = run("--db", store, *args)
        assert "None" not in out, (args, out)
    assert cut("Wagner fighters pull out of Rostov", 20).plain == "Wagner fighters…"
    assert cut("Supercalifragilistic", 8).plain == "Superca…"
    assert cut(None, 8, "undated").plain == "undated" and plain(None) == ""
    assert cut("fits exactly", 12).plain == "fits exactly"
