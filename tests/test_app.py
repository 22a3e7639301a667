"""The app's logic through Streamlit's AppTest: widgets → view → summary and map arguments.

AppTest cannot look inside the map iframe (the browser tier does); it can read the
arguments ``st_folium`` sends to the component, which is where an online URL would hide.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from layers.safe_text import read_md

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


def test_a_click_and_the_end_of_a_pan_report_back_but_bounds_do_not(app):
    # The clicked tooltip names the feature; centre and zoom keep the view exact (link,
    # PNG, deck). Bounds change with the window size: they would rerun for nothing.
    returned = map_args(app)["returned_objects"]
    assert returned == ["last_object_clicked", "last_object_clicked_tooltip", "center", "zoom"]


def test_filtering_swaps_the_events_without_remounting_the_map(app, catalogue_frames):
    before = map_args(app)
    exercise = catalogue_frames["events"]["exercise_id"].value_counts().index[-1]
    app.multiselect(key="exercises").select(exercise).run()
    after = map_args(app)
    # The component key derives from the static map: unchanged means the same map
    # stays mounted and only the data groups are replaced.
    assert after["key"] == before["key"]
    assert after["script"] == before["script"]
    assert after["feature_group"] != before["feature_group"]


def test_layer_toggles_and_playback_leave_the_static_map_byte_identical(app):
    before = map_args(app)
    assert "bm-layer-bases" not in before["script"], "data layers belong in the groups"
    assert "bm-layer-bases" in before["feature_group"]
    app.checkbox(key="layer_bases").uncheck().run()
    app.button(key="play_step_button").click().run()
    after = map_args(app)
    assert not app.exception
    assert (after["key"], after["script"], after["html"]) == (
        before["key"],
        before["script"],
        before["html"],
    )
    assert "bm-layer-bases" not in after["feature_group"]


def test_a_broken_catalogue_shows_its_problems_instead_of_a_map(monkeypatch):
    import layers.catalogue.load
    from layers.catalogue.problems import GeoDataError, Problem

    problem = Problem("bases.geojson", 3, "misawa", "confidence", "'sure' is not one of ...")
    crafted = Problem("bases.geojson", 4, "x", "name", "got [open](javascript:alert(1)) **bold**")

    def broken(*args, **kwargs):
        raise GeoDataError([problem, crafted])

    monkeypatch.setattr(layers.catalogue.load, "load_catalogue", broken)
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
    finally:
        st.cache_resource.clear()
    assert not at.exception
    assert "did not load" in at.error[0].value
    listed = at.code[0]
    assert listed.language == "plaintext"  # plain text: quoted file text is never Markdown or HTML
    assert str(problem) in listed.value and str(crafted) in listed.value
    assert not at.get("component_instance")


# --- Date window: quick choices and playback -------------------------------------------


def query(at: AppTest, key: str) -> list[str]:
    """Every value of ``key`` in the app's URL (AppTest gives one value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def window(at: AppTest) -> tuple:
    return tuple(at.slider(key="window").value)


def test_quick_choice_last_30_days_sets_the_window(app, catalogue_frames):
    from layers.view.filters import filter_events
    from layers.view.playback import quick_windows

    events = catalogue_frames["events"]
    start, end = quick_windows(events)["Last 30 days of the data"]
    app.selectbox(key="quick_window").select("Last 30 days of the data").run()
    assert not app.exception
    assert window(app) == (start, end)
    assert summary(app) == expected_summary(filter_events(events, start=start, end=end))
    assert app.selectbox(key="quick_window").value is None  # one-shot: ready for the next


def test_quick_choice_of_an_exercise_shows_its_span(app, catalogue_frames):
    from layers.view.playback import exercise_window

    events = catalogue_frames["events"]
    name = "Liaoning carrier group near Okinawa, Dec 2025"
    exercise_id = events.loc[events["exercise"] == name, "exercise_id"].iloc[0]
    app.selectbox(key="quick_window").select(f"Exercise: {name}").run()
    assert window(app) == exercise_window(events, exercise_id)
    assert "2025-12-06-j15-radar-lock-f15" in set(
        events.loc[
            (events["start_date"].dt.date <= window(app)[1])
            & (events["end_date"].dt.date >= window(app)[0]),
            "id",
        ]
    )


def test_step_moves_the_window_one_day_then_one_week():
    at = run_with_query(start="2025-12-06", end="2025-12-06")
    assert window(at) == (date(2025, 12, 6), date(2025, 12, 6))
    at.button(key="play_step_button").click().run()
    assert window(at) == (date(2025, 12, 7), date(2025, 12, 7))
    at.radio(key="play_step").set_value("week").run()
    at.button(key="play_step_button").click().run()
    assert window(at) == (date(2025, 12, 14), date(2025, 12, 14))
    assert query(at, "start") == ["2025-12-14"]


