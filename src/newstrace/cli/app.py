"""The ``newstrace`` command line. Commands parse options, call a service, and render; nothing else."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Annotated

import typer

from newstrace.cli import browse as browse_cli
from newstrace.cli import corrections as corrections_cli
from newstrace.cli import render
from newstrace.cli import spark as spark_cli
from newstrace.cli.common import JsonOpt, date_option, log_to_stderr, open_store, print_json, settings_of
from newstrace.cli.serve import serve as serve_command
from newstrace.evaluation.gold import GoldError
from newstrace.services.errors import StoreError
from newstrace.services.session import DocumentStore
from newstrace.settings import SettingsError, load_settings

app = typer.Typer(
    name="newstrace",
    help="Turn multilingual war reporting into clean, dated, traceable documents (and more).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="SQLite store file [default: ./newstrace.db, or $NEWSTRACE_DB]."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Settings file [default: ./newstrace.toml if present].")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log what each batch and stage did, with timings.")
    ] = False,
) -> None:
    ctx.meta["db_given"] = db is not None
    if verbose:
        ctx.call_on_close(log_to_stderr())
    try:
        ctx.obj = load_settings(config=config, db=db)
    except SettingsError as exc:
        render.fail(str(exc))


_settings = settings_of
_store = open_store
_date_option = date_option
_print_json = print_json


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns to read.")],
    workers: Annotated[int | None, typer.Option(help="Worker processes for the per-document stages.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per transaction.")] = None,
    follow_links: Annotated[
        bool,
        typer.Option(
            "--follow-links",
            help="Read symbolic links that lead out of a folder given (by default they are rejected).",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Read articles, clean and analyse them, and store them (re-running changes nothing)."""
    from newstrace.services.ingest import ingest as run_ingest

    try:
        settings = _settings(ctx).with_overrides(
            workers=workers, batch_size=batch_size, follow_links=follow_links or None
        )
    except SettingsError as exc:
        render.fail(str(exc))
    with _store(settings, must_exist=False) as store, render.progress(quiet=as_json) as on_progress:
        report = run_ingest(paths, settings, store.db, on_progress)
    if as_json:
        _print_json(report.as_dict())
    else:
        render.ingest_report(report.as_dict(), settings.db)


@app.command()
def show(
    ctx: typer.Context,
    doc: Annotated[str, typer.Argument(help="Document id (or a unique prefix of it).")],
    as_json: JsonOpt = False,
) -> None:
    """Show one document: its clean text, removed spans, flags and sentence languages."""
    from newstrace.services.documents import show_document

    with _store(_settings(ctx)) as store:
        data = show_document(store, doc)
    _print_json(data) if as_json else render.document(data)


@app.command()
def rejected(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List inputs that were rejected, with their reasons."""
    with _store(_settings(ctx)) as store:
        rows = [dict(r) for r in store.rejections()]
    _print_json(rows) if as_json else render.rejections(rows)


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    what: Annotated[
        str, typer.Option("--what", help="documents, claims, events, stories or gold (the corrections).")
    ] = "documents",
    out: Annotated[Path | None, typer.Option("--out", help="Output file [default: standard output].")] = None,
) -> None:
    """Export every stored document, or every claim (the export contracts in the README)."""
    from newstrace.evaluation.corrections_gold import export_gold
    from newstrace.services import events as ev
    from newstrace.services import export as ex

    table: dict[tuple[str, str], Callable[[DocumentStore, IO[str]], int]] = {
        ("documents", "jsonl"): ex.export_jsonl,
        ("documents", "csv"): ex.export_csv,
        ("claims", "jsonl"): ex.export_claims_jsonl,
        ("claims", "csv"): ex.export_claims_csv,
        ("stories", "jsonl"): ex.export_stories_jsonl,
        ("gold", "jsonl"): export_gold,  # one JSON file, whatever --format says: `newstrace eval` reads it
        ("events", "jsonl"): lambda store, fh: ev.export_events_jsonl(store.db, fh),
        ("events", "csv"): lambda store, fh: ev.export_events_csv(store.db, fh),
    }
    if (what, fmt) not in table:
        render.fail(
            f"cannot export {what!r} as {fmt!r}: documents, claims and events as jsonl|csv, "
            "stories and gold as jsonl"
        )
    writers = {fmt: table[(what, fmt)]}
    with _store(_settings(ctx)) as store:
        if out is None:
            writers[fmt](store, sys.stdout)
        else:
            with out.open("w", encoding="utf-8", newline="") as fh:
                n = writers[fmt](store, fh)
            render.info(f"wrote {n} {what} to {out}")


@app.command(name="eval")
def evaluate(
    ctx: typer.Context,
    gold: Annotated[
        Path,
        typer.Option(
            help="Gold annotations: the seeds' gold file (JSON), or a real-data file (JSON Lines, e.g. "
            "../shared/realdata/places_en.jsonl)."
        ),
    ],
    corpus: Annotated[
        Path | None, typer.Option(help="Folder of the articles [default: beside the gold file].")
    ] = None,
    floors_file: Annotated[
        Path | None,
        typer.Option("--floors", help="Fail (exit 1) if a score is below its floor in this file."),
    ] = None,
    gold_set: Annotated[str, typer.Option(help="Which entry of the floors file.")] = "seeds",
    raise_floors: Annotated[
        bool, typer.Option(help="Raise the floors to the current scores (never lowers them).")
    ] = False,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Real-data files: score only the first N records.")
    ] = None,
    as_json: JsonOpt = False,
    task: Annotated[
        str | None,
        typer.Option(
            help="Score a JSON Lines file for one task instead of the file's own scorer: 'quality' "
            "(false text-quality labels on clean text, or a spun-text test set)."
        ),
    ] = None,
) -> None:
    """Score the pipeline against a gold file, per task."""
    from newstrace.evaluation import floors
    from newstrace.evaluation.realdata import RealDataError, score_file
    from newstrace.services.evaluate import evaluate as run_eval

    real = gold.name.endswith((".jsonl", ".jsonl.gz"))
    if task not in (None, "quality") or (task and not real):
        render.fail("--task takes 'quality', with a JSON Lines file")
    try:
        if task == "quality":
            from newstrace.evaluation.real_quality import score_quality_file

            if not gold.is_file():
                raise RealDataError(f"real-data file {gold} not found")
            scores = score_quality_file(gold, _settings(ctx), limit)
        elif real:
            scores = score_file(gold, _settings(ctx), limit)
        else:
            scores = run_eval(gold, _settings(ctx), corpus)
    except (GoldError, StoreError, RealDataError) as exc:
        render.fail(str(exc))
    if as_json:
        _print_json(scores)
    elif real or "judgements" in scores:  # a real-data file, or an analyst's corrections
        render.real_scores(gold.name, scores)
    else:
        render.scores(scores)
    if floors_file is None:
        return
    current = floors.load(floors_file, gold_set)
    if raise_floors:
        data = json.loads(floors_file.read_text(encoding="utf-8"))
        data[gold_set] = floors.raised(current, scores)
        floors_file.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        render.info(f"floors in {floors_file} raised where scores improved")
        return
    failures = floors.check(scores, current)
    for msg in failures:
        render.info(f"below floor: {msg}")
    if failures:
        raise typer.Exit(1)


browse_cli.register(app)
app.command()(serve_command)
spark_cli.register(app)
corrections_cli.register(app)


def main() -> None:
    app()
