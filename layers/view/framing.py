"""Framing: the area a map shows at a view's centre and zoom, and the view that fits features.

Web-Mercator arithmetic as Leaflet does it, so the exporter knows what a picture of a
given size shows (its footer cites only that) and can frame a selection, or each of
its exercises (``framed_parts``: ``brief --each-exercise`` and the deck's slides).
"""

from __future__ import annotations

import math
from dataclasses import replace

import shapely
from pyproj import Transformer

from layers.geo.longitude import shift_points_to_window

TILE_PX = 256  # Leaflet/Web-Mercator: the world is 256 × 2**zoom px wide
_MERCATOR = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
_MERCATOR_MAX_Y = 20037508.342789244


def _lat_of(y: float) -> float:
    y = min(max(y, -_MERCATOR_MAX_Y), _MERCATOR_MAX_Y)
    return _MERCATOR.transform(0.0, y, direction="INVERSE")[1]


def _y_of(lat: float) -> float:
    return _MERCATOR.transform(0.0, max(min(lat, 85.05), -85.05))[1]


def view_bounds(view, map_size: tuple[int, int]) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` that Leaflet shows at the view's centre and zoom.

    Leaflet centres the map on ``view.center`` at ``view.zoom`` in a map element of
    ``map_size`` px; the longitudes keep the map's window (may exceed 180).
    """
    lat, lon = view.center
    world_px = TILE_PX * 2**view.zoom
    half_lon = map_size[0] / 2 * 360.0 / world_px
    half_y = map_size[1] / 2 * (2 * _MERCATOR_MAX_Y) / world_px
    y = _y_of(lat)
    return lon - half_lon, _lat_of(y - half_y), lon + half_lon, _lat_of(y + half_y)


def fit_view(view, geometries, map_size: tuple[int, int], max_zoom: int = 6):
    """A copy of ``view`` centred and zoomed so ``geometries`` fill most of the map."""
    west, south, east, north = shapely.total_bounds(shift_points_to_window(geometries.values))
    y_south, y_north = _y_of(south), _y_of(north)
    width_px_at_0 = max(east - west, 1e-6) / 360.0 * TILE_PX
    height_px_at_0 = max(y_north - y_south, 1.0) / (2 * _MERCATOR_MAX_Y) * TILE_PX
    fill = 0.8  # leave a margin round the features
    zoom = math.floor(
        math.log2(min(map_size[0] * fill / width_px_at_0, map_size[1] * fill / height_px_at_0))
    )
    center = (_lat_of((y_south + y_north) / 2), (west + east) / 2)
    return view.with_changes(center=center, zoom=int(min(max(zoom, 2), max_zoom)))


def framed_parts(selection, map_size: tuple[int, int], *, keep_title: bool = False) -> dict:
    """One selection per exercise of ``selection`` (by id), framed on that exercise's events.

    Each part (``Selection.parts_by_exercise``: split, not filtered again) gets a view
    fitted to a map of ``map_size`` px and titled with its exercise's name, or keeps
    the view's title with ``keep_title``.
    """
    parts = {}
    for exercise_id, part in selection.parts_by_exercise().items():
        events = part.events
        title = part.view.title if keep_title else str(events["exercise"].iloc[0])
        view = fit_view(part.view.with_changes(title=title), events.geometry, map_size)
        parts[exercise_id] = replace(part, view=view)
    return parts
