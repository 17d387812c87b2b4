"""CLI output for the first hour: what the demo found and what to run next, the list of ledger
quantities, and an empty result said in words, with why it is empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from newstrace.cli.cells import cut, plain
from newstrace.cli.render import _value, out
from newstrace.services.session import Database
from newstrace.services.totals import described, store_total, store_values


def _filters(filters: dict[str, Any]) -> str:
    given = [f"--{k.replace('_', '-')} {v}" for k, v in filters.items() if v not in (None, "", False)]
    return " ".join(given)


ONE = {
    "documents": "document",
    "claims": "claim",
    "events": "event",
    "entities": "entity",
    "stories": "story",
}


def empty(kind: str, db: Database, filters: dict[str, Any], offset: int = 0) -> bool:
    """Print why a list is empty, if it is; True when it printed."""
    values_name, why_none = described(kind)
    one = ONE[kind]
    total = store_total(db, kind)
    if total == 0:
        out.print(Text(f"No {kind}: {why_none}.", style="yellow"))
        return True
    if offset and offset >= total:
        out.print(Text(f"No {kind} from --offset {offset}: the store has {total}.", style="yellow"))
        return True
    given = _filters(filters)
    known = ", ".join(store_values(db, kind))
    hint = f" ({values_name} in this store: {known})" if known else ""
    out.print(
        Text(
            f"No {one} matches {given or 'these filters'}: the store has {total} in all{hint}.",
            style="yellow",
        )
    )
    return True


def headlines(data: dict[str, Any], db: Path) -> None:
    """The demo's last words: the headline results, then the commands to run next, serve first."""
    stories = Table("story", "languages", "articles", "dates", title="top stories across languages")
    for s in data["top_stories"]:
        dates = plain(s["first_date"], "undated") + (
            f" to {s['last_date']}" if s["last_date"] and s["last_date"] != s["first_date"] else ""
        )
        stories.add_row(
            cut(s["title"], 60, "(untitled)"), ", ".join(s["languages"]), str(s["documents"]), dates
        )
    out.print(stories)
    disputed = data["disputed"]
    if disputed:
        table = Table(
            "claimant", "value", "date", "reports", title=f"disputed in the ledger: {disputed['quantity']}"
        )
        for c in disputed["disputed"][:6]:
            table.add_row(
                cut(c["claimant"], 40, "unattributed"),
                f"{_value(c)} {c['unit']}",
                plain(c["date"], "undated"),
                str(len(c["reports"])),
            )
        out.print(table)
    else:
        out.print(Text("No disputed quantity in the ledger (no two claimants disagree).", style="dim"))
    events = data["events_by_type"]
    if events:
        out.print(
            Text("events by type: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in events.items()))
        )
    else:
        out.print(Text("No event in this store.", style="dim"))
    quantity = f' "{disputed["quantity"]}"' if disputed else ""
    out.print(Text("\nnext:", style="bold"))
    for command, what in (
        (f"newstrace serve --db {db}", "then open http://127.0.0.1:8000/ (documents, claims, events, map)"),
        (f"newstrace --db {db} ledger{quantity}", "who claimed what on one quantity"),
        (f"newstrace --db {db} entity Херсон", "one entity, found by any name in any script"),
        (f"newstrace --db {db} events --type shelling", "events, one line per event"),
        (f"newstrace --db {db} export --what claims --format csv --out claims.csv", "every claim as CSV"),
    ):
        out.print(Text(f"  {command}", style="bold cyan"), Text(f"  # {what}", style="dim"))
