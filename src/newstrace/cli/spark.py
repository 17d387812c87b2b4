"""``newstrace spark run`` (the pipeline on Apache Spark) and ``newstrace load`` (its Parquet output into
the store). PySpark and pyarrow are imported only when these commands run: the CLI starts without them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newstrace.cli import render
from newstrace.cli.errors import store_errors
from newstrace.services.session import Database
from newstrace.settings import Settings, SettingsError

spark_app = typer.Typer(
    help="Run the pipeline on Apache Spark (needs the spark extra and Java 17).",
    no_args_is_help=True,
)
_out = Console()


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    return settings


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@spark_app.command("run")
def run(
    ctx: typer.Context,
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders or glob patterns every executor can read.")
    ],
    out: Annotated[str, typer.Option("--out", help="Output folder for the Parquet tables.")],
    master: Annotated[
        str | None,
        typer.Option(help="Spark master, e.g. local[2] (default: what spark-submit or the cluster sets)."),
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(min=1, help="Partitions for the stages (default: Spark's parallelism).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Read inputs, run every stage and the corpus stages on Spark, write Parquet to --out."""
    try:
        from newstrace.spark.run import run_job
        from newstrace.spark.session import session_scope
    except ImportError as exc:
        render.fail(f"Spark is not installed ({exc}): pip install 'newstrace[spark]'")
    with session_scope(master) as session:
        report = run_job(session, inputs, out, _settings(ctx), partitions).as_dict()
    if as_json:
        _print_json(report)
        return
    table = _counts(
        f"Spark run into {out}",
        report,
        ("files read", "files"),
        ("documents", "documents"),
        ("  originals", "accepted"),
        ("  duplicates", "duplicates"),
        ("repeated records (same id)", "unchanged"),
        ("stories", "stories"),
        ("claims", "claims"),
        ("rejected", "rejected"),
    )
    for reason, n in report["rejected_by_reason"].items():
        table.add_row(Text(f"  {reason}"), str(n))
    table.add_row("seconds", ", ".join(f"{k} {v}" for k, v in report["seconds"].items()))
    _out.print(table)
    _examples(report["rejected_examples"])
    render.info(f"load it into a store with: newstrace --db FILE load {out}")


def _counts(title: str, report: dict[str, Any], *rows: tuple[str, str]) -> Table:
    """A two-column table of a report's counts: (label, key) per row."""
    table = Table(title=title, show_header=False)
    for label, key in rows:
        table.add_row(label, str(report[key]))
    return table


def _examples(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    rej = Table("source", "reason", "detail", title="rejected inputs (first ones; all in rejected/)")
    for r in rows[:10]:
        src = r["source"] + (f" [{r['source_id']}]" if r.get("source_id") else "")
        rej.add_row(Text(src), Text(r["reason"]), Text((r["detail"] or "")[:100]))
    _out.print(rej)


def load(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="The --out folder of `newstrace spark run`.")],
    batch_size: Annotated[int | None, typer.Option(help="Documents per transaction.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Load the Parquet output of a Spark run into the store (loading twice changes nothing)."""
    from newstrace.services.load import load_parquet

    try:
        settings = _settings(ctx).with_overrides(batch_size=batch_size)
    except SettingsError as exc:
        render.fail(str(exc))
    with store_errors(settings.db):
        db = Database(settings.db)
        try:
            report = load_parquet(folder, settings, db).as_dict()
        finally:
            db.close()
    if as_json:
        _print_json(report)
        return
    table = _counts(
        f"load {folder} into {settings.db}",
        report,
        ("accepted (new)", "accepted"),
        ("duplicates (new copies)", "duplicates"),
        ("unchanged (already stored)", "unchanged"),
        ("rejected", "rejected"),
        ("story edges", "story_edges"),
    )
    _out.print(table)
    if not report["store_was_empty"]:
        render.info(
            "the store already held documents: duplicates and stories were decided within the Spark "
            "run only, not against them"
        )


def register(app: typer.Typer) -> None:
    app.add_typer(spark_app, name="spark")
    app.command(name="load")(load)
