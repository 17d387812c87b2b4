"""Server-rendered pages on the sample store, checked as HTML (no browser): every page answers, the
document page keeps the text exactly and marks what was found, and attacker-controlled text never
becomes markup (no script element, event handler or javascript: URL but ours)."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from web import hostile


class Page(HTMLParser):
    """Tags with their attributes, and the text inside the element with class ``doc-text``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.doc_text: list[str] = []
        self.depth = 0  # >0 while inside .doc-text
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if self.depth:
            self.depth += 1
        elif "doc-text" in (a.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.depth:
            self.doc_text.append(data)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


def assert_inert(page: Page) -> None:
    for tag, attrs in page.tags:
        if tag == "script":
            src, kind = attrs.get("src"), attrs.get("type")
            assert (src or "").startswith("/static/") or kind == "application/json", attrs
        assert tag not in {"iframe", "object", "embed", "img"}, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "src", "action", "formaction"}:
                assert not (value or "").strip().lower().startswith(("javascript:", "data:")), (tag, value)


PAGES = [
    "/stories",
    "/stories?lang=fr&since=2022-01-01",
    "/stories?entity=Kherson&place=Kherson",
    "/documents",
    "/documents?quality=spun",
    "/ledger",
    "/map",
    "/entities",
    "/entities?type=person&offset=0",
    "/entities/gn:706448",
    "/search",
    "/search?q=Kherson",
    "/search?q=" + quote("Херсон"),
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_answer_and_are_inert(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert_inert(parse(r.text))


def test_home_redirects_to_stories(client: TestClient) -> None:
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "/stories"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/documents/ffffffffffffffff", 404),
        ("/stories/story-nope", 404),
        ("/entities/person/nobody-at-all", 404),
        ("/no-such-page", 404),
        ("/stories?since=<script>", 422),
        ("/stories?offset=-3", 422),
    ],
)
def test_errors_are_clear_html_pages(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    page = parse(r.text)
    assert_inert(page)
    assert str(status) in "".join(page.text)


def test_story_page_lists_its_articles_tree_and_timeline(client: TestClient, ids: dict[str, str]) -> None:
    story = client.get(f"/api/stories/{ids['story']}").json()
    html = client.get(f"/stories/{ids['story']}").text
    page = parse(html)
    links = {a.get("href") for t, a in page.tags if t == "a"}
    for doc_id in story["docs"]:
        assert f"/documents/{doc_id}" in links
    assert sum(1 for t, a in page.tags if t == "li" and a.get("class") == "article") == len(story["docs"])
    assert sum(1 for t, a in page.tags if t == "circle") == sum(1 for x in story["articles"] if x["date"])
    kinds = {a.get("class") for t, a in page.tags if t == "span" and "edge" in (a.get("class") or "")}
    assert "edge edge-root" in kinds and len(kinds) >= 2  # independent reports and at least one edge kind


def test_document_page_keeps_the_text_and_highlights_claims(client: TestClient, ids: dict[str, str]) -> None:
    doc = client.get(f"/api/documents/{ids['claim_doc']}").json()
    page = parse(client.get(f"/documents/{ids['claim_doc']}").text)
    # Every character, once, in order (removed ones are in the page, hidden by CSS).
    assert "".join(page.doc_text) == doc["raw"]
    anchors = {a.get("id"): a for t, a in page.tags if a.get("id", "") and a["id"].startswith("claim-")}
    for claim in doc["claims"]:
        a = anchors[f"claim-{claim['figure']['start']}"]
        assert "hl-figure" in (a.get("class") or "")
        assert claim["kind"] in (a.get("title") or "")
    classes = " ".join(a.get("class") or "" for _, a in page.tags)
    for style in ("hl-claim", "hl-entity", "hl-place", "hl-removed", "sent"):
        assert style in classes
    entity_links = [a["href"] for t, a in page.tags if t == "a" and "hl-entity" in (a.get("class") or "")]
    assert entity_links and all((h or "").startswith("/entities/") for h in entity_links)


def test_spun_passages_are_marked(client: TestClient) -> None:
    spun = client.get("/api/documents?quality=spun&limit=1").json()["documents"][0]
    doc = client.get(f"/api/documents/{spun['id']}").json()
    page = parse(client.get(f"/documents/{spun['id']}").text)
    marked = [a for t, a in page.tags if "hl-spun" in (a.get("class") or "") and a.get("title")]
    assert len(marked) >= len(doc["quality"]["spans"]) > 0
    assert any("→" in (a.get("title") or "") for a in marked)  # the repair is shown


def test_hostile_article_renders_as_text_everywhere(client: TestClient, ids: dict[str, str]) -> None:
    doc_id = ids["hostile_doc"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    story = doc.get("story_id")
    urls = [f"/documents/{doc_id}", "/documents", "/search?q=Kherson", "/search?q=rebuild", "/stories"]
    if story:
        urls.append(f"/stories/{story}")
    for url in urls:
        html = client.get(url).text
        assert "<script>window.__pwned" not in html and "<img src=x" not in html, url
        assert_inert(parse(html))
    page = parse(client.get(f"/documents/{doc_id}").text)
    assert "".join(page.doc_text) == hostile.TEXT == doc["raw"]
    text = "".join(page.text)
    assert hostile.TITLE in text and hostile.URL in text  # shown, as text
    assert not any(t == "a" and a.get("href") == hostile.URL for t, a in page.tags)  # and not linked
