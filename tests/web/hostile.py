"""An attacker-controlled article: markup, script and ``javascript:`` URLs in its text and metadata.

Every marker sets ``window.__pwned`` if it ever runs, so a browser test can tell an inert page from a
compromised one; the prose around it is ordinary reporting, so that the pipeline finds entities, places
and a claim in it and the highlighting paths see the hostile text too.
"""

from __future__ import annotations

import json
from pathlib import Path

HOSTILE_ID = "hostile-001"
TITLE = '<script>window.__pwned="title"</script>Kherson <img src=x onerror="window.__pwned=\'img\'"> report'
URL = "javascript:window.__pwned='url'"
SOURCE = "<script>window.__pwned='source'</script>"
TEXT = (
    "Kherson residents describe shelling <script>window.__pwned='body'</script> near the river port.\n\n"
    "According to the Ukrainian military, 14 civilians were killed in Kherson on Tuesday, "
    "officials said. <a href=\"javascript:window.__pwned='link'\">click here</a> for the list.\n\n"
    "Volodymyr Zelensky said the attacks would not stop the city: "
    "\"<b onmouseover=window.__pwned='quote'>We will rebuild</b>\", he told reporters in Kyiv.\n\n"
    "javascript:window.__pwned='bare' <img src=x onerror=window.__pwned='img2'> "
    "<svg onload=window.__pwned='svg'></svg> <iframe src=\"javascript:window.__pwned='frame'\"></iframe>\n"
)


def record() -> dict[str, str]:
    return {
        "id": HOSTILE_ID,
        "url": URL,
        "title": TITLE,
        "text": TEXT,
        "date": "2023-03-07",
        "lang": "en",
        "source": SOURCE,
        "note": "<script>window.__pwned='extra'</script>",
    }


def write(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    path.write_text(json.dumps(record(), ensure_ascii=False) + "\n", encoding="utf-8")
    return path
