"""A large catalogue queried where it lives: the window, the filters and the map in SQL.

When the database holds more events than an app process should keep (``LARGE_EVENTS``),
the app asks for what it draws instead of loading everything: the count of the
selection, the events or grid cells in the map's viewport, the counts per day for the
timeline, the first rows for the table. Every query filters on the indexes: the window
on ``start_day``/``end_day`` (btree), the viewport on ``geom`` (GiST, ``&&``); kinds,
exercises, participants and aircraft (types and families, an array overlap) narrow
further. The grid and the semantics are those of the in-memory large mode
(``layers.view.large_selection``): a representative point per event, in the map's
longitude window, cells whose counts add up to the events in view.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from layers.catalogue.db.connect import SCHEMA
from layers.view.large_selection import INDIVIDUAL_LIMIT, Cells, cell_size_deg

EVENTS = f"{SCHEMA}.features"
LIVE = f"FROM {SCHEMA}.features WHERE layer = 'events' AND NOT removed"  # current events


@dataclass(frozen=True)
class Filter:
    """What a view and the timeline's selection keep, as SQL conditions."""

    start: date | None = None
    end: date | None = None
    exercises: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    aircraft: tuple[str, ...] = ()
    chart_window: tuple[date, date] | None = None
    chart_ids: tuple[str, ...] = ()

    @classmethod
    def of(cls, view, chart=None) -> Filter:
        """The filter of a ``BriefingView`` and a ``ChartSelection`` (or ``None``)."""
        return cls(
            start=view.start,
            end=view.end,
            exercises=tuple(view.exercises),
            kinds=tuple(view.kinds),
            participants=tuple(view.participants),
            aircraft=tuple(view.aircraft),
            chart_window=getattr(chart, "window", None),
            chart_ids=tuple(sorted(getattr(chart, "ids", ()) or ())),
        )

    def where(self, max_span: int | None = None):
        """``(sql.Composed, params)``: the WHERE clause of this filter.

        ``max_span`` (days, ``longest_span``) bounds ``start_day`` from below too, so
        a window is one range of the ``start_day`` index, not half the table.
        """
        from psycopg import sql

        parts = ["layer = 'events'", "NOT removed"]
        params: list = []
        windows = [(self.start, self.end)]
        if self.chart_window:
            windows.append(self.chart_window)
        for first, last in windows:
            if first is not None:
                parts.append("end_day >= %s")
                params.append(first)
                if max_span is not None:
                    parts.append("start_day >= %s")
                    params.append(first - timedelta(days=max_span))
            if last is not None:
                parts.append("start_day <= %s")
                params.append(last)
        for column, values, test in (
            ("exercise_id", self.exercises, "= ANY(%s)"),
            ("kind", self.kinds, "= ANY(%s)"),
            ("participants", self.participants, "&& %s::text[]"),
            ("aircraft", self.aircraft, "&& %s::text[]"),
            ("id", self.chart_ids, "= ANY(%s)"),
        ):
            if values:
                parts.append(f"{column} {test}")
                params.append(list(values))
        return sql.SQL(" AND ").join(sql.SQL(p) for p in parts), params


def _viewport(bounds):
    """Conditions for (south, west, north, east) map bounds.

    The point's GiST box, then the exact test in the map's window (the same test as
    the in-memory large mode).
    """
    from psycopg import sql

    if bounds is None:
        return sql.SQL("true"), []
    south, west, north, east = (float(b) for b in bounds)
    exact = "px BETWEEN %s AND %s AND py BETWEEN %s AND %s"
    params = [west, east, south, north]
    if east - west >= 360:
        return sql.SQL(exact), params
    boxes, box_params = [], []
    for lo, hi in _geographic_spans(west, east):
        boxes.append("pt && ST_MakeEnvelope(%s, %s, %s, %s, 4326)")
        box_params += [lo, max(south, -90.0), hi, min(north, 90.0)]
    clause = "(" + " OR ".join(boxes) + ") AND " + exact
    return sql.SQL(clause), box_params + params


def _geographic_spans(west: float, east: float) -> list[tuple[float, float]]:
    """Map longitudes (the window may pass 180) as spans within [-180, 180]."""
    spans, lo = [], west
    while lo < east:
        base = (lo + 180.0) % 360.0 - 180.0
        width = min(east - lo, 180.0 - base)
        spans.append((base, base + width))
        lo += max(width, 1e-9)
    return spans


def longest_span(conn) -> int:
    """The longest ``end_day - start_day`` of the current events (the span index's end)."""
    row = conn.execute(f"SELECT max(end_day - start_day) {LIVE}").fetchone()
    return int(row[0] or 0)


