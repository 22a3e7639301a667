"""The events table and its downloads: exactly the filtered selection, as GeoJSON and CSV.

* :func:`events_table`: one readable row per event for ``st.dataframe`` (sortable;
  dates as ISO text so sorting by text sorts by date), indexed by event id.
* :func:`events_to_geojson_bytes`: an RFC 7946 FeatureCollection with every schema
  property as the source file had it (dates as the original strings); columns the
  loader derives (``start_date``, ``end_date``, ``approximate``, ``origin``) are
  dropped, so the file passes ``layers.catalogue.validate.validate_bytes`` again.
* :func:`events_to_csv_bytes`: the CSV layout that ``layers.catalogue.csv_import`` reads (lists
  ``|``-joined, aircraft ``type:count:operator``, one ``source_*`` column per source
  field, geometry as ``wkt``), so a downloaded CSV can be edited and imported again.

Large selections: :func:`first_rows` gives the earliest :data:`TABLE_ROW_LIMIT` rows
for the screen (``st.dataframe`` of a million rows would freeze the page); the
downloads hold the whole selection up to :data:`DOWNLOAD_LIMIT` events. Both writers go
row by row (about 0.2 ms per catalogue event for CSV and 0.9 ms for GeoJSON on two
cores), so a larger selection would keep the server busy for minutes: above the limit
the app asks the user to narrow the view instead.

CSV formula injection: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-``,
``@``, tab or carriage return as a formula, so such cells are written with a leading
``'`` (OWASP's advice). The apostrophe is visible in the text; remove it before
re-importing if that cell must keep its first character.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from layers.catalogue.csv_layout import AIRCRAFT_SEP, LIST_SEP, PROPERTY_COLUMNS, SOURCE_COLUMNS
from layers.catalogue.schema import CONFIDENCE, EVENT_KINDS, EVENTS
from layers.catalogue.values import as_list, is_blank
from layers.outputs.words import aircraft_text, participants_text

TABLE_COLUMNS = (  # the order an analyst reads: which, when, what, who flew, who took part
    "#",
    "Date",
    "Event",
    "Aircraft",
    "Participants",
    "Kind",
    "Exercise",
    "Confidence",
    "Sources",
    "Origin",
)
CSV_COLUMNS = (*PROPERTY_COLUMNS, *SOURCE_COLUMNS, "wkt")
TABLE_ROW_LIMIT = 1_000  # rows drawn on screen
DOWNLOAD_LIMIT = 100_000  # events per download (see the module docstring)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ROUGH_TIMES = {"month", "approximate"}


def _date_cell(row: Mapping) -> str:
    first, last = str(row.get("start", ""))[:10], str(row.get("end", ""))[:10]
    text = first if last in ("", first) else f"{first} – {last}"
    return f"{text} (approx.)" if row.get("time_precision") in _ROUGH_TIMES else text


def _sources_cell(sources) -> str:
    parts = []
    for source in as_list(sources):
        publisher, title = source.get("publisher"), source.get("title")
        parts.append(" — ".join(str(v) for v in (publisher, title) if not is_blank(v)))
    return "; ".join(parts)


def events_table(events: pd.DataFrame, numbers: Mapping[str, int] | None = None) -> pd.DataFrame:
    """A readable table of ``events``, one row each, indexed by event id (name ``id``).

    ``#`` is the event's number on the map (``Selection.numbers``; blank when the
    selection is too large to number).
    """
    numbers = numbers or {}
    rows = [
        {
            "#": numbers.get(str(row.get("id"))),
            "Date": _date_cell(row),
            "Event": str(row.get("name") or ""),
            "Exercise": str(row.get("exercise") or ""),
            "Kind": EVENT_KINDS.get(row.get("kind"), str(row.get("kind") or "")),
            "Participants": participants_text(row.get("participants")),
            "Aircraft": "; ".join(aircraft_text(a) for a in as_list(row.get("aircraft"))),
            "Confidence": CONFIDENCE.get(row.get("confidence"), "").split(":")[0],
            "Sources": _sources_cell(row.get("sources")),
            "Origin": "Your file" if row.get("origin") == "user" else "Catalogue",
        }
        for row in events.to_dict("records")
    ]
    index = pd.Index([str(i) for i in events["id"]] if len(events) else [], name="id")
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS), index=index)
    table["#"] = table["#"].astype("Int64")  # whole numbers, blank when not numbered
    return table


def first_rows(events: pd.DataFrame, limit: int = TABLE_ROW_LIMIT) -> pd.DataFrame:
    """The ``limit`` earliest events (by start, then id), without sorting the whole frame."""
    if len(events) <= limit:
        return events.sort_values(["start_date", "id"], kind="stable")
    # Only events up to the limit-th earliest date can be shown: sort those alone
    # (a full lexsort of a million string ids takes most of a second).
    starts = events["start_date"].to_numpy()
    cutoff = np.partition(starts, limit - 1)[limit - 1]
    candidates = np.flatnonzero(starts <= cutoff)
    ids = events["id"].iloc[candidates].astype(str).to_numpy()
    order = candidates[np.lexsort((ids, starts[candidates]))]
    return events.iloc[order[:limit]]


def download_file_name(
    events: pd.DataFrame, window: tuple[date | None, date | None], extension: str
) -> str:
    """``briefing-events_2025-12-01_2025-12-31.csv``: the window, open ends from the data."""
    start, end = window
    if not events.empty:
        start = start or events["start_date"].min().date()
        end = end or events["end_date"].max().date()
    dates = "_".join(d.isoformat() for d in (start, end) if d is not None) or "empty"
    return f"briefing-events_{dates}.{extension}"


def _plain(value):
    """A JSON-ready copy: NaN/NA → None, numpy values → Python, tuples/arrays → lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    return value