def test_step_from_all_dates_starts_at_the_first_day(app, catalogue_frames):
    first = catalogue_frames["events"]["start_date"].min().date()
    app.button(key="play_step_button").click().run()
    assert window(app) == (first, first)


def test_step_at_the_end_of_the_data_says_so(app, catalogue_frames):
    last = catalogue_frames["events"]["end_date"].max().date()
    app.slider(key="window").set_value((last, last)).run()
    app.button(key="play_step_button").click().run()
    assert window(app) == (last, last)
    assert any("last day" in c.value for c in app.sidebar.caption)


# --- Exact dates: typed, inclusive, in step with the slider ---------------------------


def test_typed_dates_set_the_window_and_the_slider_follows(app, catalogue_frames):
    from layers.view.filters import filter_events

    start, end = date(2025, 12, 5), date(2025, 12, 12)
    app.date_input(key="window_from").set_value(start).run()
    app.date_input(key="window_to").set_value(end).run()
    assert window(app) == (start, end)
    events = catalogue_frames["events"]
    assert summary(app) == expected_summary(filter_events(events, start=start, end=end))


def test_the_slider_and_quick_choices_move_the_typed_dates(app, catalogue_frames):
    app.slider(key="window").set_value((date(2024, 1, 1), date(2024, 6, 30))).run()
    assert app.date_input(key="window_from").value == date(2024, 1, 1)
    assert app.date_input(key="window_to").value == date(2024, 6, 30)


def test_a_start_typed_after_the_end_carries_the_end_with_it(app):
    app.slider(key="window").set_value((date(2024, 1, 1), date(2024, 6, 30))).run()
    app.date_input(key="window_from").set_value(date(2024, 8, 1)).run()
    assert window(app) == (date(2024, 8, 1), date(2024, 8, 1))
    app.date_input(key="window_to").set_value(date(2024, 3, 1)).run()  # an end before it
    assert window(app) == (date(2024, 3, 1), date(2024, 3, 1))


# --- Filters: AND, empty result ---------------------------------------------------------


def test_filters_combine_and_an_empty_result_says_so_and_can_be_cleared(app, catalogue_frames):
    events = catalogue_frames["events"]
    app.multiselect(key="exercises").select("joint-sea-2025").run()
    app.multiselect(key="kinds").select("incident").run()
    assert not app.exception
    assert summary(app) == "0 events, 0 exercises"
    # Said in a toast: nothing appears above the map to push it down the page.
    assert any("No event matches these filters" in t.value for t in app.toast)
    assert not [i for i in app.info if "No event matches" in i.value]
    groups = map_args(app)["feature_group"]
    assert "bm-layer-bases" in groups and "bm-layer-adiz" in groups  # the map stays useful
    app.button(key="clear_filters_main").click().run()
    assert summary(app) == expected_summary(events)


def test_participant_and_aircraft_filters_narrow_the_summary(app, catalogue_frames):
    from layers.view.filters import filter_events

    events = catalogue_frames["events"]
    app.multiselect(key="participants").select("RUS").run()
    assert summary(app) == expected_summary(filter_events(events, participants=["RUS"]))
    app.multiselect(key="aircraft").select("Tu-95").run()
    both = filter_events(events, participants=["RUS"], aircraft=["Tu-95"])
    assert summary(app) == expected_summary(both)
    assert 0 < len(both) < len(events)


# --- URL state --------------------------------------------------------------------------


