"""Panels over a large database catalogue: counts, map, timeline and table from SQL.

Used when ``ctx.remote`` is set (``ui.db_state``): the app process holds the events of
the current selection only when there are at most ``FETCH_LIMIT`` (then every panel
works as on the curated catalogue), else the count, the earliest ``TABLE_ROWS`` and
whatever the map and the timeline ask the database for. The map's events layer is
drawn by the in-memory large mode's own code (``layers.map.large_events``) from what
the server counted in the viewport.
"""

from __future__ import annotations

import streamlit as st

from layers.catalogue.db.remote import FETCH_LIMIT
from layers.outputs.table import DOWNLOAD_LIMIT
from layers.safe_text import plural
from ui import say
from ui.context import AppContext


def summary_line(ctx: AppContext) -> str:
    """'1,000,000 events, 1 exercise', counted by the database."""
    return f"{plural(ctx.remote.total, 'event')}, {plural(ctx.remote.exercises, 'exercise')}"


def select(data, view, viewport) -> tuple:
    """``(Selection, RemoteSelection)`` of ``view``: counts and events from SQL.

    When the view keeps at most ``FETCH_LIMIT`` events they are fetched and selected
    as a small large-mode catalogue (``layers.view.select``), so the map, the clicks
    and the exports work on them as they are. Beyond that the selection holds the
    earliest rows for the table, and the map's events in view (or their cells) come
    from the database; ``catalogue["events"]`` is what the map drew (for clicks).
    """
    from layers.view.large_selection import EventIndex
    from layers.view.select import Selection
    from layers.view.select import select as select_view
    from ui import db_state

    handle = db_state.remote()
    remote = handle.select(view, view.pick)
    if remote.complete and remote.view_events is not None:  # few enough: as a catalogue
        catalogue = {**data.frames, "events": remote.view_events}
        index = EventIndex.from_frame(remote.view_events)
        return select_view(catalogue, view, index=index, viewport=viewport), remote
    index, drawn, scaled = handle.in_view(remote.filter, zoom=viewport.zoom, bounds=viewport.bounds)
    frames = {
        key: remote.events if key == "events" else data.frames[key]
        for key in ("areas", "adiz", "bases", "events")
        if key in view.layers and key in data.frames
    }
    view_events = remote.view_events if remote.view_events is not None else remote.events
    catalogue = {**data.frames, "events": drawn}
    return Selection(view, catalogue, frames, view_events, scaled, index), remote


def timeline(ctx: AppContext, handle) -> None:
    """The aggregated timeline of a selection too large to fetch: counts per period."""
    from layers.outputs.event_counts import aggregate_chart, aggregate_period
    from ui.timeline_panel import chart_widget_key, store_selection

    counts = handle.timeline_frame(ctx.remote.view_filter)
    period = aggregate_period(counts)
    chart = aggregate_chart(counts, window=(ctx.view.start, ctx.view.end), period=period)
    say.caption(
        "{n:,} events: too many to draw one by one, so the timeline shows events per "
        "{period}, stacked by kind (counted by the database). Drag across it to select dates.",
        n=ctx.remote.view_total,
        period=period,
    )
    st.altair_chart(chart, on_select=store_selection, key=chart_widget_key(), width="stretch")
    _selection_status(ctx)


def _selection_status(ctx: AppContext) -> None:
    """The chart selection in words, counted by the database, and its clear button."""
    from layers.view.pick import describe_pick
    from ui.timeline_panel import CLEAR_LABEL, clear_chart_selection

    pick = ctx.view.pick
    if pick.is_empty:
        return
    text, button = st.columns([5, 1], vertical_alignment="center")
    say.markdown(
        "**Chart selection:** {what}: {kept:,} of {total:,} events on the map and in the table",
        where=text, what=describe_pick(pick), kept=ctx.remote.total,
        total=ctx.remote.view_total,
    )  # fmt: skip
    button.button(CLEAR_LABEL, on_click=clear_chart_selection, key="timeline_clear_selection")


def table(ctx: AppContext, handle) -> None:
    """The earliest rows of the selection, and downloads fetched from the database."""
    from layers.outputs.table import events_table, events_to_csv_bytes, events_to_geojson_bytes
    from ui.table_panel import table_caption

    total = ctx.remote.total
    st.caption(table_caption(total, len(ctx.events)))
    st.dataframe(events_table(ctx.events), width="stretch")
    too_many = total > DOWNLOAD_LIMIT
    if too_many:
        st.warning(
            f"{total:,} events are more than one download can hold ({DOWNLOAD_LIMIT:,}): "
            "narrow the dates or filters, or select a span on the timeline, to download them."
        )

    def fetched():
        return handle.fetch(ctx.remote.filter, DOWNLOAD_LIMIT)

    geojson, csv = st.columns(2)
    geojson.download_button(
        f"Download GeoJSON ({plural(total, 'event')})",
        data=lambda: events_to_geojson_bytes(fetched()),
        file_name="events.geojson", mime="application/geo+json", on_click="ignore",
        disabled=too_many, key="table_download_geojson",
    )  # fmt: skip
    csv.download_button(
        f"Download CSV ({plural(total, 'event')})",
        data=lambda: events_to_csv_bytes(fetched()),
        file_name="events.csv", mime="text/csv", on_click="ignore", disabled=too_many,
        key="table_download_csv",
    )  # fmt: skip


def export_problem(ctx: AppContext) -> str | None:
    """Why the export cannot draw this selection (too many events), or ``None``."""
    if ctx.remote is None or ctx.remote.complete or "events" not in ctx.view.layers:
        return None
    return (
        f"{ctx.remote.total:,} events are selected; the export draws each one, up to "
        f"{FETCH_LIMIT:,}. Narrow the date window or the filters to export."
    )
