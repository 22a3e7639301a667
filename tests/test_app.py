"""The app's logic through Streamlit's AppTest: widgets → view → summary and map arguments.

AppTest cannot look inside the map iframe (the browser tier does); it can read the
arguments ``st_folium`` sends to the component, which is where an online URL would hide.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def summary(at: AppTest) -> str:
    lines = [m.value.strip("*") for m in at.markdown if re.search(r"\bevents?\b", m.value, re.I)]
    assert len(lines) == 1, [m.value for m in at.markdown]
    return lines[0]


def map_args(at: AppTest) -> dict:
    (component,) = at.get("component_instance")
    assert component.proto.component_name == "streamlit_folium.st_folium"
    return json.loads(component.proto.json_args)


def expected_summary(events) -> str:
    n, m = len(events), events["exercise_id"].nunique()
    return f"{n} event{'s' * (n != 1)}, {m} exercise{'s' * (m != 1)}"


def is_local_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return True
    if not parts.scheme and not parts.netloc:
        return url.startswith("/")  # served by the app itself
    return parts.hostname in LOCAL_HOSTS


def test_app_opens_on_the_whole_catalogue(app, catalogue_frames):
    events = catalogue_frames["events"]
    assert summary(app) == expected_summary(events)
    assert len(events) > 0


def test_choosing_an_exercise_narrows_the_summary(app, catalogue_frames):
    events = catalogue_frames["events"]
    exercise = events["exercise_id"].value_counts().index[0]  # the one with most events
    app.multiselect(key="exercises").select(exercise).run()
    assert not app.exception
    assert summary(app) == expected_summary(events[events["exercise_id"] == exercise])


def test_date_window_keeps_events_overlapping_it(app, catalogue_frames):
    events = catalogue_frames["events"]
    first = events["start_date"].min().date()
    last_start = events.sort_values("start_date")["start_date"].iloc[len(events) // 2].date()
    app.slider(key="window").set_value((first, last_start)).run()
    assert not app.exception
    overlapping = events[events["start_date"].dt.date <= last_start]
    assert summary(app) == expected_summary(overlapping)
    assert len(overlapping) < len(events)


def test_hiding_the_events_layer_says_so_and_drops_events_from_the_map(app):
    assert "bm-layer-events" in json.dumps(map_args(app))
    app.checkbox(key="layer_events").uncheck().run()
    assert not app.exception
    assert summary(app) == "Events layer hidden"
    assert "bm-layer-events" not in json.dumps(map_args(app))


def test_map_component_loads_nothing_from_outside(app):
    args = map_args(app)
    links = args["js_links"] + args["css_links"]
    assert links, "the map must load Leaflet from somewhere"
    assert [url for url in links if not is_local_url(url)] == []
    # Online tile layers may be offered in the switcher, but none is on the map by
    # default: Leaflet requests tiles only for a layer that was added to the map.
    code = "\n".join(args[k] or "" for k in ("script", "feature_group", "layer_control"))
    online = re.findall(r"var (\w+) = L\.tileLayer\(\s*\"https?://", code)
    assert [name for name in online if f"{name}.addTo(" in code] == []


def test_panning_does_not_rerun_the_script(app):
    assert map_args(app)["returned_objects"] == []


def test_filtering_swaps_the_events_without_remounting_the_map(app, catalogue_frames):
    before = map_args(app)
    exercise = catalogue_frames["events"]["exercise_id"].value_counts().index[-1]
    app.multiselect(key="exercises").select(exercise).run()
    after = map_args(app)
    # The component key derives from the static map: unchanged means the same map
    # stays mounted and only the events group is replaced.
    assert after["key"] == before["key"]
    assert after["script"] == before["script"]
    assert after["feature_group"] != before["feature_group"]


def test_a_broken_catalogue_shows_its_problems_instead_of_a_map(monkeypatch):
    import layers.load
    from layers.validate import GeoDataError, Problem

    problem = Problem("bases.geojson", 3, "misawa", "confidence", "'sure' is not one of ...")

    def broken():
        raise GeoDataError([problem])

    monkeypatch.setattr(layers.load, "load_catalogue", broken)
    st.cache_data.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
    finally:
        st.cache_data.clear()
    assert not at.exception
    assert "bases.geojson" in at.error[0].value
    assert not at.get("component_instance")
