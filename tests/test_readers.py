"""Each reader on small inputs the tests write themselves (no network, no bundled fixtures)."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from helpers.warcs import Response, html_page, write_warc
from newstrace.model import PartialDate, RawRecord, Rejection
from newstrace.readers.base import Reader, ReadResult
from newstrace.readers.discover import discover, reader_for
from newstrace.readers.feed import FeedReader
from newstrace.readers.html import HtmlReader
from newstrace.readers.jsonl import JsonLinesReader
from newstrace.readers.text import TextReader
from newstrace.readers.warc import WarcReader
from newstrace.settings import Settings

SETTINGS = Settings()

EN_PARAGRAPHS = [
    "Engineers in Kyiv worked through the night to bring electricity back to several districts after a "
    "wave of drones struck substations on the left bank of the Dnipro.",
    "The city administration said that water pumps were running again by morning and that schools "
    "would open two hours later than usual.",
    "Residents queued at heated tents near metro stations, where volunteers handed out tea, blankets "
    "and power banks until the afternoon.",
]
FR_PARAGRAPHS = [
    "Les dockers du port d'Odessa ont repris mardi le chargement de céréales après trois jours "
    "d'interruption liés aux alertes aériennes répétées.",
    "Selon l'administration portuaire, quatre navires attendent encore au large avant de pouvoir "
    "accoster au terminal sud, déjà encombré.",
    "Les exportateurs craignent une nouvelle hausse des primes d'assurance maritime si les frappes "
    "contre les silos se poursuivent cet été.",
]
RU_PARAGRAPHS = [
    "Коммунальные службы Харькова сообщили, что подача воды восстановлена во всех районах города "
    "после ночного обстрела насосной станции.",
    "По словам городских властей, ремонтные бригады работали почти сутки без перерыва, несмотря на "
    "повторные воздушные тревоги.",
    "Жителям советуют держать запас питьевой воды на случай новых перебоев в ближайшие дни.",
]


def read_all(reader: Reader, path: Path, settings: Settings = SETTINGS) -> list[ReadResult]:
    return list(reader.read(path, settings))


def records(results: Iterable[ReadResult]) -> list[RawRecord]:
    return [r for r in results if isinstance(r, RawRecord)]


def rejections(results: Iterable[ReadResult]) -> list[Rejection]:
    return [r for r in results if isinstance(r, Rejection)]


def only_record(results: list[ReadResult]) -> RawRecord:
    assert len(results) == 1, results
    record = results[0]
    assert isinstance(record, RawRecord), record
    return record


def span_text(text: str, span: tuple[int, int] | None) -> str:
    assert span is not None
    return text[span[0] : span[1]]


# -- plain text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "date", "header", "headline"),
    [
        pytest.param(
            " date 2022-11-12\n"
            "Kherson: first ferry crosses the Dnipro since the retreat\n"
            "\n"
            "A small ferry carried pensioners and boxes of medicine from the city to the islands on "
            "Saturday, a day after Ukrainian troops entered Kherson.\n",
            PartialDate(2022, 11, 12),
            " date 2022-11-12",
            None,
            id="header_alone_on_first_line",
        ),
        pytest.param(
            " date 2022-09 Les troupes russes quittent Lyman\n"
            "\n"
            "Les forces ukrainiennes ont annoncé samedi avoir repris le contrôle de la ville de Lyman, "
            "un nœud ferroviaire du nord de la région de Donetsk.\n",
            PartialDate(2022, 9),
            " date 2022-09 ",
            "Les troupes russes quittent Lyman",
            id="header_followed_by_headline_on_same_line",
        ),
        pytest.param(
            " date 2023-06-06 Staudamm bei Nowa Kachowka zerstört\r\n\r\n"
            "Das Wasser stieg am Morgen rasch an.\r\n",
            PartialDate(2023, 6, 6),
            " date 2023-06-06 ",
            "Staudamm bei Nowa Kachowka zerstört",
            id="headline_span_excludes_carriage_return",
        ),
        pytest.param(
            "Укрзалізниця запустила додатковий потяг із Запоріжжя до Львова.\n"
            "Квитки можна придбати онлайн або на вокзалі.\n",
            None,
            None,
            None,
            id="without_header",
        ),
    ],
)
def test_text_header_and_headline(
    tmp_path: Path, content: str, date: PartialDate | None, header: str | None, headline: str | None
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content.encode("utf-8"))  # as written: "\r\n" stays

    record = only_record(read_all(TextReader(), path))

    assert record.text == content
    assert record.fmt == "text"
    assert record.source == str(path)
    assert record.encoding == "utf-8"
    assert record.meta.date == date
    meta = record.meta
    assert (None if meta.header is None else span_text(record.text, meta.header)) == header
    assert (None if meta.headline is None else span_text(record.text, meta.headline)) == headline
    if meta.header is not None:
        assert meta.header[0] == 0
    # The header and the headline meet without overlap.
    if meta.header is not None and meta.headline is not None:
        assert meta.header[1] <= meta.headline[0]


# -- JSON Lines -------------------------------------------------------------------------------------

JSONL_OBJECT = {
    "id": "wire-0142",
    "url": "https://wire.example/2023/05/bakhmut",
    "title": "Bachmut: Kämpfe am westlichen Stadtrand",
    "text": "Die ukrainische Armee meldet schwere Gefechte am westlichen Rand von Bachmut. "
    "Nach Angaben des Generalstabs wurden mehrere Angriffe abgewehrt.",
    "date": "2023-05-14",
    "lang": "de",
    "source": "Beispiel-Agentur",
    "section": "Ausland",
    "tags": ["Ukraine", "Donezk"],
    "wordcount": 21,
}


def test_jsonl_fields_map_onto_the_record(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(JSONL_OBJECT, ensure_ascii=False) + "\n", encoding="utf-8")

    record = only_record(read_all(JsonLinesReader(), path))

    assert record.fmt == "jsonl"
    assert record.source == str(path)
    assert record.source_id == "wire-0142"
    assert record.text == JSONL_OBJECT["text"]
    assert record.meta.url == "https://wire.example/2023/05/bakhmut"
    assert record.meta.title == "Bachmut: Kämpfe am westlichen Stadtrand"
    assert record.meta.date == PartialDate(2023, 5, 14)
    assert record.meta.lang == "de"
    assert record.meta.outlet == "Beispiel-Agentur"
    assert record.meta.extra_json is not None
    assert json.loads(record.meta.extra_json) == {
        "section": "Ausland",
        "tags": ["Ukraine", "Donezk"],
        "wordcount": 21,
    }


def test_jsonl_without_unknown_fields_has_no_extra(tmp_path: Path) -> None:
    obj = {"id": 7, "text": "Les secours ont dégagé trois personnes des décombres à Dnipro."}
    path = tmp_path / "short.jsonl"
    path.write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")

    record = only_record(read_all(JsonLinesReader(), path))

    assert record.source_id == "7"
    assert record.meta.extra_json is None
    assert record.meta.date is None


def test_jsonl_gzip_file(tmp_path: Path) -> None:
    objs = [
        {
            "id": "g1",
            "text": "Над Одесою вночі збили дев'ять дронів, повідомили в Повітряних силах.",
            "lang": "uk",
        },
        {
            "id": "g2",
            "text": "В Белгородской области объявили эвакуацию двух приграничных сёл.",
            "lang": "ru",
        },
    ]
    path = tmp_path / "night.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for obj in objs:
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")

    results = read_all(JsonLinesReader(), path)

    assert not rejections(results)
    assert [(r.source_id, r.text, r.meta.lang) for r in records(results)] == [
        (o["id"], o["text"], o["lang"]) for o in objs
    ]


def test_jsonl_blank_lines_are_skipped(tmp_path: Path) -> None:
    first = {"id": "b1", "text": "Kyiv: la défense antiaérienne a intercepté des missiles au petit matin."}
    second = {
        "id": "b2",
        "text": "Lviv: a power substation was hit, leaving part of the city without heating.",
    }
    path = tmp_path / "gaps.jsonl"
    path.write_text(
        json.dumps(first, ensure_ascii=False) + "\n\n   \n" + json.dumps(second) + "\n\n", encoding="utf-8"
    )

    results = read_all(JsonLinesReader(), path)

    assert not rejections(results)
    assert [r.source_id for r in records(results)] == ["b1", "b2"]


# -- HTML -------------------------------------------------------------------------------------------


def test_html_article_gives_title_text_and_date(tmp_path: Path) -> None:
    path = tmp_path / "kyiv-power.html"
    page = html_page(
        "Kyiv restores power after night strikes", EN_PARAGRAPHS, published="2022-11-23T08:00:00+02:00"
    )
    path.write_text(page, encoding="utf-8")

    record = only_record(read_all(HtmlReader(), path))

    assert record.fmt == "html"
    assert record.meta.title == "Kyiv restores power after night strikes"
    assert record.meta.date == PartialDate(2022, 11, 23)
    for paragraph in EN_PARAGRAPHS:
        assert paragraph in record.text
    # The markup and the menu stay out of the text.
    assert "<p>" not in record.text
    assert "World" not in record.text


# -- WARC -------------------------------------------------------------------------------------------

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2


@pytest.mark.parametrize("gzipped", [True, False], ids=["gzip", "plain"])
def test_warc_html_responses_become_records(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    responses = [
        Response(
            "https://news.example/en/kyiv-power",
            html_page("Kyiv restores power after night strikes", EN_PARAGRAPHS, "2022-11-23").encode(),
        ),
        Response("https://news.example/static/logo.png", PNG_BYTES, "image/png"),
        Response(
            "https://news.example/fr/odessa-port",
            html_page("Odessa : le port reprend ses chargements", FR_PARAGRAPHS, "2023-07-25", "fr").encode(),
        ),
    ]
    ids = write_warc(path, responses, gzip=gzipped)

    results = read_all(WarcReader(), path)

    # The image is skipped silently: neither a record nor a rejection.
    assert not rejections(results)
    got = records(results)
    assert [r.source_id for r in got] == [ids[0], ids[2]]
    assert [r.meta.url for r in got] == [
        "https://news.example/en/kyiv-power",
        "https://news.example/fr/odessa-port",
    ]
    assert all(r.fmt == "warc" and r.source == str(path) for r in got)
    en, fr = got
    assert en.meta.title == "Kyiv restores power after night strikes"
    assert en.meta.date == PartialDate(2022, 11, 23)
    assert EN_PARAGRAPHS[1] in en.text
    assert fr.meta.title == "Odessa : le port reprend ses chargements"
    assert fr.meta.date == PartialDate(2023, 7, 25)
    assert FR_PARAGRAPHS[0] in fr.text
    assert "céréales" in fr.text


def test_warc_cp1251_response_decodes_with_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "ru.warc.gz"
    page = html_page("В Харькове восстановили водоснабжение", RU_PARAGRAPHS, "2022-10-11", "ru")
    page = page.replace('<meta charset="utf-8">', "")
    [rid] = write_warc(
        path,
        [
            Response(
                "https://news.example/ru/kharkiv", page.encode("cp1251"), "text/html; charset=windows-1251"
            )
        ],
    )

    record = only_record(read_all(WarcReader(), path))

    assert record.source_id == rid
    assert record.meta.title == "В Харькове восстановили водоснабжение"
    assert RU_PARAGRAPHS[0] in record.text
    assert record.encoding is not None and record.encoding.replace("-", "") in {"windows1251", "cp1251"}


def test_warc_of_images_only_yields_nothing(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    write_warc(path, [Response(f"https://img.example/{i}.png", PNG_BYTES, "image/png") for i in range(2)])

    assert read_all(WarcReader(), path) == []


def test_warc_gzip_content_encoded_response_is_read(tmp_path: Path) -> None:
    path = tmp_path / "compressed.warc.gz"
    body = gzip.compress(html_page("Kyiv restores power after night strikes", EN_PARAGRAPHS).encode())
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Encoding", "gzip"),
            ("Content-Length", str(len(body))),
        ],
        protocol="HTTP/1.1",
    )
    writer.write_record(
        writer.create_warc_record(
            "https://news.example/en/kyiv-power",
            "response",
            payload=io.BytesIO(body),
            http_headers=http_headers,
        )
    )
    path.write_bytes(buf.getvalue())

    record = only_record(read_all(WarcReader(), path))

    assert EN_PARAGRAPHS[0] in record.text


# -- RSS and Atom -----------------------------------------------------------------------------------

RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Example Wire</title><link>https://wire.example/</link><description>War desk</description>
<item>
  <title>Kherson ferry resumes crossings</title>
  <link>https://wire.example/2022/11/kherson-ferry</link>
  <guid>https://wire.example/2022/11/kherson-ferry</guid>
  <pubDate>Tue, 15 Nov 2022 09:30:00 GMT</pubDate>
  <description>A ferry is running again.</description>
  <content:encoded><![CDATA[<p>The river ferry linking the two banks at Kherson resumed service on Monday,
  local officials said, carrying pensioners and boxes of medical supplies across the Dnipro.</p>
  <p>Crossings remain limited to daylight hours because of continued shelling from the left bank,
  the regional administration added in a statement.</p>]]></content:encoded>
</item>
<item>
  <title>Zaporizhzhia plant loses external power again</title>
  <link>https://wire.example/2022/11/znpp-power</link>
  <guid>https://wire.example/2022/11/znpp-power</guid>
  <pubDate>Thu, 17 Nov 2022 14:05:00 GMT</pubDate>
  <content:encoded><![CDATA[<p>The Zaporizhzhia nuclear plant switched to diesel generators for the
  fourth time since the summer after its last high-voltage line was cut, the operator said.</p>
  <p>Inspectors on site reported that the reactors remained in cold shutdown and that fuel
  reserves for the generators would last about ten days.</p>]]></content:encoded>
</item>
<item>
  <title>Air raid alert lifted in Lviv</title>
  <link>https://wire.example/2022/11/lviv-alert</link>
  <guid>https://wire.example/2022/11/lviv-alert</guid>
  <pubDate>Fri, 18 Nov 2022 06:00:00 GMT</pubDate>
  <description>The alert in Lviv ended after forty minutes.</description>
</item>
</channel>
</rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Stadtnachrichten</title><id>urn:example:feed</id><updated>2023-03-02T10:00:00Z</updated>
<entry>
  <title>Charkiw: Unterricht in der U-Bahn</title>
  <id>urn:example:entry:1</id>
  <link href="https://atom.example/charkiw-schule"/>
  <published>2023-03-01T07:00:00Z</published>
  <updated>2023-03-01T09:00:00Z</updated>
  <content type="html">&lt;p&gt;In Charkiw hat die Stadtverwaltung eine weitere Schule in einer
  U-Bahn-Station eröffnet, damit Kinder trotz der Luftangriffe im Klassenzimmer lernen können.&lt;/p&gt;
  &lt;p&gt;Die Räume haben Belüftung und Notstrom, berichtete der Bürgermeister am Mittwoch.&lt;/p&gt;
  </content>
</entry>
</feed>
"""


