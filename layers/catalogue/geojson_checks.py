"""GeoJSON (RFC 7946) structure checks, used by ``layers.catalogue.validate``.

Each check returns ``Issue`` rows (field, message, hint, severity); the validator
adds the file and feature. A layer's own geometry rules (allowed types, ranges,
winding, CRS) are in ``layers.catalogue.geometry_checks``. Choices where RFC 7946
only gives advice:

* 3-D positions are structurally fine; positions of four or more values are refused
  (the meaning of the extra values is unspecified);
* nested or single-member GeometryCollections are fine here (advice only), but
  no layer of ours takes a GeometryCollection;
* a position given where a list was expected is reported once per geometry, at the
  first malformed part: a malformed outline is usually malformed throughout.
"""

from __future__ import annotations

import math
from typing import NamedTuple

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
