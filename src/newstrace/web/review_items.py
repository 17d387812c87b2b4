"""The rows of a document page's review section: each claim, place, entity link and event with its
confidence, the analyst's judgement, and (for a signed-in analyst) the gazetteer candidates of places."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from newstrace.services.corrections import Correction, place_candidates
from newstrace.web.context import context
from newstrace.web.highlight import claim_value
from newstrace.web.review_auth import session_nonce


def _claim(c: dict[str, Any]) -> dict[str, Any]:
    who = (c["claimant"] or {}).get("name") or (c["claimant"] or {}).get("text") or "unattributed"
    value = claim_value(c.get("low"), c.get("high"), c.get("bound", ""))
    original = (c.get("review") or {}).get("original") or {}
    return {
        "kind": "claim",
        "start": c["figure"]["start"],
        "end": c["figure"]["end"],
        "subkind": original.get("kind") or c["kind"],
        "label": f"“{c['figure']['text']}”: {c['kind']} · {c['subject'] or 'unspecified'} · {value} · {who}",
        "confidence": c.get("confidence"),
        "review": c.get("review"),
        "candidates": (),
    }


def _place(p: dict[str, Any], candidates: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "kind": "place",
        "start": p["start"],
        "end": p["end"],
        "subkind": "",
        "label": f"“{p['text']}” → {p['name']}" + (f" ({p['country']})" if p.get("country") else ""),
        "confidence": p.get("confidence"),
        "review": p.get("review"),
        "candidates": candidates,
    }


def _link(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "entity_link",
        "start": m["start"],
        "end": m["end"],
        "subkind": "",
        "label": f"“{m['text']}” → {m['name'] or 'no entity'} ({m['type'].replace('_', ' ')})",
        "confidence": m.get("confidence"),
        "review": m.get("review"),
        "candidates": (),
    }


def _event(e: dict[str, Any]) -> dict[str, Any]:
    place = f" at {e['place_name']}" if e.get("place_name") else ""
    return {
        "kind": "event",
        "start": e["trigger_start"],
        "end": e["trigger_end"],
        "subkind": "",
        "label": f"{e['type']} · {e['status']}{place}",
        "confidence": e.get("confidence"),
        "review": e.get("review"),
        "candidates": (),
    }


def review_items(
    request: Request, record: dict[str, Any], events: list[dict[str, Any]], rejected: list[Correction]
) -> dict[str, Any]:
    # The gazetteer is loaded (once per process) only for an analyst who can correct a place.
    signed_in = session_nonce(request) is not None
    settings = context(request).settings
    cache: dict[str, list[dict[str, Any]]] = {}

    def candidates(*names: str) -> list[dict[str, Any]]:
        """The candidates of the name as written, then of the name it was resolved to ("Москве" is
        found as Moscow): an inflected form has none of its own."""
        if not signed_in:
            return []
        found: dict[str, dict[str, Any]] = {}
        for name in names:
            if name not in cache:
                cache[name] = place_candidates(name, settings)
            found.update((c["id"], c) for c in cache[name] if c["id"] not in found)
        return list(found.values())

    items = [_claim(c) for c in record.get("claims", [])]
    items += [_place(p, candidates(p["text"], p["name"])) for p in record.get("places", [])]
    items += [_link(m) for m in record.get("entities", []) if m.get("entity_id") or m.get("review")]
    items += [_event(e) for e in events if e.get("trigger_start") is not None]
    return {
        "items": items,
        "judged": any(i["review"] for i in items),
        "rejected": [
            {
                "kind": c.kind,
                "start": c.start,
                "end": c.end,
                "subkind": c.subkind,
                "key": c.key,
                "action": c.action,
                "who": c.who,
                "at": c.at,
                "note": c.note,
            }
            for c in rejected
        ],
    }
