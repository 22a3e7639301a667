"""The events table: exactly the events the map shows, sortable, with downloads.

Large selections: the screen shows the earliest ``TABLE_ROW_LIMIT`` rows (a
million-row ``st.dataframe`` would freeze the page) and says so; the downloads hold
the whole selection. They are built only when clicked (``st.download_button`` with a
callable, on a separate thread), and refused above ``DOWNLOAD_LIMIT`` events, which
would take minutes to write (see ``layers.outputs.table``).
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from layers.outputs.table import (
    DOWNLOAD_LIMIT,
    TABLE_ROW_LIMIT,
    download_file_name,
    events_table,
    events_to_csv_bytes,
    events_to_geojson_bytes,
    first_rows,
)
from layers.safe_text import plural
from ui.context import AppContext

DOWNLOAD_LABELS = {"geojson": "GeoJSON", "csv": "CSV"}
MIMES = {"geojson": "application/geo+json", "csv": "text/csv"}
DOWNLOAD_HELP = {
    "geojson": None,
    "csv": "The layout `python -m layers import` reads, so it can be edited and imported again.",
}


def table_caption(total: int, shown: int) -> str:
    """What the table holds, in words ("Showing the first 1,000 of 25,000 events …")."""
    if total == 0:
        return "No events in this selection."
    if shown < total:
        return (
            f"Showing the first {shown:,} of {total:,} events (earliest first): "
            "the downloads hold them all. Sort by clicking a column header."
        )
    return f"{total:,} event{'s' * (total != 1)}. Sort by clicking a column header."


def render(ctx: AppContext) -> None:
    """The table of ``ctx.events`` (first rows when large) and its two downloads."""
    if ctx.remote is not None and not ctx.remote.complete:  # a large database selection
        from ui import db_large, db_state

        db_large.table(ctx, db_state.remote())
        return
    events = ctx.events
    shown = first_rows(events, TABLE_ROW_LIMIT)
    st.caption(table_caption(len(events), len(shown)))
    st.dataframe(events_table(shown, ctx.selection.numbers), width="stretch")
    render_downloads(ctx)


def render_downloads(ctx: AppContext) -> None:
    """GeoJSON and CSV of exactly ``ctx.events``, named after the window's dates."""
    events, window = ctx.events, (ctx.view.start, ctx.view.end)
    too_many = len(events) > DOWNLOAD_LIMIT
    if too_many:
        st.warning(
            f"{len(events):,} events are more than one download can hold "
            f"({DOWNLOAD_LIMIT:,}): narrow the dates or filters, or select a span on the "
            "timeline, to download them."
        )
    for column, (kind, write) in zip(
        st.columns(2),
        (("geojson", events_to_geojson_bytes), ("csv", events_to_csv_bytes)),
        strict=True,
    ):
        column.download_button(
            f"Download {DOWNLOAD_LABELS[kind]} ({plural(len(events), 'event')})",
            data=partial(write, events),
            file_name=download_file_name(events, window, kind),
            mime=MIMES[kind],
            on_click="ignore",
            disabled=too_many,
            key=f"table_download_{kind}",
            help=DOWNLOAD_HELP[kind],
        )
