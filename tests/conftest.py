"""Shared fixtures. Tests that need the seed corpus skip, with the reason, where ``../shared`` is absent."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newstrace.model import Document, RawRecord
from newstrace.registry import build_pipeline
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEEDS_GOLD = SHARED / "corpus" / "seeds.gold.json"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS} (it sits beside the repository in CI only)")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_gold() -> Path:
    if not SEEDS_GOLD.is_file():
        pytest.skip(f"seed gold file not found at {SEEDS_GOLD} (it sits beside the repository in CI only)")
    return SEEDS_GOLD


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def pipeline(settings: Settings):  # type: ignore[no-untyped-def]
    return build_pipeline(settings)


@pytest.fixture
def run_text(pipeline):  # type: ignore[no-untyped-def]
    """Run the default pipeline on a plain-text article given as a string."""
    from newstrace.model import RecordMeta
    from newstrace.readers.text import parse_header

    def run(text: str, source: str = "test.txt") -> Document:
        date, header, headline = parse_header(text)
        rec = RawRecord(
            source=source, text=text, fmt="text", meta=RecordMeta(date=date, header=header, headline=headline)
        )
        return pipeline.run(rec.to_document())

    return run


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "store.db")
    yield database
    database.close()


@pytest.fixture
def store(db: Database) -> DocumentStore:
    return DocumentStore(db)


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """The bundled sample corpus ingested once with the default settings, shared by every test that
    only reads it (ingesting it takes most of a minute on a CI core)."""
    from newstrace.services.demo import sample_corpus
    from newstrace.services.ingest import ingest

    db = Database(tmp_path_factory.mktemp("sample") / "sample.db")
    ingest([sample_corpus()], Settings(), db)
    return db


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session (two cores) for every Spark test: starting one takes seconds."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[dev]' adds it)")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17 (.ci/run installs Debian's openjdk-17-jre-headless)")
    from newstrace.spark.session import spark_session

    session = spark_session("local[2]", "newstrace-tests")
    yield session
    session.stop()
