"""A layer's geometry rules: allowed types, ranges, swapped coordinates, winding, CRS.

``check_geometry`` checks one feature's geometry (after the RFC 7946 structure checks
of ``layers.catalogue.geojson_checks``) and returns it normalised. Choices where
RFC 7946 only gives advice:

* winding order: rings are re-wound to the right-hand rule silently (the RFC says
  parsers should not reject on winding, and sources print outlines either way);
* 3-D positions: accepted, the height dropped with a warning;
* longitude must lie in [-180, 180] and latitude in [-90, 90]; wrapped longitudes
  such as 190 are refused rather than guessed at;
* a foreign ``crs`` member naming another CRS is reprojected with a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import shapely
from shapely.geometry import shape

from layers.catalogue.geojson_checks import (
    GEOMETRY_TYPES,
    POSITION_DEPTH,
    Issue,
    describe,
    structure_issues,
)
from layers.geo.longitude import to_window

_MAX_ISSUES = 5  # per geometry: one outline out of range should not print a thousand lines


def walk_positions(coords: list, depth: int, index: tuple = ()) -> Iterator[tuple[tuple, list]]:
    """Every (index path, position) in well-formed ``coordinates`` of the given depth."""
    if depth == 0:
        yield index, coords
        return
    for i, part in enumerate(coords):
        yield from walk_positions(part, depth - 1, (*index, i))


def map_positions(coords: list, depth: int, fn: Callable[[list], list]) -> list:
    """New ``coordinates`` with ``fn`` applied to every position."""
    if depth == 0:
        return fn(coords)
    return [map_positions(part, depth - 1, fn) for part in coords]


def index_path(field: str, index: tuple) -> str:
    """``geometry.coordinates[0][3]`` for index ``(0, 3)``."""
    return field + ".coordinates" + "".join(f"[{i}]" for i in index)


def flatten(coords: list, depth: int) -> list[list]:
    """All positions of well-formed ``coordinates`` of the given depth, in order."""
    positions = [coords] if depth == 0 else coords
    for _ in range(depth - 1):
        positions = [p for part in positions for p in part]
    return positions


def range_issues(
    coords: list, depth: int, region_bbox: tuple | None, field: str = "geometry"
) -> list[Issue]:
    """Out-of-range longitudes/latitudes, or one issue when they look swapped."""
    lon, lat = np.asarray(flatten(coords, depth), dtype=float).T
    if region_bbox is not None and _looks_swapped(lon, lat, region_bbox):
        first = flatten(coords, depth)[0]
        return [
            Issue(
                field,
                f"coordinates look swapped: [{first[0]}, {first[1]}] is far outside the region,"
                f" [{first[1]}, {first[0]}] is inside it",
                "GeoJSON order is [longitude, latitude]",
            )
        ]
    in_range = (np.abs(lon) <= 180) & (np.abs(lat) <= 90)  # NaN compares False: out
    if in_range.all():
        return []
    issues = []
    for index, (x, y) in walk_positions(coords, depth):  # only to name the bad positions
        if not -180 <= x <= 180:
            issues.append(Issue(index_path(field, index), f"longitude {x} is outside -180..180"))
        if not -90 <= y <= 90:
            # |lat| > 90 with a longitude that would be a valid latitude: [lat, lon] order.
            hint = "looks swapped: GeoJSON order is [longitude, latitude]" if abs(x) <= 90 else ""
            issues.append(Issue(index_path(field, index), f"latitude {y} is outside -90..90", hint))
        if len(issues) >= _MAX_ISSUES:
            break
    return issues


def _in_bbox(lon: np.ndarray, lat: np.ndarray, bbox: tuple) -> np.ndarray:
    lon_min, lat_min, lon_max, lat_max = bbox
    lon = to_window(lon)  # the region box is in the map's window: it may run past 180
    return (lon_min <= lon) & (lon <= lon_max) & (lat_min <= lat) & (lat <= lat_max)


def _looks_swapped(lon: np.ndarray, lat: np.ndarray, bbox: tuple) -> bool:
    return not _in_bbox(lon, lat, bbox).all() and bool(_in_bbox(lat, lon, bbox).all())


def polygon_issues(geom: dict, field: str = "geometry") -> list[Issue]:
    """Self-intersections and other invalid outlines, in GEOS's words."""
    if geom["type"] not in ("Polygon", "MultiPolygon"):
        return []
    shp = shape(geom)
    if shapely.is_valid(shp):
        return []
    reason = shapely.is_valid_reason(shp)
    return [Issue(field, f"invalid polygon: {reason}", "fix the outline so its edges do not cross")]


