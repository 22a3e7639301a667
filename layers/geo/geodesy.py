"""Geodesy on the WGS84 ellipsoid with pyproj: distances, buffers, great circles.

Every distance here is a geodesic on WGS84 (``pyproj.Geod``), never a sphere and never
a buffer in degrees. Coordinates are (lon, lat) in degrees, as in GeoJSON. Lines come
out continuous in longitude, or cut at the antimeridian for RFC 7946 files
(:func:`split_at_antimeridian`); the map's window is ``layers.geo.longitude``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

from layers.geo.longitude import unwrap_longitudes, wrap_lon
from layers.geo.units import METRES_PER_NM

GEOD = Geod(ellps="WGS84")

LonLat = tuple[float, float]


def distance_m(start: LonLat, end: LonLat) -> float:
    """Geodesic distance in metres between two (lon, lat) points on WGS84."""
    _, _, dist = GEOD.inv(start[0], start[1], end[0], end[1])
    return float(dist)


def distance_km(start: LonLat, end: LonLat) -> float:
    """Geodesic distance in kilometres between two (lon, lat) points."""
    return distance_m(start, end) / 1000.0


def distance_nm(start: LonLat, end: LonLat) -> float:
    """Geodesic distance in nautical miles between two (lon, lat) points."""
    return distance_m(start, end) / METRES_PER_NM


def initial_azimuth(start: LonLat, end: LonLat) -> float:
    """Initial azimuth in degrees clockwise from north, in [0, 360)."""
    azimuth, _, _ = GEOD.inv(start[0], start[1], end[0], end[1])
    return float(azimuth) % 360.0


def great_circle_points(start: LonLat, end: LonLat, spacing_km: float = 50.0) -> list[LonLat]:
    """Points along the geodesic from ``start`` to ``end``, both ends included.

    Intermediate points come from ``Geod.npts`` about ``spacing_km`` apart, so a
    straight-segment drawing of them follows the great circle. Longitudes are
    continuous (see :func:`unwrap_longitudes`), not wrapped into [-180, 180].
    """
    n_between = max(int(distance_km(start, end) // spacing_km), 0)
    middle = GEOD.npts(start[0], start[1], end[0], end[1], n_between) if n_between else []
    points = [tuple(start), *middle, tuple(end)]
    return [(lon, lat) for lon, lat in unwrap_longitudes(points)]


def _crossing_lat(a: LonLat, b: LonLat, meridian: float) -> float:
    """Latitude where the straight segment a-b meets ``meridian`` (continuous lons)."""
    frac = (meridian - a[0]) / (b[0] - a[0])
    return a[1] + frac * (b[1] - a[1])


def split_at_antimeridian(coords: Sequence[LonLat]) -> LineString | MultiLineString:
    """An RFC 7946 line: longitudes in [-180, 180], cut where it crosses the antimeridian.

    ``coords`` may use any longitude convention; they are unwrapped first. The cut
    vertex is interpolated linearly in lon/lat, which is exact for the straight
    segment being cut (densify first with :func:`great_circle_points` to follow a
    geodesic). Returns a LineString when no crossing occurs (RFC 7946 §3.1.9).
    """
    pts = unwrap_longitudes(coords)
    parts: list[list[LonLat]] = [[]]
    for i, (lon, lat) in enumerate(pts):
        if i:
            prev = pts[i - 1]
            for k in _turns_between(prev[0], lon):
                meridian = 180.0 + 360.0 * k
                cut_lat = _crossing_lat(prev, (lon, lat), meridian)
                going_east = lon > prev[0]
                parts[-1].append((180.0 if going_east else -180.0, cut_lat))
                parts.append([(-180.0 if going_east else 180.0, cut_lat)])
        parts[-1].append((wrap_lon(lon), lat))
    # an endpoint exactly on the antimeridian belongs to the piece it ends
    lines = [_fix_edge_sign(part) for part in parts if len(part) > 1]
    return LineString(lines[0]) if len(lines) == 1 else MultiLineString(lines)


def _turns_between(lon_a: float, lon_b: float) -> list[int]:
    """Indices k of the meridians 180 + 360k strictly crossed going from lon_a to lon_b."""
    low, high = sorted((lon_a, lon_b))
    k_min = int(np.floor((low - 180.0) / 360.0)) + 1
    k_max = int(np.ceil((high - 180.0) / 360.0)) - 1
    return [k for k in range(k_min, k_max + 1) if low < 180.0 + 360.0 * k < high]


def _fix_edge_sign(part: list[LonLat]) -> list[LonLat]:
    """Keep a piece on one side: an end at -180 next to positive lons becomes 180."""
    inner = [lon for lon, _ in part if abs(lon) != 180.0]
    if not inner:
        return part
    side = 1.0 if np.mean(inner) > 0 else -1.0
    return [(side * 180.0 if abs(lon) == 180.0 else lon, lat) for lon, lat in part]


def great_circle_line(
    start: LonLat, end: LonLat, spacing_km: float = 50.0
) -> LineString | MultiLineString:
    """The geodesic from ``start`` to ``end`` as RFC 7946 geometry, cut at ±180."""
    return split_at_antimeridian(great_circle_points(start, end, spacing_km))


def geodesic_circle(center: LonLat, radius_m: float, n_vertices: int = 128) -> list[LonLat]:
    """Closed ring of points at ``radius_m`` geodesic metres from ``center``.

    Counter-clockwise, longitudes continuous (a ring around a pole does not close in
    longitude; such rings are outside this module's use).
    """
    azimuths = np.linspace(360.0, 0.0, n_vertices, endpoint=False)  # decreasing = CCW
    lons, lats, _ = GEOD.fwd(
        np.full(n_vertices, center[0]),
        np.full(n_vertices, center[1]),
        azimuths,
        np.full(n_vertices, radius_m),
    )
    ring = unwrap_longitudes(zip(lons, lats, strict=True))
    return [(lon, lat) for lon, lat in ring] + [(ring[0][0], ring[0][1])]


def geodesic_buffer(
    centers: Iterable[LonLat], radius_nm: float, n_vertices: int = 128
) -> Polygon | MultiPolygon:
    """Union of geodesic discs of ``radius_nm`` nautical miles around ``centers``.

    Each disc is a polygon of ``n_vertices`` points exactly ``radius_nm`` away
    (chords between them fall inside by at most 1 - cos(pi / n_vertices)). The
    result is valid with counter-clockwise exteriors. Intended for zones that do
    not cross the antimeridian or reach a pole (e.g. 12 nm / 24 nm maritime zones).
    """
    radius_m = radius_nm * METRES_PER_NM
    discs = [Polygon(geodesic_circle(c, radius_m, n_vertices)) for c in centers]
    return orient(unary_union(discs), 1.0)


def range_ring(center: LonLat, radius_km: float, n_vertices: int = 360) -> LineString:
    """Closed line at ``radius_km`` geodesic kilometres from ``center`` (a range ring).

    Longitudes are continuous, so a ring that crosses the antimeridian stays one
    piece; place it on a map with ``longitude.shift_to_window`` or cut it for RFC 7946
    output with :func:`split_at_antimeridian`.
    """
    return LineString(geodesic_circle(center, radius_km * 1000.0, n_vertices))
