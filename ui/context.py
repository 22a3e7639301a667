"""What every panel of the app receives: the loaded data and the current view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from layers.view.view import BriefingView


@dataclass(frozen=True)
class AppContext:
    """The state of one script run, built once in ``app.py`` and passed to the panels.

    Attributes
    ----------
    frames
        Catalogue frames ("bases", "adiz", "areas", "events"); events include the
        user's saved imports (``origin == "user"``).
    view
        The current view: window, filters, layers, centre, zoom, title, marking.
    events
        The events the view selects (what the map, timeline and table show).
    data_dir
        The user data folder (``BRIEFING_MAP_DATA``, default ``userdata/``).
    base_ids
        Ids of the catalogue's bases (for validating imports and drafts).
    view_events
        The events of the view before the timeline's own selection (what the chart
        draws, so a selection can be widened again); ``None`` means ``events``.
    """

    frames: dict[str, gpd.GeoDataFrame]
    view: BriefingView
    events: gpd.GeoDataFrame
    data_dir: Path
    base_ids: frozenset[str]
    view_events: gpd.GeoDataFrame | None = None


# Session-state keys shared between panels (one place, so panels agree).
KEY_CHART = "timeline_chart"  # st.altair_chart key; its selection filters the map
KEY_CLICKED = "clicked_feature"  # (layer, feature_id) of the last map click, or None
KEY_MAP = "briefing_map"  # st_folium key: stable, so reruns update the map in place
