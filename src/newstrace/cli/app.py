"""The ``newstrace`` command line. Commands parse options, call a service, and render; nothing else."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from newstrace.cli import corrections as corrections_cli
from newstrace.cli import render
from newstrace.cli import spark as spark_cli
from newstrace.cli.errors import store_errors
from newstrace.cli.serve import serve as serve_command
from newstrace.evaluation.gold import GoldError
from newstrace.model.dates import check_date_filter
from newstrace.settings import Settings, SettingsError, load_settings
from newstrace.store.documents import DocumentFilter, DocumentStore
from newstrace.store.sqlite import Database, StoreError

app = typer.Typer(
    name="newstrace",
    help="Turn multilingual war reporting into clean, dated, traceable documents (and more).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


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
) -> None:
    ctx.meta["db_given"] = db is not None
    try:
        ctx.obj = load_settings(config=config, db=db)
    except SettingsError as exc:
        render.fail(str(exc))


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    return settings


@contextlib.contextmanager
def _store(settings: Settings, must_exist: bool = True) -> Iterator[DocumentStore]:
    if must_exist and not settings.db.exists():
        render.fail(f"no store at {settings.db}: run `newstrace ingest PATH` or `newstrace demo` first")
    with store_errors(settings.db):
        db = Database(settings.db)
        try:
            yield DocumentStore(db)
        finally:
            db.close()


def _date_option(value: str | None) -> str | None:
    """Every date option: a real YYYY[-MM[-DD]] (not "2022-13-45"), or a usage error."""
    if value is None:
        return None
    try:
        return check_date_filter(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


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
def docs(
    ctx: typer.Context,
    lang: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1).")] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only documents dated on or after YYYY[-MM[-DD]].", callback=_date_option),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Only documents dated on or before YYYY[-MM[-DD]].", callback=_date_option),
    ] = None,
    source: Annotated[str | None, typer.Option(help="Only sources containing this text.")] = None,
    quality: Annotated[
        str | None, typer.Option(help="Only this text quality: clean, machine_translated or spun.")
    ] = None,
    duplicates: Annotated[bool, typer.Option(help="Include copies of other documents.")] = True,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: JsonOpt = False,
) -> None:
    """List stored documents."""
    from newstrace.services.documents import list_documents

    flt = DocumentFilter(
        lang=lang,
        since=since,
        until=until,
        source_contains=source,
        quality=quality,
        include_duplicates=duplicates,
        limit=limit,
        offset=offset,
    )
    with _store(_settings(ctx)) as store:
        data = list_documents(store, flt)
    _print_json(data) if as_json else render.documents_table(data)


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
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Full-text query (SQLite FTS5 syntax: words, "phrases", OR).')],
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Search the clean text and titles of stored documents."""
    from newstrace.services.documents import search_documents

    with _store(_settings(ctx)) as store:
        data = search_documents(store, query, limit=limit)
    _print_json(data) if as_json else render.search_results(data)


