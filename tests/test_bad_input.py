"""Bad inputs through the real ingest: the run goes on, good files are stored, each bad one is recorded."""

from __future__ import annotations

import io
import json
import pathlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from helpers.warcs import Response, html_page, warc_bytes
from newstrace.services.export import export_jsonl
from newstrace.services.ingest import ingest
from newstrace.services.report import RunReport
from newstrace.settings import Settings
from newstrace.store.documents import DocumentStore
from newstrace.store.sqlite import Database

HUGE_BYTES = 200 * 1024 * 1024

GOOD_EN = (
    " date 2023-02-24\n"
    "A year of full-scale war\n"
    "\n"
    "One year after the invasion began, officials in Kyiv held a short ceremony on Sophia Square while "
    "air raid sirens sounded twice over the capital.\n"
)
GOOD_UK = (
    "Рятувальники Дніпра завершили розбирати завали під'їзду багатоповерхівки. "
    "Місто оголосило день жалоби, а волонтери збирають речі для мешканців сусідніх будинків.\n"
)
RU_CP1251 = (
    "Жители Белгорода снова провели ночь в укрытиях: по словам губернатора, противовоздушная оборона "
    "сбила несколько беспилотников над пригородами, а обломки повредили крышу склада и два автомобиля.\n"
)
FR_LATIN1 = (
    "À Kherson, les habitants réparent eux-mêmes les fenêtres soufflées par les explosions ; la mairie "
    "distribue du contreplaqué et des bâches près de la gare routière, où l'attente dure souvent "
    "deux heures.\n"
)
HTML_PARAGRAPHS = [
    "Im Hafen von Ismajil an der Donau wurden nach einem nächtlichen Drohnenangriff zwei Getreidesilos "
    "beschädigt, teilte die Gebietsverwaltung von Odessa am Morgen mit.",
    "Die Feuerwehr brauchte mehrere Stunden, um die Brände zu löschen; Verletzte gab es nach ersten "
    "Angaben nicht, die Verladung soll am Abend weitergehen.",
]
WARC_STORIES = [
    (
        "Sumy region: road bridge reopens",
        [
            "Repair crews in the Sumy region restored a road bridge that had been damaged by shelling, the "
            "regional military administration reported on its channel.",
            "Traffic will be limited to cars and ambulances for the first week while engineers check the "
            "supports, according to the statement.",
        ],
    ),
    (
        "Chernihiv library opens a reading room in its basement",
        [
            "The regional library in Chernihiv has moved its children's reading room into the basement so "
            "that classes can continue during air raid alerts, its director said.",
            "Volunteers brought shelves, lamps and a small generator; about two hundred pupils now visit "
            "every week, mostly after school.",
        ],
    ),
    (
        "Fire at a Poltava fuel depot put out after drone strike",
        [
            "Firefighters in Poltava needed most of the night to put out a blaze at a fuel depot hit by "
            "drones, the state emergency service said on Thursday morning.",
            "No casualties were reported, but the authorities asked people living nearby to keep their "
            "windows shut until the smoke had cleared.",
        ],
    ),
]
JSONL_GOOD = [
    {
        "id": "j1",
        "text": "Les sapeurs ont déminé un champ près d'Izioum, selon le service d'urgence.",
        "lang": "fr",
    },
    {
        "id": "j2",
        "text": "In Mykolajiw wurde ein Getreidespeicher getroffen, teilte die Verwaltung mit.",
        "lang": "de",
    },
]


@dataclass(frozen=True)
class BadFolder:
    root: Path
    good_sources: frozenset[str]
    # (file name, source id or "") -> rejection reason
    expected_rejections: dict[tuple[str, str], str]
    warc_name: str
    warc_ids: list[str]


