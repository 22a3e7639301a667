"""A large GeoParquet file read column by column into compact pandas columns.

``geopandas.read_parquet`` turns every list cell (participants, aircraft, sources) into
a numpy array of Python dicts and keeps every text column at full size: about 1.6 GB
for a million events. Here each column is read on its own and kept small:

* list columns stay Arrow lists (``pd.ArrowDtype``): a cell becomes Python objects only
  when it is read (a row shown in the table or the details), and whole-column questions
  (the sidebar's choices) are answered by Arrow without visiting a row;
* a text column with few distinct values (kind, exercise, dates, summary) becomes a
  categorical, its categories sorted so that sorting by it sorts by the text;
* any other text stays one Arrow string column (pandas' ``str``, no Python objects).

Reading one column at a time also bounds the peak: only one column is ever held twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import shapely

# A text column with at most this share of distinct values is stored as a categorical:
# codes of 1–4 bytes a row instead of the text (dates, kinds, exercises, summaries).
CATEGORICAL_SHARE = 0.5
SAMPLE = 10_000  # rows looked at to guess whether a text column repeats
_POINT_BYTES = 21


def _is_list(kind: pa.DataType) -> bool:
    return pa.types.is_list(kind) or pa.types.is_large_list(kind)


def _is_text(kind: pa.DataType) -> bool:
    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


def list_column(values: pa.ChunkedArray | pa.Array) -> pd.arrays.ArrowExtensionArray:
    """An Arrow list column for a frame; a missing list (null) reads as ``[]``.

    The file loader (``as_list``) treats a missing list and an empty one alike; an
    empty list keeps ``for item in cell`` working on every row without a None check.
    """
    if values.null_count:
        empty = pa.scalar([], type=values.type)
        values = pc.if_else(pc.is_null(values), empty, values)
    return pd.arrays.ArrowExtensionArray(values)


def empty_lists(n: int) -> pd.arrays.ArrowExtensionArray:
    """``n`` empty lists as one Arrow column (a file without that list column)."""
    offsets = pa.array([0] * (n + 1), type=pa.int32())
    return pd.arrays.ArrowExtensionArray(pa.ListArray.from_arrays(offsets, pa.array([], pa.null())))


def _repeats(values: pa.ChunkedArray) -> bool:
    # Counting distinct values of a whole column costs most of a second for a million
    # unique ids: an evenly spread sample tells a repeating column from an id column.
    step = max(1, len(values) // SAMPLE)
    sample = values.take(pa.array(np.arange(0, len(values), step)))
    return pc.count_distinct(sample).as_py() <= CATEGORICAL_SHARE * len(sample)


def text_column(values: pa.ChunkedArray) -> pd.Series:
    """A text column: a categorical (sorted categories) when its values repeat, else ``str``."""
    if not len(values) or not _repeats(values):
        return values.to_pandas()
    encoded = values.dictionary_encode().combine_chunks()
    categories = pd.Index(encoded.dictionary.to_pandas())
    order = categories.argsort()
    rank = order.argsort()  # the file's code → position among the sorted categories
    codes = rank[encoded.indices.fill_null(0).to_numpy()]
    codes[encoded.indices.is_null().to_numpy(zero_copy_only=False)] = -1  # missing stays NaN
    return pd.Series(pd.Categorical.from_codes(codes, categories=categories[order]))


def _column(values: pa.ChunkedArray) -> pd.Series | pd.arrays.ArrowExtensionArray:
    if _is_list(values.type):
        return list_column(values)
    if _is_text(values.type):
        return text_column(values)
    return values.to_pandas()


def _wkb_points(values: pa.ChunkedArray) -> gpd.array.GeometryArray | None:
    """2D little-endian WKB points decoded as two float arrays, or None if any is not one.

    ``shapely.from_wkb`` parses each value on its own (about 1.5 s for a million);
    a point is always 21 bytes (byte order, type 1, x, y), so a whole column of them
    is read at once. Anything else (nulls, lines, big-endian) goes to geopandas.
    """
    if values.null_count or not len(values):
        return None
    flat = values.combine_chunks()
    if isinstance(flat, pa.ExtensionArray):  # geoarrow.wkb, when that type is registered
        flat = flat.storage
    if pa.types.is_binary(flat.type):
        width = np.int32
    elif pa.types.is_large_binary(flat.type):
        width = np.int64
    else:
        return None
    first = flat.offset
    offsets = np.frombuffer(flat.buffers()[1], dtype=width)[first : first + len(flat) + 1]
    if not (np.diff(offsets) == _POINT_BYTES).all():
        return None
    data = np.frombuffer(flat.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    rows = data.reshape(-1, _POINT_BYTES)
    little = rows[:, 0] == 1
    kind = rows[:, 1:5].copy().view("<u4")[:, 0]
    if not (little.all() and (kind == 1).all()):
        return None
    xy = rows[:, 5:].copy().view("<f8")
    return gpd.array.from_shapely(shapely.points(xy[:, 0], xy[:, 1]))


def geometry_column(path: Path, file: pq.ParquetFile) -> tuple[str, gpd.GeoSeries | None]:
    """The primary geometry column's name and values; geopandas reads all but WKB points.

    ``("", None)`` when the file is not GeoParquet.
    """
    metadata = (file.schema_arrow.metadata or {}).get(b"geo")
    if metadata is None:
        return "", None
    metadata = json.loads(metadata)
    name = metadata["primary_column"]
    column = metadata["columns"][name]
    if column.get("encoding") == "WKB":
        points = _wkb_points(file.read(columns=[name]).column(0))
        if points is not None:  # no "crs" means OGC:CRS84 (GeoParquet spec; geopandas too)
            return name, gpd.GeoSeries(points, crs=column.get("crs", "OGC:CRS84"), name=name)
    return name, gpd.read_parquet(path, columns=[name]).geometry.reset_index(drop=True)


def read_geoparquet(path: Path) -> gpd.GeoDataFrame:
    """A GeoParquet file as a GeoDataFrame of compact columns (see the module docstring).

    Columns keep the file's order; the frame gets a fresh ``RangeIndex`` (problems name
    row positions, and selections line rows up by index).
    """
    file = pq.ParquetFile(path)
    geometry_name, geometry = geometry_column(path, file)
    if geometry is None:  # not GeoParquet: geopandas says why, as it always did
        return gpd.read_parquet(path)
    columns = {}
    for name in file.schema_arrow.names:
        if name == geometry_name:
            columns[name] = geometry
        elif not name.startswith("__index_level_"):  # a stored pandas index is not data
            columns[name] = _column(file.read(columns=[name]).column(0))
    frame = gpd.GeoDataFrame(columns, geometry=geometry_name, crs=geometry.crs)
    # The decoded pages are freed, but Arrow's allocator keeps them for reuse: hand them
    # back, so the server's memory is what the frame holds, not the read's high tide.
    pa.default_memory_pool().release_unused()
    return frame
