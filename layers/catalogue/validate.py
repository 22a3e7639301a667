"""Validate GeoJSON against the dataset schemas in ``layers.catalogue.schema``: once, at the edge.

Every problem names the file, the feature (index and id) and the field; one bad
feature never hides another. Geometry rules live in ``layers.catalogue.geojson_checks``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from layers.catalogue import schema
from layers.catalogue.geojson_checks import (
    GEOMETRY_TYPES,
    Issue,
    bbox_issues,
    check_geometry,
    crs_transform,
    describe,
    feature_structure_issues,
    forbidden_member_issues,
    is_number,
    type_issue,
)

DATE_HINT = "use YYYY-MM-DD or YYYY-MM-DDTHH:MM+09:00"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})")
_NAIVE_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")
_COUNTRY = re.compile(r"[A-Z]{3}")
_ID = re.compile(schema.ID_PATTERN)
_REPO_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*(#[A-Za-z0-9_.:-]*)?")
_BOM = b"\xef\xbb\xbf"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 and DEL, but tab, LF, CR


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as possible."""

    file: str
    index: int | None
    feature_id: str | None
    field: str | None
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        parts = [self.file]
        if self.index is not None:
            ident = f" (id {self.feature_id!r})" if self.feature_id else ""
            parts.append(f"feature {self.index}{ident}")
        if self.field:
            parts.append(f"field {self.field!r}")
        text = ": ".join([*parts, self.message])
        if self.hint:
            text += f" — {self.hint}"
        return f"warning: {text}" if self.severity == "warning" else text


class GeoDataError(ValueError):
    """Input rejected; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def stopped_problem(name: str, problems: list[Problem], checked: int, unit: str) -> Problem:
    """The last problem of a file checked only up to ``schema.MAX_PROBLEMS``: counts by field.

    An error at file level, so nothing from a file checked only in part is saved.
    """
    counts = Counter((p.field or "file").split(".")[0].split("[")[0] for p in problems)
    by_field = ", ".join(f"{field} {n:,}" for field, n in counts.most_common(8))
    msg = (
        f"checking stopped after {len(problems):,} problems in the first {checked:,} {unit}s "
        f"(problems by field: {by_field}); nothing from this file is saved"
    )
    return Problem(name, None, None, None, msg, "fix these problems, then check the file again")


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that reject their feature or file."""
    return [p for p in problems if p.severity == "error"]


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


def property_issues(props: dict, dataset, base_ids=None) -> list[Issue]:
    """Every schema problem in one feature's properties (unknown properties are kept)."""
    issues = field_issues(props, dataset.all_fields, "", base_ids)
    known = {f.name for f in dataset.all_fields}
    for key, value in props.items():
        if key not in known and isinstance(value, str):
            issues += _length_issues(value, key)
    if "start" in dataset.date_fields and "end" in dataset.date_fields:
        issues += _order_issues(props.get("start"), props.get("end"))
    return issues


def field_issues(obj: dict, fields, prefix: str, base_ids=None) -> list[Issue]:
    """Issues of ``obj`` against ``fields``; ``prefix`` makes nested paths (``sources[0].``)."""
    issues = []
    for f in fields:
        path = prefix + f.name
        if f.name not in obj:
            if f.required:
                issues.append(Issue(path, "required field is missing"))
            continue
        value = obj[f.name]
        if value is None:
            if not f.nullable:
                issues.append(
                    Issue(path, "must not be null", "give a value or leave the field out")
                )
            continue
        issues += _CHECKS[f.kind](value, f, path, base_ids)
    return issues


def _text_issues(value, f, path, base_ids=None) -> list[Issue]:
    if not isinstance(value, str):
        return [Issue(path, f"must be a string, not {describe(value)}")]
    if not value.strip():
        return [Issue(path, "is empty")]
    return _length_issues(value, path)


def _length_issues(value: str, path: str) -> list[Issue]:
    if len(value) > schema.MAX_TEXT_CHARS:
        msg = f"text is {len(value):,} characters; the limit is {schema.MAX_TEXT_CHARS:,}"
        return [Issue(path, msg)]
    control = _CONTROL.search(value)
    if control:
        code = f"\\x{ord(control.group()):02x}"
        msg = f"contains the control character {code} at position {control.start() + 1}"
        hint = "remove it: NUL and other control characters are not text (tabs, line breaks are)"
        return [Issue(path, msg, hint)]
    return []


def _id_issues(value, f, path, base_ids=None) -> list[Issue]:
    issues = _text_issues(value, f, path)
    if not issues and not _ID.fullmatch(value):
        hint = "lower-case letters, digits, '_', '.' and '-', up to 80 characters"
        issues.append(Issue(path, f"{value!r} is not a valid id", hint))
    return issues


def _ref_issues(value, f, path, base_ids=None) -> list[Issue]:
    issues = _id_issues(value, f, path)
    if not issues and base_ids is not None and value not in base_ids:
        msg = f"{value!r} is not the id of any feature in {f.ref}"
        issues.append(Issue(path, msg, f"add it to {f.ref}.geojson or correct the id"))
    return issues


