"""Build the newstrace spun-text test set from the marked-up sources in this folder.

Markup in the sources: [[artefact|original|class]] or [[artefact|original|class|alt1;alt2]]
class: a = English word that is not a word of the language,
       b = English word that is also a word of the language (wrong in context),
       c = spun name of an outlet / organisation / institution.
Articles are separated by a line "===". Clean sources may start an article with a line
"#note: ..." which becomes the record's "note".
Offsets are computed here (Python str indices, end exclusive), never by hand.
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
MARK = re.compile(r"\[\[([^\]|]+)\|([^\]|]+)\|([abc])(?:\|([^\]]+))?\]\]")
CLASS_NAME = {"a": "english_word", "b": "homograph", "c": "spun_name"}


def parse(path):
    raw = open(path, encoding="utf-8").read()
    arts = [a.strip("\n") for a in re.split(r"\n===\n", raw) if a.strip()]
    out = []
    for art in arts:
        note = None
        lines = art.split("\n")
        if lines[0].startswith("#note:"):
            note = lines[0][len("#note:"):].strip()
            art = "\n".join(lines[1:]).strip("\n")
        text, artefacts, pos = [], [], 0
        cur = 0
        for m in MARK.finditer(art):
            text.append(art[cur:m.start()])
            pos += len(art[cur:m.start()])
            a, orig, cls, alt = m.group(1), m.group(2), m.group(3), m.group(4)
            rec = {"start": pos, "end": pos + len(a), "text": a, "original": orig,
                   "class": CLASS_NAME[cls]}
            if alt:
                rec["also_acceptable"] = alt.split(";")
            artefacts.append(rec)
            text.append(a)
            pos += len(a)
            cur = m.end()
        text.append(art[cur:])
        out.append(("".join(text), artefacts, note))
    return out


def build(src, dst, lang_of, kind, prefix):
    recs = []
    for i, (text, arts, note) in enumerate(parse(os.path.join(HERE, src)), 1):
        lang = lang_of(note) if callable(lang_of) else lang_of
        if note and note.startswith("lang="):
            lang, _, note = note.partition(";")
            lang = lang[5:].strip()
            note = note.strip() or None
        r = {"id": f"{prefix}-{i:03d}", "lang": lang, "kind": kind, "text": text, "artefacts": arts}
        if note:
            r["note"] = note
        recs.append(r)
    with open(os.path.join(OUT, dst), "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return recs


if __name__ == "__main__":
    build("spun_fr.txt", "spun_fr.jsonl", "fr", "spun", "spun-fr")
    build("spun_es.txt", "spun_es.jsonl", "es", "spun", "spun-es")
    if os.path.exists(os.path.join(HERE, "clean_controls.txt")):
        build("clean_controls.txt", "clean_controls.jsonl", None, "clean_control", "ctrl")
    if os.path.exists(os.path.join(HERE, "clean_noisy.txt")):
        build("clean_noisy.txt", "clean_noisy.jsonl", None, "clean_noisy", "noisy")
