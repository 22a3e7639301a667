"""The SQL columns derived from a GeoJSON feature: geometry, days, filter keys, map point.

The feature itself stays the truth (stored as written); these columns exist so that
the window, the filters and the viewport aggregation run in SQL on indexes. Days are
the first ten characters of ``start``/``end`` (the calendar day in the value's own
offset, as ``layers.catalogue.load`` computes ``start_date``); aircraft hold each type
and its family (``F-35A`` and ``F-35``), so a family filter is an array overlap; the
point (``px``, ``py``) is a representative point with its longitude in the map's
window, for the grid the map aggregates on.
"""

from __future__ import annotations

from datetime import date

import shapely
from shapely.geometry import shape

from layers.geo.longitude import to_window
from layers.view.filters import aircraft_family

SRID = 4326


def day(value) -> date | None:
    """The calendar day of an ISO date or date-time string, else ``None``."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def aircraft_keys(items) -> list[str]:
    """Every aircraft type of an event and its family, sorted, without repeats."""
    names = set()
    for item in items or ():
        if isinstance(item, dict) and isinstance(item.get("type"), str):
            names.update((item["type"].strip(), aircraft_family(item["type"])))
    return sorted(names)


def feature_row(layer: str, feature: dict) -> tuple[tuple, bytes]:
    """``(start_day, end_day, kind, exercise_id, exercise, name, participants, aircraft,
    px, py)`` and the geometry as EWKB (SRID 4326).
    """  # noqa: D205
    geom = shape(feature["geometry"])
    props = feature.get("properties") or {}
    point = geom if geom.geom_type == "Point" else geom.representative_point()
    ewkb = shapely.to_wkb(shapely.set_srid(geom, SRID), include_srid=True)
    if layer != "events":
        return (None,) * 6 + (None, None, float(to_window(point.x)), point.y), ewkb
    participants = [p for p in props.get("participants") or () if isinstance(p, str)]
    derived = (
        day(props.get("start")),
        day(props.get("end")),
        props.get("kind"),
        props.get("exercise_id"),
        props.get("exercise"),
        props.get("name"),
        participants,
        aircraft_keys(props.get("aircraft")),
        float(to_window(point.x)),
        float(point.y),
    )
    return derived, ewkb