def _jsonl(*lines: Any) -> str:
    return "".join(
        (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines
    )


def _warc_article(k: int) -> Response:
    title, paragraphs = WARC_STORIES[k]
    return Response(
        f"https://news.example/story-{k}", html_page(title, paragraphs, f"2023-08-0{k + 1}").encode()
    )


def truncated_warc(fraction: float = 0.5, gzip: bool = True) -> tuple[bytes, list[str]]:
    """A WARC of three article responses cut at ``fraction`` of the way through the third record."""
    data, ids, offsets = warc_bytes([_warc_article(k) for k in range(3)], gzip=gzip)
    cut = offsets[2] + int((len(data) - offsets[2]) * fraction)
    assert offsets[2] < cut < len(data)
    return data[:cut], ids


def make_bad_folder(root: Path) -> BadFolder:
    root.mkdir()
    (root / "good_en.txt").write_text(GOOD_EN, encoding="utf-8")
    (root / "nested").mkdir()
    (root / "nested" / "good_uk.txt").write_text(GOOD_UK, encoding="utf-8")
    (root / "ru_cp1251.txt").write_bytes(RU_CP1251.encode("cp1251"))
    (root / "fr_latin1.txt").write_bytes(FR_LATIN1.encode("latin-1"))
    (root / "article.html").write_text(
        html_page("Ismajil: Silos getroffen", HTML_PARAGRAPHS, lang="de"), "utf-8"
    )

    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("  \n\t\n   \n", encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(300))
    with (root / "huge.txt").open("wb") as fh:
        fh.write("Начало очень длинного файла о войне.\n".encode())
        fh.truncate(HUGE_BYTES)  # sparse: no disk, no time
    # Every byte in 0x80-0xff: not UTF-8, no control bytes, and no legacy encoding fits it.
    (root / "noise.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)
    (root / "menu.html").write_text(
        "<!DOCTYPE html><html><head><title>Menu</title></head><body><nav><ul>"
        "<li><a href='/a'>Politik</a></li><li><a href='/b'>Ausland</a></li></ul></nav></body></html>",
        encoding="utf-8",
    )
    (root / "one_bad_line.jsonl").write_text(
        _jsonl(JSONL_GOOD[0], '{"id": "j-broken", "text": "Kramatorsk", ', JSONL_GOOD[1]), encoding="utf-8"
    )
    (root / "odd_lines.jsonl").write_text(
        _jsonl(
            ["not", "an", "object"],
            {"id": "j-empty", "text": "   ", "title": "Empty wire"},
            {"id": "j3", "text": "Над Херсонщиною знову лунали вибухи, повідомила обласна адміністрація."},
        ),
        encoding="utf-8",
    )
    data, warc_ids = truncated_warc()
    (root / "cut.warc.gz").write_bytes(data)

    expected = {
        ("empty.txt", ""): "empty",
        ("blank.txt", ""): "empty",
        ("photo.png", ""): "binary",
        ("huge.txt", ""): "too_large",
        ("noise.txt", ""): "undecodable",
        ("menu.html", ""): "no_article",
        ("one_bad_line.jsonl", "line 2"): "malformed",
        ("odd_lines.jsonl", "line 1"): "malformed",
        ("odd_lines.jsonl", "j-empty"): "empty",
    }
    good = frozenset(
        str(root / name)
        for name in (
            "good_en.txt",
            "nested/good_uk.txt",
            "ru_cp1251.txt",
            "fr_latin1.txt",
            "article.html",
            "one_bad_line.jsonl",
            "odd_lines.jsonl",
            "cut.warc.gz",
        )
    )
    return BadFolder(root, good, expected, "cut.warc.gz", warc_ids)


@pytest.fixture
def folder(tmp_path: Path) -> BadFolder:
    return make_bad_folder(tmp_path / "inbox")


def rejection_map(db: Database, root: Path) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for row in DocumentStore(db).rejections():
        key = (str(Path(row["source"]).relative_to(root)), row["source_id"])
        assert key not in out, f"two rejections for {key}"
        out[key] = row["reason"]
    return out


def export(db: Database) -> str:
    buf = io.StringIO()
    export_jsonl(DocumentStore(db), buf)
    return buf.getvalue()


def test_mixed_folder_goes_on_and_records_each_bad_file(folder: BadFolder, db: Database) -> None:
    report = ingest([folder.root], Settings(), db)
    store = DocumentStore(db)
    docs = list(store.iter_documents())

    # Good files are stored: 5 single-document files, 2 + 1 JSON lines, 2 whole WARC records.
    assert report.accepted == len(docs) == 10
    assert report.duplicates == 0
    assert {d.source for d in docs} == folder.good_sources
    assert report.files == 14

    rejected = rejection_map(db, folder.root)
    warc_rejections = {k: v for k, v in rejected.items() if k[0] == folder.warc_name}
    assert {k: v for k, v in rejected.items() if k[0] != folder.warc_name} == folder.expected_rejections
    assert report.rejected_total == len(rejected)
    assert report.rejected == {
        reason: sum(1 for r in rejected.values() if r == reason) for reason in set(rejected.values())
    }
    # Whatever the reason given for the cut third record, nothing else in the WARC is rejected.
    assert set(warc_rejections) <= {(folder.warc_name, folder.warc_ids[2])}

    by_source: dict[str, list[str]] = {}
    for d in docs:
        by_source.setdefault(Path(d.source).name, []).append(d.raw)
    assert by_source["good_en.txt"] == [GOOD_EN]
    assert by_source["good_uk.txt"] == [GOOD_UK]
    assert sorted(by_source["one_bad_line.jsonl"]) == sorted(o["text"] for o in JSONL_GOOD)
    assert len(by_source["odd_lines.jsonl"]) == 1
    assert "Херсонщиною" in by_source["odd_lines.jsonl"][0]
    [html_text] = by_source["article.html"]
    assert all(paragraph in html_text for paragraph in HTML_PARAGRAPHS)


def test_legacy_encodings_are_accepted_with_their_text(folder: BadFolder, db: Database) -> None:
    ingest([folder.root], Settings(), db)
    docs = {Path(d.source).name: d for d in DocumentStore(db).iter_documents()}

    ru = docs["ru_cp1251.txt"]
    assert ru.raw == RU_CP1251
    assert "беспилотников" in ru.text
    assert ru.encoding is not None and ru.encoding.replace("-", "").replace("windows", "cp") == "cp1251"

    fr = docs["fr_latin1.txt"]
    assert fr.raw == FR_LATIN1
    assert "soufflées" in fr.text and "bâches" in fr.text and "À Kherson" in fr.text


def test_truncated_warc_keeps_the_whole_records(folder: BadFolder, db: Database) -> None:
    ingest([folder.root], Settings(), db)
    warc_docs = [
        d for d in DocumentStore(db).iter_documents() if d.source == str(folder.root / folder.warc_name)
    ]

    assert sorted(d.source_id or "" for d in warc_docs) == sorted(folder.warc_ids[:2])
    for d in warc_docs:
        title, paragraphs = WARC_STORIES[folder.warc_ids.index(d.source_id or "")]
        assert all(paragraph in d.raw for paragraph in paragraphs)
        assert d.meta.title == title


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.8])
def test_truncated_gzip_warc_is_rejected_as_truncated(tmp_path: Path, db: Database, fraction: float) -> None:
    data, ids = truncated_warc(fraction)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data)

    ingest([path], Settings(), db)

    assert sorted(d.source_id or "" for d in DocumentStore(db).iter_documents()) == sorted(ids[:2])
    assert [r["reason"] for r in DocumentStore(db).rejections()] == ["truncated"]


