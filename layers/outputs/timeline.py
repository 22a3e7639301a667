"""The timeline under the map: events as bars over time, coloured like the map.

Times are drawn on a UTC scale from UTC timestamps, so a bar starts on its calendar
day whatever the viewer's time zone (a local scale would shift bars by the offset).
Bars end one day after ``end_date`` so a one-day event is a day wide.

The chart carries two selection parameters that ``st.altair_chart(on_select=...)``
returns: ``span`` (an interval on x, the dates) and ``pick`` (clicked bars, by ``id``).
``layers.view.pick`` turns what Streamlit returns into dates and ids and
applies them to the events.

Large data: above :data:`AGGREGATE_ABOVE` events one bar per event is unreadable and
heavy (Vega draws every mark, Altair refuses more than 5,000 rows inline), so
:func:`timeline_chart_for` draws ``layers.outputs.event_counts.aggregate_chart``
instead: event counts per day, week or month, stacked by kind, with the same ``span``
selection.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from layers.catalogue.schema import EVENT_KINDS
from layers.map.styles import EVENT_COLOURS, UNKNOWN_COLOUR
from layers.outputs.chart_parts import (
    BARS_VIEW,
    BRUSH_VIEW,
    ONE_DAY,
    kind_colour_scale,
    window_band,
)
from layers.outputs.event_counts import aggregate_chart, aggregate_period
from layers.view.pick import PICK_PARAM, SPAN_PARAM

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
_LEGEND_AND_AXIS_PX = 90
# A one-day bar over two years of data is under 2 px: too thin to see or click. Bars are
# drawn at least MIN_BAR_PX wide at a typical chart width (the tooltip keeps the dates).
MIN_BAR_PX, TYPICAL_CHART_PX = 6, 1200
MAX_BARS_PX, MIN_ROW_PX = 560, 12  # the rows' height: at most this, each row at least that


def shown_ends(frame: pd.DataFrame) -> pd.Series:
    """Each bar's drawn end: its real end, or later so the bar is at least ``MIN_BAR_PX``."""
    if frame.empty:
        return frame["end"]
    span = frame["end"].max() - frame["start"].min()
    least = span * (MIN_BAR_PX / TYPICAL_CHART_PX)
    return frame["end"].where(frame["end"] - frame["start"] >= least, frame["start"] + least)


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
            "end": (last + ONE_DAY).dt.tz_localize("UTC"),
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


def timeline_chart(
    events: pd.DataFrame,
    *,
    window: tuple[date | None, date | None] = (None, None),
    selected_ids: Iterable[str] = (),
    height_per_row: int = 28,
    numbers: Mapping[str, int] | None = None,
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
    numbers
        Event id → its number on the map (``Selection.numbers``), written after its bar.

    Returns
    -------
    altair.LayerChart
        With selection parameters ``span`` (interval on x) and ``pick`` (point on
        ``id``), for ``st.altair_chart(chart, on_select="rerun")``.
    """
    frame = timeline_frame(events)
    selected = set(selected_ids)
    frame["selected"] = frame["id"].isin(selected) if selected else False
    frame["shown_end"] = shown_ends(frame)
    span = alt.selection_interval(name=SPAN_PARAM, encodings=["x"])
    pick = alt.selection_point(name=PICK_PARAM, fields=["id"], on="click")
    x_scale = alt.Scale(type="utc")
    emphasis = (alt.datum.selected) if selected else pick
    place = {
        "x": alt.X("start:T", title=None, scale=x_scale, axis=alt.Axis(format="%d %b %Y")),
        "x2": "shown_end:T",
        "y": alt.Y(
            "exercise:N",
            title=None,
            sort=alt.EncodingSortField("start", op="min"),
            axis=alt.Axis(labelLimit=240),
        ),
    }
    bars = (
        alt.Chart(frame)
        .mark_bar(cornerRadius=2, minBandSize=3)  # minBandSize keeps 1-day bars visible
        .encode(
            **place,
            color=alt.Color(
                "kind_label:N",
                title=None,
                scale=kind_colour_scale(frame),
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
        .add_params(pick)
        .properties(name=BARS_VIEW)
    )
    # Vega-Lite draws an interval's brush over every mark of the layer holding it, so a
    # click on a bar inside the span hit the brush and picked nothing. Held by invisible
    # bars nested in a layer of their own, the brush lies under the visible bars: the
    # click reaches the bar and picks it (its press also ends the span, as outside one).
    brush = alt.layer(
        alt.Chart(frame)
        .mark_bar(opacity=0, aria=False)
        .encode(**place)
        .add_params(span)
        .properties(name=BRUSH_VIEW)
    )
    rows = max(frame["exercise"].nunique(), 1)
    layers = [window_band(window, x_scale)] if any(window) else []
    layers += [brush, bars]
    if numbers:
        frame["number"] = frame["id"].map(lambda i: numbers.get(i, ""))
        labels = alt.Chart(frame[frame["number"] != ""]).mark_text(
            align="left", dx=3, fontSize=10, fontWeight="bold", color="#1b2430"
        )
        layers.append(
            labels.encode(
                x=alt.X("shown_end:T", scale=x_scale), y=alt.Y("exercise:N"), text="number:N"
            )
        )
    # Streamlit fits the whole chart (legend and axis too) into this height. Many rows
    # (48 exercises over the whole catalogue) get thinner, so the chart stays under
    # MAX_BARS_PX and never outgrows the map above it.
    row_px = max(MIN_ROW_PX, min(height_per_row, MAX_BARS_PX // rows))
    height = rows * row_px + _LEGEND_AND_AXIS_PX
    return alt.layer(*layers).properties(height=height, width="container")


AGGREGATE_ABOVE = 5_000  # events; above this the timeline draws counts, not bars


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
    numbers: Mapping[str, int] | None = None,
) -> TimelineChart:
    """One bar per event, or counts per period above ``aggregate_above`` events."""
    if len(events) > aggregate_above:
        period = aggregate_period(events)
        chart = aggregate_chart(events, window=window, period=period)
        return TimelineChart(chart, True, period, len(events))
    chart = timeline_chart(events, window=window, selected_ids=selected_ids, numbers=numbers)
    return TimelineChart(chart, False, None, len(events))
