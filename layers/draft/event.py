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
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path

from layers.draft.dates import FoundDate, find_dates
from layers.draft.extract import (
    Evidence,
    aircraft_evidence,
    exercise_evidence,
    kind_evidence,
    participant_evidence,
    unit_evidence,
)
from layers.draft.fields import DEFAULT_CONFIDENCE, flags, properties
from layers.draft.gazetteer import Gazetteer
from layers.draft.geometry import place_geometry
from layers.draft.roles import inside, is_report_date, is_reporter, responder_spans
from layers.draft.ships import ship_countries, ship_evidence

__all__ = ["DEFAULT_CONFIDENCE", "ArticleTooLong", "Draft", "check_article", "draft_event"]
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
    responders = responder_spans(text)
    found = find_dates(text, published)
    dates = [d for d in found if not is_report_date(text, d.span[0])]
    reported = [d for d in found if d not in dates]
    placement = place_geometry(text, matches, responders=responders, straits=gazetteer.straits)
    aircraft = aircraft_evidence(text, matches, gazetteer.participants)
    ships = ship_evidence(text, matches)
    acting, responding = _who(text, matches, aircraft, ships, responders, gazetteer.participants)
    states = list(dict.fromkeys(ev.value for ev in acting))
    evidence = {
        "start": [_date_evidence(d) for d in dates] + [_date_evidence(d, True) for d in reported],
        "geometry": placement.places,
        "home_base": [placement.home_base] if placement.home_base else [],
        "staging_base": [placement.staging_base] if placement.staging_base else [],
        "aircraft": aircraft,
        "ships": ships,
        "participants": acting,
        "responders": responding,
        "units": unit_evidence(text),
        "kind": kind_evidence(text, states),
        "exercise": exercise_evidence(text, matches),
    }
    used = dates or reported  # a report date only when the text gives no other
    props = properties(evidence, used, placement, published, title, publisher, url)
    feature = {"type": "Feature", "id": props["id"], "properties": props}
    feature["geometry"] = placement.geometry
    flagged = flags(evidence, props, dates, placement.geometry)
    if reported and not dates:
        flagged["start"] = (
            f"only the date of the report ('{reported[0].words}') was found: the text does not "
            "say when the event happened; check it"
        )
    return Draft(feature, evidence, flagged)


def _who(text, matches, aircraft, ships, responders, table) -> tuple[list, list]:
    """(participants, responders) as evidence.

    A state named only among the forces that responded is a responder; the body that
    reports ("the Joint Staff said") is neither.
    """
    named = participant_evidence(text, matches, aircraft, table) + ship_countries(ships, table)
    named = [ev for ev in named if not is_reporter(text, ev.end)]
    acting = [ev for ev in named if not inside(responders, ev.start, ev.end)]
    states = {ev.value for ev in acting}
    responding = [
        replace(ev, reasoning=f"{ev.reasoning}; among the forces that responded")
        for ev in named
        if inside(responders, ev.start, ev.end) and ev.value not in states
    ]
    return acting, responding


def _date_evidence(found: FoundDate, report: bool = False) -> Evidence:
    value = {"start": found.start.isoformat(), "end": found.end.isoformat()}
    value["time_precision"] = found.precision
    why = found.reasoning + ("; the date of the report, not of the event" if report else "")
    return Evidence(value, found.span[0], found.span[1], found.words, why)


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
