"""GeoJSON (RFC 7946) structure and geometry checks, used by ``layers.catalogue.validate``.

Each check returns ``Issue`` rows (field, message, hint, severity); the validator
adds the file and feature. Choices where RFC 7946 only gives advice:

* winding order: rings are re-wound to the right-hand rule silently (the RFC says
  parsers should not reject on winding, and sources print outlines either way);
* 3-D positions: accepted, the height dropped with a warning; positions of four or
  more values are refused (the meaning of the extra values is unspecified);
* longitude must lie in [-180, 180] and latitude in [-90, 90]; wrapped longitudes
  such as 190 are refused rather than guessed at;
* a foreign ``crs`` member naming another CRS is reprojected with a warning;
* nested or single-member GeometryCollections are fine here (advice only), but
  no layer of ours takes a GeometryCollection;
* a position given where a list was expected is reported once per geometry, at the
  first malformed part: a malformed outline is usually malformed throughout.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import NamedTuple

import numpy as np
import shapely
from shapely.geometry import shape

# Nesting depth of positions inside ``coordinates`` for each geometry type.
POSITION_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}
GEOMETRY_TYPES = (*POSITION_DEPTH, "GeometryCollection")
# Members that would change the meaning of an object (RFC 7946 section 7.1).
FORBIDDEN_MEMBERS = {
    "FeatureCollection": ("geometry", "properties", "coordinates", "geometries"),
    "Feature": ("features", "coordinates", "geometries"),
    "geometry": ("features", "geometry", "properties"),
}
# What ``coordinates`` holds at each nesting depth (0 = a position).
_LEVEL_NAMES = {
    1: "a list of positions",
    2: "a list of lines or rings",
    3: "a list of polygons",
}
_MAX_ISSUES = 5  # per geometry: one outline out of range should not print a thousand lines


class Issue(NamedTuple):
    """One problem in a part of a document; ``field`` is a dotted path or ``None``."""

    field: str | None
    message: str
    hint: str = ""
    severity: str = "error"


def describe(value: object) -> str:
    """Short, JSON-flavoured description of a value for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return f"an array of {len(value)}"
    if isinstance(value, str):
        return repr(value[:60])
    return repr(value)


def is_number(value: object) -> bool:
    """True for JSON numbers (bool is not a number here)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def type_issue(value: object, expected: str, field: str | None) -> Issue:
    """Issue for a ``type`` member that is not ``expected``, with a case hint."""
    if isinstance(value, str) and value.lower() == expected.lower():
        return Issue(
            field, f"type {value!r} must be spelled {expected!r}", "type names are case-sensitive"
        )
    if value is None:
        return Issue(field, f"has no 'type' member; expected {expected!r}")
    return Issue(field, f"type is {describe(value)}, not {expected!r}")


def forbidden_member_issues(obj: dict, kind: str, prefix: str = "") -> list[Issue]:
    """Members that must not appear on an object of ``kind`` (RFC 7946 section 7.1)."""
    return [
        Issue(
            f"{prefix}{member}",
            f"a {kind} must not have a {member!r} member",
            "RFC 7946 section 7.1: remove it or rename it",
        )
        for member in FORBIDDEN_MEMBERS[kind]
        if member in obj
    ]


def bbox_issues(obj: dict, field: str) -> list[Issue]:
    """Problems with an optional ``bbox`` member: 4 or 6 finite numbers."""
    if "bbox" not in obj:
        return []
    bbox = obj["bbox"]
    if not isinstance(bbox, list):
        return [Issue(field, f"bbox must be an array of numbers, not {describe(bbox)}")]
    if len(bbox) not in (4, 6):
        return [Issue(field, f"bbox must hold 4 or 6 numbers, not {len(bbox)}")]
    bad = [v for v in bbox if not is_number(v) or not math.isfinite(v)]
    if bad:
        return [Issue(field, f"bbox must hold numbers only, found {describe(bad[0])}")]
    return []


def feature_structure_issues(feature: dict) -> list[Issue]:
    """RFC 7946 members of a Feature object, apart from its geometry."""
    issues = []
    if feature.get("type") != "Feature":
        issues.append(type_issue(feature.get("type"), "Feature", "type"))
    issues += forbidden_member_issues(feature, "Feature") + bbox_issues(feature, "bbox")
    fid = feature.get("id")
    if "id" in feature and not (isinstance(fid, str) or is_number(fid)):
        msg = f"the Feature's top-level id must be a string or number, not {describe(fid)}"
        issues.append(Issue("id", msg))
    props = feature.get("properties")
    if props is not None and not isinstance(props, dict):
        issues.append(Issue("properties", f"properties must be an object, not {describe(props)}"))
    return issues


def document_issues(obj: object) -> list[Issue]:
    """RFC 7946 structure of any GeoJSON object, without any layer's rules."""
    kind = obj.get("type") if isinstance(obj, dict) else None
    if kind in GEOMETRY_TYPES:
        return structure_issues(obj)
    if kind == "Feature":
        missing = [] if "geometry" in obj else [Issue("geometry", "Feature has no 'geometry'")]
        return feature_structure_issues(obj) + missing + structure_issues(obj.get("geometry"))
    if kind != "FeatureCollection":
        return [Issue("type", f"{describe(kind)} is not a GeoJSON object type")]
    issues = forbidden_member_issues(obj, "FeatureCollection") + bbox_issues(obj, "bbox")
    features = obj.get("features")
    if not isinstance(features, list):
        return [*issues, Issue("features", f"features must be an array, not {describe(features)}")]
    for i, feature in enumerate(features):
        if not isinstance(feature, dict):
            found = [Issue(None, f"{describe(feature)} is not a Feature object")]
        elif feature.get("type") != "Feature":
            found = [type_issue(feature.get("type"), "Feature", "type")]
        else:
            found = document_issues(feature)
        for issue in found:
            where = f"features[{i}]" + (f".{issue.field}" if issue.field else "")
            issues.append(issue._replace(field=where))
    return issues


