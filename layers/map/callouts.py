"""Where an event's number and direction are drawn: callout anchors and arrowheads.

The page (``layers/map/js/annotate.js``) places each callout on its anchor when that
spot is free, else nearby with a leader line; the anchor is on the event's own
geometry: the point itself, the middle of a track (so a track's number sits on the
track), or the pole of inaccessibility of an area (inside it, away from its edges).

Arrowheads mark the direction of travel at the end of every part of a track, in the
order its coordinates are written (the catalogue writes tracks from first to last
position reported). Angles are screen angles on Leaflet's Web Mercator map, which do
not change with zoom, so the server computes them once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import geopandas as gpd
from shapely.ops import polylabel

from layers.geo.longitude import windowed
from layers.map import styles

COORD_DECIMALS = 5
_PRECISION = ["place_precision", "approximate"]  # what ``styles.is_approximate`` reads


def _parts(geom) -> list:
    return list(getattr(geom, "geoms", [geom]))


def anchor(geom) -> tuple[float, float]:
    """(lat, lon) of the callout's anchor on ``geom`` (already in the map's window)."""
    if geom.geom_type == "Point":
        point = geom
    elif geom.geom_type in ("LineString", "MultiLineString"):
        line = max(_parts(geom), key=lambda g: g.length)
        point = line.interpolate(0.5, normalized=True)
    elif geom.geom_type in ("Polygon", "MultiPolygon"):
        area = max(_parts(geom), key=lambda g: g.area)
        point = polylabel(area, tolerance=max(math.sqrt(area.area) / 100, 1e-4))
    else:
        point = geom.representative_point()
    return (round(point.y, COORD_DECIMALS), round(point.x, COORD_DECIMALS))


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def screen_angle(start: tuple[float, float], end: tuple[float, float]) -> float:
    """Degrees clockwise from east of the line ``start`` → ``end`` ((lon, lat)) on screen."""
    dx = math.radians(end[0] - start[0])
    dy = _mercator_y(end[1]) - _mercator_y(start[1])
    angle = math.degrees(math.atan2(-dy, dx))  # screen y points down
    return round(angle + 360.0 if angle <= -180.0 else angle, 1)  # in (-180, 180]


def arrowheads(geom) -> list[tuple[float, float, float]]:
    """``(lat, lon, angle)`` at the end of each part of a track (none for other shapes)."""
    heads = []
    if geom.geom_type not in ("LineString", "MultiLineString"):
        return heads
    for part in _parts(geom):
        coords = list(part.coords)
        end = coords[-1]
        start = next((c for c in reversed(coords[:-1]) if c[:2] != end[:2]), None)
        if start is None:
            continue  # a line of one repeated point has no direction
        heads.append((round(end[1], COORD_DECIMALS), round(end[0], COORD_DECIMALS),
                      screen_angle(start, end)))  # fmt: skip
    return heads


def _spots(events: gpd.GeoDataFrame):
    """``(id, spot, arrows)`` per drawable event: where its callout and arrowheads go.

    ``spot`` is ``[lat, lon, colour, approximate, is_point]``, ``arrows``
    ``[[lat, lon, angle, colour], …]``.
    """
    columns = ["id", "kind", "geometry", *(c for c in _PRECISION if c in events)]
    for row in events[columns].to_dict("records"):
        geom = row.get("geometry")
        if geom is None or geom.is_empty:
            continue
        shifted = windowed(geom)
        colour = styles.event_colour(row.get("kind"))
        point = shifted.geom_type == "Point"
        spot = [*anchor(shifted), colour, styles.is_approximate(row), point]
        arrows = [[lat, lon, angle, colour] for lat, lon, angle in arrowheads(shifted)]
        yield str(row.get("id")), spot, arrows


def event_marks(events: gpd.GeoDataFrame, numbers: Mapping[str, int]) -> dict:
    """The events layer's callouts (numbered events only) and arrowheads, for the page.

    ``{"callouts": [[lat, lon, n, colour, approximate, is_point], …], "arrows":
    [[lat, lon, angle, colour], …]}``, callouts in number order. A point event's
    callout is set beside its marker (with a leader line), never over it.
    """
    callouts, arrows = [], []
    for event_id, (lat, lon, colour, approximate, point), heads in _spots(events):
        number = numbers.get(event_id)
        if number is not None:
            callouts.append([lat, lon, number, colour, approximate, point])
        arrows.extend(heads)
    callouts.sort(key=lambda c: c[2])
    return {"callouts": callouts, "arrows": arrows}


def marks_by_event(events: gpd.GeoDataFrame) -> dict[str, list]:
    """Event id → ``[spot, arrows]`` (see ``_spots``): the page numbers what it shows."""
    return {event_id: [spot, arrows] for event_id, spot, arrows in _spots(events)}


def empty_marks() -> dict:
    """No callouts, no arrows (layers other than events)."""
    return {"callouts": [], "arrows": []}
