"""CSV of events → GeoJSON FeatureCollection, then the one validator.

The CSV format (documented in the README; template: ``docs/templates/events_template.csv``):

- UTF-8 (a byte-order mark is fine), comma-separated, first line is the header.
- Columns carry the GeoJSON property names (``id``, ``name``, ``start`` …).
- List columns (``aliases``, ``participants``, ``units``) separate items with ``|``.
- ``aircraft``: ``type:count:operator`` items joined by ``|``, e.g.
  ``B-52H:2:USAF|F-15J:3:JASDF``; leave the count empty when no source gives one
  (``F-2::JASDF``).
- Sources: ``source_title``, ``source_publisher``, ``source_url`` (required),
  ``source_published``, ``source_retrieved`` (optional). Several sources: ``|``-separated
  items in each column, matched by position.
- Geometry: decimal ``latitude`` and ``longitude`` (a point), or ``wkt`` in
  longitude-latitude order (``LINESTRING (130.1 33.2, 131 34)``).
- Dates: ISO 8601 (see ``layers.catalogue.schema``).

Line numbers in messages are 1-based lines of the file where the row starts (the header is
line 1), so a quoted value spanning several lines does not shift them.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

import shapely.wkt
from shapely.errors import ShapelyError
from shapely.geometry import mapping

from layers.catalogue import schema
from layers.catalogue.schema import EVENTS
from layers.catalogue.validate import Problem, stopped_problem, validate_feature_collection

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


def parse_events_csv(
    data: bytes, *, name: str, base_ids: frozenset[str] | None = None
) -> tuple[dict, list[Problem]]:
    """Validate a CSV of events; return (FeatureCollection of valid features, problems).

    Never raises for bad content: every fault is a ``Problem`` naming the CSV line
    and column. Rows with any error are left out of the returned collection.
    """
    rows, problems = read_rows(data, name=name)
    if rows is None:
        return _empty(), problems
    features, lines, row_problems = rows_to_features(rows, name=name)
    if rows.fatal or rows.count == 0:  # the file as a whole cannot be used
        return _empty(), problems + rows.problems
    problems += row_problems
    if len(row_problems) >= schema.MAX_PROBLEMS:  # stopped: nothing of the file is saved
        stopped = stopped_problem(name, row_problems, len(features), "row")
        return _empty(), [*(_at_line(p, lines) for p in problems), stopped]
    valid, checked = validate_feature_collection(
        {"type": "FeatureCollection", "features": features},
        name=name,
        kind="events",
        base_ids=base_ids,
    )
    covered = {(p.index, _field_root(p.field)) for p in row_problems}
    problems += [
        p for p in checked if p.index is None or (p.index, _field_root(p.field)) not in covered
    ]  # a validator message on a field the CSV reader already explained is noise
    bad_ids = {features[p.index]["properties"].get("id") for p in row_problems}
    kept = [f for f in valid["features"] if f.get("properties", {}).get("id") not in bad_ids]
    problems = [_at_line(p, lines) for p in problems]
    problems.sort(key=lambda p: (p.index is not None, p.index or 0))
    return {**valid, "features": kept}, problems


def read_rows(data: bytes, *, name: str) -> tuple[_Rows | None, list[Problem]]:
    """Decode the file and read its header; the rows are read as they are used.

    Returns ``(None, problems)`` when the header already shows the file cannot be
    used; else the ``_Rows`` (iterate for ``(line number, {column: text})``; a problem
    found on the way, such as too many rows, is in its ``problems``).
    """
    text, problem = _decode(data, name)
    if problem:
        return None, [problem]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return None, [_file_problem(name, f"the header line cannot be read: {exc}")]
    if header is None or not any(h.strip() for h in header):
        return None, [
            _file_problem(name, "the file is empty", f"start from {TEMPLATE} (header + rows)")
        ]
    columns = [h.strip().lower() for h in header]
    problems = _check_header(columns, header, name)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return _Rows(reader, columns, name), problems


def rows_to_features(rows, *, name: str) -> tuple[list[dict], list[int], list[Problem]]:
    """Turn rows into GeoJSON features (one per row, in order).

    Returns the features, the line number of each, and the CSV-level problems (their
    ``index`` is the feature index; ``parse_events_csv`` rewrites it to the line).
    """
    features, lines, problems = [], [], []
    for index, (line, row) in enumerate(rows):
        if len(problems) >= schema.MAX_PROBLEMS:
            break  # the caller reports where checking stopped
        fid = (row.get("id") or "").strip() or None
        report = _Reporter(name, index, fid, problems)
        if None in row:
            report(None, row[None], "quote values that contain commas")
        features.append(
            {
                "type": "Feature",
                "geometry": _geometry(row, report),
                "properties": _properties(row, report),
            }
        )
        lines.append(line)
    return features, lines, problems


@dataclass(frozen=True)
class CsvProblem(Problem):
    """A ``Problem`` whose ``index`` is the 1-based CSV line of the row (header = line 1)."""

    def __str__(self) -> str:
        where = f"{self.file}: feature {self.index}"
        return super().__str__().replace(where, f"{self.file}: line {self.index}", 1)


class _Reporter:
    """Collects problems for one row."""

    def __init__(self, name: str, index: int, fid: str | None, sink: list[Problem]):
        self.name, self.index, self.fid, self.sink = name, index, fid, sink

    def __call__(self, field: str | None, message: str, hint: str = "") -> None:
        self.sink.append(Problem(self.name, self.index, self.fid, field, message, hint))


def _decode(data: bytes, name: str) -> tuple[str, Problem | None]:
    if len(data) > schema.MAX_FILE_BYTES:
        return "", oversize_problem(name, len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return "", _file_problem(
            name,
            f"the file is not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r})",
            "save it as 'CSV UTF-8' (in Excel: Save As → CSV UTF-8 (Comma delimited))",
        )
    if "\x00" in text:
        return "", _file_problem(name, "the file contains NUL bytes: it is not a text CSV file")
    return text, None


def oversize_problem(name: str, size: int) -> Problem:
    """The message for a file over ``MAX_FILE_BYTES`` (worded as the GeoJSON validator's)."""
    limit = schema.MAX_FILE_BYTES
    msg = f"file is {size:,} bytes; the limit is {limit:,} bytes ({limit / 2**20:g} MiB)"
    return _file_problem(name, msg, "split it into several files")


def _check_header(columns: list[str], header: list[str], name: str) -> list[Problem]:
    if len(columns) == 1:
        for sep, label in ((";", "';'"), ("\t", "tab"), ("|", "'|'")):
            if sep in header[0]:
                return [
                    _file_problem(
                        name,
                        f"the header looks {label}-separated; columns must be separated by commas",
                        "save as 'CSV UTF-8 (Comma delimited)', or replace the separator",
                    )
                ]
    problems = []
    dupes = sorted({c for c in columns if columns.count(c) > 1 and c})
    if dupes:
        problems.append(_file_problem(name, f"column(s) appear twice: {', '.join(dupes)}"))
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if not ("wkt" in columns or {"latitude", "longitude"} <= set(columns)):
        missing.append("latitude+longitude (or wkt)")
    if missing:
        problems.append(
            _file_problem(
                name,
                f"missing column(s): {', '.join(missing)}",
                f"the header (line 1) must name them; see {TEMPLATE}",
            )
        )
    for column in columns:
        if column and column not in KNOWN_COLUMNS:
            close = difflib.get_close_matches(column, KNOWN_COLUMNS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "it is ignored"
            problems.append(
                _file_problem(name, f"unknown column '{column}' is ignored", hint, "warning")
            )
    return problems


class _Rows:
    """The data rows of a CSV, read one at a time, so a broken file stops early.

    After iterating: ``count`` rows were read; ``fatal`` is true when the file as a
    whole cannot be used (unreadable, too many rows, no rows), ``problems`` says why.
    """

    def __init__(self, reader, columns: list[str], name: str):
        self._reader, self._columns, self._name = reader, columns, name
        self.count, self.fatal, self.problems = 0, False, []

    def _stop(self, message: str, hint: str = "") -> None:
        self.fatal = True
        self.problems.append(_file_problem(self._name, message, hint))

    def __iter__(self):
        reader, columns = self._reader, self._columns
        line = reader.line_num + 1
        while True:
            try:
                cells = next(reader, None)
            except csv.Error as exc:
                self._stop(f"line {line}: the CSV cannot be read: {exc}")
                return
            if cells is None:
                break
            if any(c.strip() for c in cells):
                if self.count >= schema.MAX_FEATURES:
                    limit = f"more than {schema.MAX_FEATURES:,} rows (the limit per file)"
                    self._stop(limit, "split it into several files")
                    return
                row = dict(zip(columns, (c.strip() for c in cells), strict=False))
                if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
                    row[None] = f"{len(cells)} values but the header has {len(columns)} columns"
                self.count += 1
                yield line, row
            line = reader.line_num + 1
        if self.count == 0:
            self._stop("the file has a header but no data rows", "add one row per event")


def _properties(row: dict, report: _Reporter) -> dict:
    props: dict = {}
    for column in PROPERTY_COLUMNS:
        value = row.get(column, "")
        kind = _FIELDS[column].kind
        if kind == "aircraft":
            props[column] = _aircraft(value, report)
        elif kind.startswith("list["):
            if value or _FIELDS[column].required:
                props[column] = [v.strip() for v in value.split(LIST_SEP) if v.strip()]
        elif value:
            props[column] = _date(value, column, report) if column in DATE_COLUMNS else value
    props["sources"] = _sources(row, report)
    return props


def _aircraft(value: str, report: _Reporter) -> list[dict]:
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


def _sources(row: dict, report: _Reporter) -> list[dict]:
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


def _date(value: str, column: str, report: _Reporter) -> str:
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


def _geometry(row: dict, report: _Reporter) -> dict | None:
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


def _coordinate(text: str, column: str, report: _Reporter) -> float | None:
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


def _field_root(field: str | None) -> str | None:
    return re.split(r"[.\[]", field, maxsplit=1)[0] if field else field


def _at_line(problem: Problem, lines: list[int]) -> Problem:
    """Point a feature-indexed problem at its CSV line instead."""
    if problem.index is None or not 0 <= problem.index < len(lines):
        return problem
    return CsvProblem(**{**vars(problem), "index": lines[problem.index]})


def _file_problem(name: str, message: str, hint: str = "", severity: str = "error") -> Problem:
    return Problem(name, None, None, None, message, hint, severity)


def _empty() -> dict:
    return {"type": "FeatureCollection", "features": []}
