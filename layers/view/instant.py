"""What a click in the sidebar will select, known before the reader makes it.

For each quick window and the next playback step (``window_lists``), and for each
value of each filter and *Clear filters* (``filter_lists``), this gives what
``select`` will return for the map: the events, in the same order, with the same
numbers. The page's map shows them the moment the reader clicks (``ui/instant.py``),
and the run that follows, the only authority, sends the same
(``tests/test_instant_window.py`` holds the two to equality).

The rules are the filters' own: the window is ``filters.in_window``'s overlap, a filter
keeps rows matching any of its values (``filters.criterion_mask``, one mask per value,
made once per data version), filters combine with AND, and numbers are ranks in one
sort by start and id (``select.number_events``). Done in arrays over the rows ``select``
kept: the sixty quick windows cost about 3 ms, where selecting each cost 2.5.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import numpy as np
import pandas as pd

from layers.view.filters import CRITERIA, criterion_mask
from layers.view.select import NUMBERED_LIMIT, Selection

Window = tuple[date | None, date | None]


class _Rows:
    """Where each row of a frame is drawn, its rank by start and id, and its dates."""

    def __init__(self, frame: pd.DataFrame, index: Mapping[str, int]):
        self.slots = np.array([index.get(i, -1) for i in frame["id"].astype(str)], dtype=np.int64)
        ordered = frame.reset_index(drop=True).sort_values(["start_date", "id"], kind="stable")
        self.order = ordered.index.to_numpy()
        self.starts = frame["start_date"].to_numpy("datetime64[ns]")
        self.ends = frame["end_date"].to_numpy("datetime64[ns]")

    def window(self, start: date | None, end: date | None) -> np.ndarray:
        """Rows overlapping the inclusive window (``filters.in_window``)."""
        mask = np.ones(len(self.slots), dtype=bool)
        if start is not None:
            mask &= self.ends >= np.datetime64(start, "ns")
        if end is not None:
            mask &= self.starts <= np.datetime64(end, "ns")
        return mask

    def shown(self, mask: np.ndarray) -> list[list[int]]:
        """``[[slot, number], …]`` of the drawable rows of ``mask``, in frame order."""
        numbers = np.zeros(len(mask), dtype=np.int64)
        if mask.sum() <= NUMBERED_LIMIT:
            in_order = mask[self.order]
            numbers[self.order] = np.cumsum(in_order) * in_order
        drawn = np.flatnonzero(mask & (self.slots >= 0))
        return np.column_stack([self.slots[drawn], numbers[drawn]]).tolist()


def _predictable(selection: Selection) -> bool:
    view = selection.view
    return (
        selection.unwindowed is not None and "events" in view.layers and view.pick.is_empty
    )


def window_lists(
    selection: Selection, windows: Mapping[str, Window], index: Mapping[str, int]
) -> dict[str, list[list[int]]]:
    """For each window: ``[[index, number], …]`` of the events the map will draw.

    ``index`` places each drawable event in the map's events layer
    (``layers.map.event_payload``); number 0 means no callout. Empty in large mode,
    when the view hides the events, or with a timeline pick (the chart may drop it).
    """
    if not _predictable(selection):
        return {}
    rows = _Rows(selection.unwindowed, index)
    return {label: rows.shown(rows.window(*window)) for label, window in windows.items()}


def option_masks(
    events: pd.DataFrame, options: Mapping[str, Iterable[str]]
) -> dict[str, dict[str, np.ndarray]]:
    """One mask over ``events`` per value of each criterion (make it once per data version)."""
    return {
        criterion: {v: criterion_mask(events, criterion, (v,)).to_numpy() for v in values}
        for criterion, values in options.items()
    }


def filter_lists(
    selection: Selection,
    masks: Mapping[str, Mapping[str, np.ndarray]],
    index: Mapping[str, int],
) -> dict:
    """What each click on a filter selects, as ``window_lists`` gives it for windows.

    ``{"toggle": {criterion: {value: shown}}, "empty": {criterion: shown}, "clear":
    shown}``: a value's click adds it to its filter (removes it when chosen); a filter
    emptied keeps everything of it; *Clear filters* empties every filter and opens
    the window. ``masks`` (``option_masks``) are over the rows of
    ``selection.catalogue["events"]``. Empty when not predictable (see
    ``window_lists``) or when a chosen value has no mask (one the lists do not offer).
    """
    view, events = selection.view, selection.catalogue["events"]
    chosen = {c: set(getattr(view, c)) for c in CRITERIA}
    known = all(c in masks and chosen[c] <= set(masks[c]) for c in CRITERIA) and all(
        len(mask) == len(events) for c in CRITERIA for mask in masks[c].values()
    )
    if not (_predictable(selection) and known):
        return {}
    rows = _Rows(events, index)
    everything = np.ones(len(events), dtype=bool)

    def matching(criterion: str, values: set[str]) -> np.ndarray:
        if not values:  # an empty filter keeps everything
            return everything
        return np.logical_or.reduce([masks[criterion][v] for v in values])

    current = {c: matching(c, chosen[c]) for c in CRITERIA}
    window = rows.window(view.start, view.end)
    toggle, empty = {}, {}
    for criterion in CRITERIA:
        others = np.logical_and.reduce([window, *(current[c] for c in CRITERIA if c != criterion)])
        toggle[criterion] = {
            value: rows.shown(others & matching(criterion, chosen[criterion] ^ {value}))
            for value in masks[criterion]
        }
        empty[criterion] = rows.shown(others)
    return {"toggle": toggle, "empty": empty, "clear": rows.shown(everything)}
