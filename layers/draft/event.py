"""From a news article to a draft event: every value with the words it came from.

``draft_event`` reads the text with a ``Gazetteer`` built from the catalogue
(``layers.draft.gazetteer``), the date rules of ``layers.draft.dates``, the extraction rules
of ``layers.draft.extract`` and the place rules of ``layers.draft.geometry``. It never
invents: a field without evidence stays empty (``None``, ``""`` or ``[]``) and is
flagged for the analyst. The text is only ever stored and shown as text.

Confidence: the issue's default "single source" is the schema's ``"medium"``
("one reputable report"); the analyst sets it before saving.

``save_draft`` writes a reviewed feature through ``layers.catalogue.importer.import_events``, the
same validated, atomic path as any user file.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from layers.catalogue.schema import EVENT_KINDS
from layers.draft.dates import FoundDate, find_dates, fmt
from layers.draft.extract import (
    Evidence,
    aircraft_evidence,
    exercise_evidence,
    kind_evidence,
    participant_evidence,
    unit_evidence,
)
from layers.draft.gazetteer import Gazetteer
from layers.draft.geometry import place_geometry

DEFAULT_CONFIDENCE = "medium"  # "single source": one reputable report
# A long news report is 10,000–20,000 characters; drafting time grows with the text
# (1 MB took 42 s), so longer input is refused with the reason, not worked through.
MAX_ARTICLE_CHARS = 50_000


class ArticleTooLong(ValueError):
    """An article longer than ``MAX_ARTICLE_CHARS`` (the message says what to do)."""


def check_article(text: str) -> None:
    """Raise ``ArticleTooLong`` for a text the drafter will not read."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleTooLong(
            f"the article is {len(text):,} characters; the drafter reads at most "
            f"{MAX_ARTICLE_CHARS:,} (about 8,000 words): paste the part that reports the event"
        )


NO_EVIDENCE = {
    "start": "no date found in the text",
    "geometry": "no place found in the text",
    "aircraft": "no aircraft type found in the text",
    "participants": "no state or service found in the text",
    "units": "no unit found in the text",
    "kind": "no word in the text suggests a kind",
    "exercise": "no exercise or series name found in the text",
}


@dataclass(frozen=True)
class Draft:
    """A draft event: the GeoJSON Feature, the evidence per field and the flags.

    ``evidence[field]`` lists what was found (the first item is the one used);
    ``flags[field]`` says why a field is empty or needs a look.
    """

    feature: dict
    evidence: dict[str, list[Evidence]]
    flags: dict[str, str]

    def feature_collection(self) -> dict:
        """The draft as a one-feature FeatureCollection (what ``import`` reads)."""
        return {"type": "FeatureCollection", "features": [self.feature]}

    def to_geojson(self) -> str:
        """The FeatureCollection as JSON text (non-ASCII kept, text never interpreted)."""
        return json.dumps(self.feature_collection(), indent=2, ensure_ascii=False)

    def evidence_dict(self) -> dict[str, list[dict]]:
        """Evidence as plain JSON-ready dicts."""
        return {key: [asdict(ev) for ev in items] for key, items in self.evidence.items()}

    def review_lines(self) -> list[str]:
        """One line per found value ("field: value ← 'words' (why)") and per flag."""
        lines = []
        for key, items in self.evidence.items():
            for ev in items:
                lines.append(f"{key}: {_short(ev.value)} ← {ev.words!r} ({ev.reasoning})")
        lines += [f"FLAG {key}: {why}" for key, why in self.flags.items()]
        return lines


def _short(value) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)


