"""The one stage between the catalogue and every output: ``select(catalogue, view)``.

Everything the user chose is in the ``BriefingView``; ``select`` applies it once (the
window and filters, then the timeline's pick) and returns a frozen ``Selection`` that
the map, the timeline, the table, the details panel, the briefing PNG, the HTML file
and the deck take as they are. No output filters again: what they draw, count, list
and cite is ``Selection.frames``.

In large mode (a file of up to a million events, ``layers.view.large_selection``) the
window comes from the sorted time index and the map draws cells aggregated over the
viewport instead of one feature per event; the ``Selection`` says which.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property

import geopandas as gpd
import numpy as np
import shapely

from layers.catalogue.registry import LAYERS_BY_KEY
from layers.catalogue.schema import EVENT_KINDS
from layers.view import filters
from layers.view.large_selection import EventIndex, ScaledSelection, scale_positions
from layers.view.pick import apply_pick
from layers.view.view import BriefingView

NUMBERED_LIMIT = 500  # events numbered on the map and in the lists; beyond, a count


class SelectionError(ValueError):
    """A view that names unknown things or selects nothing."""


@dataclass(frozen=True)
class Viewport:
    """What the map shows now (large mode aggregates over it): bounds and zoom."""

    bounds: tuple[float, float, float, float] | None  # (south, west, north, east), window lon
    zoom: float


@dataclass(frozen=True)
class Selection:
    """What ``view`` selects from ``catalogue``: the input of every output.

    Attributes
    ----------
    view
        The view it was selected with.
    catalogue
        The whole catalogue (to look up a base's name, a clicked feature, an
        exercise's other events); outputs never draw from it directly.
    frames
        One frame per layer the view shows, in drawing order: events after the
        window, the filters and the pick; the other layers whole.
    view_events
        The events of the window and filters before the pick (what the timeline
        draws, so a pick can be widened again).
    scaled
        Large mode only: the events in the viewport, as points or cells.
    unwindowed
        Curated mode only: the events of the filters before the window, from which
        another date window selects (``layers.view.instant``).
    """

    view: BriefingView
    catalogue: Mapping[str, gpd.GeoDataFrame]
    frames: Mapping[str, gpd.GeoDataFrame]
    view_events: gpd.GeoDataFrame
    scaled: ScaledSelection | None = None
    index: EventIndex | None = None
    unwindowed: gpd.GeoDataFrame | None = None

    @property
    def events(self) -> gpd.GeoDataFrame:
        """The selected events (empty, with the columns, when the layer is hidden)."""
        return self.frames.get("events", self.view_events.iloc[:0])

    @property
    def large(self) -> bool:
        """True in large mode (aggregated drawing, no numbers)."""
        return self.index is not None

    @cached_property
    def numbers(self) -> dict[str, int]:
        """Event id → its number on the map and in every list: by start, then id."""
        return {} if self.large else number_events(self.events)

    def within(self, bounds: tuple[float, float, float, float]) -> dict[str, gpd.GeoDataFrame]:
        """The shown frames cut to ``(west, south, east, north)`` in window longitudes."""
        return {
            key: frame.loc[_intersects(frame.geometry, bounds)]
            for key, frame in self.frames.items()
        }

    def parts_by_exercise(self) -> dict[str, Selection]:
        """One selection per exercise of the selected events (split, not filtered again).

        Each part's view names its exercise, so its title, window and sources are its own.
        """
        parts = {}
        for exercise_id, group in self.events.groupby("exercise_id", sort=True):
            view = self.view.with_changes(exercises=(str(exercise_id),))
            frames = {**self.frames, "events": group}
            parts[str(exercise_id)] = replace(self, view=view, frames=frames, view_events=group)
        return parts

    def sources(self, bounds: tuple[float, float, float, float] | None = None) -> list[dict]:
        """Distinct sources of what is shown (within ``bounds`` when given), sorted."""
        return sources_of(self.within(bounds) if bounds is not None else self.frames)


def number_events(events: gpd.GeoDataFrame) -> dict[str, int]:
    """Event id → number, by start then id; none beyond ``NUMBERED_LIMIT`` events."""
    if len(events) > NUMBERED_LIMIT or not len(events):
        return {}
    order = events.sort_values(["start_date", "id"], kind="stable")["id"].astype(str)
    return {event_id: n for n, event_id in enumerate(order, start=1)}


def select(
    catalogue: Mapping[str, gpd.GeoDataFrame],
    view: BriefingView,
    *,
    index: EventIndex | None = None,
    viewport: Viewport | None = None,
) -> Selection:
    """Apply ``view`` to ``catalogue`` once: the ``Selection`` every output draws.

    ``index`` (large mode) answers the window from sorted start days; ``viewport``
    is where the map is, for large mode's aggregation.
    """
    events = catalogue["events"]
    unwindowed = None
    if index is None:
        # The filters without the window, then the window: one pass, and what another
        # window would select is at hand (``layers.view.instant``).
        unwindowed = filters.filter_view(events, view.with_changes(start=None, end=None))
        view_events = unwindowed.loc[filters.in_window(unwindowed, view.start, view.end)]
        picked = apply_pick(view_events, view.pick)
        scaled = None
    else:
        view_events, picked, scaled = _large(events, view, index, viewport)
    frames = {}
    for spec in LAYERS_BY_KEY.values():
        if spec.key in view.layers and spec.key in catalogue:
            frames[spec.key] = picked if spec.key == "events" else catalogue[spec.key]
    return Selection(view, catalogue, frames, view_events, scaled, index, unwindowed)


def _large(events, view: BriefingView, index: EventIndex, viewport: Viewport | None):
    """Large mode: the window from the index, the other filters on those rows only."""
    positions = index.window(view.start, view.end)  # sorted order, two binary searches
    order = np.argsort(index.rows[positions], kind="stable")
    positions = positions[order]  # in file order, so frames keep their row order
    rows = index.rows[positions]
    # Every row in the window ("All dates"): take none, as taking a million rows copies
    # every column of them (the frame is read-only; filters return new frames).
    in_window = events if len(rows) == len(events) else events.iloc[rows]
    view_events = filters.filter_view(in_window, view.with_changes(start=None, end=None))
    picked = apply_pick(view_events, view.pick)
    # The pick and filters only drop rows: the same length means the same rows.
    same = len(picked) == len(in_window)
    kept = positions if same else positions[in_window.index.isin(picked.index)]
    viewport = viewport or Viewport(None, view.zoom)
    scaled = scale_positions(index, kept, zoom=viewport.zoom, bounds=viewport.bounds)
    return view_events, picked, scaled


def check_selection(selection: Selection) -> None:
    """Raise ``SelectionError`` when the view names unknown ids or shows nothing."""
    view, events = selection.view, selection.catalogue["events"]
    known = set(events["exercise_id"].dropna().unique()) if view.exercises else set()
    unknown = sorted(set(view.exercises) - known)
    if unknown:
        valid = ", ".join(sorted(known))
        raise SelectionError(f"unknown exercise id(s): {', '.join(unknown)}. Valid ids: {valid}")
    bad_kinds = sorted(set(view.kinds) - set(EVENT_KINDS))
    if bad_kinds:
        raise SelectionError(
            f"unknown event kind(s): {', '.join(bad_kinds)}. Valid kinds: {', '.join(EVENT_KINDS)}"
        )
    bad_layers = sorted(set(view.layers) - set(LAYERS_BY_KEY))
    if bad_layers:
        raise SelectionError(
            f"unknown layer(s): {', '.join(bad_layers)}. Valid layers: {', '.join(LAYERS_BY_KEY)}"
        )
    if not view.layers:
        raise SelectionError("the selection shows no layer: nothing to draw")
    if "events" in view.layers and selection.events.empty:
        raise SelectionError(f"no events match the selection ({describe_filters(view)})")


def describe_filters(view: BriefingView) -> str:
    """Short text of the view's window and filters, for messages."""
    parts = [f"window {view.start or '…'} – {view.end or '…'}"]
    for name in ("exercises", "kinds", "participants", "aircraft"):
        values = getattr(view, name)
        if values:
            parts.append(f"{name}: {', '.join(values)}")
    if not view.pick.is_empty:
        parts.append("a timeline pick")
    return "; ".join(parts)


def source_key(source: Mapping) -> tuple:
    """What makes two sources the same: URL, publisher and title."""
    return (source.get("url") or "", source.get("publisher"), source.get("title"))


def sources_of(frames: Mapping[str, gpd.GeoDataFrame]) -> list[dict]:
    """Distinct sources of the features in ``frames`` (keyed by layer), sorted."""
    seen: dict[tuple, dict] = {}
    for frame in frames.values():
        for sources in frame["sources"]:
            for source in sources if sources is not None else ():
                seen.setdefault(source_key(source), dict(source))
    return sorted(seen.values(), key=lambda s: (str(s.get("publisher")), str(s.get("title"))))


def _intersects(geometries, bounds) -> np.ndarray:
    # The map may show a longitude twice over (west of -180 or east of 180): test
    # the window at each of its three possible world copies.
    west, south, east, north = bounds
    hits = np.zeros(len(geometries), dtype=bool)
    for offset in (-360.0, 0.0, 360.0):
        window = shapely.box(west + offset, south, east + offset, north)
        hits |= shapely.intersects(np.asarray(geometries.values), window)
    return hits
