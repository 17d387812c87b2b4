"""The commands that read the store (documents, search, entities, stories, claims, the ledger, events)
and ``demo``. An empty result is said in words, with why it is empty (``cli/overview.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli import overview, render
from newstrace.cli.common import (
    JsonOpt,
    LimitOpt,
    OffsetOpt,
    date_option,
    open_store,
    print_json,
    print_list,
    settings_of,
)
from newstrace.cli.errors import store_errors
from newstrace.services.documents import DocumentFilter

DEMO_DB = Path("newstrace-demo.db")
DateOpt = Annotated[
    str | None, typer.Option(help="YYYY[-MM[-DD]]: on or after this date.", callback=date_option)
]


def docs(
    ctx: typer.Context,
    lang: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1).")] = None,
    since: DateOpt = None,
    until: Annotated[
        str | None,
        typer.Option(help="Only documents dated on or before YYYY[-MM[-DD]].", callback=date_option),
    ] = None,
    source: Annotated[str | None, typer.Option(help="Only sources containing this text.")] = None,
    quality: Annotated[
        str | None, typer.Option(help="Only this text quality: clean, machine_translated or spun.")
    ] = None,
    duplicates: Annotated[bool, typer.Option(help="Include copies of other documents.")] = True,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
) -> None:
    """List stored documents, newest first."""
    from newstrace.services.documents import list_documents

    flt = DocumentFilter(lang, since, until, source, quality, duplicates, limit, offset)
    with open_store(settings_of(ctx)) as store:
        data = list_documents(store, flt)
        given: dict[str, object] = {"lang": lang, "since": since, "until": until, "source": source}
        given.update(quality=quality, no_duplicates=not duplicates)
        print_list(data, "documents", as_json, render.documents_table, store.db, given, offset)


def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Full-text query (SQLite FTS5 syntax: words, "phrases", OR).')],
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Search the clean text and titles of stored documents."""
    from newstrace.services.documents import search_documents

    with open_store(settings_of(ctx)) as store:
        data = search_documents(store, query, limit=limit)
    if as_json:
        print_json(data)
    elif data["results"]:
        render.search_results(data)
    else:
        render.info(
            f"No document contains {query!r}. The search matches words of the text as written; "
            f"`newstrace entity {query}` finds a name in any script or spelling."
        )


def entities(
    ctx: typer.Context,
    etype: Annotated[
        str | None,
        typer.Option("--type", help="person, organization, media, military_unit, place or equipment."),
    ] = None,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
) -> None:
    """List entities, most mentioned first."""
    from newstrace.services.entities import list_entities

    with open_store(settings_of(ctx)) as store:
        data = list_entities(store.db, etype, limit, offset)
        print_list(data, "entities", as_json, render.entities_table, store.db, {"type": etype}, offset)


def entity(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Entity id or any of its names, in any script or spelling.")],
    as_json: JsonOpt = False,
) -> None:
    """One entity (any name, any script: "Херсон", "Poutine"): its names across languages, the
    documents naming it, the entities named with it."""
    from newstrace.services.entities import show_entity

    with open_store(settings_of(ctx)) as store:
        data = show_entity(store.db, ref)
    print_json(data) if as_json else render.entity(data)


def stories(
    ctx: typer.Context,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
) -> None:
    """List stories, newest first: one entry per story, whatever the number of copies and languages."""
    from newstrace.services.stories import list_stories

    with open_store(settings_of(ctx)) as store:
        data = list_stories(store, limit, offset)
        print_list(data, "stories", as_json, render.stories_table, store.db, {}, offset)


def story(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(help="Story id (see `newstrace stories`).")],
    as_json: JsonOpt = False,
) -> None:
    """One story: its articles by language and date, the syndication tree, entities and claims."""
    from newstrace.services.stories import show_story

    with open_store(settings_of(ctx)) as store:
        data = show_story(store, story_id)
    print_json(data) if as_json else render.story(data)


def claims(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Option(help="killed, wounded, killed_or_wounded, captured, ...")
    ] = None,
    subject: Annotated[
        str | None, typer.Option(help="Subject contains this text (e.g. 'Russian military').")
    ] = None,
    claimant: Annotated[str | None, typer.Option(help="Claimant contains this text.")] = None,
    since: DateOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List claims across the corpus, the same claim from several articles merged into one."""
    from newstrace.services.ledger import ledger_report

    with open_store(settings_of(ctx)) as store:
        data = ledger_report(store, kind=kind, subject=subject, claimant=claimant, since=since)
        given = {"kind": kind, "subject": subject, "claimant": claimant, "since": since}
        print_list(data, "claims", as_json, render.ledger, store.db, given)


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

    with open_store(settings_of(ctx)) as store:
        if quantity is None:
            listing = ledger_quantities(store)
            if as_json:
                print_json(listing)
            elif listing["quantities"]:
                render.ledger_quantities(listing)
            else:
                overview.empty("claims", store.db, {})
            return
        try:
            data = ledger_report(store, strict=True, quantity=quantity)
        except UnknownQuantity as exc:
            render.fail(str(exc))
    if plot is not None:
        shown = plot_ledger(data, str(plot))
        render.info(f"plotted {shown} dated claims to {plot}")
    print_json(data) if as_json else render.ledger(data)


def events(
    ctx: typer.Context,
    etype: Annotated[str | None, typer.Option("--type", help="Event type, e.g. shelling, protest.")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Part of the place name.")] = None,
    since: DateOpt = None,
    status: Annotated[
        str, typer.Option(help="asserted, negated, hypothetical, future, or all.")
    ] = "asserted",
    limit: Annotated[int, typer.Option(min=1, max=10000)] = 50,
    as_json: JsonOpt = False,
) -> None:
    """List events, newest first: one entry per event, with how many articles report it."""
    from newstrace.services.events import EventFilter, list_events

    flt = EventFilter(type=etype, place=place, since=since, status=None if status == "all" else status)
    with open_store(settings_of(ctx)) as store:
        data = list_events(store.db, flt, limit)
        given = {"type": etype, "place": place, "since": since, "status": status}
        print_list(data, "events", as_json, render.events_table, store.db, given)


def demo(ctx: typer.Context) -> None:
    """Ingest the bundled sample corpus into a fresh store (./newstrace-demo.db unless --db is given),
    then show what it found and the commands to run next."""
    from newstrace.services.demo import run_demo
    from newstrace.services.headlines import headlines
    from newstrace.services.session import Database

    settings = settings_of(ctx)
    if not ctx.meta.get("db_given"):
        settings = settings.with_overrides(db=DEMO_DB)
    with store_errors(settings.db), render.progress() as on_progress:
        report, summary = run_demo(settings, on_progress)
    render.ingest_report(report.as_dict(), settings.db)
    render.demo_summary(summary, settings.db)
    with store_errors(settings.db):
        db = Database(settings.db)
        try:
            found = headlines(db)
        finally:
            db.close()
    overview.headlines(found, settings.db)


def register(app: typer.Typer) -> None:
    for command in (docs, search, entities, entity, stories, story, claims, ledger, events, demo):
        app.command()(command)
