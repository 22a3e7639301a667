"""The draft's properties from what was found: ids, the summary and the flags.

``properties`` fills every field of ``layers.catalogue.schema.EVENTS`` from the
evidence (``layers.draft.event``); ``flags`` says why each empty or doubtful field
needs the analyst. Nothing is invented: a value without evidence stays empty.
"""

from __future__ import annotations

import re
from datetime import date

from layers.catalogue.schema import EVENT_KINDS
from layers.draft.dates import FoundDate, fmt

DEFAULT_CONFIDENCE = "medium"  # "single source": one reputable report

NO_EVIDENCE = {
    "start": "no date found in the text",
    "geometry": "no place found in the text",
    "aircraft": "no aircraft type found in the text",
    "participants": "no state or service found in the text",
    "units": "no unit found in the text",
    "kind": "no word in the text suggests a kind",
    "exercise": "no exercise or series name found in the text",
}


def properties(evidence, dates, placement, published, title, publisher, url) -> dict:
    """Event properties per ``layers.catalogue.schema.EVENTS``; unknown values stay empty."""
    first_date = dates[0] if dates else None
    kind = evidence["kind"][0].value if evidence["kind"] else None
    aircraft = [ev.value for ev in evidence["aircraft"]]
    event_id = draft_id(first_date.start if first_date else None, kind, aircraft)
    exercise = evidence["exercise"][0].value if evidence["exercise"] else None
    source = {"title": title, "publisher": publisher, "url": url}
    source |= {"published": published.isoformat(), "retrieved": None}
    return {
        "id": event_id,
        "name": title.strip(),
        "aliases": [],
        "sources": [source],
        "confidence": DEFAULT_CONFIDENCE,
        "place_precision": placement.precision,
        "notes": None,
        "exercise_id": _exercise_id(exercise, event_id),
        "exercise": exercise["exercise"] if exercise else "",
        "kind": kind,
        "start": first_date.start.isoformat() if first_date else None,
        "end": first_date.end.isoformat() if first_date else None,
        "time_precision": first_date.precision if first_date else None,
        "participants": list(dict.fromkeys(ev.value for ev in evidence["participants"])),
        "responders": list(dict.fromkeys(ev.value for ev in evidence["responders"])),
        "aircraft": aircraft,
        "ships": [ev.value for ev in evidence["ships"]],
        "units": [ev.value for ev in evidence["units"]],
        "staging_base": placement.staging_base.value if placement.staging_base else None,
        "home_base": placement.home_base.value if placement.home_base else None,
        "summary": draft_summary(
            kind, aircraft, placement, first_date, [ev.value for ev in evidence["ships"]]
        ),
        "basis": placement.basis,
    }


def slug(text: str) -> str:
    """Lower-case id fragment: letters, digits, dots and single hyphens."""
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")


def draft_id(start: date | None, kind: str | None, aircraft: list[dict]) -> str:
    """Deterministic id: "draft-" + date + kind + main aircraft type, within 80 chars."""
    parts = ["draft", start.isoformat() if start else "undated", kind or "event"]
    if aircraft:
        parts.append(aircraft[0]["type"])
    return slug("-".join(parts))[:80].rstrip("-.")


def _exercise_id(exercise: dict | None, event_id: str) -> str:
    """The catalogue's exercise id, a slug of a named exercise, or the event's own id."""
    if exercise and exercise["exercise_id"]:
        return exercise["exercise_id"]
    return slug(exercise["exercise"])[:80] if exercise else event_id


def draft_summary(kind, aircraft: list[dict], placement, first_date, ships=()) -> str:
    """A plain summary assembled from the values found (our words, not the article's)."""
    parts = [EVENT_KINDS.get(kind, "Activity")]
    for item in aircraft:
        count = f"{item['count']} × " if item["count"] else ""
        operator = f" ({item['operator']})" if item["operator"] else ""
        parts.append(f"{count}{item['type']}{operator}")
    for ship in ships:
        what = ", ".join(v for v in (ship["type"], ship["operator"]) if v)
        parts.append(f"{ship['name']} ({what})" if what else ship["name"])
    if placement.label:
        parts.append(placement.label)
    if first_date:
        shown = fmt(first_date.start)
        if first_date.end != first_date.start:
            shown += f" – {fmt(first_date.end)}"
        parts.append(shown)
    return "; ".join(parts) + "."


def flags(evidence: dict, props: dict, dates: list[FoundDate], geometry) -> dict[str, str]:
    """Why each empty or doubtful field needs the analyst."""
    flags = {key: why for key, why in NO_EVIDENCE.items() if not evidence[key]}
    if geometry is None and evidence["geometry"]:
        flags["geometry"] = "only the home base is named: where the event took place is not stated"
    if len({(d.start, d.end) for d in dates}) > 1:
        flags["start"] = f"{len(dates)} dates found; the first is used: check it"
    uncounted = [a["type"] for a in props["aircraft"] if a["count"] is None]
    no_operator = [a["type"] for a in props["aircraft"] if not a["operator"]]
    if uncounted or no_operator:
        flags["aircraft"] = "; ".join(
            msg
            for msg in (
                uncounted and f"no count stated for {', '.join(uncounted)}",
                no_operator and f"operator not clear for {', '.join(no_operator)}",
            )
            if msg
        )
    if not props["name"]:
        flags["name"] = "no title given: name the event"
    if not props["sources"][0]["url"] or not props["sources"][0]["publisher"]:
        flags["sources"] = "give the article's publisher and URL"
    flags["summary"] = "assembled from the values found: rewrite it in your own words"
    flags["confidence"] = "set by the analyst; default medium (a single source)"
    return flags
