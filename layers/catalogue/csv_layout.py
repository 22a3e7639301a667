"""The CSV layout of events, and how each cell becomes a GeoJSON value.

The CSV format (documented in the README; template: ``docs/templates/events_template.csv``):

- UTF-8 (a byte-order mark is fine), comma-separated, first line is the header.
- Columns carry the GeoJSON property names (``id``, ``name``, ``start`` …).
- List columns (``aliases``, ``participants``, ``units``) separate items with ``|``.
- ``aircraft``: ``type:count:operator`` items joined by ``|``, e.g.
  ``B-52H:2:USAF|F-15J:3:JASDF``; leave the count empty when no source gives one
  (``F-2::JASDF``).
- ``ships``: ``name:type:count:operator`` items joined by ``|``, e.g.
  ``Liaoning:aircraft carrier:1:PLAN|:Type 055 destroyer:2:PLAN`` (an empty name when the
  source gives only the class, an empty count when it gives no number).
- Sources: ``source_title``, ``source_publisher``, ``source_url`` (required),
  ``source_published``, ``source_retrieved`` (optional). Several sources: ``|``-separated
  items in each column, matched by position.
- Geometry: decimal ``latitude`` and ``longitude`` (a point), or ``wkt`` in
  longitude-latitude order (``LINESTRING (130.1 33.2, 131 34)``).
- Dates: ISO 8601 (see ``layers.catalogue.schema``).

Cells written the way spreadsheets write them (Excel serial dates, day/month dates,
degrees-minutes, decimal commas, swapped latitude and longitude) are reported with a
hint through ``report(field, message, hint)``; ``layers.catalogue.csv_import`` reads
the file and collects what is reported.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, timedelta

import shapely.wkt
from shapely.errors import ShapelyError
from shapely.geometry import mapping

from layers.catalogue.schema import EVENTS

Report = Callable[..., None]  # report(field, message, hint="")

LIST_SEP = "|"


AIRCRAFT_SEP = ":"


TEMPLATE = "docs/templates/events_template.csv"


SOURCE_COLUMNS = (
    "source_title",
    "source_publisher",
    "source_url",
    "source_published",
    "source_retrieved",
)


REQUIRED_SOURCE_COLUMNS = SOURCE_COLUMNS[:3]


GEOMETRY_COLUMNS = ("latitude", "longitude", "wkt")


DATE_COLUMNS = ("start", "end", "source_published", "source_retrieved")


_FIELDS = {f.name: f for f in EVENTS.all_fields}


PROPERTY_COLUMNS = tuple(name for name in _FIELDS if name != "sources")


KNOWN_COLUMNS = PROPERTY_COLUMNS + SOURCE_COLUMNS + GEOMETRY_COLUMNS


REQUIRED_COLUMNS = (
    tuple(f.name for f in EVENTS.all_fields if f.required and f.name != "sources")
    + REQUIRED_SOURCE_COLUMNS
)


_EXCEL_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")


_SLASH_DATE = re.compile(r"^(\d{1,4})[/.](\d{1,2})[/.](\d{1,4})$")


_DMS_MARK = re.compile(r"[°º'′\"″]|^\s*[NSEW]\b|\b[NSEW]\s*$", re.IGNORECASE)


_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (it counts 1900 as a leap year)


def properties_of_row(row: dict, report: Report) -> dict:
    """The GeoJSON properties of one row (lists split, dates checked, sources gathered)."""
    props: dict = {}
    for column in PROPERTY_COLUMNS:
        value = row.get(column, "")
        kind = _FIELDS[column].kind
        if kind == "aircraft":
            props[column] = _aircraft(value, report)
        elif kind == "ships":
            if value:
                props[column] = _ships(value, report)
        elif kind.startswith("list["):
            if value or _FIELDS[column].required:
                props[column] = [v.strip() for v in value.split(LIST_SEP) if v.strip()]
        elif value:
            props[column] = _date(value, column, report) if column in DATE_COLUMNS else value
    props["sources"] = _sources(row, report)
    return props


def _aircraft(value: str, report: Report) -> list[dict]:
    items = []
    for item in filter(None, (v.strip() for v in value.split(LIST_SEP))):
        parts = [p.strip() for p in item.split(AIRCRAFT_SEP)]
        count = parts[1] if len(parts) == 3 else "x"
        if len(parts) != 3 or not (count == "" or count.isdigit()):
            report(
                "aircraft",
                f"aircraft item '{item}' is not type:count:operator",
                "e.g. B-52H:2:USAF, or F-2::JASDF when no source gives a count",
            )
            continue
        items.append(
            {"type": parts[0], "count": int(count) if count else None, "operator": parts[2]}
        )
    return items


def _ships(value: str, report: Report) -> list[dict]:
    items = []
    for item in filter(None, (v.strip() for v in value.split(LIST_SEP))):
        parts = [p.strip() for p in item.split(AIRCRAFT_SEP)]
        count = parts[2] if len(parts) == 4 else "x"
        if len(parts) != 4 or not (count == "" or count.isdigit()):
            report(
                "ships",
                f"ship item '{item}' is not name:type:count:operator",
                "e.g. Liaoning:aircraft carrier:1:PLAN, or :Type 055 destroyer::PLAN",
            )
            continue
        name, kind, _, operator = parts
        items.append(
            {
                "name": name or None,
                "type": kind,
                "count": int(count) if count else None,
                "operator": operator,
            }
        )
    return items


def _sources(row: dict, report: Report) -> list[dict]:
    split = {c: [v.strip() for v in row.get(c, "").split(LIST_SEP)] for c in SOURCE_COLUMNS}
    count = len(split["source_title"]) if row.get("source_title") else 0
    sources = [{} for _ in range(count)]
    for column, values in split.items():
        key = column.removeprefix("source_")
        if not row.get(column):
            continue
        if len(values) != count:
            report(
                "sources",
                f"{column} has {len(values)} item(s) but source_title has {count}",
                f"give one '{LIST_SEP}'-separated item per source, in the same order",
            )
            continue
        for source, value in zip(sources, values, strict=True):
            if value:
                source[key] = _date(value, column, report) if column in DATE_COLUMNS else value
    return sources


def _date(value: str, column: str, report: Report) -> str:
    """Flag dates written the way spreadsheets write them; ISO text passes through."""
    field = "sources" if column.startswith("source_") else column
    if _EXCEL_SERIAL.match(value) and 20_000 <= float(value) <= 80_000:
        iso = (_EXCEL_EPOCH + timedelta(days=int(float(value)))).isoformat()
        report(
            field,
            f"{column} '{value}' looks like an Excel serial date number (probably {iso})",
            f"write dates as ISO 8601 text, e.g. {iso}; format the column as Text in Excel",
        )
    elif match := _SLASH_DATE.match(value):
        report(
            field,
            f"{column} '{value}' is not an ISO 8601 date",
            f"write YYYY-MM-DD{_guess_slash_date(*match.groups())}",
        )
    return value


def _guess_slash_date(a: str, b: str, c: str) -> str:
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4 and (int(a) > 12) != (int(b) > 12):
        day, month = (int(a), int(b)) if int(a) > 12 else (int(b), int(a))
        year = int(c)
    else:
        return " (day and month order is ambiguous here)"
    try:
        return f", e.g. {date(year, month, day).isoformat()}"
    except ValueError:
        return ""


def geometry_of_row(row: dict, report: Report) -> dict | None:
    """The GeoJSON geometry of one row (a point, or WKT), ``None`` when it is unusable."""
    lat, lon, wkt = (row.get(c, "") for c in GEOMETRY_COLUMNS)
    if wkt and (lat or lon):
        report("geometry", "both wkt and latitude/longitude are given", "keep only one of them")
        return None
    if wkt:
        try:
            shape = shapely.wkt.loads(wkt)
        except (ShapelyError, ValueError) as exc:
            report(
                "geometry",
                f"wkt '{wkt[:60]}' is not valid WKT ({exc})",
                "e.g. POINT (132.5 35.1): longitude first, then latitude",
            )
            return None
        return _as_lists(mapping(shape))
    latitude = _coordinate(lat, "latitude", report)
    longitude = _coordinate(lon, "longitude", report)
    if latitude is None or longitude is None:
        return None
    if abs(latitude) > 90:
        swapped = abs(longitude) <= 90
        report(
            "geometry",
            f"latitude {latitude} is out of range (-90 to 90)"
            + ("; latitude and longitude look swapped" if swapped else ""),
            "put the north-south value in latitude and east-west in longitude",
        )
        return None
    return {"type": "Point", "coordinates": [longitude, latitude]}


def _coordinate(text: str, column: str, report: Report) -> float | None:
    if not text:
        report("geometry", f"{column} is empty", "give decimal latitude and longitude, or wkt")
        return None
    try:
        value = float(text)
    except ValueError:
        report("geometry", f"{column} '{text}' is not a decimal number", _coordinate_hint(text))
        return None
    if not math.isfinite(value):
        report("geometry", f"{column} '{text}' is not a finite number", "give decimal degrees")
        return None
    return value


def _coordinate_hint(text: str) -> str:
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]
    if _DMS_MARK.search(text) and 1 <= len(numbers) <= 3:
        value = sum(n / 60**i for i, n in enumerate(numbers))
        negative = text.strip().startswith("-") or re.search(r"[SW]", text, re.IGNORECASE)
        return (
            f"it looks like degrees-minutes; use decimal degrees, e.g. "
            f"{-value if negative else value:.6g} (south and west are negative)"
        )
    if re.fullmatch(r"-?\d+,\d+", text):
        return f"use a dot as the decimal separator: {text.replace(',', '.')}"
    return "give decimal degrees, e.g. 35.1"


def _as_lists(value):
    """``mapping()`` gives tuples; GeoJSON (and the validator) expect lists."""
    if isinstance(value, tuple | list):
        return [_as_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_lists(v) for k, v in value.items()}
    return value
