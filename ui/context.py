"""What every panel of the app receives: the loaded data and the current view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import streamlit as st

from layers.view.select import Selection
from layers.view.view import BriefingView, Pick


@dataclass(frozen=True)
class AppContext:
    """The state of one script run, built once in ``app.py`` and passed to the panels.

    Attributes
    ----------
    selection
        What the view selects (``layers.view.select``): the one input of the map, the
        timeline, the table, the details and the exports. No panel filters again.
    data_dir
        The user data folder (``BRIEFING_MAP_DATA``, default ``userdata/``).
    base_ids
        Ids of the catalogue's bases (for validating imports and drafts).
    remote
        A large database catalogue: the ``RemoteSelection`` of this run (counts, and
        the events when few enough); ``None`` otherwise (``ui.db_large``).
    """

    selection: Selection
    data_dir: Path
    base_ids: frozenset[str]
    remote: object | None = None

    @property
    def view(self) -> BriefingView:
        """The view of this run (window, filters, pick, layers, position, marks, texts)."""
        return self.selection.view

    @property
    def events(self) -> gpd.GeoDataFrame:
        """The selected events: what the map, the timeline's highlight and the table show."""
        return self.selection.events

    @property
    def catalogue(self) -> dict[str, gpd.GeoDataFrame]:
        """The whole catalogue with the user's saved imports (``origin == "user"``)."""
        return dict(self.selection.catalogue)


# Session-state keys shared between panels (one place, so panels agree).
KEY_CHART = "timeline_chart"  # st.altair_chart key prefix (see ui.timeline_panel)
KEY_PICK = "timeline_pick"  # the view's Pick: from the chart, or from the link at the start
KEY_LINK_MARKS = "link_marks"  # (rings, measures) a link or recipe brought, kept until cleared
KEY_CLICKED = "clicked_feature"  # (layer, feature_id) of the last map click, or None
KEY_MAP = "briefing_map"  # st_folium key: stable, so reruns update the map in place


def linked_marks() -> tuple[tuple, tuple]:
    """The range rings and distances the link (or a recipe) brought: (rings, measures)."""
    return st.session_state.get(KEY_LINK_MARKS, ((), ()))


def current_pick() -> Pick:
    """The timeline's pick for this run's view (empty until the chart or a link sets one)."""
    pick = st.session_state.get(KEY_PICK)
    return pick if isinstance(pick, Pick) else Pick()
