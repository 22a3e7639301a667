"""What the user selected on the timeline, and the events that selection keeps.

``st.altair_chart(chart, on_select=...)`` reports the timeline's two selection
parameters: ``span`` (a dragged interval of dates) and ``pick`` (clicked bars, by
event ``id``). :func:`selection_to_filter` parses what Streamlit returns into a
:class:`ChartSelection`; :func:`apply_chart_selection` keeps the events it selects
(ids AND span), so the map and the table show what the chart selects.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from layers.view.filters import in_window

SPAN_PARAM = "span"
PICK_PARAM = "pick"


@dataclass(frozen=True)
class ChartSelection:
    """What the user selected on the timeline.

    ``window`` is an inclusive (start, end) pair of dates from a dragged span, or
    ``None``; ``ids`` holds the clicked event ids (empty when none).
    """

    window: tuple[date, date] | None = None
    ids: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        """True when nothing is selected."""
        return self.window is None and not self.ids


def selection_to_filter(selection_state: Mapping | None) -> ChartSelection:
    """Parse the value of ``st.altair_chart(..., on_select="rerun")``.

    Accepts the whole event (``{"selection": {"span": ..., "pick": ...}}``) or its
    ``selection`` part. Streamlit 1.67 gives, per parameter, ``{}`` when empty; for
    ``span`` a mapping ``{"start": [t0, t1]}`` (epoch milliseconds, or ISO text, or
    Vega date objects); for ``pick`` a list of ``{"id": ...}`` objects. Anything
    unexpected is treated as "no selection" rather than raising.
    """
    if not isinstance(selection_state, Mapping):
        return ChartSelection()
    selection = selection_state.get("selection", selection_state)
    if not isinstance(selection, Mapping):
        return ChartSelection()
    return ChartSelection(
        window=_span_window(selection.get(SPAN_PARAM)),
        ids=frozenset(_picked_ids(selection.get(PICK_PARAM))),
    )


def _span_window(span) -> tuple[date, date] | None:
    if not isinstance(span, Mapping) or not span:
        return None
    values = next(iter(span.values()))
    if not isinstance(values, list | tuple) or len(values) != 2:
        return None
    low, high = (_to_datetime(v) for v in values)
    if low is None or high is None:
        return None
    low, high = min(low, high), max(low, high)
    # The bar for day D ends at D+1 00:00, so a brush ending exactly at midnight
    # means "through the previous day".
    last = (high - timedelta(microseconds=1)).date() if high > low else high.date()
    return low.date(), max(last, low.date())


def _to_datetime(value) -> datetime | None:
    """A UTC datetime from epoch ms, ISO text or a Vega datetime object."""
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            if not math.isfinite(value):
                return None
            return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=value)
        if isinstance(value, str):
            stamp = pd.Timestamp(value)
            stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
            return stamp.to_pydatetime()
        if isinstance(value, Mapping) and "year" in value:
            month = int(value.get("month", 1))  # Vega months are 1-based in datetime objects
            return datetime(int(value["year"]), month, int(value.get("date", 1)), tzinfo=UTC)
    except (ValueError, TypeError, OverflowError):
        return None
    return None


def _picked_ids(pick) -> list[str]:
    if isinstance(pick, Mapping):  # a raw Vega value: {"id": [...]} or {"vlPoint": ...}
        pick = [{"id": v} for v in pick.get("id", [])] if "id" in pick else []
    if not isinstance(pick, list | tuple):
        return []
    return [str(item["id"]) for item in pick if isinstance(item, Mapping) and "id" in item]


def apply_chart_selection(events: pd.DataFrame, state) -> pd.DataFrame:
    """The events the timeline selection keeps; ``events`` itself when nothing is selected.

    Parameters
    ----------
    events
        Frame with ``id``, ``start_date`` and ``end_date`` (as loaded).
    state
        A :class:`ChartSelection`, or what Streamlit stores for the chart (the whole
        event or its ``selection`` part); ``None`` or anything unexpected selects
        nothing, so the events are returned unfiltered.

    Returns
    -------
    pandas.DataFrame
        Picked ids are kept; a span keeps the events overlapping its dates
        (inclusive); both together keep the picked events inside the span.
    """
    selection = state if isinstance(state, ChartSelection) else selection_to_filter(state)
    if selection.is_empty:
        return events
    mask = pd.Series(True, index=events.index)
    if selection.window is not None:
        mask &= in_window(events, *selection.window)
    if selection.ids:
        mask &= events["id"].astype(str).isin(selection.ids)
    return events.loc[mask]


def describe_selection(selection: ChartSelection) -> str:
    """The selection in words: ``"10 Dec 2025 – 12 Dec 2025 and 2 picked events"``."""
    parts = []
    if selection.window is not None:
        first, last = selection.window
        days = f"{first:%d %b %Y}" if first == last else f"{first:%d %b %Y} – {last:%d %b %Y}"
        parts.append(days)
    if selection.ids:
        count = len(selection.ids)
        parts.append(f"{count} picked event{'s' * (count != 1)}")
    return " and ".join(parts) or "nothing"
