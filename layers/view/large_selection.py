"""Large event catalogues: a sorted time index and zoom-dependent aggregation.

The curated catalogue has a few dozen events; users also load years of incursion
records or tracking points (10^5–10^6 rows). Two things keep that fast:

* ``EventIndex`` keeps start days sorted, so a date window is two binary searches
  plus a scan of at most the events that start in [window start - longest span,
  window end]; no full scan per rerun.
* ``aggregate_cells`` bins the selected events into a grid whose cell size follows
  the zoom, inside the visible bounds only, so what is sent to the browser is
  bounded by what can be seen, never by the file size. Counts always add up to the
  number of selected events in view: nothing is silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import shapely

from layers.geo.longitude import to_window

_EPOCH = np.datetime64("1970-01-01", "D")
CELL_PIXELS = 48  # target on-screen size of one aggregate cell
INDIVIDUAL_LIMIT = 2_000  # up to this many events in view are drawn one by one


def _days(values) -> np.ndarray:
    """Days since 1970-01-01 as int64 (from Timestamps / datetime64)."""
    return (np.asarray(values, dtype="datetime64[D]") - _EPOCH).astype(np.int64)


def _day(value: date) -> int:
    return int((np.datetime64(value, "D") - _EPOCH).astype(np.int64))


@dataclass(frozen=True)
class EventIndex:
    """Events sorted by start day, with positions back into the source frame.

    Build once per loaded file (cache it); query many times.
    """

    start: np.ndarray  # int64 days, ascending
    end: np.ndarray  # int64 days, same order
    lon: np.ndarray  # representative point, continuous Pacific window
    lat: np.ndarray
    kind_codes: np.ndarray  # int16 index into ``kinds``
    kinds: tuple[str, ...]
    rows: np.ndarray  # positions into the source frame
    max_span: int  # longest end - start, in days

    @classmethod
    def from_frame(cls, events: pd.DataFrame) -> EventIndex:
        """Index a loaded events frame (``start_date``, ``end_date``, ``kind``, geometry)."""
        start, end = _days(events["start_date"]), _days(events["end_date"])
        order = np.argsort(start, kind="stable")
        # shapely's array functions: GeoSeries.geom_type makes a text per row (a million)
        geometry = np.asarray(events.geometry.values)
        if not (shapely.get_type_id(geometry) == 0).all():  # tracks and areas: a point on them
            geometry = shapely.point_on_surface(geometry)  # = GeoSeries.representative_point
        lon, lat = shapely.get_x(geometry), shapely.get_y(geometry)
        lon = to_window(lon)  # same window as the map
        codes, kinds = pd.factorize(events["kind"], sort=True)
        span = int((end - start).max()) if len(start) else 0
        return cls(
            start=start[order],
            end=end[order],
            lon=lon[order],
            lat=lat[order],
            kind_codes=codes[order].astype(np.int16),
            kinds=tuple(str(k) for k in kinds),
            rows=order,
            max_span=max(span, 0),
        )

    def __len__(self) -> int:
        return len(self.start)

    def window(self, start: date | None, end: date | None) -> np.ndarray:
        """Sorted-order positions of events whose [start, end] overlaps the window."""
        lo, hi = 0, len(self.start)
        if end is not None:
            hi = int(np.searchsorted(self.start, _day(end), side="right"))
        if start is not None:
            first = _day(start)
            # An event overlapping ``start`` began at most ``max_span`` days before it.
            lo = int(np.searchsorted(self.start, first - self.max_span, side="left"))
            candidates = np.arange(lo, hi)
            return candidates[self.end[lo:hi] >= first]
        return np.arange(lo, hi)


@dataclass(frozen=True)
class Cells:
    """Aggregated counts: one row per non-empty grid cell in view."""

    lon: np.ndarray  # cell centre
    lat: np.ndarray
    count: np.ndarray
    by_kind: np.ndarray  # shape (cells, len(kinds))
    kinds: tuple[str, ...]
    cell_deg: float

    @property
    def total(self) -> int:
        """Number of events the cells stand for."""
        return int(self.count.sum())


def cell_size_deg(zoom: float) -> float:
    """Grid cell size in degrees of longitude for ``CELL_PIXELS`` at ``zoom``."""
    return 360.0 / (256.0 * 2.0**zoom) * CELL_PIXELS


def in_bounds(
    index: EventIndex, positions: np.ndarray, bounds: tuple[float, float, float, float] | None
) -> np.ndarray:
    """Keep positions whose point lies in (south, west, north, east) bounds."""
    if bounds is None:
        return positions
    south, west, north, east = bounds
    lon, lat = index.lon[positions], index.lat[positions]
    keep = (lat >= south) & (lat <= north) & (lon >= west) & (lon <= east)
    return positions[keep]


def aggregate_cells(index: EventIndex, positions: np.ndarray, zoom: float) -> Cells:
    """Bin the events at ``positions`` into a zoom-dependent grid with per-kind counts."""
    size = cell_size_deg(zoom)
    col = np.floor(index.lon[positions] / size).astype(np.int64)
    row = np.floor(index.lat[positions] / size).astype(np.int64)
    keys = (row << 32) + (col & 0xFFFFFFFF)
    uniq, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    n_kinds = len(index.kinds)
    # One bincount over (cell, kind) pairs: ``np.add.at`` does the same a pair at a time.
    pairs = inverse.ravel() * n_kinds + index.kind_codes[positions]
    by_kind = np.bincount(pairs, minlength=len(uniq) * n_kinds).reshape(len(uniq), n_kinds)
    rows, cols = uniq >> 32, (uniq & 0xFFFFFFFF).astype(np.int64)
    cols = np.where(cols >= 2**31, cols - 2**32, cols)  # undo the mask for negative columns
    return Cells(
        lon=(cols + 0.5) * size,
        lat=(rows + 0.5) * size,
        count=counts,
        by_kind=by_kind,
        kinds=index.kinds,
        cell_deg=size,
    )


@dataclass(frozen=True)
class ScaledSelection:
    """What the map should draw for a window and view: points or cells, and totals."""

    positions: np.ndarray  # sorted-order positions of the selected events in view
    selected_total: int  # selected by the window/filters, anywhere
    cells: Cells | None  # None when few enough to draw individually

    @property
    def mode(self) -> str:
        """``"individual"`` or ``"aggregated"``: the legend says which."""
        return "individual" if self.cells is None else "aggregated"


def select_for_view(
    index: EventIndex,
    *,
    start: date | None,
    end: date | None,
    zoom: float,
    bounds: tuple[float, float, float, float] | None = None,
    keep: np.ndarray | None = None,
    limit: int = INDIVIDUAL_LIMIT,
) -> ScaledSelection:
    """Window, optional row mask (other filters), bounds, then points or cells.

    ``keep`` is a boolean mask over the *source frame rows* for the non-date filters
    (kind, exercise, …); ``None`` keeps every row.
    """
    positions = index.window(start, end)
    if keep is not None:
        positions = positions[keep[index.rows[positions]]]
    return scale_positions(index, positions, zoom=zoom, bounds=bounds, limit=limit)


def scale_positions(
    index: EventIndex,
    positions: np.ndarray,
    *,
    zoom: float,
    bounds: tuple[float, float, float, float] | None = None,
    limit: int = INDIVIDUAL_LIMIT,
) -> ScaledSelection:
    """The selected ``positions`` (sorted order) in view: points, or cells past ``limit``."""
    visible = in_bounds(index, positions, bounds)
    cells = None if len(visible) <= limit else aggregate_cells(index, visible, zoom)
    return ScaledSelection(positions=visible, selected_total=len(positions), cells=cells)
