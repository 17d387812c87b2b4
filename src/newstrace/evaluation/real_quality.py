"""Text-quality labels scored on real and written test text: ``newstrace eval --task quality --gold FILE``.

Two kinds of file:

- clean real text (``ner_fr.jsonl``, ``places_en.jsonl``, ``story_pairs.jsonl``): every article is
  human-written or human-translated, so a ``spun`` or ``machine_translated`` label is false. For
  ``story_pairs`` the non-English sides are scored, each article once; the sides the file marks as
  machine-translated are reported apart (the share labelled so), since the label is true there.
- a spun-text test set (records ``{id, lang, kind, text, artefacts: [{start, end, text, original}]}``):
  detection precision, recall and F1 (a flag matches an artefact when their spans overlap), repairs
  exactly right among the detected artefacts, and flags on records without artefacts (clean controls).

These files share their stems with other tasks' scorers (``ner_fr`` is the names scorer), hence the
separate ``--task`` path rather than an entry in ``SCORERS``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newstrace.evaluation.realdata import analyse, read_jsonl
from newstrace.evaluation.scores import ratio
from newstrace.model import Document, QualitySpan
from newstrace.settings import Settings
from newstrace.stages.quality import SPUN_KINDS

STAGES = ("normalise", "boilerplate", "language", "sentences", "quality")
FALSE_LABELS = frozenset({"spun", "machine_translated"})


def _story_sides(records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Each non-English article of the pairs once, with whether the file marks it machine-translated."""
    seen: set[str] = set()
    for rec in records:
        for side in ("1", "2"):
            art = str(rec.get(f"article_id{side}"))
            lang = rec.get(f"lang{side}")
            if art in seen or lang == "en" or not rec.get(f"text{side}"):
                continue
            seen.add(art)
            yield {
                "id": art,
                "given_lang": lang,
                "text": rec[f"text{side}"],
                "mt": bool(rec.get(f"text{side}_machine_translated")),
            }


def _label(doc: Document | None) -> str | None:
    return doc.quality.label if doc is not None and doc.quality is not None else None


def score_clean(records: list[dict[str, Any]], settings: Settings) -> dict[str, Any]:
    """False labels on clean text, and the labels given to the sides marked machine-translated."""
    out: dict[str, Any] = {}
    groups: dict[str, dict[str, int]] = {}
    false_ids: list[str] = []
    for rec, doc in analyse(records, settings, STAGES):
        group = "marked_mt" if rec.get("mt") else "clean"
        g = groups.setdefault(group, {"articles": 0, "spun": 0, "machine_translated": 0, "failed": 0})
        g["articles"] += 1
        label = _label(doc)
        if doc is None:
            g["failed"] += 1
        elif label in FALSE_LABELS:
            g[label] += 1
            if group == "clean":
                false_ids.append(str(rec["id"]))
    for group, g in groups.items():
        labelled = g["spun"] + g["machine_translated"]
        key = "false_label_rate" if group == "clean" else "labelled_mt_share"
        value = labelled if group == "clean" else g["machine_translated"]
        out[group] = {**g, key: ratio(value, g["articles"])}
    out["false_label_ids"] = ", ".join(false_ids[:30])
    return out


def _spun_spans(doc: Document | None) -> list[QualitySpan]:
    if doc is None or doc.quality is None:
        return []
    return [q for q in doc.quality.spans if q.kind in SPUN_KINDS]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _repaired_right(raw: str, doc: Document, art: dict[str, Any]) -> bool:
    """The region covered by the artefact and the flags touching it, repaired, equals that region with
    the artefact replaced by its original."""
    a = (int(art["start"]), int(art["end"]))
    touching = [q for q in _spun_spans(doc) if _overlaps((q.start, q.end), a)]
    lo = min([a[0], *(q.start for q in touching)])
    hi = max([a[1], *(q.end for q in touching)])
    accepted = [str(art["original"]), *(str(x) for x in art.get("also_acceptable") or [])]
    expected = {raw[lo : a[0]] + orig + raw[a[1] : hi] for orig in accepted}
    pieces, pos = [], lo
    for q in sorted(touching, key=lambda q: q.start):
        if q.repair is None or q.start < pos:
            return False
        pieces += [raw[pos : q.start], q.repair]
        pos = q.end
    pieces.append(raw[pos:hi])
    return "".join(pieces) in expected


def score_spun_set(records: list[dict[str, Any]], settings: Settings) -> dict[str, Any]:
    """Detection and repair of the artefacts of a written spun set; flags and labels on its controls."""
    t = {"artefacts": 0, "detected": 0, "repaired": 0, "flags": 0, "true_flags": 0}
    controls = {"records": 0, "flags": 0, "false_labels": 0}
    spun_records = {"records": 0, "labelled_spun": 0}
    misses: list[str] = []
    for rec, doc in analyse(records, settings, STAGES):
        arts = list(rec.get("artefacts") or [])
        spans = [(q.start, q.end) for q in _spun_spans(doc)]
        if not arts:
            controls["records"] += 1
            controls["flags"] += len(spans)
            controls["false_labels"] += _label(doc) in FALSE_LABELS
            continue
        spun_records["records"] += 1
        spun_records["labelled_spun"] += _label(doc) == "spun"
        t["artefacts"] += len(arts)
        t["flags"] += len(spans)
        t["true_flags"] += sum(1 for s in spans if any(_overlaps(s, (a["start"], a["end"])) for a in arts))
        for a in arts:
            if doc is None or not any(_overlaps(s, (a["start"], a["end"])) for s in spans):
                misses.append(f"{rec['id']}:{a['text']}")
                continue
            t["detected"] += 1
            t["repaired"] += _repaired_right(str(rec["text"]), doc, a)
    precision = ratio(t["true_flags"], t["flags"])
    recall = ratio(t["detected"], t["artefacts"])
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    out: dict[str, Any] = {}
    if t["artefacts"]:
        out["spun"] = {
            **t,
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "repair_accuracy": ratio(t["repaired"], t["detected"]),
            **spun_records,
            "missed": ", ".join(misses[:40]),
        }
    if controls["records"]:
        out["controls"] = controls
    return out


def score_quality_file(path: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    records = read_jsonl(path, limit)
    stem = path.name.removesuffix(".gz").removesuffix(".jsonl")
    if stem == "story_pairs":
        return score_clean(list(_story_sides(records)), settings)
    if any("artefacts" in r for r in records):
        return score_spun_set(records, settings)
    return score_clean(records, settings)
