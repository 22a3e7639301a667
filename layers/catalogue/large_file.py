"""Read a large event file (GeoParquet, CSV or GeoJSON) with column-wise validation.

The per-feature validator (``layers.catalogue.validate``) reads every property of every
feature: right for curated files and imports, too slow for 10^6 rows. Here each
rule runs once per *column* with pandas, and problems name the row and field as the
per-feature validator does. Only the fields the map, filters and timeline need are
required; a bad row is reported, never silently dropped.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.catalogue.large_columns import empty_lists, read_geoparquet
from layers.catalogue.problems import GeoDataError, Problem
from layers.catalogue.schema import CRS, EVENT_KINDS

REQUIRED = ("id", "name", "kind", "start", "end")
MAX_REPORTED = 20  # per field: a million bad dates need one line and a count, not a million
LIST_COLUMNS = ("participants", "aircraft", "sources")


def _read(path: Path) -> gpd.GeoDataFrame:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return read_geoparquet(path)  # compact columns: lists stay Arrow, repeated text categorical
    if suffix in (".geojson", ".json"):
        return gpd.read_file(path)
    if suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in ("latitude", "longitude"):
            if column not in frame:
                raise GeoDataError([Problem(str(path), None, None, column, "missing column")])
        lon = pd.to_numeric(frame.pop("longitude"), errors="coerce")
        lat = pd.to_numeric(frame.pop("latitude"), errors="coerce")
        for column in LIST_COLUMNS:
            if column in frame:
                frame[column] = frame[column].map(lambda v: json.loads(v) if v else [])
        return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs=CRS)
    raise GeoDataError(
        [
            Problem(
                str(path),
                None,
                None,
                None,
                f"unknown file type {suffix!r}",
                hint="use .parquet, .csv or .geojson",
            )
        ]
    )


def _report(
    problems: list[Problem],
    name: str,
    frame,
    bad: np.ndarray,
    field: str,
    message: str,
    hint: str = "",
) -> None:
    rows = np.flatnonzero(bad)
    for row in rows[:MAX_REPORTED]:
        fid = str(frame["id"].iat[row]) if "id" in frame else None
        problems.append(Problem(name, int(row), fid, field, message, hint))
    if len(rows) > MAX_REPORTED:
        more = len(rows) - MAX_REPORTED
        problems.append(Problem(name, None, None, field, f"{more:,} more rows: {message}", hint))


def _dates(column: pd.Series) -> pd.Series:
    # The calendar day of the value in its own offset: the first 10 characters of ISO 8601.
    if isinstance(column.dtype, pd.CategoricalDtype) and len(column.cat.categories):  # each once
        days = _dates(pd.Series(column.cat.categories)).to_numpy()
        codes = column.cat.codes.to_numpy()
        parsed = np.where(codes >= 0, days[codes], np.datetime64("NaT"))
        return pd.Series(parsed.astype(days.dtype), index=column.index)
    return pd.to_datetime(column.astype(str).str.slice(0, 10), format="%Y-%m-%d", errors="coerce")


def read_events_table(path: Path | str) -> gpd.GeoDataFrame:
    """Load and validate a large event file; raise ``GeoDataError`` listing the problems.

    Returns a frame with the loader's derived columns (``start_date``, ``end_date``,
    ``approximate``, ``origin`` = "user") so filters and the scale path accept it.
    """
    path = Path(path)
    name = str(path)
    frame = _read(path)
    missing = [c for c in REQUIRED if c not in frame]
    if missing:
        raise GeoDataError(
            [
                Problem(name, None, None, c, "missing column", hint="see docs/scale.md")
                for c in missing
            ]
        )
    if frame.crs is not None and not frame.crs.equals(CRS):
        frame = frame.to_crs(CRS)  # GeoParquet carries its CRS: reproject, as the loader does
    problems: list[Problem] = []
    _report(problems, name, frame, frame["id"].duplicated().to_numpy(), "id", "duplicate id")
    _report(
        problems,
        name,
        frame,
        ~frame["kind"].isin(EVENT_KINDS).to_numpy(),
        "kind",
        "unknown kind",
        hint=f"one of: {', '.join(EVENT_KINDS)}",
    )
    start, end = _dates(frame["start"]), _dates(frame["end"])
    _report(
        problems, name, frame, start.isna().to_numpy(), "start", "not a date", hint="use YYYY-MM-DD"
    )
    _report(
        problems, name, frame, end.isna().to_numpy(), "end", "not a date", hint="use YYYY-MM-DD"
    )
    _report(problems, name, frame, (end < start).to_numpy(), "end", "end is before start")
    geometry = frame.geometry
    empty = geometry.isna() | geometry.is_empty
    _report(problems, name, frame, empty.to_numpy(), "geometry", "missing geometry")
    bounds = geometry.bounds
    bad_coords = ~(
        np.isfinite(bounds.to_numpy()).all(axis=1)
        & (bounds["minx"] >= -180)
        & (bounds["maxx"] <= 180)
        & (bounds["miny"] >= -90)
        & (bounds["maxy"] <= 90)
    ).to_numpy()
    _report(
        problems,
        name,
        frame,
        bad_coords & ~empty.to_numpy(),
        "geometry",
        "coordinates out of range or not finite",
        hint="longitude -180..180, latitude -90..90",
    )
    if problems:
        raise GeoDataError(problems)
    frame = frame.assign(start_date=start, end_date=end, origin="user")
    frame["approximate"] = (
        frame.get("place_precision", pd.Series("", index=frame.index)) == "approximate"
    )
    for column in LIST_COLUMNS:
        if column not in frame:
            frame[column] = empty_lists(len(frame))  # one Arrow column, not a list per row
    return frame
