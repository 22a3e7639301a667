"""The schema's rules for a feature's properties, one check per field kind.

``property_issues`` checks one feature's properties against its dataset's fields
(``layers.catalogue.schema``): text (length, control characters), ids and references,
enums, countries, dates (the date policy of the schema), lists, sources (with their
URLs), aircraft (with their counts), booleans and numbers. Each returns ``Issue`` rows;
the validator adds the file and the feature.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit

from layers.catalogue import schema
from layers.catalogue.geojson_checks import Issue, describe, is_number

DATE_HINT = "use YYYY-MM-DD or YYYY-MM-DDTHH:MM+09:00"


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})")


_NAIVE_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


_COUNTRY = re.compile(r"[A-Z]{3}")


_ID = re.compile(schema.ID_PATTERN)


_REPO_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*(#[A-Za-z0-9_.:-]*)?")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 and DEL, but tab, LF, CR


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
                issues.append(_null_issue(f, path))
            continue
        issues += _CHECKS[f.kind](value, f, path, base_ids)
    return issues


def _null_issue(f, path: str) -> Issue:
    """An empty value where one is needed: a required field must be given, not left out."""
    if not f.required:
        return Issue(path, "must not be null", "give a value or leave the field out")
    if f.kind == "enum":
        return Issue(path, "is required and empty", "choose one of: " + ", ".join(f.choices))
    return Issue(path, "is required and empty", "give a value")


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
    "ships": _list_issues(_object_issues(schema.SHIP_FIELDS, _count_issues)),
    "bool": _bool_issues,
    "number": _number_issues,
}