def structure_issues(geom: object, field: str = "geometry") -> list[Issue]:
    """RFC 7946 structure of one geometry object (``None`` is a valid null geometry)."""
    if geom is None:
        return []
    if not isinstance(geom, dict):
        return [Issue(field, f"geometry must be an object or null, not {describe(geom)}")]
    gtype = geom.get("type")
    if gtype not in GEOMETRY_TYPES:
        return [_unknown_geometry_type(gtype, field)]
    issues = forbidden_member_issues(geom, "geometry", f"{field}.")
    issues += bbox_issues(geom, f"{field}.bbox")
    if gtype == "GeometryCollection":
        return issues + _collection_issues(geom, field)
    if "coordinates" not in geom:
        return [*issues, Issue(field, f"{gtype} has no 'coordinates' member")]
    coords = geom["coordinates"]
    if coords == []:
        return issues  # an empty geometry; the layer decides whether it may be empty
    return issues + _coords_issues(coords, POSITION_DEPTH[gtype], gtype, f"{field}.coordinates")


def _unknown_geometry_type(gtype: object, field: str) -> Issue:
    hint = "one of " + ", ".join(GEOMETRY_TYPES)
    if isinstance(gtype, str):
        close = [t for t in GEOMETRY_TYPES if t.lower() == gtype.lower()]
        if close:
            hint = f"write {close[0]!r}: type names are case-sensitive"
    return Issue(f"{field}.type", f"{describe(gtype)} is not a geometry type", hint)


def _collection_issues(geom: dict, field: str) -> list[Issue]:
    members = geom.get("geometries")
    if not isinstance(members, list):
        return [Issue(f"{field}.geometries", f"must be an array, not {describe(members)}")]
    issues = []
    for i, member in enumerate(members):
        if not isinstance(member, dict):
            issues.append(
                Issue(f"{field}.geometries[{i}]", f"{describe(member)} is not a geometry")
            )
        else:
            issues += structure_issues(member, f"{field}.geometries[{i}]")
    return issues


def _coords_issues(coords: object, depth: int, gtype: str, path: str) -> list[Issue]:
    if depth == 0:
        return _position_issues(coords, path)
    if isinstance(coords, list) and coords and all(is_number(c) for c in coords):
        # the usual mistake: one nesting level short
        got = f"a position {coords}" if len(coords) in (2, 3) else f"numbers {coords[:4]}"
        return [
            Issue(path, f"expected {_LEVEL_NAMES[depth]}, got {got}", f"a {gtype} nests deeper")
        ]
    if not isinstance(coords, list):
        return [Issue(path, f"expected {_LEVEL_NAMES[depth]}, got {describe(coords)}")]
    for i, part in enumerate(coords):
        issues = _coords_issues(part, depth - 1, gtype, f"{path}[{i}]")
        if issues:  # report the first malformed part; the rest is usually malformed alike
            return issues
    return _part_issues(coords, gtype, path) if depth == 1 else []


def _position_issues(position: object, path: str) -> list[Issue]:
    if not isinstance(position, list):
        return [Issue(path, f"expected a position [lon, lat], got {describe(position)}")]
    if not 2 <= len(position) <= 3:
        return [
            Issue(
                path,
                f"a position has 2 or 3 numbers [lon, lat(, height)], this one has {len(position)}",
            )
        ]
    for i, value in enumerate(position):
        if not is_number(value):
            return [Issue(f"{path}[{i}]", f"{describe(value)} is not a number")]
        if not math.isfinite(value):
            return [Issue(f"{path}[{i}]", f"{value} is not a finite number", "JSON has no NaN")]
    return []


def _part_issues(positions: list, gtype: str, path: str) -> list[Issue]:
    if gtype in ("LineString", "MultiLineString") and len(positions) < 2:
        return [Issue(path, f"a line needs 2 or more positions, this one has {len(positions)}")]
    if gtype not in ("Polygon", "MultiPolygon"):
        return []
    issues = []
    if len(positions) < 4:
        msg = f"a ring needs 4 or more positions (first = last), this one has {len(positions)}"
        issues.append(Issue(path, msg))
    if positions and positions[0] != positions[-1]:
        msg = f"ring is not closed: first position {positions[0]} differs from last {positions[-1]}"
        issues.append(Issue(path, msg, "repeat the first position at the end"))
    return issues


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
    # the region box may run past 180 (into the western Pacific)
    in_lon = ((lon_min <= lon) & (lon <= lon_max)) | (
        (lon_min <= lon + 360) & (lon + 360 <= lon_max)
    )
    return in_lon & (lat_min <= lat) & (lat <= lat_max)


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