def run_with_query(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def test_url_restores_window_exercise_layers_and_position(catalogue_frames):
    from layers.view.filters import filter_events

    events = catalogue_frames["events"]
    at = run_with_query(
        start="2025-12-01",
        end="2025-12-31",
        ex="Liaoning carrier group near Okinawa, Dec 2025",
        layers="bases,events",
        c="30.5,140.25",
        z="6",
    )
    assert window(at) == (date(2025, 12, 1), date(2025, 12, 31))
    assert at.multiselect(key="exercises").value == ["liaoning-2025-12"]
    assert at.checkbox(key="layer_adiz").value is False
    shown = filter_events(
        events, start=date(2025, 12, 1), end=date(2025, 12, 31),
        exercises=["liaoning-2025-12"],
    )  # fmt: skip
    assert summary(at) == expected_summary(shown)
    script = map_args(at)["script"]
    assert re.search(r"center:\s*\[30\.5,\s*140\.25\]", script)
    assert re.search(r"\"zoom\": 6\b", script)
    # ...and the page's URL keeps describing the view (written back every run).
    assert query(at, "ex") == ["liaoning-2025-12"]
    assert query(at, "c") == ["30.5,140.25"]
    assert query(at, "layers") == ["bases,events"]


def test_url_follows_the_widgets(app):
    app.multiselect(key="kinds").select("incident").run()
    app.checkbox(key="layer_areas").uncheck().run()
    assert query(app, "kind") == ["incident"]
    assert query(app, "layers") == ["adiz,bases,events"]


def test_bad_url_values_fall_back_with_a_visible_escaped_notice(catalogue_frames):
    at = run_with_query(start="2025-13-45", ex="<b>nope</b>", z="99")
    notices = [read_md(w.value) for w in at.warning]
    assert any("Malformed date '2025-13-45'" in n for n in notices)
    assert any("Unknown exercise '<b>nope</b>'" in n for n in notices)
    assert any("zoom" in n for n in notices)
    assert summary(at) == expected_summary(catalogue_frames["events"])
    assert at.multiselect(key="exercises").value == []


# --- Range rings and distance -----------------------------------------------------------


def test_range_ring_draws_around_the_chosen_base(app):
    app.selectbox(key="ring_base").select_index(0).run()
    app.text_input(key="ring_radius").input("500 km").run()
    assert not app.exception
    assert not app.error
    groups = map_args(app)["feature_group"]
    assert "bm-range-ring" in groups
    assert "270.0 nm (500.0 km)" in groups


def test_range_ring_input_errors_are_shown(app):
    app.selectbox(key="ring_base").select_index(0).run()
    app.text_input(key="ring_radius").input("three hundred").run()
    assert any("is not a distance" in e.value for e in app.error)
    assert "bm-range-ring" not in (map_args(app)["feature_group"] or "")


def test_aircraft_published_range_draws_a_ring(app):
    app.selectbox(key="ring_base").select_index(0).run()
    app.selectbox(key="ring_aircraft").select("B-52H").run()
    groups = map_args(app)["feature_group"]
    assert "14,160.0 km" in groups


def test_distance_between_two_bases_in_km_and_nm(app, catalogue_frames):
    from layers.geo.geodesy import distance_km

    bases = catalogue_frames["bases"].set_index("id")
    misawa, andersen = bases.loc["misawa"], bases.loc["andersen"]
    app.selectbox(key="measure_from").select(f"{misawa['name']} (misawa)").run()
    app.selectbox(key="measure_to").select(f"{andersen['name']} (andersen)").run()
    km = distance_km(
        (misawa.geometry.x, misawa.geometry.y), (andersen.geometry.x, andersen.geometry.y)
    )
    text = " ".join(m.value for m in app.markdown)
    assert f"{km:,.1f} km" in text.replace("\\", "")
    assert "nm" in text
    assert "bm-measure" in map_args(app)["feature_group"]


def test_typed_position_errors_are_shown(app):
    app.selectbox(key="measure_from").select("Type a position (lat, lon)").run()
    app.text_input(key="measure_from_ll").input("200, 10").run()
    assert any("Latitude 200 is out of range" in e.value for e in app.error)


# --- Large data (BRIEFING_MAP_EVENTS) ---------------------------------------------------


@pytest.fixture
def large_events(tmp_path, monkeypatch):
    from tools.make_stress import make_events, write

    def make(n: int) -> Path:
        path = tmp_path / f"stress-{n}.parquet"
        write(make_events(n), path)
        monkeypatch.setenv("BRIEFING_MAP_EVENTS", str(path))
        return path

    return make


@pytest.mark.parametrize(
    ("n", "note"), [(500, "500 events shown individually"), (3000, "aggregated into")]
)
def test_large_data_mode_says_whether_events_are_aggregated(large_events, n, note):
    large_events(n)
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception, at.exception
    assert any(note in c.value for c in at.caption), [c.value for c in at.caption]
    assert summary(at) == f"{n:,} events, 1 exercise"
    args = map_args(at)
    assert note in args["feature_group"]  # the map's own legend says it too
    assert {"zoom", "bounds", "last_object_clicked"} <= set(args["returned_objects"])
    assert "bm-layer-bases" in args["feature_group"]  # the catalogue's layers stay


def test_map_files_that_cannot_be_prepared_are_said_in_words_with_the_fix(monkeypatch):
    from ui import state

    def missing():
        raise FileNotFoundError("map asset missing: /nowhere/leaflet.js")

    monkeypatch.setattr(state, "ensure_static_assets", missing)
    state.assets_problem.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
    finally:
        state.assets_problem.clear()
    assert not at.exception
    (error,) = at.error
    assert "cannot be drawn" in error.value and "leaflet\\.js" in error.value  # escaped Markdown
    assert "make assets" in error.value
    assert not at.get("component_instance"), "no blank map under the message"
