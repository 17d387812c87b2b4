"""``newstrace corrections list|add|reattach`` and ``newstrace review``: the analyst's correction loop
from the command line, for scripts (the web app is the main way to review)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newstrace.cli import render
from newstrace.cli.errors import store_errors
from newstrace.services.session import Database
from newstrace.settings import Settings

corrections_app = typer.Typer(
    help="The analyst's judgements of annotations: list, add, re-attach after re-analysis.",
    no_args_is_help=True,
)
_out = Console()
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def _db(ctx: typer.Context) -> Database:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    if not settings.db.exists():
        render.fail(f"no store at {settings.db}: run `newstrace ingest PATH` or `newstrace demo` first")
    return Database(settings.db)


def _db_path(ctx: typer.Context) -> Path:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    return settings.db


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


@corrections_app.command("list")
def list_command(
    ctx: typer.Context,
    doc: Annotated[str | None, typer.Option(help="Only this document's.")] = None,
    kind: Annotated[str | None, typer.Option(help="claim, place, entity_link or event.")] = None,
    orphaned: Annotated[bool, typer.Option(help="Only those re-analysis no longer finds.")] = False,
    history: Annotated[bool, typer.Option(help="Also the judgements later ones superseded.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List the corrections (the latest judgement of each annotation), oldest first."""
    from newstrace.services.corrections import list_corrections

    with store_errors(_db_path(ctx)):
        db = _db(ctx)
        try:
            found = list_corrections(db, doc, kind, "orphaned" if orphaned else None, history)
        finally:
            db.close()
    if as_json:
        _print(found)
        return
    if not found:
        render.info(
            "no corrections" + (" orphaned" if orphaned else "") + ": review in the web app or use `add`"
        )
        return
    table = Table("id", "document", "kind", "span", "text", "action", "corrected", "who", "when", "status")
    for c in found:
        table.add_row(
            str(c["id"]),
            c["doc_id"][:12],
            c["kind"],
            f"{c['start']}-{c['end']}",
            Text(c["key"]),
            c["action"],
            Text(_shown(c["fields"])),
            Text(c["who"]),
            c["at"],
            c["status"],
        )
    _out.print(table)


# What a table shows of corrected fields: what the analyst chose, not what it was resolved to.
_RESOLVED = frozenset({"acled_event_type", "acled_sub_event_type", "plover", "lat", "lon", "country"})
_RESOLVED |= {"feature", "precision", "geonames_id", "candidate"}


def _shown(fields: dict[str, Any]) -> str:
    parts = []
    for name, value in fields.items():
        if name in _RESOLVED:
            continue
        if isinstance(value, dict):
            value = value.get("name")
        parts.append(f"{name}={'none' if value is None else value}")
    return ", ".join(parts)


def _fields(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            render.fail(f"--set takes name=value, not {pair!r}")
        out[name.strip()] = value
    return out


@corrections_app.command("add")
def add_command(
    ctx: typer.Context,
    doc: Annotated[str, typer.Argument(help="Document id (or a unique prefix).")],
    kind: Annotated[str, typer.Argument(help="claim, place, entity_link or event.")],
    start: Annotated[int, typer.Argument(help="Raw start of the figure, mention or trigger.")],
    end: Annotated[int, typer.Argument(help="Raw end.")],
    action: Annotated[str, typer.Argument(help="confirm, correct or reject.")],
    who: Annotated[str, typer.Option(help="Your name (corrections are signed).")],
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="A corrected field, name=value (claim: kind, value, low, high, bound, subject, claimant; "
            "place: candidate; entity_link: entity_id; event: type, status, place).",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    subkind: Annotated[str | None, typer.Option(help="A claim's kind, when two share the figure.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Confirm, correct or reject one annotation."""
    from newstrace.services.corrections import CorrectionError, record

    with store_errors(_db_path(ctx)):
        db = _db(ctx)
        try:
            c = record(db, doc, kind, start, end, action, who, _fields(set_ or []), note, subkind, ctx.obj)
        except CorrectionError as exc:
            render.fail(str(exc))
        finally:
            db.close()
    if as_json:
        _print(c.as_dict())
    else:
        render.info(f"recorded correction {c.id}: {c.action} {c.kind} {c.key!r} in {c.doc_id}")


@corrections_app.command("reattach")
def reattach_command(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Find every correction's annotation again after re-analysis (ingest does it by itself)."""
    from newstrace.services.corrections import reattach

    with store_errors(_db_path(ctx)):
        db = _db(ctx)
        try:
            report = reattach(db).as_dict()
        finally:
            db.close()
    if as_json:
        _print(report)
    else:
        render.info(
            f"{report['kept']} in place, {report['moved']} moved, {report['orphaned']} orphaned "
            "(`newstrace corrections list --orphaned`)"
        )


def review(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option(help="claim, place, entity_link or event.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    as_json: JsonOpt = False,
) -> None:
    """The annotations most worth a look first (low confidence, high impact)."""
    from newstrace.services.review_queue import review_queue

    with store_errors(_db_path(ctx)):
        db = _db(ctx)
        try:
            data = review_queue(db, kind=kind, limit=limit)
        finally:
            db.close()
    if as_json:
        _print(data)
        return
    table = Table("score", "kind", "annotation", "why", "document", "span", title="review queue")
    for i in data["items"]:
        table.add_row(
            f"{i['score']:.2f}",
            i["kind"],
            Text(i["label"]),
            ", ".join(i["reasons"]),
            i["doc_id"][:12],
            f"{i['start']}-{i['end']}",
        )
    _out.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(corrections_app, name="corrections")
    app.command(name="review")(review)