def _enum_issues(value, f, path, base_ids=None) -> list[Issue]:
    if isinstance(value, str) and value in f.choices:
        return []
    return [
        Issue(path, f"{describe(value)} is not a known {f.name}", "one of: " + ", ".join(f.choices))
    ]


def _country_issues(value, f, path, base_ids=None) -> list[Issue]:
    if isinstance(value, str) and _COUNTRY.fullmatch(value):
        return []
    msg = f"{describe(value)} is not an ISO 3166-1 alpha-3 country code"
    return [Issue(path, msg, "e.g. JPN, USA, CHN")]


def parse_date(value: object) -> date | datetime | None:
    """A date or offset-aware date-time per the policy in ``catalogue.schema``, else ``None``."""
    try:
        if isinstance(value, str) and _DATE.fullmatch(value):
            return date.fromisoformat(value)
        if isinstance(value, str) and _DATETIME.fullmatch(value):
            return datetime.fromisoformat(value)
    except ValueError:
        return None
    return None


def _date_issues(value, f, path, base_ids=None) -> list[Issue]:
    if not isinstance(value, str):
        return [Issue(path, f"must be a date string, not {describe(value)}", DATE_HINT)]
    if parse_date(value) is not None:
        return []
    if _NAIVE_DATETIME.fullmatch(value):
        return [Issue(path, f"{value!r} has a time but no UTC offset", "add one, e.g. +09:00")]
    return [Issue(path, f"{value!r} is not a date", DATE_HINT)]


def _order_issues(start: object, end: object) -> list[Issue]:
    first, last = parse_date(start), parse_date(end)
    if first is None or last is None:
        return []
    if not (isinstance(first, datetime) and isinstance(last, datetime)):
        first, last = _day(first), _day(last)  # compare calendar days in their own offsets
    if last >= first:
        return []
    return [Issue("end", f"end {end!r} is before start {start!r}", "swap them or fix the date")]


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _list_issues(item_check):
    def check(value, f, path, base_ids=None) -> list[Issue]:
        if not isinstance(value, list):
            return [Issue(path, f"must be a list, not {describe(value)}")]
        issues = []
        for i, item in enumerate(value):
            issues += item_check(item, f, f"{path}[{i}]", base_ids)
        return issues

    return check


def _object_issues(fields, extra_check):
    def check(item, f, path, base_ids=None) -> list[Issue]:
        if not isinstance(item, dict):
            return [Issue(path, f"must be an object, not {describe(item)}")]
        return field_issues(item, fields, path + ".", base_ids) + extra_check(item, path)

    return check


def _url_issues(source: dict, path: str) -> list[Issue]:
    url = source.get("url")
    if not isinstance(url, str) or not url.strip():
        return []  # reported by the field check
    hint = "use an http(s) URL or a repository path such as docs/research/FACTS.md#anchor"
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return [] if parts.netloc else [Issue(f"{path}.url", f"{url!r} has no host", hint)]
    if parts.scheme:
        return [Issue(f"{path}.url", f"url scheme {parts.scheme!r} is not allowed", hint)]
    if _REPO_PATH.fullmatch(url) and ".." not in url.split("/"):
        return []
    return [Issue(f"{path}.url", f"{url!r} is neither an http(s) URL nor a repository path", hint)]


def _count_issues(item: dict, path: str) -> list[Issue]:
    count = item.get("count")
    if not is_number(count) or (isinstance(count, int) and count >= 1):
        return []  # null is allowed; a non-number is reported by the field check
    msg = f"count must be a whole number of 1 or more, not {describe(count)}"
    return [Issue(f"{path}.count", msg, "use null when no source gives a number")]


def _sources_issues(value, f, path, base_ids=None) -> list[Issue]:
    if isinstance(value, list) and not value:
        return [Issue(path, "needs at least one source", "give {title, publisher, url}")]
    return _list_issues(_object_issues(schema.SOURCE_FIELDS, _url_issues))(value, f, path)


def _bool_issues(value, f, path, base_ids=None) -> list[Issue]:
    return (
        []
        if isinstance(value, bool)
        else [Issue(path, f"must be true or false, not {describe(value)}")]
    )


def _number_issues(value, f, path, base_ids=None) -> list[Issue]:
    if is_number(value) and value == value and abs(value) != float("inf"):
        return []
    return [Issue(path, f"must be a finite number, not {describe(value)}")]


_CHECKS = {
    "str": _text_issues,
    "text": _text_issues,
    "id": _id_issues,
    "ref": _ref_issues,
    "enum": _enum_issues,
    "country": _country_issues,
    "date": _date_issues,
    "list[str]": _list_issues(_text_issues),
    "list[country]": _list_issues(_country_issues),
    "sources": _sources_issues,
    "aircraft": _list_issues(_object_issues(schema.AIRCRAFT_FIELDS, _count_issues)),
    "bool": _bool_issues,
    "number": _number_issues,
}
