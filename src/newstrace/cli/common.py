"""What every CLI command shares: the settings from the context, the store, date options, JSON output."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import typer

from newstrace.cli import overview, render
from newstrace.cli.errors import store_errors
from newstrace.model.dates import check_date_filter
from newstrace.services.session import Database, DocumentStore
from newstrace.settings import Settings

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
LimitOpt = Annotated[int, typer.Option(min=1, max=1000)]
OffsetOpt = Annotated[int, typer.Option(min=0)]


def settings_of(ctx: typer.Context) -> Settings:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    return settings


@contextlib.contextmanager
def open_store(settings: Settings, must_exist: bool = True) -> Iterator[DocumentStore]:
    if must_exist and not settings.db.exists():
        render.fail(f"no store at {settings.db}: run `newstrace ingest PATH` or `newstrace demo` first")
    with store_errors(settings.db):
        db = Database(settings.db)
        try:
            yield DocumentStore(db)
        finally:
            db.close()


def date_option(value: str | None) -> str | None:
    """Every date option: a real YYYY[-MM[-DD]] (not "2022-13-45"), or a usage error."""
    if value is None:
        return None
    try:
        return check_date_filter(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_list(
    data: dict[str, Any],
    key: str,
    as_json: bool,
    table: Callable[[dict[str, Any]], None],
    db: Database,
    given: dict[str, Any],
    offset: int = 0,
) -> None:
    """A listing as JSON, else as a table, else (nothing listed) why it is empty."""
    if as_json:
        print_json(data)
    elif data[key]:
        table(data)
    else:
        overview.empty(key, db, given, offset)


def log_to_stderr() -> Callable[[], None]:
    """Show newstrace's INFO log lines (per batch and per stage counts and timings) on stderr; returns
    the function that stops it, so that no handler outlives the command."""
    logger = logging.getLogger("newstrace")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s", "%H:%M:%S"))
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    def stop() -> None:
        logger.removeHandler(handler)
        logger.setLevel(old_level)

    return stop