def draft_event(
    text: str,
    *,
    published: date,
    gazetteer: Gazetteer,
    title: str = "",
    publisher: str = "",
    url: str = "",
) -> Draft:
    """Draft an event from an article's text.

    Parameters
    ----------
    text
        The article body (plain text; never interpreted as markup).
    published
        Publication date: relative dates ("on Saturday", "last week") count from it.
    gazetteer
        Names the drafter knows (``Gazetteer.from_catalogue``).
    title, publisher, url
        The article as the event's source; the title also names the event.

    Raises ``ArticleTooLong`` for a text over ``MAX_ARTICLE_CHARS``.
    """
    check_article(text)
    matches = gazetteer.find(text)
    dates = find_dates(text, published)
    placement = place_geometry(text, matches)
    aircraft = aircraft_evidence(text, matches, gazetteer.participants)
    evidence = {
        "start": [_date_evidence(d) for d in dates],
        "geometry": placement.places,
        "home_base": [placement.home_base] if placement.home_base else [],
        "staging_base": [placement.staging_base] if placement.staging_base else [],
        "aircraft": aircraft,
        "participants": participant_evidence(text, matches, aircraft, gazetteer.participants),
        "units": unit_evidence(text),
        "kind": kind_evidence(text),
        "exercise": exercise_evidence(text, matches),
    }
    props = _properties(evidence, dates, placement, published, title, publisher, url)
    feature = {"type": "Feature", "id": props["id"], "properties": props}
    feature["geometry"] = placement.geometry
    return Draft(feature, evidence, _flags(evidence, props, dates, placement.geometry))


def _date_evidence(found: FoundDate) -> Evidence:
    value = {"start": found.start.isoformat(), "end": found.end.isoformat()}
    value["time_precision"] = found.precision
    return Evidence(value, found.span[0], found.span[1], found.words, found.reasoning)


def _properties(evidence, dates, placement, published, title, publisher, url) -> dict:
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
        "responders": [],
        "aircraft": aircraft,
        "ships": [],
        "units": [ev.value for ev in evidence["units"]],
        "staging_base": placement.staging_base.value if placement.staging_base else None,
        "home_base": placement.home_base.value if placement.home_base else None,
        "summary": draft_summary(kind, aircraft, placement, first_date),
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


def draft_summary(kind, aircraft: list[dict], placement, first_date) -> str:
    """A plain summary assembled from the values found (our words, not the article's)."""
    parts = [EVENT_KINDS.get(kind, "Activity")]
    for item in aircraft:
        count = f"{item['count']} × " if item["count"] else ""
        operator = f" ({item['operator']})" if item["operator"] else ""
        parts.append(f"{count}{item['type']}{operator}")
    if placement.label:
        parts.append(placement.label)
    if first_date:
        shown = fmt(first_date.start)
        if first_date.end != first_date.start:
            shown += f" – {fmt(first_date.end)}"
        parts.append(shown)
    return "; ".join(parts) + "."


def _flags(evidence: dict, props: dict, dates: list[FoundDate], geometry) -> dict[str, str]:
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


def save_draft(
    feature: dict,
    *,
    data_dir: str | Path | None = None,
    base_ids: frozenset[str] | None = None,
    reserved_ids: frozenset[str] | None = None,
    dry_run: bool = False,
    store=None,
    author: str | None = None,
):
    """Save a reviewed draft feature as one import, validated like any user file.

    Returns the ``layers.catalogue.importer.ImportResult`` (``accepted``, ``problems``).
    ``reserved_ids`` of ``None`` checks ids against the shipped catalogue, as any import.
    With a ``store`` (``layers.catalogue.stores``) the draft goes there as a ``draft``
    version by ``author``.
    """
    from layers.catalogue.importer import import_events

    fc = {"type": "FeatureCollection", "features": [feature]}
    data = json.dumps(fc, ensure_ascii=False).encode("utf-8")
    name = f"{feature.get('properties', {}).get('id') or 'draft'}.geojson"
    if store is not None:
        return store.import_events(data, name=name, author=author or "unknown", action="draft",
                                   dry_run=dry_run, keep_valid_only=False)  # fmt: skip
    return import_events(
        data,
        name=name,
        data_dir=data_dir,
        base_ids=base_ids,
        reserved_ids=reserved_ids,
        dry_run=dry_run,
        keep_valid_only=False,
    )
