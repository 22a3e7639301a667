"""Regenerate the hostile-text corpus: ``.venv/bin/python tests/data/hostile/make_hostile.py``.

Every text field of a valid event carries markup that would run script if any view
interpreted it. Each payload, if it ran, would set ``window.__pwned`` (to its number)
or change ``document.title``; ``tests/browser/test_hostile.py`` asserts nothing did and
that the text shows literally. Names and sources are fictional (``example.org``).

Files:

- ``hostile_events.geojson``: one valid event (a point east of Honshu, clear of the
  catalogue's features, so a click reaches it) with hostile text in name, aliases,
  exercise, summary, notes, basis, units, aircraft type and operator, and source title,
  publisher and URL (an https URL with quotes and markup in its query).
- ``hostile_upload.geojson``: the same event under another id (to upload in the app)
  plus an event whose source URL is ``javascript:``: rejected, its message shown as text.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = "HOSTILE-MARK"  # plain token to find the event's tooltip and popup
PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload=window.__pwned=3>',
    "javascript:window.__pwned=4",
    "`${window.__pwned=5}`",
    "'; window.__pwned=6; '",
    "</script><script>window.__pwned=7</script>",
    "<!--<script>window.__pwned=8//-->",
    "\u202eevil\u202c <b onmouseover=window.__pwned=9>x</b>",
    "[link](javascript:window.__pwned=10) **bold** "
    "<iframe srcdoc='<script>parent.__pwned=11</script>'>",
    "<style>*{display:none}</style><script>document.title='pwned'</script>",
)
# Markdown that would fetch, link or style if a notice rendered it (203.0.113.0/24 is
# reserved for documentation: a request to it is a tracking pixel in the real world).
MARKDOWN = "![pixel](http://203.0.113.5/md.png) www.example.org :red[red] $x^2$"
ALL = " ".join(PAYLOADS)
URL = (
    "https://example.org/a?q=\"><script>window.__pwned=12</script>&x='onmouseover=window.__pwned=13"
)


def event(event_id: str) -> dict:
    text = f"{MARK} {ALL}"
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [144.0, 36.0]},
        "properties": {
            "id": event_id,
            "name": f"{MARK} name {PAYLOADS[0]} {PAYLOADS[1]}",
            "aliases": list(PAYLOADS),
            "exercise_id": f"{event_id}-exercise",
            "exercise": f"Exercise {PAYLOADS[1]} {PAYLOADS[8]}",
            "kind": "bilateral_exercise",
            "start": "2025-12-10",
            "end": "2025-12-10",
            "time_precision": "day",
            "participants": ["USA", "JPN"],
            "aircraft": [
                {"type": f"B-52H{PAYLOADS[0]}", "count": 2, "operator": f"USAF{PAYLOADS[2]}"},
                {"type": MARKDOWN, "count": 1, "operator": "USAF"},
            ],
            "units": [f"unit {p}" for p in PAYLOADS],
            "summary": f"summary {text}",
            "notes": f"notes {text}",
            "basis": f"basis {text}",
            "confidence": "low",
            "place_precision": "approximate",
            "sources": [
                {
                    "title": f"{MARK} title {ALL}",
                    "publisher": f"publisher {PAYLOADS[1]} {PAYLOADS[4]}",
                    "url": URL,
                    "published": "2025-12-11",
                }
            ],
        },
    }


def collection(*features) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def main() -> None:
    stored = collection(event("hostile-stored-2025-12-10"))
    rejected = event("hostile-javascript-url")
    rejected["properties"]["sources"][0]["url"] = "javascript:window.__pwned=14"
    upload = collection(event("hostile-uploaded-2025-12-10"), rejected)
    for name, obj in (("hostile_events.geojson", stored), ("hostile_upload.geojson", upload)):
        text = json.dumps(obj, ensure_ascii=False, indent=1)
        (HERE / name).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