def test_truncated_plain_warc_does_not_store_a_partial_article(tmp_path: Path, db: Database) -> None:
    data, ids = truncated_warc(0.8, gzip=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data)

    ingest([path], Settings(), db)

    assert sorted(d.source_id or "" for d in DocumentStore(db).iter_documents()) == sorted(ids[:2])
    assert [(r["source_id"], r["reason"]) for r in DocumentStore(db).rejections()] == [(ids[2], "truncated")]


def test_too_large_file_is_rejected_without_being_read(
    folder: BadFolder, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = folder.root / "huge.txt"
    assert huge.stat().st_size == HUGE_BYTES
    opened: list[Path] = []
    real_open = pathlib.Path.open
    real_read_bytes = pathlib.Path.read_bytes

    def spy_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    def spy_read_bytes(self: Path) -> bytes:
        opened.append(self)
        return real_read_bytes(self)

    monkeypatch.setattr(pathlib.Path, "open", spy_open)
    monkeypatch.setattr(pathlib.Path, "read_bytes", spy_read_bytes)

    report = ingest([huge], Settings(), db)

    assert report.rejected == {"too_large": 1}
    assert huge not in opened
    [row] = DocumentStore(db).rejections()
    assert (row["source"], row["reason"]) == (str(huge), "too_large")
    assert str(HUGE_BYTES) in row["detail"]


def test_utf8_bom_with_invalid_bytes_is_undecodable(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Запоріжжя: ".encode() + b"\xff\xfe\xfa" + b" evacuation\n")

    ingest([path], Settings(), db)

    assert [r["reason"] for r in DocumentStore(db).rejections()] == ["undecodable"]
    assert DocumentStore(db).count() == 0


def test_missing_input_is_recorded_and_the_rest_ingested(tmp_path: Path, db: Database) -> None:
    good = tmp_path / "ok.txt"
    good.write_text(GOOD_EN, encoding="utf-8")
    missing = tmp_path / "missing.txt"

    report = ingest([missing, good], Settings(), db)

    assert report.accepted == 1
    assert [(r["source"], r["reason"]) for r in DocumentStore(db).rejections()] == [
        (str(missing), "not_found")
    ]


def test_ingesting_the_same_folder_twice_changes_nothing(folder: BadFolder, db: Database) -> None:
    first = ingest([folder.root], Settings(), db)
    store = DocumentStore(db)
    docs_before = store.count()
    rejections_before = [dict(r) for r in store.rejections()]
    export_before = export(db)

    second: RunReport = ingest([folder.root], Settings(), db)

    assert store.count() == docs_before
    assert [dict(r) for r in store.rejections()] == rejections_before
    assert export(db) == export_before
    assert second.accepted == second.duplicates == 0
    assert second.unchanged == first.accepted + first.duplicates
    assert [r["status"] for r in store.runs()] == ["done", "done"]
