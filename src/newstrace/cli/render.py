"""Rich rendering for the CLI: tables, progress, errors. Article text is printed as text, never markup."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newstrace.cli.cells import cut, plain
from newstrace.services.ingest import ProgressCallback
from newstrace.services.report import RunReport

out = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(code)


def info(message: str) -> None:
    err.print(escape(message))


@contextlib.contextmanager
def progress(quiet: bool = False) -> Iterator[ProgressCallback | None]:
    if quiet or not err.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TextColumn("{task.fields[docs]} docs"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("ingest", total=None, docs=0)

        def update(done: int, total: int, report: RunReport) -> None:
            docs = report.accepted + report.duplicates + report.unchanged
            bar.update(task, completed=done, total=total or None, docs=docs)

        yield update


def ingest_report(rep: dict[str, Any], db: Path) -> None:
    table = Table(title=f"ingest run {rep['run_id']} into {db}", show_header=False)
    table.add_row("files read", str(rep["files"]))
    table.add_row("accepted (new)", str(rep["accepted"]))
    table.add_row("duplicates (new copies)", str(rep["duplicates"]))
    table.add_row("unchanged (already stored)", str(rep["unchanged"]))
    table.add_row("rejected", str(rep["rejected"]))
    for reason, n in rep["rejected_by_reason"].items():
        table.add_row(Text(f"  {reason}"), str(n))
    out.print(table)
    if rep["rejected_examples"]:
        rej = Table("source", "reason", "detail", title="rejected inputs (first ones)")
        for r in rep["rejected_examples"][:10]:
            src = r["source"] + (f" [{r['source_id']}]" if r.get("source_id") else "")
            rej.add_row(Text(src), Text(r["reason"]), cut(r["detail"], 100))
        out.print(rej)
    for warning in rep.get("warnings", []):
        err.print(f"[bold yellow]warning:[/] {escape(warning)}")


def documents_table(data: dict[str, Any]) -> None:
    table = Table(
        "id",
        "lang",
        "date",
        "title",
        "quality",
        "removed",
        "copy of",
        title=f"{data['total']} documents (showing {len(data['documents'])} from {data['offset']})",
    )
    for d in data["documents"]:
        table.add_row(
            d["id"][:12],
            d["lang"] or "?",
            d["date"] or "",
            cut(d["title"], 70),
            d.get("quality_label") or "",
            str(d["removed"]),
            (d["duplicate_of"] or "")[:12],
        )
    out.print(table)


def document(d: dict[str, Any]) -> None:
    out.print(Text(d["title"] or "(no title)", style="bold"))
    out.print(
        Text(
            f"id {d['id']}  source {plain(d['source'], '?')}  lang {plain(d['lang'], 'undetermined')}  "
            f"date {plain(d['date'], 'none')} ({plain(d['date_source'], 'none')})",
            style="dim",
        )
    )
    if d.get("duplicate_of"):
        out.print(Text(f"copy of {d['duplicate_of']}", style="yellow"))
    out.print()
    out.print(Text(d["text"]))
    if d["removed"]:
        table = Table("reason", "raw span", "removed text", title="removed")
        for r in d["removed"]:
            table.add_row(r["reason"], f"{r['start']}-{r['end']}", cut(r["text"], 100))
        out.print(table)
    quality = d.get("quality")
    if quality:
        table = Table(
            "kind",
            "raw span",
            "flagged",
            "repair",
            "confidence",
            title=f"text quality: {quality['label']} ({quality['score']} flags per 100 words)",
        )
        for q in quality["spans"]:
            table.add_row(
                q["kind"],
                f"{q['start']}-{q['end']}",
                Text(q["text"]),
                Text(q["repair"] or "?"),
                f"{q['confidence']:.2f}",
            )
        out.print(table)
    if d["flags"]:
        table = Table("kind", "raw span", title="flags")
        for f in d["flags"]:
            table.add_row(f["kind"], f"{f['start']}-{f['end']}")
        out.print(table)
    sents = d.get("sentences_text", [])
    if sents:
        table = Table("#", "lang", "sentence", title=f"{len(sents)} sentences")
        for i, s in enumerate(sents):
            table.add_row(str(i), s["lang"], cut(s["text"], 110))
        out.print(table)


def search_results(data: dict[str, Any]) -> None:
    table = Table("id", "lang", "date", "title", "match", title=f"search: {data['query']}")
    for r in data["results"]:
        table.add_row(
            r["id"][:12], r["lang"] or "?", r["date"] or "", cut(r["title"], 50), Text(r["snippet"])
        )
    out.print(table)


def rejections(rows: list[dict[str, Any]]) -> None:
    table = Table("source", "record", "reason", "detail", title=f"{len(rows)} rejected inputs")
    for r in rows:
        table.add_row(Text(r["source"]), Text(r["source_id"] or ""), r["reason"], cut(r["detail"], 80))
    out.print(table)


def scores(s: dict[str, Any]) -> None:
    table = Table("task", "metric", "value", title=f"evaluation on {s['documents']} documents")
    for task in ("language", "date"):
        table.add_row(
            task, "accuracy", f"{s[task]['accuracy']:.3f} ({s[task]['correct']}/{s[task]['total']})"
        )
    b = s["boilerplate"]
    table.add_row("boilerplate", "recall", f"{b['recall']:.3f} ({b['found']}/{b['gold_spans']})")
    table.add_row("boilerplate", "precision", f"{b['precision']:.3f} (of {b['removed_spans']} removed)")
    table.add_row("boilerplate", "prose chars removed", str(b["prose_chars_removed"]))
    q = s.get("spun")
    if q:
        table.add_row("spun", "recall", f"{q['recall']:.3f} ({q['detected']}/{q['gold_spans']})")
        table.add_row(
            "spun", "precision", f"{q['precision']:.3f} ({q['false_flags']} false of {q['flags']} flags)"
        )
        table.add_row(
            "spun", "repair accuracy", f"{q['repair_accuracy']:.3f} ({q['repaired']}/{q['gold_spans']})"
        )
        table.add_row("spun", "labels", ", ".join(f"{k} {v}" for k, v in q["labels"].items()))
    e = s.get("entities")
    if e:
        table.add_row(
            "entities",
            "variants found",
            f"{e['recall']:.3f} ({e['found']} of {e['variants']})",
        )
        table.add_row("entities", "linking accuracy", f"{e['linking_accuracy']:.3f}")
        for t, st in e["per_type"].items():
            table.add_row("entities", t, f"found {st['found']}/{st['variants']}, linked {st['linked']}")
        table.add_row(
            "places",
            "within 25 km",
            f"{e['places_within_25km']}/{e['places_checked']} (max {e['place_max_error_km']} km)",
        )
    c = s.get("claims")
    if c:
        g = c["casualty_gold"]
        table.add_row("claims", "casualty found", f"{c['casualty_found']}/{g}")
        table.add_row("claims", "kind, low, high, bound right", f"{c['casualty_right']}/{g}")
        table.add_row("claims", "claimant right", f"{c['casualty_claimant_right']}/{g}")
        table.add_row("claims", "spurious casualty claims", str(c["casualty_spurious"]))
        table.add_row("claims", "other claims found", f"{c['other_found']}/{c['other_gold']}")
        if "sourcing_gold" in c:  # the sample's manifest annotates claims but no sourcing chains
            table.add_row("sourcing", "chains found", f"{c['sourcing_found']}/{c['sourcing_gold']}")
    ev = s.get("events")
    if ev:
        table.add_row("events", "type and place right", f"{ev['found']}/{ev['gold']}")
        table.add_row(
            "events", "asserted events (reports)", f"{ev['asserted_events']} ({ev['asserted_reports']})"
        )
        table.add_row("events", "negated/hypothetical/future", str(ev["not_asserted"]))
        table.add_row("events", "from removed text", str(ev["from_removed_text"]))
        for miss in ev["misses"]:
            table.add_row("events", "missed", miss)
    st = s.get("stories")
    if st:
        table.add_row(
            "stories",
            "pairwise P / R / F1",
            f"{st['pairwise_precision']:.3f} / {st['pairwise_recall']:.3f} / {st['pairwise_f1']:.3f}",
        )
        table.add_row("stories", "adjusted Rand index", f"{st['adjusted_rand_index']:.3f}")
        table.add_row("stories", "exact partition", "yes" if st["exact_partition"] else "no")
    out.print(table)
    for p in (c or {}).get("problems", []):
        out.print(Text(f"  {p}", style="yellow"))
    if e and e["problems"]:
        for p in e["problems"]:
            out.print(Text(f"  {p}", style="yellow"))
    if s["missing_documents"]:
        out.print(Text(f"not ingested: {', '.join(s['missing_documents'])}", style="red"))


def demo_summary(summary: dict[str, Any], db: Path) -> None:
    table = Table(show_header=False, title="sample corpus")
    table.add_row("documents", str(summary["documents"]))
    table.add_row("languages", ", ".join(f"{k} {v}" for k, v in summary["languages"].items()))
    table.add_row("dated", str(summary["dated"]))
    table.add_row("copies of another document", str(summary["duplicates"]))
    table.add_row(
        "boilerplate removed", ", ".join(f"{k} {v}" for k, v in summary["boilerplate_removed"].items())
    )
    table.add_row("text quality", ", ".join(f"{k} {v}" for k, v in summary.get("text_quality", {}).items()))
    out.print(table)


def entities_table(data: dict[str, Any]) -> None:
    table = Table("id", "type", "name", "source", "documents", "mentions", title="entities")
    for e in data["entities"]:
        table.add_row(
            Text(e["id"]), e["type"], Text(e["name"]), e["source"], str(e["documents"]), str(e["mentions"])
        )
    out.print(table)


def entity(d: dict[str, Any]) -> None:
    out.print(Text(f"{d['name']}  ({d['type']}, {d['id']}, from {d['source']})", style="bold"))
    names = Table("language", "names seen", title="names")
    for lang, ns in sorted(d["names"].items()):
        names.add_row(lang, Text(", ".join(ns)))
    out.print(names)
    docs = Table("id", "lang", "date", "title", "mentions", title="documents")
    for r in d["documents"]:
        docs.add_row(r["id"][:12], r["lang"] or "?", r["date"] or "", cut(r["title"], 60), str(r["mentions"]))
    out.print(docs)
    co = Table("id", "type", "name", "shared documents", title="named with")
    for r in d["cooccurring"]:
        co.add_row(Text(r["id"]), r["type"], Text(r["name"]), str(r["documents"]))
    out.print(co)


def _value(c: dict[str, Any]) -> str:
    lo, hi, bound = c["low"], c["high"], c["bound"]

    def fmt(v: float | None) -> str:
        if v is None:
            return "?"
        return f"{v:,.0f}" if float(v).is_integer() and abs(v) >= 1 else f"{v:g}"

    if bound == "at_least":
        return f">= {fmt(lo)}"
    if bound == "at_most":
        return f"<= {fmt(hi)}"
    text = fmt(lo) if lo == hi else f"{fmt(lo)}-{fmt(hi)}"
    return f"~{text}" if bound == "about" else text


def _reviewed(c: dict[str, Any]) -> str:
    """How an analyst judged the claim's reports (corrected values are already the ones shown)."""
    actions = sorted({r["review"]["action"] for r in c["reports"] if r.get("review")})
    return f" ({', '.join(a + 'ed' if a != 'correct' else 'corrected' for a in actions)})" if actions else ""


