"""AppTest harness: the timeline, details and table panels over one shared context.

Used by ``tests/test_panels.py``. It builds ``ctx.events`` the way ``app.py`` does
(the view's filters, then the timeline's selection), from the shipped catalogue or
from frames a test puts in ``st.session_state["test_frames"]`` (with a view in
``"test_view"``), so a test drives the panels exactly as the app would.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from layers.catalogue.load import load_catalogue
from layers.view.chart_selection import apply_chart_selection
from layers.view.filters import filter_view
from layers.view.view import BriefingView
from ui import details_panel, table_panel, timeline_panel
from ui.context import KEY_CHART, AppContext


@st.cache_resource
def catalogue() -> dict:
    """Loaded once per test process (the frames are treated as read-only)."""
    return load_catalogue().frames


frames = st.session_state.get("test_frames") or catalogue()
view = st.session_state.get("test_view") or BriefingView()
events = apply_chart_selection(filter_view(frames["events"], view), st.session_state.get(KEY_CHART))
st.text(f"map events: {len(events)}")
ctx = AppContext(frames, view, events, Path("userdata"), frozenset(frames["bases"]["id"]))
timeline_panel.render(ctx)
details_panel.render(ctx)
table_panel.render(ctx)
