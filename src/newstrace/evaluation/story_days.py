"""Days for the articles of human-judged pairs (``story_pairs``), which carry no dates: their article
ids are crawl numbers that grow with the day, so an article's day is read from its number at the rate
measured on the articles whose text gives a day. The pair evaluation and the stream replay date the
articles so (a stream of news arrives with its publication days, and time is evidence the join model
weighs)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence

import numpy as np

from newstrace.model import DateSource, DocDate, Document, PartialDate

# The day the first crawl number stands for: only the days between articles matter.
CRAWL_ORIGIN = dt.date(2000, 1, 1)


def crawl_number(article_id: str) -> int:
    # A translated copy's id carries a language suffix ("1484039360it"): the number is the article's.
    found = re.match(r"\d+", article_id)
    if found is None:
        raise ValueError(f"article id {article_id!r} does not start with its crawl number")
    return int(found.group())


def crawl_rate(docs: Iterable[Document]) -> tuple[float, int]:
    """Crawl numbers per day: the median slope between any two articles whose text gives a day (the
    date stage's reading, which can be an event's day rather than the publication's: the median ignores
    those), and how many such articles there were."""
    days = {
        crawl_number(str(d.source_id)): d.date.value.anchor().toordinal()
        for d in docs
        if d.date is not None and d.date.value.anchor() == d.date.value.last_day()
    }
    slopes = [
        (b - a) / (db - da)
        for (a, da), (b, db) in itertools.combinations(sorted(days.items()), 2)
        if db != da
    ]
    if not slopes:
        raise ValueError("no two articles with a day in their text: the crawl rate cannot be read")
    return float(np.median(slopes)), len(days)


def dated(docs: Sequence[Document]) -> list[Document]:
    """The articles in crawl order, each dated by its crawl number (the day counted from the first
    article at ``crawl_rate``), as a stream of news arrives with its publication days. Where fewer than
    two articles give a day (a small subset), the rate cannot be read: the articles keep the dates
    their texts gave, in crawl order."""
    ordered = sorted(docs, key=lambda d: crawl_number(str(d.source_id)))
    try:
        rate, _ = crawl_rate(docs)
    except ValueError:
        return ordered
    first = crawl_number(str(ordered[0].source_id)) if ordered else 0
    out = []
    for d in ordered:
        day = CRAWL_ORIGIN + dt.timedelta(days=int((crawl_number(str(d.source_id)) - first) / rate))
        when = DocDate(PartialDate(day.year, day.month, day.day), DateSource.METADATA, "crawl")
        out.append(dataclasses.replace(d, date=when))
    return out
