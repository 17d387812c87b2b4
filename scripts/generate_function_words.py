"""Regenerate ``src/newstrace/data/function_words.json``: the 200 most frequent words of each language
the sentence-language pre-check votes with, taken from wordfreq (data CC BY-SA 4.0).

Shipped as a small file because loading wordfreq's full lists for eight languages at run time costs
about 300 MB of memory for 1,600 words.

    python scripts/generate_function_words.py
"""

from __future__ import annotations

import json
from pathlib import Path

from wordfreq import top_n_list

LANGS = ("fr", "en", "de", "es", "it", "pl", "ru", "uk")
OUT = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "data" / "function_words.json"


def main() -> None:
    data = {
        "about": "200 most frequent words per language, from wordfreq (data CC BY-SA 4.0); "
        "regenerate with scripts/generate_function_words.py",
        "words": {lang: top_n_list(lang, 200) for lang in LANGS},
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
