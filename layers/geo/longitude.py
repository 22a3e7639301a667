"""Longitudes on a Pacific map: wrapping, unwrapping and the map's one continuous window.

Two longitude conventions meet on a Pacific map:

* RFC 7946 files keep longitudes in [-180, 180); a line that crosses the antimeridian
  is cut there (``layers.geo.geodesy.split_at_antimeridian``).
* Leaflet draws on a flat plane, so the map moves everything into one continuous
  window ``[PACIFIC_WEST, PACIFIC_WEST + 360)``, i.e. [-30, 330): Dyess (Texas) is at
  about 260, Misawa at 141, and panning from one to the other never crosses a seam.
  The basemap files are cut to the same window (``tools/make_basemap.py``).

This module is the only place the window is defined: :func:`to_window` and
:func:`shift_to_window` put a longitude or a geometry into it, :func:`from_window`
brings a map longitude back to [-180, 180).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import shapely
from shapely.geometry import LinearRing, LineString, MultiLineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge

PACIFIC_WEST = -30.0  # west edge of the map's continuous window [-30, 330)


def wrap_lon(lon, lon0: float = -180.0):
    """``lon`` (a number or an array) moved by whole turns into ``[lon0, lon0 + 360)``."""
    return (lon - lon0) % 360.0 + lon0


def to_window(lon):
    """A longitude (or an array of them) in the map's window [-30, 330)."""
    return wrap_lon(lon, PACIFIC_WEST)


def from_window(lon):
    """A map longitude (or an array of them) back in [-180, 180)."""
    return wrap_lon(lon, -180.0)


def unwrap_longitudes(coords: Iterable[Sequence[float]]) -> list[tuple[float, ...]]:
    """Coordinates with longitudes made continuous (no step larger than 180 degrees).

    Each longitude is moved by whole turns so that it is within 180 degrees of the
    previous one; the first point is kept as it is. Extra ordinates are kept.
    """
    out: list[tuple[float, ...]] = []
    for lon, lat, *rest in coords:
        if out:
            prev = out[-1][0]
            lon = prev + ((lon - prev + 180.0) % 360.0 - 180.0)
        out.append((float(lon), float(lat), *rest))
    return out


def shift_coords_to_window(coords: Sequence[Sequence[float]]) -> list[tuple[float, ...]]:
    """A line's coordinates unwrapped, then moved by whole turns so their mean is in the window.

    The line stays continuous: a part that straddles the window's edge sticks out of it.
    """
    pts = unwrap_longitudes(coords)
    mean_lon = float(np.mean([p[0] for p in pts]))
    offset = to_window(mean_lon) - mean_lon
    return [(p[0] + offset, *p[1:]) for p in pts]


def shift_to_window(geom: BaseGeometry) -> BaseGeometry:
    """``geom`` with every part moved into the map's window [-30, 330).

    Each part is unwrapped and then moved by whole turns as a unit, so no segment
    jumps across the map. Lines that were cut at ±180 (RFC 7946) are joined again
    where their pieces meet. A part that itself straddles the window edge keeps its
    continuity and sticks out of the window. Returns a new geometry.
    """
    if isinstance(geom, Point):
        return Point(to_window(geom.x), geom.y)
    if isinstance(geom, LinearRing):
        return LinearRing(shift_coords_to_window(geom.coords))
    if isinstance(geom, LineString):
        return LineString(shift_coords_to_window(geom.coords))
    if isinstance(geom, Polygon):
        return _shift_polygon(geom)
    if isinstance(geom, MultiLineString):
        return linemerge([shift_to_window(part) for part in geom.geoms])
    if hasattr(geom, "geoms"):
        return type(geom)([shift_to_window(part) for part in geom.geoms])
    raise TypeError(f"unsupported geometry type {geom.geom_type}")


# shift_to_window's result per geometry object. The catalogue's geometries are shared,
# read-only objects (cached frames; selections hold the same objects), and every rerun
# shifted them all again for the callouts and the frame: a third of a filter change's
# Python time (profiled). The entry keeps its geometry alive, so an id is never reused
# while it is in here; the size bound only matters for large files.
_WINDOWED: dict[int, tuple[BaseGeometry, BaseGeometry]] = {}
_WINDOWED_MAX = 20_000


def windowed(geom: BaseGeometry) -> BaseGeometry:
    """``shift_to_window(geom)``, remembered for this geometry object (treat as read-only)."""
    hit = _WINDOWED.get(id(geom))
    if hit is not None and hit[0] is geom:
        return hit[1]
    shifted = shift_to_window(geom)
    if len(_WINDOWED) >= _WINDOWED_MAX:
        _WINDOWED.clear()
    _WINDOWED[id(geom)] = (geom, shifted)
    return shifted


def _shift_polygon(poly: Polygon) -> Polygon:
    """A polygon moved as a unit: holes get the exterior's offset."""
    shell = unwrap_longitudes(poly.exterior.coords)
    mean_lon = float(np.mean([p[0] for p in shell]))
    offset = to_window(mean_lon) - mean_lon

    def move(coords):
        pts = unwrap_longitudes(coords)
        # a hole is unwrapped near the shell before the shared offset applies
        turn = round((pts[0][0] - shell[0][0]) / 360.0) * 360.0
        return [(p[0] - turn + offset, *p[1:]) for p in pts]

    return Polygon(move(poly.exterior.coords), [move(r.coords) for r in poly.interiors])


def shift_points_to_window(geometries) -> np.ndarray:
    """Shapely geometries (an array) with every vertex's longitude put in the window.

    Vertex by vertex, unlike :func:`shift_to_window`: for bounds, not for drawing.
    """
    return shapely.transform(
        np.asarray(geometries),
        lambda xy: np.column_stack([to_window(xy[:, 0]), xy[:, 1]]),
    )
