"""The app's view of a large database catalogue: what one rerun needs, never all events.

``RemoteEvents.select(view, chart)`` answers a rerun: how many events the view (and
the timeline's selection) keep, and the events themselves when they are few enough
to handle as the curated catalogue is (``FETCH_LIMIT``, the export's limit); else the
earliest ``TABLE_ROWS`` for the table. ``in_view`` gives the map what the in-memory
large mode gives it (``EventIndex``, frame, ``ScaledSelection``): the events in the
viewport one by one, or grid cells counted by the server. ``timeline_frame`` is a
two-column frame of first days and kinds rebuilt from per-day counts, for the
timeline's aggregated chart. Every query runs on the indexes (``query``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from layers.catalogue.db import query
from layers.catalogue.db.summary import Summary, stored_summary
from layers.view.large_selection import INDIVIDUAL_LIMIT, EventIndex, ScaledSelection

FETCH_LIMIT = 5_000  # selections up to this size are fetched whole (the export's limit)
TABLE_ROWS = 1_000


def frame_of(pairs: list[tuple[dict, str]]):
    """An events frame of (feature, origin) pairs, as the loader builds it."""
    from layers.catalogue.load import frame_from_features

    parts = []
    for origin in ("catalogue", "user"):
        features = [f for f, o in pairs if o == origin]
        if features or origin == "catalogue":
            fc = {"type": "FeatureCollection", "features": features}
            parts.append(frame_from_features(fc, "events", origin=origin))
    if len(parts) == 1:
        return parts[0]
    import geopandas as gpd

    return gpd.GeoDataFrame(
        pd.concat(parts, ignore_index=True), geometry="geometry", crs=parts[0].crs
    )


@dataclass(frozen=True)
class RemoteSelection:
    """One rerun's answer: counts, and the events when few enough (``complete``)."""

    total: int  # events the view and the chart selection keep
    exercises: int
    view_total: int  # events the view keeps (before the chart selection)
    events: object  # GeoDataFrame: all ``total`` events, or the earliest ``TABLE_ROWS``
    view_events: object | None  # all ``view_total`` events when few enough, else None
    filter: query.Filter
    view_filter: query.Filter

    @property
    def complete(self) -> bool:
        """True when ``events`` holds every selected event."""
        return len(self.events) == self.total


class RemoteEvents:
    """Queries of the events of a ``PostgisStore`` (a handle: holds no events)."""

    def __init__(self, store, summary: Summary | None = None):
        self.store = store
        self.known = summary  # the data version's summary, when the caller has it

    def summary(self) -> Summary:
        """What the sidebar offers: kept in the database per data version (``stored_summary``)."""
        with self.store.connection() as conn:
            return stored_summary(conn)

    def select(self, view, chart=None) -> RemoteSelection:
        """Counts and, when few enough, the events of ``view`` and the chart selection."""
        return self.select_filters(query.Filter.of(view, chart), query.Filter.of(view))

    def select_filters(self, flt: query.Filter, view_flt: query.Filter) -> RemoteSelection:
        """``select`` for filters already made (``flt``: with the chart selection)."""
        with self.store.connection() as conn:
            if self.known is not None and flt == query.Filter():  # everything: counted already
                total, exercises = self.known.count, len(self.known.exercises)
            else:
                total, exercises = query.totals(conn, flt)
            view_total = total if flt == view_flt else query.totals(conn, view_flt)[0]
            limit = total if total <= FETCH_LIMIT else TABLE_ROWS
            events = frame_of(query.features(conn, flt, limit))
            view_events = None
            if view_total <= FETCH_LIMIT:
                same = flt == view_flt
                view_events = (
                    events if same else frame_of(query.features(conn, view_flt, view_total))
                )
        return RemoteSelection(total, exercises, view_total, events, view_events, flt, view_flt)

    def fetch(self, flt: query.Filter, limit: int):
        """All events of ``flt`` (a frame), or ``None`` when there are more than ``limit``."""
        with self.store.connection() as conn:
            pairs = query.features(conn, flt, limit + 1)
        return None if len(pairs) > limit else frame_of(pairs)

    def in_view(self, flt: query.Filter, *, zoom: float, bounds=None):
        """``(EventIndex, frame, ScaledSelection)`` for the map's events layer."""
        with self.store.connection() as conn:
            found = query.in_view(conn, flt, zoom=zoom, bounds=bounds, limit=INDIVIDUAL_LIMIT)
            ids = [p[4] for p in found.points] if found.points is not None else []
            frame = frame_of(query.features(conn, _only(flt, ids), len(ids))) if ids else None
        total = found.total  # in view (the selection's own total is the summary line's)
        if found.cells is not None:
            index = _kinds_index(found.cells.kinds)
            positions = np.broadcast_to(np.int8(0), (total,))  # only its length is read
            return index, frame_of([]), ScaledSelection(positions, total, found.cells)
        frame = frame if frame is not None else frame_of([])
        index = EventIndex.from_frame(frame)
        return index, frame, ScaledSelection(np.arange(len(frame)), total, None)

    def timeline_frame(self, flt: query.Filter) -> pd.DataFrame:
        """Per-day counts by kind (``start_date``, ``kind``, ``event_count``): a row per day
        and kind, whatever the number of events (``layers.outputs.event_counts`` sums them).
        """  # noqa: D205
        with self.store.connection() as conn:
            counts = query.day_counts(conn, flt)
        return pd.DataFrame(
            {
                "start_date": np.array([d for d, _, _ in counts], dtype="datetime64[s]"),
                "kind": [k for _, k, _ in counts],
                "event_count": np.array([n for _, _, n in counts], dtype=np.int64),
            }
        )

    def find(self, layer: str, fid: str):
        """One current feature as a one-row frame (``None`` when there is none)."""
        with self.store.connection() as conn:
            feature = query.find(conn, layer, fid)
        return None if feature is None else frame_of([(feature, "catalogue")])


def _only(flt: query.Filter, ids: list[str]) -> query.Filter:
    from dataclasses import replace

    return replace(flt, chart_ids=tuple(ids))


def _kinds_index(kinds: tuple[str, ...]) -> EventIndex:
    empty = np.zeros(0)
    return EventIndex(empty, empty, empty, empty, np.zeros(0, np.int16), kinds, empty, 0)


__all__ = ["FETCH_LIMIT", "TABLE_ROWS", "RemoteEvents", "RemoteSelection", "frame_of"]
