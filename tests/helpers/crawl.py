"""A small news crawl built by the tests: a WARC.gz of article pages in French, English, Ukrainian and
Russian (two stories, a syndicated near-copy, an exact copy under another URL, an image, and one
record whose bytes were damaged after archiving), a JSON Lines file with one bad line, and a file that
only pretends to be a WARC. The articles were written for these tests."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from helpers.warcs import Response, html_page, warc_bytes

DAM_FR = (
    "Rupture du barrage de Kakhovka : des milliers d'habitants évacués",
    [
        "Le barrage de Kakhovka, sur le Dniepr, a cédé dans la nuit de lundi à mardi, inondant des "
        "dizaines de villages en aval, dans la région de Kherson.",
        "Selon le gouverneur ukrainien Oleksandr Prokoudine, au moins 2 700 personnes ont été évacuées "
        "des zones inondées de la rive droite.",
        "Kiev accuse les forces russes d'avoir fait sauter l'ouvrage, tandis que Moscou parle d'un "
        "bombardement ukrainien. La centrale nucléaire de Zaporijjia, qui puise son eau de "
        "refroidissement dans le réservoir, n'est pas menacée à court terme, a indiqué l'AIEA.",
    ],
    "2023-06-06",
    "fr",
)
DAM_EN = (
    "Kakhovka dam breach forces thousands from their homes",
    [
        "The Kakhovka dam on the Dnipro river collapsed early on Tuesday, flooding dozens of villages "
        "downstream in the Kherson region.",
        "At least 2,700 people have been evacuated from the flooded areas on the right bank, according "
        "to the Ukrainian governor Oleksandr Prokudin.",
        "Kyiv blamed Russian forces for blowing up the structure, while Moscow said Ukrainian shelling "
        "was to blame. The IAEA said the Zaporizhzhia nuclear plant, which draws cooling water from the "
        "reservoir, faced no immediate danger.",
    ],
    "2023-06-06",
    "en",
)
# The wire copy: the same report with a credit line added.
DAM_EN_WIRE = (DAM_EN[0], [*DAM_EN[1], "Reporting by the Northern Wire desk."], "2023-06-06", "en")
DAM_UK = (
    "Прорив греблі Каховської ГЕС: евакуйовано тисячі людей",
    [
        "У ніч на вівторок зруйновано греблю Каховської ГЕС на Дніпрі, вода затопила десятки сіл "
        "нижче за течією на Херсонщині.",
        "За словами голови Херсонської обласної військової адміністрації Олександра Прокудіна, з "
        "підтоплених районів правого берега евакуювали щонайменше 2700 людей.",
        "У Києві звинуватили російські війська в підриві греблі. МАГАТЕ повідомило, що Запорізькій "
        "АЕС найближчим часом нічого не загрожує.",
    ],
    "2023-06-06",
    "uk",
)
DRONES_RU = (
    "Беспилотники атаковали жилые дома в Москве",
    [
        "Утром во вторник несколько беспилотников атаковали Москву, повреждены жилые дома на юго-западе "
        "столицы.",
        "По словам мэра Москвы Сергея Собянина, два человека получили ранения, жителей двух домов "
        "временно эвакуировали.",
        "Министерство обороны России заявило, что восемь беспилотников были сбиты или подавлены "
        "средствами радиоэлектронной борьбы.",
    ],
    "2023-05-30",
    "ru",
)
DRONES_EN = (
    "Drones hit residential buildings in Moscow",
    [
        "Several drones struck Moscow on Tuesday morning, damaging apartment buildings in the south-west "
        "of the Russian capital.",
        "Two people were injured and residents of two buildings were briefly evacuated, Moscow mayor "
        "Sergei Sobyanin said.",
        "Russia's defence ministry said eight drones had been shot down or jammed by electronic warfare.",
    ],
    "2023-05-30",
    "en",
)
# Damaged in the archive: its block digest no longer matches its bytes.
DAMAGED_UK = (
    "Дрони атакували Москву",
    [
        "Вранці у вівторок кілька безпілотників атакували Москву, пошкоджено житлові будинки.",
        "Мер Москви Сергій Собянін повідомив про двох поранених.",
    ],
    "2023-05-30",
    "uk",
)
JSONL_FR = {
    "id": "wire-fr-1",
    "url": "https://wire.example/fr/drones-moscou",
    "title": "Des drones frappent des immeubles à Moscou",
    "date": "2023-05-30",
    "text": (
        "Plusieurs drones ont frappé Moscou mardi matin, endommageant des immeubles d'habitation dans le "
        "sud-ouest de la capitale russe. Deux personnes ont été blessées, a déclaré le maire de Moscou, "
        "Sergueï Sobianine. Selon le ministère russe de la Défense, huit drones ont été abattus ou "
        "brouillés."
    ),
}


@dataclass(frozen=True)
class Crawl:
    folder: Path
    warc: Path
    warc_ids: list[str]
    damaged_id: str
    jsonl: Path
    fake_warc: Path


def _response(key: str, article: tuple[str, list[str], str, str]) -> Response:
    title, paragraphs, date, lang = article
    return Response(f"https://news.example/{key}", html_page(title, paragraphs, date, lang).encode())


def build_crawl(folder: Path) -> Crawl:
    folder.mkdir(parents=True, exist_ok=True)
    responses = [
        _response("fr/barrage-kakhovka", DAM_FR),
        _response("en/kakhovka-dam", DAM_EN),
        _response("uk/kakhovska-gres", DAM_UK),
        Response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
        _response("ru/drony-moskva", DRONES_RU),
        _response("uk/drony-moskva", DAMAGED_UK),
        _response("en/moscow-drones", DRONES_EN),
        _response("wire/kakhovka-dam", DAM_EN_WIRE),
        # The same page under a second address: an exact copy of the English report.
        _response("mirror/kakhovka-dam", DAM_EN),
    ]
    plain, ids, offsets = warc_bytes(responses, gzip=False)
    damaged = 5
    records = [plain[a:b] for a, b in zip(offsets, [*offsets[1:], len(plain)], strict=True)]
    word = "Собянін".encode()
    assert word in records[damaged]
    records[damaged] = records[damaged].replace(word, "Собянин".encode(), 1)  # same length, other bytes
    warc = folder / "crawl.warc.gz"
    # One gzip member per record, as crawlers write them.
    warc.write_bytes(b"".join(gzip.compress(r, mtime=0) for r in records))
    jsonl = folder / "wire.jsonl"
    jsonl.write_text(json.dumps(JSONL_FR, ensure_ascii=False) + '\n{"id": "wire-fr-2", "text": \n', "utf-8")
    fake = folder / "broken.warc.gz"
    fake.write_bytes(b"this is not a WARC file at all\n" * 4)
    return Crawl(folder, warc, ids, ids[damaged], jsonl, fake)
