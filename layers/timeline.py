"""The timeline under the map: events as bars over time, coloured like the map.

Times are drawn on a UTC scale from UTC timestamps, so a bar starts on its calendar
day whatever the viewer's time zone (a local scale would shift bars by the offset).
Bars end one day after ``end_date`` so a one-day event is a day wide.

The chart carries two selection parameters that ``st.altair_chart(on_select="rerun")``
returns: ``span`` (an interval on x, the dates) and ``pick`` (clicked bars, by ``id``).
:func:`selection_to_filter` turns what Streamlit returns into dates and ids.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import altair as alt
import pandas as pd

from layers.schema import EVENT_KINDS
from layers.styles import EVENT_COLOURS, UNKNOWN_COLOUR

SPAN_PARAM = "span"
PICK_PARAM = "pick"
TIMELINE_COLUMNS = (
    "id",
    "label",
    "exercise_id",
    "exercise",
    "kind",
    "kind_label",
    "start",
    "end",
    "dates",
    "colour",
    "approximate",
)
_ONE_DAY = timedelta(days=1)
_LEGEND_AND_AXIS_PX = 90


def timeline_frame(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event, ready to chart, sorted by start then exercise.

    ``start`` is the first day and ``end`` the day *after* the last day (UTC,
    tz-aware), so a single-day event spans one day; ``dates`` is the inclusive
    text shown in tooltips. An empty input gives an empty frame with the columns.
    """
    if events.empty:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in TIMELINE_COLUMNS})
    kinds = events["kind"].astype(str)
    start = pd.to_datetime(events["start_date"]).dt.normalize()
    last = pd.to_datetime(events["end_date"]).dt.normalize()
    frame = pd.DataFrame(
        {
            "id": events["id"].astype(str),
            "label": events["name"].astype(str),
            "exercise_id": events["exercise_id"].astype(str),
            "exercise": events["exercise"].astype(str),
            "kind": kinds,
            "kind_label": kinds.map(lambda k: EVENT_KINDS.get(k, k)),
            "start": start.dt.tz_localize("UTC"),
            "end": (last + _ONE_DAY).dt.tz_localize("UTC"),
            "dates": [_dates_text(a, b) for a, b in zip(start, last, strict=True)],
            "colour": kinds.map(lambda k: EVENT_COLOURS.get(k, UNKNOWN_COLOUR)),
            "approximate": _approximate(events),
        }
    )
    return frame.sort_values(["start", "exercise", "label"], kind="stable").reset_index(drop=True)


def _approximate(events: pd.DataFrame) -> list[bool]:
    if "approximate" not in events:
        return [False] * len(events)
    return [bool(v) if v is not None and v == v else False for v in events["approximate"]]


def _dates_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    if first == last:
        return first.strftime("%d %b %Y")
    return f"{first:%d %b %Y} – {last:%d %b %Y}"


def _colour_scale(frame: pd.DataFrame) -> alt.Scale:
    """Kind labels → the map's colours, listing only the kinds present (short legend)."""
    present = dict(zip(frame["kind_label"], frame["colour"], strict=True))
    domain = [EVENT_KINDS[k] for k in EVENT_KINDS if EVENT_KINDS[k] in present]
    domain += [label for label in present if label not in domain]
    return alt.Scale(domain=domain, range=[present[label] for label in domain])


def timeline_chart(
    events: pd.DataFrame,
    *,
    window: tuple[date | None, date | None] = (None, None),
    selected_ids: Iterable[str] = (),
    height_per_row: int = 28,
) -> alt.LayerChart:
    """A Gantt-like chart: one row per exercise, bars per event, coloured by kind.

    Parameters
    ----------
    events
        Events to draw (usually the filtered frame).
    window
        The current inclusive date window, shaded behind the bars (``None`` ends
        are left open).
    selected_ids
        Event ids selected elsewhere (e.g. clicked on the map): drawn opaque with a
        dark outline, the others faded.
    height_per_row
        Pixels per exercise row.

    Returns
    -------
    altair.LayerChart
        With selection parameters ``span`` (interval on x) and ``pick`` (point on
        ``id``), for ``st.altair_chart(chart, on_select="rerun")``.
    """
    frame = timeline_frame(events)
    selected = set(selected_ids)
    frame["selected"] = frame["id"].isin(selected) if selected else False
    span = alt.selection_interval(name=SPAN_PARAM, encodings=["x"])
    pick = alt.selection_point(name=PICK_PARAM, fields=["id"], on="click")
    x_scale = alt.Scale(type="utc")
    emphasis = (alt.datum.selected) if selected else pick
    bars = (
        alt.Chart(frame)
        .mark_bar(cornerRadius=2, minBandSize=3)  # minBandSize keeps 1-day bars visible
        .encode(
            x=alt.X("start:T", title=None, scale=x_scale, axis=alt.Axis(format="%d %b %Y")),
            x2="end:T",
            y=alt.Y(
                "exercise:N",
                title=None,
                sort=alt.EncodingSortField("start", op="min"),
                axis=alt.Axis(labelLimit=240),
            ),
            color=alt.Color(
                "kind_label:N",
                title=None,
                scale=_colour_scale(frame),
                legend=alt.Legend(orient="top", direction="horizontal", columns=4),
            ),
            opacity=alt.condition(emphasis, alt.value(1.0), alt.value(0.45)),
            stroke=alt.condition(alt.datum.selected, alt.value("#111111"), alt.value(None)),
            strokeWidth=alt.condition(alt.datum.selected, alt.value(2), alt.value(0)),
            tooltip=[
                alt.Tooltip("label:N", title="Event"),
                alt.Tooltip("exercise:N", title="Exercise"),
                alt.Tooltip("kind_label:N", title="Kind"),
                alt.Tooltip("dates:N", title="Dates"),
            ],
        )
        .add_params(span, pick)
    )
    rows = max(frame["exercise"].nunique(), 1)
    layers = [_window_band(window, x_scale), bars] if any(window) else [bars]
    # Streamlit fits the whole chart (legend and axis too) into this height.
    height = rows * height_per_row + _LEGEND_AND_AXIS_PX
    return alt.layer(*layers).properties(height=height, width="container")


def _window_band(window: tuple[date | None, date | None], x_scale: alt.Scale) -> alt.Chart:
    """A light band behind the bars marking the window; a single edge when one end is open."""
    start, end = window
    x = alt.X("start:T", scale=x_scale)
    if start is not None and end is not None:
        band = pd.DataFrame({"start": [_utc(start)], "end": [_utc(end + _ONE_DAY)]})
        return alt.Chart(band).mark_rect(color="#f2c14e", opacity=0.25).encode(x=x, x2="end:T")
    edge = _utc(start) if start is not None else _utc(end + _ONE_DAY)
    edge_frame = pd.DataFrame({"start": [edge]})
    return alt.Chart(edge_frame).mark_rule(color="#c99a06", strokeWidth=2).encode(x=x)


def _utc(day: date) -> pd.Timestamp:
    return pd.Timestamp(day).tz_localize("UTC")


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
