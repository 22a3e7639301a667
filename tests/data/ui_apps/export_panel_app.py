"""The export panel with the app's own URL state and sidebar, over the shipped catalogue.

Used by ``tests/test_export_panel.py`` through ``AppTest.from_file``. The view is
built as ``app.py`` builds it (URL read once per session → sidebar widgets → saved
position), so loading a recipe is tested through the same path as in the app,
without the map, timeline and other tabs.
"""

from __future__ import annotations

import streamlit as st

from layers.catalogue.load import load_catalogue
from layers.view.filters import aircraft_choices
from layers.view.select import select
from ui import export_panel, sidebar, state
from ui.context import AppContext, current_pick


@st.cache_resource
def catalogue() -> dict:
    """Loaded once per test process (the frames are treated as read-only)."""
    return load_catalogue().frames


frames = catalogue()
events = frames["events"]
view = sidebar.render(events, state.url_view(events, aircraft_choices(events)))
view = state.with_position(view).with_changes(pick=current_pick())
ctx = AppContext(select(frames, view), state.data_dir(), frozenset(frames["bases"]["id"]))
export_panel.render(ctx)
state.write_url(ctx.view)
