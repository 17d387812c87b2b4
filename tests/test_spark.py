"""The Spark job in local[2] against local ingest on the same small crawl: the store loaded from its
Parquet output must hold what local ingest stores (documents, annotations, copies, stories,
rejections), and its own Parquet tables must say the same. One job run per story decision serves every
test here: the learned decision (the default: one ordered pass over the whole input) and the calibrated
rules (blocks of candidates in parallel)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers.crawl import Crawl, build_crawl
from newstrace.cli.app import app
from newstrace.services.export import iter_claim_rows, iter_records
from newstrace.services.ingest import ingest
from newstrace.services.ledger import build_ledger
from newstrace.services.report import RunReport
from newstrace.services.stories import iter_story_records
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database

pytestmark = pytest.mark.slow


@dataclass
class Runs:
    crawl: Crawl
    out: Path
    job: dict[str, Any]
    local: Database
    loaded: Database
    local_report: RunReport
    load_output: str


# The story decisions whose jobs have run in this module so far (each is a settings key of its own, so a
# Python worker builds one pipeline per decision).
_DECISIONS_RUN: list[str] = []


@pytest.fixture(scope="module", params=["learned", "rules"])
def runs(spark: Any, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Any:
    import json

    decision = request.param
    root = tmp_path_factory.mktemp(f"spark-{decision}")
    crawl = build_crawl(root / "crawl")
    out = root / "out"
    # The command line, in this process: it uses the session already running and leaves it running.
    ran = CliRunner().invoke(
        app,
        ["spark", "run", str(crawl.folder), "--out", str(out), "--master", "local[2]", "--json"],
        env={"NEWSTRACE_STORIES": decision},
    )
    assert ran.exit_code == 0, ran.output
    _DECISIONS_RUN.append(decision)
    job = json.loads(ran.stdout)
    local = Database(root / "local.db")
    local_report = ingest([crawl.folder], Settings(stories=decision), local)
    result = CliRunner().invoke(app, ["--db", str(root / "loaded.db"), "load", str(out), "--json"])
    assert result.exit_code == 0, result.output
    loaded = Database(root / "loaded.db")
    yield Runs(crawl, out, job, local, loaded, local_report, result.output)
    local.close()
    loaded.close()


def _parquet(out: Path, table: str) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = pq.read_table(out / table).to_pylist()
    return rows


def test_loaded_store_equals_local_ingest(runs: Runs) -> None:
    local = list(iter_records(DocumentStore(runs.local)))
    loaded = list(iter_records(DocumentStore(runs.loaded)))
    # The crawl did what it was built to: four languages, two copies, two stories, claims, entities.
    assert len(local) == 8
    assert {r["lang"] for r in local} == {"fr", "en", "uk", "ru"}
    assert sum(1 for r in local if r["duplicate_of"]) == 2
    assert len({r["story_id"] for r in local}) == 2
    assert sum(len(r["claims"]) for r in local) >= 5 and all(r["entities"] for r in local)
    assert loaded == local  # every field of the export contract, in the same (input) order
    local_docs = list(DocumentStore(runs.local).iter_documents())
    loaded_docs = list(DocumentStore(runs.loaded).iter_documents())
    assert [d.embedding for d in loaded_docs] == [d.embedding for d in local_docs]
    assert [d.provided for d in loaded_docs] == [d.provided for d in local_docs]


def test_stories_edges_and_rejections_are_the_same(runs: Runs) -> None:
    assert iter_story_records(DocumentStore(runs.loaded)) == iter_story_records(DocumentStore(runs.local))

    def rejections(db: Database) -> list[tuple[str, str, str, str]]:
        rows = db.conn.execute("SELECT source, source_id, reason, detail FROM rejections")
        return sorted(tuple(r) for r in rows)

    assert rejections(runs.loaded) == rejections(runs.local)

    def event_groups(db: Database) -> list[tuple[str, str]]:
        return [tuple(r) for r in db.conn.execute("SELECT id, event_group FROM events ORDER BY id")]

    assert event_groups(runs.loaded) == event_groups(runs.local)
    reasons = {(Path(src).name, sid, reason) for src, sid, reason, _ in rejections(runs.loaded)}
    assert ("crawl.warc.gz", runs.crawl.damaged_id, "truncated") in reasons  # the damaged record
    assert ("broken.warc.gz", "", "truncated") in reasons  # not a WARC: a bad file, not a failed job
    assert ("wire.jsonl", "line 2", "malformed") in reasons


def test_job_report_counts_what_local_ingest_counts(runs: Runs) -> None:
    local = runs.local_report
    assert runs.job["files"] == local.files == 3
    assert runs.job["accepted"] == local.accepted
    assert runs.job["duplicates"] == local.duplicates == 2
    assert runs.job["rejected_by_reason"] == dict(local.rejected) == {"truncated": 2, "malformed": 1}
    assert runs.job["stories"] == 2
    assert '"accepted": 6' in runs.load_output and '"duplicates": 2' in runs.load_output


def test_parquet_tables_carry_the_contract(runs: Runs) -> None:
    docs = _parquet(runs.out, "documents")
    local = list(iter_records(DocumentStore(runs.local)))
    assert [d["rank"] for d in docs] == list(range(len(local)))
    for row, rec in zip(docs, local, strict=True):
        assert (row["id"], row["lang"], row["date"], row["duplicate_of"], row["story_id"]) == (
            rec["id"],
            rec["lang"],
            rec["date"],
            rec["duplicate_of"],
            rec["story_id"],
        )
        assert [e["entity_id"] for e in row["entities"]] == [e["entity_id"] for e in rec["entities"]]
        assert [(c["kind"], c["low"], c["claimant"]) for c in row["claims"]] == [
            (c["kind"], c["low"], c["claimant"]) for c in rec["claims"]
        ]
        assert row["quality"]["label"] == rec["quality"]["label"]
    claims = _parquet(runs.out, "claims")

    def ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # The claims table is written as the tasks finish (a block's rows once the block ends).
        return sorted(rows, key=lambda c: (c["doc_id"], c["figure_start"], c["kind"]))

    assert ordered([{k: v for k, v in c.items() if k != "rank"} for c in claims]) == ordered(
        list(iter_claim_rows(DocumentStore(runs.local)))
    )
    stories = {s["id"]: s for s in _parquet(runs.out, "stories")}
    for story in iter_story_records(DocumentStore(runs.local)):
        assert stories[story["id"]]["docs"] == story["docs"]
        assert stories[story["id"]]["languages"] == story["languages"]


def test_claim_groups_are_the_local_ledger(runs: Runs) -> None:
    def key(kind: str, subject: str, low: Any, high: Any, claimant: Any, docs: list[str]) -> tuple[Any, ...]:
        return kind, subject, low, high, claimant, tuple(docs)

    ledger = build_ledger(DocumentStore(runs.local))
    groups = _parquet(runs.out, "claim_groups")
    assert len(ledger) >= 5
    spark_side = sorted(
        key(g["kind"], g["subject"], g["low"], g["high"], g["claimant"], [r["doc_id"] for r in g["reports"]])
        for g in groups
    )
    local_side = sorted(
        key(e.kind, e.subject, e.low, e.high, e.claimant, [r["doc_id"] for r in e.reports]) for e in ledger
    )
    assert spark_side == local_side
    assert sum(bool(g["disputed_with"]) for g in groups) == sum(bool(e.disputed_with) for e in ledger)


def test_loading_twice_changes_nothing(runs: Runs, tmp_path: Path) -> None:
    from newstrace.services.load import load_parquet

    before = list(iter_records(DocumentStore(runs.loaded)))
    again = load_parquet(runs.out, Settings(), runs.loaded)
    assert (again.accepted, again.duplicates, again.unchanged) == (0, 0, 8)
    assert list(iter_records(DocumentStore(runs.loaded))) == before


def test_the_cli_starts_without_spark() -> None:
    code = (
        "import sys, newstrace.cli.app; "
        "sys.exit(any(m.split('.')[0] in ('pyspark', 'pyarrow', 'py4j') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_models_load_once_per_python_worker(runs: Runs, spark: Any) -> None:
    def pipeline_cache(_: int) -> tuple[int, int, int]:  # nested: shipped to the workers by value
        import os

        from newstrace.spark.job import worker_pipeline

        info = worker_pipeline.cache_info()
        return os.getpid(), info.hits, info.misses

    # The job's tasks ran in pooled Python workers: each built its pipeline (and loaded its models) at
    # most once, and reused it for later partitions.
    probes = spark.sparkContext.parallelize(range(4), 4).map(pipeline_cache).collect()
    seen = {pid: misses for pid, _, misses in probes}
    assert all(misses <= len(_DECISIONS_RUN) for misses in seen.values())
    assert any(misses == 1 for misses in seen.values())  # a worker kept the models it loaded