def test_rss_items_with_full_text_become_records(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS_FEED, encoding="utf-8")

    results = read_all(FeedReader(), path)

    got = records(results)
    assert [(r.meta.title, r.meta.url, r.meta.date) for r in got] == [
        (
            "Kherson ferry resumes crossings",
            "https://wire.example/2022/11/kherson-ferry",
            PartialDate(2022, 11, 15),
        ),
        (
            "Zaporizhzhia plant loses external power again",
            "https://wire.example/2022/11/znpp-power",
            PartialDate(2022, 11, 17),
        ),
    ]
    assert all(r.fmt == "feed" and r.source == str(path) for r in got)
    assert got[0].source_id == "https://wire.example/2022/11/kherson-ferry"
    assert "boxes of medical supplies" in got[0].text
    assert "daylight hours" in got[0].text
    assert "<p>" not in got[0].text
    assert "cold shutdown" in got[1].text

    [rejected] = rejections(results)
    assert rejected.reason == "no_article"
    assert rejected.source_id == "https://wire.example/2022/11/lviv-alert"


def test_atom_entry_with_html_content(tmp_path: Path) -> None:
    path = tmp_path / "stadt.atom"
    path.write_text(ATOM_FEED, encoding="utf-8")

    record = only_record(read_all(FeedReader(), path))

    assert record.meta.title == "Charkiw: Unterricht in der U-Bahn"
    assert record.meta.url == "https://atom.example/charkiw-schule"
    assert record.meta.date == PartialDate(2023, 3, 1)
    assert record.source_id == "urn:example:entry:1"
    assert "U-Bahn-Station eröffnet" in record.text


