"""The details panel's model: one feature as plain text, ready to render.

:func:`feature_details` turns a row of any layer into plain text: every schema
field (blank ones as "—"), enums in words from ``layers.catalogue.schema``, countries
by name, aircraft as "2 × B-52H (USAF)" (``layers.outputs.words``), base references by
name, and for an event the route from its home base to its staging base with the
geodesic distance, and the other events of its exercise.

The model holds plain text only: show it with ``layers.outputs.markdown.details_markdown``,
which escapes it. Never pass data text to ``unsafe_allow_html``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from layers.catalogue.registry import LAYERS_BY_KEY
from layers.catalogue.schema import ENUM_TEXTS, SCHEMAS, Field, country_name
from layers.catalogue.values import as_list, is_blank
from layers.geo.geodesy import distance_m
from layers.geo.units import format_distance, m_to_km, m_to_nm
from layers.outputs.words import (
    BLANK,
    aircraft_text,
    date_text,
    dates_text,
    location_text,
    participants_text,
    ship_text,
    source_items,
)

MAX_EXERCISE_EVENTS = 30  # listed in the panel; a synthetic exercise may hold a million
FIELD_LABELS = {
    "id": "ID",
    "icao": "ICAO code",
    "exercise_id": "Exercise ID",
    "place_precision": "Place precision",
    "time_precision": "Time precision",
    "staging_base": "Staging base",
    "home_base": "Home base",
    "declaring_state": "Declared by",
}


def _base_name(bases: pd.DataFrame | None, base_id) -> str:
    if is_blank(base_id):
        return BLANK
    row = find_feature({"bases": bases}, "bases", base_id) if bases is not None else None
    return str(base_id) if row is None else f"{row['name']} ({base_id})"


def _value_text(field: Field, value, bases) -> str:
    if field.kind in ("ref",) and field.ref == "bases":
        return _base_name(bases, value)
    if is_blank(value):
        return BLANK
    if field.kind == "aircraft":
        return "; ".join(aircraft_text(a) for a in as_list(value))
    if field.kind == "ships":
        return "; ".join(ship_text(s) for s in as_list(value))
    if field.kind == "list[country]":
        return participants_text(value)
    if field.kind == "list[str]":
        return ", ".join(str(v) for v in as_list(value))
    if field.kind == "country":
        return f"{country_name(value)} ({value})"
    if field.kind == "date":
        return date_text(value)
    if field.kind == "enum" and field.name in ENUM_TEXTS:
        return ENUM_TEXTS[field.name].get(str(value), str(value))
    return str(value)


# The order an analyst reads a feature in: what, when, who and which aircraft or
# ships, where; then (after the sources) how sure; then the rest (issue 13).
READING_ORDER = (
    "kind", "category", "summary", "exercise", "start", "end", "time_precision",
    "declaring_state", "effective", "country", "operator",
    "participants", "responders", "aircraft", "ships", "units", "icao",
    "staging_base", "home_base", "place_precision",
)  # fmt: skip
AFTER_SOURCES = ("confidence", "basis", "notes", "aliases", "exercise_id", "id", "name")


def _reading_rank(name: str) -> int:
    if name in READING_ORDER:
        return READING_ORDER.index(name)
    if name in AFTER_SOURCES:
        return 100 + AFTER_SOURCES.index(name)
    return 50


def first_rows_count(rows: list[tuple[str, str]]) -> int:
    """How many of a model's ``rows`` come before its sources (what, when, who, where)."""
    after = {FIELD_LABELS.get(n, n.replace("_", " ").capitalize()) for n in AFTER_SOURCES}
    return next((i for i, (label, _) in enumerate(rows) if label in after), len(rows))


def feature_details(
    row: Mapping,
    layer_key: str,
    *,
    bases: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    number: int | None = None,
) -> dict:
    """A render-ready model of one feature (plain text only; see the module docstring).

    Parameters
    ----------
    row
        One row of a loaded frame (a ``Series`` or a dict of properties plus ``geometry``).
    layer_key
        ``"events"``, ``"bases"``, ``"adiz"`` or ``"areas"``.
    bases
        The bases frame, to name staging/home bases and draw an event's route.
    events
        All events, to list the other events of an event's exercise.
    number
        The event's number on the map and in the lists (``Selection.numbers``), if any.

    Returns
    -------
    dict
        ``layer``, ``layer_title``, ``id``, ``title``, ``subtitle``, ``rows`` (list of
        (label, text) for every schema field, then location and origin), ``sources``
        (see :func:`source_items`), ``confidence``, ``place_precision``, ``number``; for
        events also
        ``participants``, ``aircraft``, ``staging_base``, ``home_base``, ``route``
        (``None``, or ``text``, ``km``, ``nm``, ``from_lonlat``, ``to_lonlat``) and
        ``exercise_events`` (see :func:`exercise_events`; ``None`` without ``events``).
    """
    dataset = SCHEMAS[layer_key]
    fields = sorted(
        (f for f in dataset.all_fields if f.kind != "sources"), key=lambda f: _reading_rank(f.name)
    )
    rows = [
        (
            FIELD_LABELS.get(f.name, f.name.replace("_", " ").capitalize()),
            _value_text(f, row.get(f.name), bases),
        )
        for f in fields
    ]
    where = first_rows_count(rows)  # location reads with "where", before the sources
    rows.insert(where, ("Location", location_text(row.get("geometry"))))
    if not is_blank(row.get("origin")):
        rows.append(("Origin", "Your file" if row["origin"] == "user" else "Catalogue"))
    model = {
        "layer": layer_key,
        "layer_title": LAYERS_BY_KEY[layer_key].title if layer_key in LAYERS_BY_KEY else layer_key,
        "id": str(row.get("id", "")),
        "title": str(row.get("name") or row.get("id") or ""),
        "number": number,
        "subtitle": _subtitle(row, layer_key),
        "rows": rows,
        "sources": source_items(row.get("sources")),
        "confidence": _value_text(Field("confidence", "enum"), row.get("confidence"), None),
        "place_precision": _value_text(
            Field("place_precision", "enum"), row.get("place_precision"), None
        ),
    }
    if layer_key == "events":
        model.update(_event_extras(row, bases))
        model["exercise_events"] = (
            None
            if events is None
            else exercise_events(events, row.get("exercise_id"), current_id=row.get("id"))
        )
    return model