def totals(conn, flt: Filter) -> tuple[int, int]:
    """(events, exercises) the filter selects."""
    from psycopg import sql

    where, params = flt.where(longest_span(conn))
    query = sql.SQL("SELECT count(*), count(DISTINCT exercise_id) FROM {} WHERE {}").format(
        sql.SQL(EVENTS), where
    )
    events, exercises = conn.execute(query, params).fetchone()
    return int(events), int(exercises)


@dataclass(frozen=True)
class InView:
    """What the map draws: the events in view one by one, or their grid cells."""

    total: int  # selected events in the viewport
    points: list[tuple] | None  # (px, py, kind, name, id) when few enough
    cells: Cells | None  # otherwise


def in_view(conn, flt: Filter, *, zoom: float, bounds=None, limit=INDIVIDUAL_LIMIT) -> InView:
    """The selected events in ``bounds``: up to ``limit`` one by one, else cells per zoom."""
    from psycopg import sql

    where, params = flt.where(longest_span(conn))
    box, box_params = _viewport(bounds)
    head = sql.SQL("FROM {} WHERE {} AND {}").format(sql.SQL(EVENTS), where, box)
    args = params + box_params
    size = cell_size_deg(zoom)
    grid = conn.execute(
        sql.SQL(
            "SELECT floor(px / %s)::bigint, floor(py / %s)::bigint, kind, count(*) {} "
            "GROUP BY 1, 2, 3"
        ).format(head),
        [size, size, *args],
    ).fetchall()
    total = sum(r[3] for r in grid)
    if total > limit:
        return InView(total, None, _cells(grid, size))
    ids = conn.execute(  # few enough to draw one by one (the index holds all of this)
        sql.SQL("SELECT px, py, kind, NULL, id {} ORDER BY start_day, id").format(head), args
    ).fetchall()
    return InView(len(ids), ids, None)


def _cells(grid: list[tuple], size: float) -> Cells:
    kinds = tuple(sorted({r[2] for r in grid}))
    keys = sorted({(r[0], r[1]) for r in grid})
    where = {key: i for i, key in enumerate(keys)}
    by_kind = np.zeros((len(keys), len(kinds)), dtype=np.int64)
    for col, row, kind, count in grid:
        by_kind[where[(col, row)], kinds.index(kind)] += count
    cols = np.array([k[0] for k in keys], dtype=np.float64)
    rows = np.array([k[1] for k in keys], dtype=np.float64)
    return Cells(
        lon=(cols + 0.5) * size,
        lat=(rows + 0.5) * size,
        count=by_kind.sum(axis=1),
        by_kind=by_kind,
        kinds=kinds,
        cell_deg=size,
    )


def day_counts(conn, flt: Filter) -> list[tuple[date, str, int]]:
    """(first day, kind, events) for the timeline: a few thousand rows for any size."""
    from psycopg import sql

    where, params = flt.where(longest_span(conn))
    query = sql.SQL(
        "SELECT start_day, kind, count(*) FROM {} WHERE {} GROUP BY 1, 2 ORDER BY 1, 2"
    ).format(sql.SQL(EVENTS), where)
    return [(d, k, int(n)) for d, k, n in conn.execute(query, params).fetchall()]


def features(conn, flt: Filter, limit: int) -> list[tuple[dict, str]]:
    """Up to ``limit`` selected events, earliest first: (feature, "catalogue" or "user")."""
    from psycopg import sql

    where, params = flt.where(longest_span(conn))
    query = sql.SQL(  # the ids from the index alone, then those rows by their key
        "WITH first AS (SELECT id, start_day FROM {} WHERE {} ORDER BY start_day, id LIMIT %s) "
        "SELECT f.feature::text, f.origin, f.import_id FROM first JOIN {} f "
        "ON f.layer = 'events' AND f.id = first.id ORDER BY first.start_day, first.id"
    ).format(sql.SQL(EVENTS), where, sql.SQL(EVENTS))
    out = []
    for text, origin, import_id in conn.execute(query, [*params, limit]).fetchall():
        feature = json.loads(text)
        if origin != "catalogue":
            feature["properties"]["import_id"] = import_id
        out.append((feature, "catalogue" if origin == "catalogue" else "user"))
    return out


def find(conn, layer: str, fid: str) -> dict | None:
    """One current feature by id (``None`` when there is none)."""
    row = conn.execute(
        f"SELECT feature::text FROM {SCHEMA}.features WHERE layer = %s AND id = %s AND NOT removed",
        (layer, fid),
    ).fetchone()
    return json.loads(row[0]) if row else None
