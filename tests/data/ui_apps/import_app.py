"""AppTest harness: the "Import data" tab alone, loaded as the app loads its data.

The store is ``$BRIEFING_MAP_DATA`` (tests point it at a temporary folder). The line
"user events: N" is what every other view (map, timeline, table, export) works on.
"""

import streamlit as st

from layers.catalogue.store import catalogue_ids
from layers.view.select import select
from layers.view.view import BriefingView
from ui import import_panel, state
from ui.context import AppContext

loaded = state.load_data()
events = loaded.frames["events"]
st.text(f"user events: {int((events['origin'] == 'user').sum())}")
ctx = AppContext(select(loaded.frames, BriefingView()), state.data_dir(), catalogue_ids()[0])
import_panel.render(ctx)