def rewind(geom: dict) -> dict:
    """A polygon re-wound to the right-hand rule (exterior counter-clockwise, holes clockwise)."""
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": _rewind_rings(geom["coordinates"])}
    if geom["type"] == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [_rewind_rings(p) for p in geom["coordinates"]],
        }
    return geom


def _rewind_rings(rings: list) -> list:
    out = []
    for i, ring in enumerate(rings):
        want_ccw = i == 0
        ccw = len(ring) >= 4 and shapely.is_ccw(shapely.linearrings(ring))
        out.append(ring if ccw == want_ccw else ring[::-1])
    return out


def check_geometry(
    geom: object, allowed: tuple[str, ...], region_bbox: tuple | None, transform=None
) -> tuple[dict | None, list[Issue]]:
    """Check one feature's geometry for a layer; return the normalised geometry and issues.

    Normalised: 2-D, in WGS84 longitude/latitude (``transform(x, y)`` gives lon, lat
    when the file named another CRS), polygons wound to the right-hand rule.
    The geometry is ``None`` whenever an error was found.
    """
    if geom is None:
        return None, [Issue("geometry", "geometry is null", f"give a {' or '.join(allowed)}")]
    gtype = geom.get("type") if isinstance(geom, dict) else None
    if gtype in GEOMETRY_TYPES and gtype not in allowed:
        msg = f"geometry type {gtype!r} is not allowed in this layer"
        return None, [Issue("geometry.type", msg, f"use {' or '.join(allowed)}")]
    issues = structure_issues(geom)
    if issues:
        return None, issues
    gtype, depth = geom["type"], POSITION_DEPTH[geom["type"]]
    coords = geom["coordinates"]
    if coords == []:
        return None, [Issue("geometry", f"{gtype} is empty", "give its coordinates")]
    if any(len(p) > 2 for p in flatten(coords, depth)):
        issues.append(Issue("geometry", "3-D coordinates: heights dropped", severity="warning"))
    coords = map_positions(coords, depth, lambda p: [float(p[0]), float(p[1])])
    if transform is not None:
        coords = map_positions(coords, depth, lambda p: list(transform(p[0], p[1])))
    found = range_issues(coords, depth, region_bbox)
    clean = {"type": gtype, "coordinates": coords}
    found = found or polygon_issues(clean)
    if found:
        return None, issues + found
    return rewind(clean), issues


WGS84_NAMES = frozenset(
    {
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "OGC:CRS84",
        "CRS84",
        "EPSG:4326",
        "urn:ogc:def:crs:EPSG::4326",
    }
)


def crs_transform(crs: object) -> tuple[Callable | None, list[Issue]]:
    """Read a (pre-RFC 7946) ``crs`` member: a transform to WGS84 lon/lat, and issues.

    WGS84 names (taken as longitude, latitude, the GeoJSON order) need no transform;
    another CRS that pyproj knows is reprojected with a warning; anything else is an
    error, since the coordinates cannot be read.
    """
    if crs is None:
        return None, []
    name = _crs_name(crs)
    if name is None:
        msg = f"crs member {describe(crs)} names no CRS"
        return None, [Issue("crs", msg, 'remove it, or use {"type": "name", ...}')]
    if name in WGS84_NAMES:
        return None, []
    import pyproj  # only files with a foreign CRS pay for it

    try:
        source = pyproj.CRS.from_user_input(name)
    except pyproj.exceptions.CRSError:
        hint = "remove the crs member and give WGS84 longitude/latitude"
        return None, [Issue("crs", f"crs {name!r} is not a CRS pyproj knows; refused", hint)]
    if source.equals("EPSG:4326", ignore_axis_order=True):
        return None, []
    transformer = pyproj.Transformer.from_crs(source, "EPSG:4326", always_xy=True)
    msg = f"coordinates reprojected from {name} ({source.name}) to WGS84 longitude/latitude"
    return transformer.transform, [Issue("crs", msg, severity="warning")]


def _crs_name(crs: object) -> str | None:
    if not isinstance(crs, dict) or not isinstance(crs.get("properties"), dict):
        return None
    props = crs["properties"]
    if crs.get("type") == "name" and isinstance(props.get("name"), str):
        return props["name"].strip()
    if crs.get("type") == "EPSG" and isinstance(props.get("code"), int):
        return f"EPSG:{props['code']}"  # the 2008 GeoJSON form
    return None