def exercise_events(
    events: pd.DataFrame, exercise_id, *, current_id=None, limit: int = MAX_EXERCISE_EVENTS
) -> dict | None:
    """Every event of one exercise, earliest first, so the reader sees the exercise whole.

    Returns
    -------
    dict or None
        ``exercise`` (its name), ``total`` (events in the exercise) and ``items``: at
        most ``limit`` dicts of ``id``, ``name``, ``dates`` (in words) and
        ``current`` (True for ``current_id``). ``None`` when the exercise has no events.
    """
    if is_blank(exercise_id) or events is None or events.empty:
        return None
    members = events.loc[events["exercise_id"] == str(exercise_id)]
    if members.empty:
        return None
    members = members.sort_values(["start_date", "id"], kind="stable")
    items = [
        {
            "id": str(row["id"]),
            "name": str(row.get("name") or row["id"]),
            "dates": dates_text(row.get("start"), row.get("end")),
            "current": str(row["id"]) == str(current_id),
        }
        for _, row in members.head(limit).iterrows()
    ]
    return {
        "exercise": str(members.iloc[0].get("exercise") or exercise_id),
        "total": len(members),
        "items": items,
    }


def _subtitle(row: Mapping, layer_key: str) -> str:
    if layer_key == "events":
        kind = ENUM_TEXTS["kind"].get(str(row.get("kind")), str(row.get("kind")))
        return f"{kind} · {dates_text(row.get('start'), row.get('end'))}"
    if layer_key == "bases":
        return f"Air base · {country_name(row.get('country'))}"
    if layer_key == "adiz":
        return f"ADIZ · declared by {country_name(row.get('declaring_state'))}"
    if layer_key == "areas":
        return ENUM_TEXTS["category"].get(str(row.get("category")), str(row.get("category")))
    return LAYERS_BY_KEY[layer_key].title if layer_key in LAYERS_BY_KEY else layer_key


def _event_extras(row: Mapping, bases: pd.DataFrame | None) -> dict:
    home, staging = row.get("home_base"), row.get("staging_base")
    return {
        "participants": [country_name(c) for c in as_list(row.get("participants"))],
        "aircraft": [aircraft_text(a) for a in as_list(row.get("aircraft"))],
        "staging_base": None if is_blank(staging) else _base_name(bases, staging),
        "home_base": None if is_blank(home) else _base_name(bases, home),
        "route": route_between(bases, home, staging),
    }


def route_between(bases: pd.DataFrame | None, from_id, to_id) -> dict | None:
    """Route text and geodesic (WGS84) distance between two bases, or ``None``."""
    if bases is None or is_blank(from_id) or is_blank(to_id) or from_id == to_id:
        return None
    origin = find_feature({"bases": bases}, "bases", from_id)
    target = find_feature({"bases": bases}, "bases", to_id)
    if origin is None or target is None:
        return None
    a, b = origin.geometry, target.geometry
    metres = distance_m((a.x, a.y), (b.x, b.y))
    return {
        "text": f"{origin['name']} → {target['name']}",
        "km": round(m_to_km(metres), 1),
        "nm": round(m_to_nm(metres), 1),
        "distance": format_distance(metres),
        "from_lonlat": (a.x, a.y),
        "to_lonlat": (b.x, b.y),
    }


def find_feature(frames: Mapping[str, pd.DataFrame], layer: str, feature_id) -> pd.Series | None:
    """The row of ``layer`` whose ``id`` is ``feature_id``, or ``None``."""
    frame = frames.get(layer)
    if frame is None or frame.empty or is_blank(feature_id):
        return None
    hits = frame.loc[frame["id"] == str(feature_id)]
    return None if hits.empty else hits.iloc[0]
