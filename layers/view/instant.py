"""What a date window will show, known before the reader picks it.

The sidebar's quick windows and its playback step change the date window only. For
each of them ``window_lists`` gives what ``select`` will return for the map, from
the same filters: the events, in the same order, with the same numbers. The page's
map shows them the moment the reader clicks (``ui/instant.py``), and the run that
follows, the only authority, sends the same (``tests/test_instant_window.py`` holds
the two to equality).

``select`` keeps the events of the filters before the window (``unwindowed``); each
window is one more mask over those rows (the rule of ``filters.in_window``) and the
numbers are ranks in one sort by start and id (the rule of ``select.number_events``),
in arrays: the sixty quick windows cost about 3 ms, where selecting each cost 2.5.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np

from layers.view.select import NUMBERED_LIMIT, Selection

Window = tuple[date | None, date | None]


def window_lists(
    selection: Selection, windows: Mapping[str, Window], index: Mapping[str, int]
) -> dict[str, list[list[int]]]:
    """For each window: ``[[index, number], …]`` of the events the map will draw.

    ``index`` places each drawable event in the map's events layer
    (``layers.map.event_payload``); number 0 means no callout. Empty in large mode,
    when the view hides the events, or with a timeline pick (the chart may drop it).
    """
    view, base = selection.view, selection.unwindowed
    if base is None or "events" not in view.layers or not view.pick.is_empty:
        return {}
    slots = np.array([index.get(i, -1) for i in base["id"].astype(str)], dtype=np.int64)
    order = base.reset_index(drop=True).sort_values(["start_date", "id"], kind="stable").index
    order = order.to_numpy()
    starts = base["start_date"].to_numpy("datetime64[ns]")
    ends = base["end_date"].to_numpy("datetime64[ns]")
    lists = {}
    for label, (start, end) in windows.items():
        mask = np.ones(len(base), dtype=bool)
        if start is not None:
            mask &= ends >= np.datetime64(start, "ns")
        if end is not None:
            mask &= starts <= np.datetime64(end, "ns")
        numbers = np.zeros(len(base), dtype=np.int64)
        if mask.sum() <= NUMBERED_LIMIT:
            in_order = mask[order]
            numbers[order] = np.cumsum(in_order) * in_order
        drawn = np.flatnonzero(mask & (slots >= 0))
        lists[label] = np.column_stack([slots[drawn], numbers[drawn]]).tolist()
    return lists