def ledger(data: dict[str, Any]) -> None:
    table = Table(
        "#",
        "quantity",
        "value",
        "unit",
        "claimant",
        "date",
        "reports",
        "confidence",
        "disputed",
        title="claims ledger",
    )
    for c in data["claims"]:
        via = {tuple(r["via"]) for r in c["reports"] if r["via"]}
        who = (c["claimant"] or "unattributed") + (f" via {', '.join(via.pop())}" if via else "")
        table.add_row(
            str(c["index"]),
            Text(f"{c['kind']}: {c['subject']}"),
            _value(c) + _reviewed(c),
            c["unit"],
            Text(who),
            c["date"] or "",
            str(len(c["reports"])),
            f"{c.get('confidence', 1.0):.2f}",
            ("disputed: " + ", ".join(str(i) for i in c["disputed_with"])) if c["disputed"] else "",
        )
    out.print(table)


def ledger_quantities(data: dict[str, Any]) -> None:
    table = Table(
        "quantity", "entries", "reports", "claimants", "disputed", title="claims ledger: quantities"
    )
    for q in data["quantities"]:
        table.add_row(
            Text(q["quantity"]),
            str(q["entries"]),
            str(q["reports"]),
            Text(", ".join(q["claimants"][:4]) + (", …" if len(q["claimants"]) > 4 else "")),
            str(q["disputed"]) if q["disputed"] else "",
        )
    out.print(table)


