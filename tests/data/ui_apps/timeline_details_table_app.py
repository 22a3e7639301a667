"""AppTest harness: the timeline, details and table panels over one shared context.

Used by ``tests/test_panels.py``. It builds the selection the way ``app.py`` does
(the view with the timeline's pick, selected once), from the shipped catalogue or
from frames a test puts in ``st.session_state["test_frames"]`` (with a view in
``"test_view"``), so a test drives the panels exactly as the app would.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from layers.catalogue.load import load_catalogue
from layers.view.select import select
from layers.view.view import BriefingView
from ui import details_panel, table_panel, timeline_panel
from ui.context import AppContext, current_pick


@st.cache_resource
def catalogue() -> dict:
    """Loaded once per test process (the frames are treated as read-only)."""
    return load_catalogue().frames


frames = st.session_state.get("test_frames") or catalogue()
view = st.session_state.get("test_view") or BriefingView()
selection = select(frames, view.with_changes(pick=current_pick()))
st.text(f"map events: {len(selection.events)}")
ctx = AppContext(selection, Path("userdata"), frozenset(frames["bases"]["id"]))
timeline_panel.render(ctx)
details_panel.render(ctx)
table_panel.render(ctx)