def event_properties(row: Mapping) -> dict:
    """The schema properties of one event row, in schema order; blank optional ones left out."""
    props = {}
    for field in EVENTS.all_fields:
        value = _plain(row.get(field.name))
        if value is None and not field.required:
            continue
        props[field.name] = value
    return props


def events_to_geojson_bytes(events: pd.DataFrame) -> bytes:
    """``events`` as an RFC 7946 FeatureCollection (UTF-8 bytes)."""
    features = [
        {
            "type": "Feature",
            "geometry": mapping(row.geometry) if row.geometry is not None else None,
            "properties": event_properties(row),
        }
        for _, row in events.iterrows()
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def defuse_formula(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula (see module docstring)."""
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def _aircraft_cell(items) -> str:
    cells = []
    for item in as_list(items):
        count = "" if is_blank(item.get("count")) else str(int(item["count"]))
        cells.append(AIRCRAFT_SEP.join((str(item["type"]), count, str(item.get("operator") or ""))))
    return LIST_SEP.join(cells)


def _ships_cell(items) -> str:
    cells = []
    for item in as_list(items):
        count = "" if is_blank(item.get("count")) else str(int(item["count"]))
        name = "" if is_blank(item.get("name")) else str(item["name"])
        parts = (name, str(item["type"]), count, str(item.get("operator") or ""))
        cells.append(AIRCRAFT_SEP.join(parts))
    return LIST_SEP.join(cells)


def _csv_row(row: Mapping) -> dict[str, str]:
    props = event_properties(row)
    cells: dict[str, str] = {}
    for name in PROPERTY_COLUMNS:
        value = props.get(name)
        if name == "aircraft":
            cells[name] = _aircraft_cell(value)
        elif name == "ships":
            cells[name] = _ships_cell(value)
        elif isinstance(value, list):
            cells[name] = LIST_SEP.join(str(v) for v in value)
        else:
            cells[name] = "" if value is None else str(value)
    sources = as_list(props.get("sources"))
    for column in SOURCE_COLUMNS:
        key = column.removeprefix("source_")
        values = ["" if is_blank(s.get(key)) else str(s[key]) for s in sources]
        cells[column] = LIST_SEP.join(values) if any(values) else ""
    geometry = row.get("geometry")
    cells["wkt"] = "" if geometry is None else shapely.to_wkt(geometry, rounding_precision=-1)
    return {k: defuse_formula(v) for k, v in cells.items()}


def events_to_csv_bytes(events: pd.DataFrame) -> bytes:
    """``events`` as CSV in the ``layers.catalogue.csv_import`` layout (UTF-8, header first)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for _, row in events.iterrows():
        writer.writerow(_csv_row(row))
    return buffer.getvalue().encode("utf-8")