def events_table(data: dict[str, Any]) -> None:
    table = Table(
        "date", "type", "ACLED sub-event", "place", "actor 1", "killed", "reports", "evidence", title="events"
    )
    for e in data["events"]:
        table.add_row(
            e["event_date"] or "",
            e["newstrace_type"],
            e["sub_event_type"] or "",
            Text(e["location"] or ""),
            Text(e["actor1"] or ""),
            "" if e["fatalities"] is None else str(e["fatalities"]),
            str(e["reports"]),
            cut(e["notes"], 70),
        )
    out.print(table)


def stories_table(data: dict[str, Any]) -> None:
    table = Table("id", "title", "articles", "languages", "from", "to", title="stories")
    for st in data["stories"]:
        table.add_row(
            st["id"],
            cut(st["title"], 60),
            str(st["documents"]),
            st["languages"] or "",
            st["first_date"] or "",
            st["last_date"] or "",
        )
    out.print(table)


def story(d: dict[str, Any]) -> None:
    out.print(
        Text(
            f"{d['title'] or d['id']}  ({d['id']}; {', '.join(d['languages'])}; "
            f"{d['first_date'] or '?'} to {d['last_date'] or '?'})",
            style="bold",
        )
    )
    arts = Table("id", "lang", "date", "title", "copy of", title="articles")
    for a in d["articles"]:
        arts.add_row(
            a["id"][:12],
            a["lang"] or "?",
            a["date"] or "",
            cut(a["title"], 60),
            (a["duplicate_of"] or "")[:12],
        )
    out.print(arts)
    if d["edges"]:
        edges = Table("from", "to", "kind", "similarity", title="syndication")
        for e in d["edges"]:
            edges.add_row(e["from"][:12], e["to"][:12], e["kind"], f"{e['similarity']:.2f}")
        out.print(edges)
    ents = Table("entity", "mentions", title="main entities")
    for e in d["entities"]:
        ents.add_row(Text(e["name"]), str(e["mentions"]))
    out.print(ents)
    if d["claims"]:
        ledger(
            {
                "claims": [
                    {
                        **c,
                        "index": i,
                        "claimant": (c["claimant"] or {}).get("name") or (c["claimant"] or {}).get("text"),
                        "date": c["as_of"],
                        "reports": [{"via": c["via"]}],
                        "disputed": False,
                        "disputed_with": [],
                    }
                    for i, c in enumerate(d["claims"])
                ]
            }
        )


def real_scores(name: str, s: dict[str, Any]) -> None:
    """Any real-data scorer's nested result as a metric/value table (lists shown by their length)."""
    from newstrace.evaluation.realdata import flatten

    table = Table("metric", "value", title=f"evaluation on {name}")
    for key, value in flatten(s):
        if isinstance(value, float):
            shown = f"{value:.3f}"
        elif isinstance(value, list):
            shown = f"{len(value)} items (see --json)"
        else:
            shown = str(value)
        table.add_row(key, shown)
    out.print(table)
