"""Validate GeoJSON against the dataset schemas in ``layers.catalogue.schema``: once, at the edge.

Every problem names the file, the feature (index and id) and the field; one bad
feature never hides another. Property rules live in ``layers.catalogue.properties``,
geometry rules in ``layers.catalogue.geojson_checks``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from layers.catalogue import schema
from layers.catalogue.geojson_checks import (
    GEOMETRY_TYPES,
    Issue,
    bbox_issues,
    describe,
    feature_structure_issues,
    forbidden_member_issues,
    type_issue,
)
from layers.catalogue.geometry_checks import check_geometry, crs_transform
from layers.catalogue.problems import Problem, stopped_problem
from layers.catalogue.properties import property_issues

_BOM = b"\xef\xbb\xbf"


def kind_from_filename(name: str) -> str | None:
    """Dataset key named by a file name (``my-events.geojson`` → ``events``), else ``None``."""
    stem = Path(str(name)).name.lower().split(".")[0]
    words = set(re.split(r"[^a-z0-9]+", stem))
    found = {key for key in schema.SCHEMAS if key in words or key.rstrip("s") in words}
    return found.pop() if len(found) == 1 else None


def validate_file(path, *, kind: str | None = None, base_ids=None) -> list[Problem]:
    """Every problem in the file at ``path`` (kind from the file name unless given)."""
    return read_and_validate(path, kind=kind, base_ids=base_ids)[1]


def read_and_validate(
    path, *, kind: str | None = None, base_ids=None
) -> tuple[dict, list[Problem]]:
    """``validate_bytes`` on a file, refusing an oversized file before reading it."""
    path = Path(path)
    kind = kind or kind_from_filename(path.name)
    if kind is None:
        keys = "/".join(schema.SCHEMAS)
        msg = f"cannot tell which dataset this is; name it {keys}.geojson or give the kind"
        return _empty(), [Problem(str(path), None, None, None, msg)]
    size = path.stat().st_size
    if size > schema.MAX_FILE_BYTES:
        return _empty(), [_too_big(str(path), size)]
    return validate_bytes(path.read_bytes(), name=str(path), kind=kind, base_ids=base_ids)


def _empty() -> dict:
    return {"type": "FeatureCollection", "features": []}


def _too_big(name: str, size: int) -> Problem:
    limit = schema.MAX_FILE_BYTES
    msg = f"file is {size:,} bytes; the limit is {limit:,} bytes ({limit / 2**20:g} MiB)"
    return Problem(name, None, None, None, msg, "split it, or use the Parquet/CSV import")


def ids_in_file(path) -> frozenset[str]:
    """Every string ``properties.id`` in a GeoJSON file, valid feature or not.

    Used as the set of base ids: a base with a bad field is reported once, in the
    bases file, not again by every event that stages from it.
    """
    try:
        data = json.loads(Path(path).read_bytes().removeprefix(_BOM))
        features = data["features"]
    except (OSError, ValueError, KeyError, TypeError):
        return frozenset()
    ids = (feature_id(f) for f in features) if isinstance(features, list) else ()
    return frozenset(i for i in ids if i is not None)


def validate_bytes(
    data: bytes, *, name: str, kind: str, base_ids: frozenset[str] | None = None
) -> tuple[dict, list[Problem]]:
    """Decode, parse and validate a GeoJSON file's bytes; never raises for bad content.

    Returns the FeatureCollection of valid, normalised features and every problem.
    """
    if len(data) > schema.MAX_FILE_BYTES:
        return _empty(), [_too_big(name, len(data))]
    problems = []
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
        problems.append(
            Problem(name, None, None, None, "UTF-8 byte-order mark ignored", severity="warning")
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(_BOM) if problems else 0)
        msg = f"bytes are not UTF-8: byte 0x{data[exc.start]:02x} at offset {offset}"
        return _empty(), [*problems, Problem(name, None, None, None, msg, "save the file as UTF-8")]
    duplicates: list[str] = []
    try:
        obj = json.loads(text, object_pairs_hook=_pairs_hook(duplicates))
    except json.JSONDecodeError as exc:
        msg = f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        return _empty(), [*problems, Problem(name, None, None, None, msg)]
    except RecursionError:
        msg = "JSON nested too deeply to be GeoJSON"
        return _empty(), [*problems, Problem(name, None, None, None, msg)]
    except ValueError as exc:  # e.g. an integer of thousands of digits
        msg = f"JSON that cannot be read: {str(exc)[:120]}"
        return _empty(), [*problems, Problem(name, None, None, None, msg)]
    for key in sorted(set(duplicates)):
        msg = f"duplicate key {key!r} in one JSON object (readers disagree on which value wins)"
        problems.append(Problem(name, None, None, None, msg))
    fc, found = validate_feature_collection(obj, name=name, kind=kind, base_ids=base_ids)
    return fc, problems + found


def _pairs_hook(duplicates: list[str]):
    def build(pairs: list[tuple[str, object]]) -> dict:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            duplicates.extend(k for k, _ in pairs if k in seen or seen.add(k))
        return obj

    return build


def validate_feature_collection(
    fc: object, *, name: str, kind: str, base_ids=None
) -> tuple[dict, list[Problem]]:
    """Validate an already-parsed object as a FeatureCollection of dataset ``kind``."""
    if kind not in schema.SCHEMAS:  # a caller's mistake, not bad content
        raise ValueError(f"unknown dataset {kind!r}; one of {', '.join(schema.SCHEMAS)}")
    dataset = schema.SCHEMAS[kind]

    def file_problem(issue: Issue) -> Problem:
        return Problem(name, None, None, issue.field, issue.message, issue.hint, issue.severity)

    top = _top_level_issues(fc)
    if not _features_readable(fc):
        return _empty(), [file_problem(i) for i in top]
    transform, crs_found = crs_transform(fc.get("crs"))
    problems = [file_problem(i) for i in top + crs_found]
    if any(i.severity == "error" for i in crs_found):
        return _empty(), problems
    valid, first_index = [], {}
    for index, feature in enumerate(fc["features"]):
        if len(problems) >= schema.MAX_PROBLEMS:
            return _empty(), [*problems, stopped_problem(name, problems, index, "feature")]
        clean, issues = check_feature(feature, dataset, transform, base_ids)
        fid = feature_id(feature)
        if fid is not None:
            if fid in first_index:
                msg = f"duplicate id {fid!r} (first used by feature {first_index[fid]})"
                issues.append(Issue("id", msg, "ids must be unique within a file"))
            first_index.setdefault(fid, index)
        problems += [Problem(name, index, fid, *issue) for issue in issues]
        if clean is not None and not any(i.severity == "error" for i in issues):
            valid.append(clean)
    return {"type": "FeatureCollection", "features": valid}, problems


def _top_level_issues(fc: object) -> list[Issue]:
    if not isinstance(fc, dict):
        return [Issue(None, f"top level is {describe(fc)}, not a FeatureCollection object")]
    if fc.get("type") in ("Feature", *GEOMETRY_TYPES):
        msg = f"top level is a {fc['type']}, not a FeatureCollection"
        return [Issue("type", msg, 'wrap it: {"type": "FeatureCollection", "features": [...]}')]
    if fc.get("type") != "FeatureCollection":
        return [type_issue(fc.get("type"), "FeatureCollection", "type")]
    issues = forbidden_member_issues(fc, "FeatureCollection") + bbox_issues(fc, "bbox")
    features = fc.get("features")
    if "features" not in fc:
        issues.append(Issue("features", "FeatureCollection has no 'features' member"))
    elif not isinstance(features, list):
        issues.append(Issue("features", f"features must be an array, not {describe(features)}"))
    elif len(features) > schema.MAX_FEATURES:
        msg = f"{len(features):,} features; the limit is {schema.MAX_FEATURES:,} per file"
        issues.append(Issue("features", msg, "use the Parquet/CSV import for large data"))
    return issues


def _features_readable(fc: object) -> bool:
    """False when the file-level faults leave no features to check one by one."""
    return (
        isinstance(fc, dict)
        and fc.get("type") == "FeatureCollection"
        and isinstance(fc.get("features"), list)
        and len(fc["features"]) <= schema.MAX_FEATURES
    )


def feature_id(feature: object) -> str | None:
    """The feature's id for messages: ``properties.id``, else the top-level ``id``."""
    if not isinstance(feature, dict):
        return None
    props = feature.get("properties")
    if isinstance(props, dict) and isinstance(props.get("id"), str):
        return props["id"]
    top = feature.get("id")
    return str(top) if isinstance(top, str | int) and not isinstance(top, bool) else None


def check_feature(feature: object, dataset, transform, base_ids) -> tuple[dict | None, list[Issue]]:
    """Issues of one feature, and the normalised feature (``None`` when unusable)."""
    if not isinstance(feature, dict):
        return None, [Issue(None, f"feature is {describe(feature)}, not a Feature object")]
    issues = feature_structure_issues(feature)
    geometry, geo_issues = check_geometry(
        feature.get("geometry"), dataset.geometry_types, dataset.region_bbox, transform
    )
    issues += geo_issues
    props = feature.get("properties")
    if isinstance(props, dict) and props:
        issues += property_issues(props, dataset, base_ids)
    elif props is None or props == {}:  # any other non-object is reported above
        required = ", ".join(f.name for f in dataset.all_fields if f.required)
        issues.append(Issue("properties", f"no properties; required: {required}"))
    props = props if isinstance(props, dict) else {}
    clean = {"type": "Feature", "geometry": geometry, "properties": dict(props)}
    if "id" in feature:
        clean["id"] = feature["id"]
    return (clean if geometry is not None else None), issues