def test_rss_in_cp1251_keeps_cyrillic(tmp_path: Path) -> None:
    feed = (
        '<?xml version="1.0" encoding="windows-1251"?>\n'
        '<rss version="2.0"><channel><title>Новости</title><link>https://ru.example/</link>'
        "<description>лента</description><item><title>Обстрел Херсона</title>"
        "<link>https://ru.example/1</link><pubDate>Mon, 05 Dec 2022 10:00:00 +0300</pubDate>"
        "<description>&lt;p&gt;Утром в понедельник центр Херсона снова попал под обстрел: по данным "
        "областной администрации, повреждены здание почты и несколько жилых домов на набережной."
        "&lt;/p&gt;</description></item></channel></rss>"
    )
    path = tmp_path / "ru.rss"
    path.write_bytes(feed.encode("cp1251"))

    record = only_record(read_all(FeedReader(), path))

    assert record.meta.title == "Обстрел Херсона"
    assert "набережной" in record.text


def test_rss_date_is_the_publication_day_in_its_own_time_zone(tmp_path: Path) -> None:
    feed = RSS_FEED.replace("Tue, 15 Nov 2022 09:30:00 GMT", "Sat, 12 Nov 2022 01:15:00 +0200")
    path = tmp_path / "night.rss"
    path.write_text(feed, encoding="utf-8")

    first = records(read_all(FeedReader(), path))[0]

    assert first.meta.date == PartialDate(2022, 11, 12)


