"""CSV of events → GeoJSON FeatureCollection, then the one validator.

The layout of the file and how each cell is read are in ``layers.catalogue.csv_layout``.
Here: decoding, the header, the rows (read one at a time, so a broken file stops
early) and the problems, each pointed at its CSV line.

Line numbers in messages are 1-based lines of the file where the row starts (the header is
line 1), so a quoted value spanning several lines does not shift them.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass

from layers.catalogue import schema
from layers.catalogue.csv_layout import (
    KNOWN_COLUMNS,
    REQUIRED_COLUMNS,
    TEMPLATE,
    geometry_of_row,
    properties_of_row,
)
from layers.catalogue.problems import Problem, stopped_problem
from layers.catalogue.validate import validate_feature_collection


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
                "geometry": geometry_of_row(row, report),
                "properties": properties_of_row(row, report),
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
