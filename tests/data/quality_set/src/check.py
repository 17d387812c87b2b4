"""Validate the newstrace spun-text test set: JSON, schema, offsets, counts."""
import collections
import json
import os
import re
import sys

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = {"spun_fr.jsonl": "spun", "spun_es.jsonl": "spun",
         "clean_controls.jsonl": "clean_control", "clean_noisy.jsonl": "clean_noisy"}
errors = []
word_use = collections.Counter()
ids = set()
for fn, kind in FILES.items():
    path = os.path.join(OUT, fn)
    langs, classes, n_art, n_rec = collections.Counter(), collections.Counter(), 0, 0
    sent_range = [99, 0]
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{fn}:{ln}: bad JSON {e}")
            continue
        n_rec += 1
        for k in ("id", "lang", "kind", "text", "artefacts"):
            if k not in r:
                errors.append(f"{fn}:{ln}: missing {k}")
        if r["id"] in ids:
            errors.append(f"{fn}:{ln}: duplicate id {r['id']}")
        ids.add(r["id"])
        if r["kind"] != kind:
            errors.append(f"{fn}:{ln}: kind {r['kind']} != {kind}")
        if r["lang"] not in ("fr", "es", "it"):
            errors.append(f"{fn}:{ln}: lang {r['lang']}")
        if "[[" in r["text"] or "]]" in r["text"]:
            errors.append(f"{fn}:{ln}: leftover markup")
        langs[r["lang"]] += 1
        t = r["text"]
        # rough sentence count on prose lines only
        nsent = len(re.findall(r"[.!?»](?:\s|$)", t))
        sent_range = [min(sent_range[0], nsent), max(sent_range[1], nsent)]
        if kind == "spun":
            if not 1 <= len(r["artefacts"]) <= 4:
                errors.append(f"{fn}:{ln}: {len(r['artefacts'])} artefacts")
        elif r["artefacts"]:
            errors.append(f"{fn}:{ln}: clean record with artefacts")
        for a in r["artefacts"]:
            n_art += 1
            classes[a["class"]] += 1
            if t[a["start"]:a["end"]] != a["text"]:
                errors.append(f"{fn}:{ln}: offset mismatch {a}")
            if a["text"] == a["original"]:
                errors.append(f"{fn}:{ln}: artefact equals original {a}")
            # artefact must be a whole token run, not part of a word
            if a["start"] > 0 and t[a["start"] - 1].isalnum():
                errors.append(f"{fn}:{ln}: artefact glued on the left {a}")
            if a["end"] < len(t) and t[a["end"]].isalnum():
                errors.append(f"{fn}:{ln}: artefact glued on the right {a}")
            word_use[a["text"].lower()] += 1
    print(f"{fn}: {n_rec} records, langs {dict(langs)}, {n_art} artefacts {dict(classes)}, "
          f"sentence marks per text {sent_range[0]}-{sent_range[1]}")
over = {w: c for w, c in word_use.items() if c > 3}
if over:
    print("artefact words used more than 3 times:", over)
if errors:
    print("\n".join(errors))
    sys.exit(1)
print("OK: all JSON valid, all offsets match text[start:end] == artefact text")
