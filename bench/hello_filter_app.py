"""The framework's floor for ``bench/bench_filter.py``: one select box, one ``st_folium`` map.

A filter change here costs only what Streamlit and streamlit-folium cost: the click goes
to the server, a two-line script reruns, the map's new feature group goes back through
the page to the map's frame and Leaflet draws one circle per event. No sidebar of
filters, no timeline, no basemap, no callouts. Served with the project's
``.streamlit/config.toml`` and the app's offline Leaflet (inlined: Streamlit serves
``static/`` beside the script it runs, here ``bench/``), so it pays the same settings.
The map signals as the app's does (``briefingMapReady``, a fresh ``briefingMapFeatures``
and one ``.bm-feature.bm-layer-events`` element per event), so one clock times both.
"""

import sys
from datetime import date
from pathlib import Path

import folium
import streamlit as st
from branca.element import MacroElement
from folium.template import Template
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from bench/

from layers.catalogue.load import load_catalogue
from layers.map.assets import asset_urls
from layers.map.elements.basemap import OfflineMap
from layers.view.filters import filter_events

CHOICES = ("2025", "2024")  # bench_filter.CHOICES


class Drawn(MacroElement):
    """The signals ``bench_filter.REPAINTED_JS`` waits for."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.briefingMapFeatures = {events: {{ this.n }}};
        window.briefingMapReady = true;
        {% endmacro %}
        """
    )

    def __init__(self, n: int):
        super().__init__()
        self.n = n


@st.cache_resource
def events():
    """The curated events (loaded once per server)."""
    return load_catalogue().frames["events"]


st.set_page_config(page_title="Hello filter", layout="wide")
choice = st.sidebar.selectbox("Quick window", CHOICES, index=None)
shown = events()
if choice:  # the same filter, hence the same events, as the app's quick window
    shown = filter_events(shown, start=date(int(choice), 1, 1), end=date(int(choice), 12, 31))
group = folium.FeatureGroup(name="events")
for point in shown.geometry.representative_point():
    folium.CircleMarker(
        (point.y, point.x), radius=5, className="bm-feature bm-layer-events"
    ).add_to(group)
Drawn(len(shown)).add_to(group)
base = OfflineMap(asset_urls("inline"), tiles=None, location=(30, 135), zoom_start=4)
st_folium(base, feature_group_to_add=[group], key="map", height=640, use_container_width=True,
          returned_objects=[])  # fmt: skip
