"""The newcomer's crawl: from the home page, follow every link of the app on the sample store; every
page, download, script, stylesheet and API answer linked from a page answers 200, and no HTML page is an
error page.

Facet links multiply (each filter page links to every narrower one), so links are followed out of the
pages reached without a query or with one parameter: every page, every filter of every list, every
pager step and download of those is visited once, without walking every combination of filters.
"""

from __future__ import annotations

import time
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlsplit

from fastapi.testclient import TestClient

MAX_PAGES = 3000


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        ref = a.get("href") if tag in {"a", "link"} else a.get("src") if tag == "script" else None
        if ref:
            self.links.append(ref)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def local(ref: str) -> str | None:
    """The app-relative URL a link points to (no fragment), or None for other sites and schemes."""
    url, _ = urldefrag(ref)
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return url


def test_every_page_reachable_from_home_answers(client: TestClient) -> None:
    started = time.monotonic()
    home = client.get("/")
    assert home.status_code == 200 and "<nav>" in home.text  # the redirect is followed
    seen = {"/"}
    queue: deque[tuple[str, str]] = deque([("/", "(start)")])
    failures: list[str] = []
    kinds: dict[str, int] = {}
    while queue:
        url, came_from = queue.popleft()
        r = client.get(url)
        kind = r.headers.get("content-type", "").split(";")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
        if r.status_code != 200:
            failures.append(f"{url} -> {r.status_code} (linked from {came_from})")
            continue
        if kind != "text/html":
            continue
        page = Links()
        page.feed(r.text)
        if 'class="error-status"' in r.text:
            failures.append(f"{url} is an error page (linked from {came_from})")
        if len(parse_qsl(urlsplit(url).query)) > 1:
            continue
        for ref in page.links:
            target = local(ref)
            if target is not None and target not in seen:
                seen.add(target)
                queue.append((target, url))
        assert len(seen) < MAX_PAGES, "the crawl does not end: links multiply"
    assert not failures, "\n".join(failures[:30])
    paths = {urlsplit(u).path for u in seen}
    # The crawl reached every kind of page the navigation offers, and the downloads.
    for expected in ("/stories", "/documents", "/claims", "/events", "/ledger", "/map", "/entities"):
        assert expected in paths, expected
    assert any(p.startswith("/documents/") for p in paths) and any(p.startswith("/stories/") for p in paths)
    assert any(p.startswith("/entities/") for p in paths)
    assert {"/documents.csv", "/claims.json", "/events.csv"} <= paths
    assert kinds.get("text/html", 0) > 50 and kinds.get("text/csv", 0) > 0
    print(f"crawled {len(seen)} URLs in {time.monotonic() - started:.1f} s: {kinds}")