@app.command()
def rejected(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List inputs that were rejected, with their reasons."""
    with _store(_settings(ctx)) as store:
        rows = [dict(r) for r in store.rejections()]
    _print_json(rows) if as_json else render.rejections(rows)


@app.command()
def entities(
    ctx: typer.Context,
    etype: Annotated[
        str | None,
        typer.Option("--type", help="person, organization, media, military_unit, place or equipment."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: JsonOpt = False,
) -> None:
    """List entities, most mentioned first."""
    from newstrace.services.entities import list_entities

    with _store(_settings(ctx)) as store:
        data = list_entities(store.db, etype, limit, offset)
    _print_json(data) if as_json else render.entities_table(data)


@app.command()
def entity(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Entity id or one of its names, in any language.")],
    as_json: JsonOpt = False,
) -> None:
    """One entity: its names across languages, the documents naming it, the entities named with it."""
    from newstrace.services.entities import show_entity

    with _store(_settings(ctx)) as store:
        data = show_entity(store.db, ref)
    _print_json(data) if as_json else render.entity(data)


@app.command()
def stories(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: JsonOpt = False,
) -> None:
    """List stories, newest first: one entry per story, whatever the number of copies and languages."""
    from newstrace.services.stories import list_stories

    with _store(_settings(ctx)) as store:
        data = list_stories(store, limit, offset)
    _print_json(data) if as_json else render.stories_table(data)


@app.command()
def story(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="Story id (see `newstrace stories`).")],
    as_json: JsonOpt = False,
) -> None:
    """One story: its articles by language and date, the syndication tree, entities and claims."""
    from newstrace.services.stories import show_story

    with _store(_settings(ctx)) as store:
        data = show_story(store, story_id)
    _print_json(data) if as_json else render.story(data)


@app.command()
def claims(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Option(help="killed, wounded, killed_or_wounded, captured, ...")
    ] = None,
    subject: Annotated[
        str | None, typer.Option(help="Subject contains this text (e.g. 'Russian military').")
    ] = None,
    claimant: Annotated[str | None, typer.Option(help="Claimant contains this text.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Claims dated on or after YYYY[-MM[-DD]].", callback=_date_option)
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List claims across the corpus, the same claim from several articles merged into one."""
    from newstrace.services.ledger import ledger_report

    with _store(_settings(ctx)) as store:
        data = ledger_report(store, kind=kind, subject=subject, claimant=claimant, since=since)
    _print_json(data) if as_json else render.ledger(data)


@app.command()
def ledger(
    ctx: typer.Context,
    quantity: Annotated[
        str | None,
        typer.Argument(help="kind:victims, e.g. 'killed:civilians' [default: list the quantities]."),
    ] = None,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Also draw the claims over time to this PNG.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The claims on one quantity: who claimed what, when, through whom; disputed claims marked. Without
    a quantity: every quantity, with its reports, claimants and disputed entries."""
    from newstrace.services.ledger import UnknownQuantity, ledger_quantities, ledger_report, plot_ledger

    with _store(_settings(ctx)) as store:
        if quantity is None:
            listing = ledger_quantities(store)
            _print_json(listing) if as_json else render.ledger_quantities(listing)
            return
        try:
            data = ledger_report(store, strict=True, quantity=quantity)
        except UnknownQuantity as exc:
            render.fail(str(exc))
    if plot is not None:
        shown = plot_ledger(data, str(plot))
        render.info(f"plotted {shown} dated claims to {plot}")
    _print_json(data) if as_json else render.ledger(data)


@app.command()
def events(
    ctx: typer.Context,
    etype: Annotated[str | None, typer.Option("--type", help="Event type, e.g. shelling, protest.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Part of the place name.")] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="From this date (YYYY[-MM[-DD]]).", callback=_date_option),
    ] = None,
    status: Annotated[
        str, typer.Option(help="asserted, negated, hypothetical, future, or all.")
    ] = "asserted",
    limit: Annotated[int, typer.Option(min=1, max=10000)] = 50,
    as_json: JsonOpt = False,
) -> None:
    """List events, newest first: one entry per event, with how many articles report it."""
    from newstrace.services.events import list_events
    from newstrace.store.events import EventFilter

    flt = EventFilter(type=etype, place=place, since=since, status=None if status == "all" else status)
    with _store(_settings(ctx)) as store:
        data = list_events(store.db, flt, limit)
    _print_json(data) if as_json else render.events_table(data)


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


DEMO_DB = Path("newstrace-demo.db")


@app.command()
def demo(ctx: typer.Context) -> None:
    """Ingest the bundled sample corpus into a fresh store (./newstrace-demo.db unless --db is given)."""
    from newstrace.services.demo import run_demo

    settings = _settings(ctx)
    if not ctx.meta.get("db_given"):
        settings = settings.with_overrides(db=DEMO_DB)
    with store_errors(settings.db), render.progress() as on_progress:
        report, summary = run_demo(settings, on_progress)
    render.ingest_report(report.as_dict(), settings.db)
    render.demo_summary(summary, settings.db)


app.command()(serve_command)
spark_cli.register(app)
corrections_cli.register(app)


def main() -> None:
    app()
