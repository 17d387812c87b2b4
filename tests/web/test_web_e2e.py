"""End to end in headless Debian chromium against a live uvicorn server on the sample store: every page
loads without a console error, and the parts that need a browser work (the chart draws its points, the
map its markers, htmx filters swap the results, toggles show removed text), and a hostile article stays
inert while a real browser runs the page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    p = context.new_page()
    problems: list[str] = []
    p.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    p.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    p.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    p.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    p.problems = problems
    yield p
    context.close()
    assert not problems, problems


def pwned(p: Any) -> Any:
    return p.evaluate("() => window.__pwned")


@pytest.mark.parametrize(
    "url",
    [
        "/stories",
        "/documents",
        "/ledger",
        "/entities",
        "/entities/gn:706448",
        "/search?q=" + quote("Херсон"),
    ],
)
def test_pages_load_without_console_errors(page: Any, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    assert page.locator("h1").count() >= 1
    assert pwned(page) is None


def test_story_page_lists_its_articles(page: Any, ids: dict[str, str]) -> None:
    page.goto(f"/stories/{ids['story']}", wait_until="networkidle")
    assert page.locator("li.article").count() >= 3
    assert page.locator("svg.timeline circle").count() >= 1
    page.locator("li.article a").first.click()
    page.wait_for_url("**/documents/**")
    assert page.locator(".doc-text").count() == 1


def test_document_page_highlights_a_claim(page: Any, ids: dict[str, str]) -> None:
    doc_id = ids["claim_doc"]
    page.goto(f"/documents/{doc_id}", wait_until="networkidle")
    figure = page.locator(".doc-text .hl-figure").first
    assert figure.is_visible()
    assert figure.evaluate("e => getComputedStyle(e).fontWeight") in {"700", "bold"}
    assert figure.evaluate("e => e.closest('.hl-claim') !== null")
    removed = page.locator(".doc-text .hl-removed").first
    assert not removed.is_visible()
    page.locator("#show-removed").check()
    assert removed.is_visible()
    assert removed.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    # A claim's link from the table lands on its figure in the text.
    page.locator("table.claims a[href^='#claim-']").first.click()
    assert page.evaluate("() => document.querySelector(':target').classList.contains('hl-figure')")


def test_ledger_chart_renders_points(page: Any) -> None:
    page.goto("/ledger", wait_until="networkidle")
    canvas = page.locator("#ledger-chart")
    page.wait_for_function("() => document.getElementById('ledger-chart').dataset.points !== undefined")
    assert int(canvas.get_attribute("data-points")) >= 2
    assert canvas.bounding_box()["height"] > 200


def test_map_renders_markers_on_the_offline_base_map(page: Any) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto("/map", wait_until="load")
    # Drawn by the time the page has loaded: the points are in the page, the base map is a script.
    assert page.get_attribute("#map", "data-ready") == "true", page.get_attribute("#map", "data-error")
    assert int(page.get_attribute("#map", "data-markers")) >= 10
    assert page.locator("path.nt-place").count() >= 10  # single places: circles
    assert page.locator(".nt-cluster-place").count() >= 1  # nearby places: a numbered disc
    assert page.locator(".nt-event, .nt-cluster-event").count() >= 1  # events: red diamonds
    assert page.locator(".leaflet-tooltip.nt-label").count() >= 5  # the most named places labelled
    assert page.locator(".leaflet-nt-base-pane path").count() > 100  # countries and regions drawn
    origin = page.url.split("/map")[0]
    assert all(u.startswith(origin) for u in requested), [u for u in requested if not u.startswith(origin)]
    assert not [u for u in requested if "/api/" in u]  # nothing fetched after the page
    page.locator("path.nt-place").first.click(force=True)
    assert page.locator(".leaflet-popup .map-popup h4").count() == 1
    # Closer in, clusters open into their members.
    shown = int(page.get_attribute("#map", "data-shown"))
    page.keyboard.press("Escape")
    for _ in range(2):
        page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function(f"() => Number(document.getElementById('map').dataset.shown) > {shown}")


def test_story_filters_swap_results_in_place(page: Any) -> None:
    page.goto("/stories", wait_until="networkidle")
    before = page.locator("tr.story-row").count()
    page.evaluate("() => { window.__marker = 1; }")  # survives only if the page is not reloaded
    page.select_option("select[name=lang]", "uk")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_function("() => location.search.includes('lang=uk')")  # pushed, not loaded
    page.wait_for_function(f"() => document.querySelectorAll('tr.story-row').length < {before}")
    assert page.evaluate("() => window.__marker") == 1
    assert page.locator("tr.story-row").count() >= 1


def test_hostile_article_renders_inert(page: Any, ids: dict[str, str]) -> None:
    doc_id = ids["hostile_doc"]
    page.goto(f"/documents/{doc_id}", wait_until="networkidle")
    page.locator("#show-removed").check()
    page.locator("#show-langs").check()
    for el in page.locator(".doc-text span, .doc-text a").all()[:40]:
        el.hover(force=True, timeout=2000) if el.is_visible() else None
    assert pwned(page) is None
    assert page.locator("h1.doc-title").inner_text().startswith("<script>")
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator(".doc-text script, .doc-text img, .doc-text iframe, .doc-text svg").count() == 0
    for url in ("/search?q=Kherson", "/documents", "/stories"):
        page.goto(url, wait_until="networkidle")
        assert pwned(page) is None
