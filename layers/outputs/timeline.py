"""The timeline under the map: events as bars over time, coloured like the map.

Times are drawn on a UTC scale from UTC timestamps, so a bar starts on its calendar
day whatever the viewer's time zone (a local scale would shift bars by the offset).
Bars end one day after ``end_date`` so a one-day event is a day wide.

The chart carries two selection parameters that ``st.altair_chart(on_select=...)``
returns: ``span`` (an interval on x, the dates) and ``pick`` (clicked bars, by ``id``).
``layers.view.chart_selection`` (re-exported here) turns what Streamlit returns into
dates and ids and applies them to the events.

Large data: above :data:`AGGREGATE_ABOVE` events one bar per event is unreadable and
heavy (Vega draws every mark, Altair refuses more than 5,000 rows inline), so
:func:`timeline_chart_for` draws :func:`aggregate_chart` instead: event counts per
day, week or month, stacked by kind, with the same ``span`` selection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import altair as alt
import pandas as pd

from layers.catalogue.schema import EVENT_KINDS
from layers.map.styles import EVENT_COLOURS, UNKNOWN_COLOUR
from layers.view.chart_selection import (  # re-exported: the timeline's public API
    PICK_PARAM,
    SPAN_PARAM,
    ChartSelection,
    apply_chart_selection,
    selection_to_filter,
)

__all__ = [
    "AGGREGATE_ABOVE",
    "PICK_PARAM",
    "SPAN_PARAM",
    "ChartSelection",
    "TimelineChart",
    "aggregate_chart",
    "aggregate_frame",
    "aggregate_period",
    "apply_chart_selection",
    "selection_to_filter",
    "timeline_chart",
    "timeline_chart_for",
    "timeline_frame",
]
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


# --- Large data: counts per period instead of one bar per event -------------------------

AGGREGATE_ABOVE = 5_000  # events; above this the timeline draws counts, not bars
AGGREGATE_COLUMNS = (
    "start",
    "end",
    "kind",
    "kind_label",
    "colour",
    "count",
    "label",
    "stack_from",
    "stack_to",
)
_PERIOD_DAYS = {"day": 92, "week": 3 * 366}  # longest data span drawn per day / per week
_AGGREGATE_HEIGHT = 320


def aggregate_period(events: pd.DataFrame) -> str:
    """``"day"``, ``"week"`` or ``"month"``: the finest period that keeps bars readable."""
    if events.empty:
        return "day"
    days = (events["start_date"].max() - events["start_date"].min()).days
    return next((p for p, limit in _PERIOD_DAYS.items() if days <= limit), "month")


def _period_start(days: pd.Series, period: str) -> pd.Series:
    if period == "week":  # weeks start on Monday (ISO 8601)
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    if period == "month":
        return days.dt.to_period("M").dt.start_time
    return days


def _period_end(starts: pd.Series, period: str) -> pd.Series:
    if period == "month":
        return starts + pd.offsets.MonthBegin(1)
    return starts + pd.Timedelta(days=7 if period == "week" else 1)


def aggregate_frame(events: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """Event counts per period and kind, one row each, sorted by period then kind.

    An event is counted in the period of its first day. ``start``/``end`` are the
    period's first day and the day after its last (UTC); ``label`` is the tooltip
    text ("Week of 01 Dec 2025"); ``stack_from``/``stack_to`` place the kind's bar on
    top of the kinds before it (stacked here: Vega-Lite does not stack bars whose x is
    a range). Vectorised: a million events take well under a second.
    """
    if events.empty:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in AGGREGATE_COLUMNS})
    period = period or aggregate_period(events)
    starts = _period_start(pd.to_datetime(events["start_date"]).dt.normalize(), period)
    counts = (
        pd.DataFrame({"start": starts.to_numpy(), "kind": events["kind"].astype(str).to_numpy()})
        .groupby(["start", "kind"], sort=True)
        .size()
        .reset_index(name="count")
    )
    kinds = counts["kind"]
    prefix = {"day": "", "week": "Week of ", "month": "Month of "}[period]
    fmt = "%b %Y" if period == "month" else "%d %b %Y"
    counts["label"] = prefix + counts["start"].dt.strftime(fmt)
    counts["end"] = _period_end(counts["start"], period).dt.tz_localize("UTC")
    counts["start"] = counts["start"].dt.tz_localize("UTC")
    counts["kind_label"] = kinds.map(lambda k: EVENT_KINDS.get(k, k))
    counts["colour"] = kinds.map(lambda k: EVENT_COLOURS.get(k, UNKNOWN_COLOUR))
    counts["stack_to"] = counts.groupby("start")["count"].cumsum()
    counts["stack_from"] = counts["stack_to"] - counts["count"]
    return counts[list(AGGREGATE_COLUMNS)]


def aggregate_chart(
    events: pd.DataFrame,
    *,
    window: tuple[date | None, date | None] = (None, None),
    period: str | None = None,
) -> alt.LayerChart:
    """Stacked bars of event counts per period, coloured by kind, with the ``span`` selection."""
    period = period or aggregate_period(events)
    frame = aggregate_frame(events, period)
    span = alt.selection_interval(name=SPAN_PARAM, encodings=["x"])
    x_scale = alt.Scale(type="utc")
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("start:T", title=None, scale=x_scale, axis=alt.Axis(format="%d %b %Y")),
            x2="end:T",
            y=alt.Y("stack_to:Q", title=f"Events per {period}"),
            y2="stack_from:Q",
            color=alt.Color(
                "kind_label:N",
                title=None,
                scale=_colour_scale(frame),
                legend=alt.Legend(orient="top", direction="horizontal", columns=4),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Period"),
                alt.Tooltip("kind_label:N", title="Kind"),
                alt.Tooltip("count:Q", title="Events", format=","),
            ],
        )
        .add_params(span)
    )
    layers = [_window_band(window, x_scale), bars] if any(window) else [bars]
    return alt.layer(*layers).properties(height=_AGGREGATE_HEIGHT, width="container")


@dataclass(frozen=True)
class TimelineChart:
    """The chart to draw, and whether it is the aggregated one (and per which period)."""

    chart: alt.LayerChart
    aggregated: bool
    period: str | None
    count: int


def timeline_chart_for(
    events: pd.DataFrame,
    *,
    window: tuple[date | None, date | None] = (None, None),
    selected_ids: Iterable[str] = (),
    aggregate_above: int = AGGREGATE_ABOVE,
) -> TimelineChart:
    """One bar per event, or counts per period above ``aggregate_above`` events."""
    if len(events) > aggregate_above:
        period = aggregate_period(events)
        chart = aggregate_chart(events, window=window, period=period)
        return TimelineChart(chart, True, period, len(events))
    chart = timeline_chart(events, window=window, selected_ids=selected_ids)
    return TimelineChart(chart, False, None, len(events))