# -- rejections -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reader", "name", "content", "reason"),
    [
        pytest.param(TextReader, "header_only.txt", " date 2022-03-01\n\n", "empty", id="text_only_a_header"),
        pytest.param(
            HtmlReader,
            "menu.html",
            "<!DOCTYPE html><html><head><title>Rubriques</title></head><body><nav><ul>"
            "<li><a href='/politique'>Politique</a></li><li><a href='/monde'>Monde</a></li>"
            "<li><a href='/ukraine'>Ukraine</a></li><li><a href='/sport'>Sport</a></li>"
            "</ul></nav></body></html>",
            "no_article",
            id="html_navigation_only_page",
        ),
        pytest.param(
            FeedReader,
            "broken.rss",
            "<rss><channel><title>nothing here",
            "malformed",
            id="feed_that_is_not_a_feed",
        ),
    ],
)
def test_an_input_a_reader_cannot_take_is_one_rejection_with_its_reason(
    tmp_path: Path, reader: type[Reader], name: str, content: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")

    [result] = read_all(reader(), path)

    assert isinstance(result, Rejection)
    assert result.reason == reason
    assert result.source == str(path)


# -- discover ---------------------------------------------------------------------------------------


def _article(path: Path, text: str = "Un convoi humanitaire est arrivé à Soumy.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_discover_walks_a_directory_in_stable_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    expected = [
        (_article(root / "a.txt"), "text"),
        (_article(root / "b.jsonl", '{"id": 1, "text": "x"}\n'), "jsonl"),
        (_article(root / "c.html", "<html><body>x</body></html>"), "html"),
        (_article(root / "nested" / "deeper" / "d.md"), "text"),
        (_article(root / "nested" / "e.warc.gz"), "warc"),
        (_article(root / "nested" / "f.atom"), "feed"),
        (_article(root / "nested" / "g.rss"), "feed"),
    ]
    _article(root / ".hidden.txt")
    _article(root / "MANIFEST.json", '{"files": []}')
    _article(root / "nested" / ".DS_Store")

    assert list(discover([root])) == expected
    assert list(discover([str(root)])) == expected


def test_discover_glob_pattern(tmp_path: Path) -> None:
    a = _article(tmp_path / "x" / "2022-kharkiv.txt")
    b = _article(tmp_path / "y" / "2023-bakhmut.txt")
    _article(tmp_path / "x" / "notes.md")

    assert list(discover([str(tmp_path / "*" / "20*.txt")])) == [(a, "text"), (b, "text")]
    assert list(discover([str(tmp_path / "**" / "*.md")])) == [(tmp_path / "x" / "notes.md", "text")]


def test_discover_missing_path_and_empty_glob_are_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    good = _article(tmp_path / "ok.txt")

    results = list(discover([missing, good, str(tmp_path / "*.warc")]))

    assert len(results) == 3
    first, second, third = results
    assert isinstance(first, Rejection) and first.reason == "not_found" and first.source == str(missing)
    assert second == (good, "text")
    assert isinstance(third, Rejection) and third.reason == "not_found"


@pytest.mark.parametrize(
    ("content", "reader"),
    [
        (b"<!DOCTYPE html>\n<html><body><p>Kyiv</p></body></html>", "html"),
        (b"  \n<HTML lang='uk'><body><p>Kyiv</p></body></html>", "html"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
        (b'{"id": "1", "text": "Mykolaiv"}\n', "jsonl"),
        ("Новини з Миколаєва\n".encode(), "text"),
    ],
    ids=["doctype", "html-tag", "warc", "rss", "jsonl", "text"],
)
def test_reader_for_sniffs_files_without_extension(tmp_path: Path, content: bytes, reader: str) -> None:
    path = tmp_path / "download"
    path.write_bytes(content)

    assert reader_for(path) == reader
    assert list(discover([tmp_path])) == [(path, reader)]


def test_reader_for_sniffs_html_after_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_bytes(b"\xef\xbb\xbf<!DOCTYPE html>\n<html><body><p>Kyiv</p></body></html>")

    assert reader_for(path) == "html"
