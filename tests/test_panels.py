"""The timeline, details and table panels through Streamlit's AppTest.

The harness (``tests/data/ui_apps/timeline_details_table_app.py``) builds the context
as ``app.py`` does: the view's filters, then the timeline's selection from
``st.session_state[KEY_PICK]``. A test sets the view, the chart selection or the
map click in session state, runs the script and reads what a user would see.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from layers.catalogue.load import frame_from_features
from layers.outputs.table import TABLE_COLUMNS
from layers.safe_text import read_md
from layers.view.pick import pick_from_chart
from layers.view.select import select
from layers.view.view import BriefingView, Pick
from ui.context import KEY_CLICKED, KEY_PICK
from ui.details_panel import HINT
from ui.timeline_panel import CLEAR_LABEL

APP = str(Path(__file__).resolve().parent / "data" / "ui_apps" / "timeline_details_table_app.py")
BTF = "2025-04-15-btf-25-2-deployment"  # Dyess → Misawa in the catalogue
DECEMBER = BriefingView(start=date(2025, 12, 1), end=date(2025, 12, 31))


def run(**state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def map_count(at: AppTest) -> int:
    (line,) = [t.value for t in at.text if t.value.startswith("map events:")]
    return int(line.split(":")[1])


def chart_rows(at: AppTest) -> pd.DataFrame:
    """The data the timeline chart draws (Streamlit ships it as Arrow datasets)."""
    (chart,) = at.get("vega_lite_chart")
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
    return pd.concat(frames)


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def table(at: AppTest) -> pd.DataFrame:
    (frame,) = at.dataframe
    return frame.value


# --- Timeline ---------------------------------------------------------------------------


def test_timeline_draws_a_vega_lite_chart_of_the_view_events(catalogue_frames):
    at = run(test_view=DECEMBER)
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    assert {p["name"] for p in spec["params"]} == {"span", "pick"}
    assert set(chart.proto.selection_mode) == {"pick", "span"}  # on_select is on
    expected = set(select(catalogue_frames, DECEMBER).events["id"])
    drawn = chart_rows(at)
    assert set(drawn["id"].dropna()) == expected
    assert map_count(at) == len(expected) > 0


def test_chart_selection_of_ids_filters_the_map_and_table_and_can_be_cleared(catalogue_frames):
    view_ids = list(select(catalogue_frames, DECEMBER).events["id"])
    picked = view_ids[:2]
    at = run(test_view=DECEMBER, **{KEY_PICK: Pick(ids=tuple(picked))})
    assert map_count(at) == 2
    assert set(table(at).index) == set(picked)
    assert f"2 of {len(view_ids)} events" in markdown_text(at)
    assert set(chart_rows(at)["id"].dropna()) == set(view_ids)  # the chart keeps the whole view

    at.button(key="timeline_clear_selection").click().run()
    assert not at.exception
    assert at.session_state[KEY_PICK] == Pick()
    assert map_count(at) == len(view_ids)
    assert CLEAR_LABEL not in [b.label for b in at.button]


def test_chart_span_keeps_events_overlapping_it(catalogue_frames):
    start, end = pd.Timestamp("2025-12-09", tz="UTC"), pd.Timestamp("2025-12-11", tz="UTC")
    span = {"start": [start.value // 10**6, end.value // 10**6]}  # epoch ms, as Vega sends
    at = run(test_view=DECEMBER, **{KEY_PICK: pick_from_chart({"selection": {"span": span}})})
    events = catalogue_frames["events"]
    expected = events[(events["start_date"] <= "2025-12-10") & (events["end_date"] >= "2025-12-09")]
    assert set(table(at).index) == set(expected["id"])
    assert "09 Dec 2025 – 10 Dec 2025" in markdown_text(at).replace("\\", "")


def test_map_click_on_an_event_highlights_its_bar(catalogue_frames):
    at = run(test_view=DECEMBER, **{KEY_CLICKED: ("events", "2025-12-09-cn-ru-air-patrol")})
    drawn = chart_rows(at).dropna(subset=["id"]).set_index("id")
    assert drawn.loc["2025-12-09-cn-ru-air-patrol", "selected"]
    assert drawn["selected"].sum() == 1


def many_events(frame: gpd.GeoDataFrame, n: int) -> gpd.GeoDataFrame:
    copies = pd.concat([frame] * (n // len(frame) + 1), ignore_index=True).head(n)
    copies["id"] = [f"copy-{i}" for i in range(n)]
    return gpd.GeoDataFrame(copies, geometry="geometry", crs=frame.crs)


def test_large_selection_aggregates_the_timeline_and_pages_the_table(catalogue_frames):
    frames = {**catalogue_frames, "events": many_events(catalogue_frames["events"], 6000)}
    at = run(test_frames=frames)
    drawn = chart_rows(at)
    assert "count" in drawn and drawn["count"].sum() == 6000  # counts, not 6,000 bars
    captions = " ".join(c.value for c in at.caption)
    assert "6,000 events: too many to draw one by one" in captions
    assert "Showing the first 1,000 of 6,000 events" in captions
    assert len(table(at)) == 1000
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download GeoJSON (6,000 events)", "Download CSV (6,000 events)"]


# --- Details ----------------------------------------------------------------------------


def test_details_panel_hints_until_something_is_clicked():
    at = run()
    assert HINT in [c.value for c in at.caption]


def test_details_show_the_route_from_the_home_base_with_its_distance():
    at = run(**{KEY_CLICKED: ("events", BTF)})
    text = read_md(markdown_text(at))
    assert "**Route:** Dyess Air Force Base → Misawa Air Base: 5,272.1 nm (9,763.9 km)" in text
    assert "(geodesic)" in text


def test_details_list_the_other_events_of_the_exercise(catalogue_frames):
    events = catalogue_frames["events"]
    clicked = events.loc[events["exercise_id"] == "ccg-senkaku-presence", "id"].iloc[0]
    at = run(**{KEY_CLICKED: ("events", clicked)})
    text = read_md(markdown_text(at))
    members = events.loc[events["exercise_id"] == "ccg-senkaku-presence", "id"]
    assert f"({len(members)})" in text
    for other in members:
        assert f"({other})" in text


def hostile_frames(catalogue_frames) -> dict:
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [130.0, 33.0]},
        "properties": {
            "id": "hostile",
            "name": "<script>alert(1)</script>",
            "aliases": [],
            "sources": [
                {
                    "title": "[click me](javascript:alert(1))",
                    "publisher": "<b>Evil</b>",
                    "url": "javascript:alert(1)",
                    "published": "2025-12-10",
                }
            ],
            "confidence": "low",
            "place_precision": "exact",
            "exercise_id": "hostile-ex",
            "exercise": ":red[pwned] <img src=x onerror=alert(1)>",
            "kind": "incident",
            "start": "2025-12-10",
            "end": "2025-12-10",
            "time_precision": "day",
            "participants": ["CHN"],
            "summary": "**bold** `code` $x$",
        },
    }
    hostile = frame_from_features({"type": "FeatureCollection", "features": [feature]}, "events")
    events = pd.concat([catalogue_frames["events"], hostile], ignore_index=True)
    return {**catalogue_frames, "events": gpd.GeoDataFrame(events, crs=hostile.crs)}


def test_details_escape_hostile_text_and_never_link_javascript(catalogue_frames):
    at = run(test_frames=hostile_frames(catalogue_frames), **{KEY_CLICKED: ("events", "hostile")})
    text = markdown_text(at)
    assert "\\<script\\>alert\\(1\\)\\<\\/script\\>" in text
    assert re.findall(r"(?<!\\)[<\[`]", text) == []  # no active tag, link or code span
    assert "](javascript" not in text
    assert "javascript\\:\u2060alert\\(1\\)" in text  # shown as text, not as a link
    assert "\\:\u2060red\\[pwned\\]" in text and "\\*\\*bold\\*\\*" in text


def test_a_click_on_a_feature_no_longer_in_the_data_says_so():
    at = run(**{KEY_CLICKED: ("events", "gone")})
    assert any("no longer in the data" in c.value for c in at.caption)


# --- Table and downloads ----------------------------------------------------------------


@pytest.fixture
def downloads(monkeypatch) -> dict:
    """What each download button would serve: file name → bytes (built lazily by the app)."""
    served: dict[str, bytes] = {}
    original = MediaFileManager.add_deferred

    def capture(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        served[file_name] = (mimetype, data_callable)
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", capture)
    return served


def test_downloads_hold_exactly_the_filtered_events(catalogue_frames, downloads):
    events = catalogue_frames["events"]
    exercise = "cn-ru-joint-air-patrol"
    view = BriefingView(exercises=(exercise,))
    at = run(test_view=view)
    expected = set(events.loc[events["exercise_id"] == exercise, "id"])
    first = events.loc[events["exercise_id"] == exercise, "start_date"].min().date()
    last = events.loc[events["exercise_id"] == exercise, "end_date"].max().date()
    name = f"briefing-events_{first}_{last}"
    assert set(downloads) == {f"{name}.geojson", f"{name}.csv"}
    mime, build = downloads[f"{name}.geojson"]
    collection = json.loads(build())
    assert mime == "application/geo+json"
    assert {f["properties"]["id"] for f in collection["features"]} == expected
    _, build = downloads[f"{name}.csv"]
    rows = list(csv.DictReader(io.StringIO(build().decode("utf-8"))))
    assert {r["id"] for r in rows} == expected == set(table(at).index)


def test_downloads_follow_the_chart_selection_and_name_the_window(catalogue_frames, downloads):
    picked = "2025-12-09-cn-ru-air-patrol"
    run(test_view=DECEMBER, **{KEY_PICK: Pick(ids=(picked,))})
    _, build = downloads["briefing-events_2025-12-01_2025-12-31.geojson"]
    assert [f["properties"]["id"] for f in json.loads(build())["features"]] == [picked]


def test_empty_selection_gives_an_empty_table_with_the_columns(downloads):
    at = run(test_view=BriefingView(start=date(1990, 1, 1), end=date(1990, 1, 2)))
    assert list(table(at).columns) == list(TABLE_COLUMNS)
    assert table(at).empty
    assert "No events in this selection." in [c.value for c in at.caption]
    _, build = downloads["briefing-events_1990-01-01_1990-01-02.csv"]
    assert build().decode("utf-8").count("\n") == 1  # the header only


def test_user_rows_are_marked_in_the_origin_column(catalogue_frames):
    events = catalogue_frames["events"].copy()
    events.loc[events.index[0], "origin"] = "user"
    user_id = events["id"].iloc[0]
    at = run(test_frames={**catalogue_frames, "events": events})
    origin = table(at)["Origin"]
    assert origin[user_id] == "Your file"
    assert set(origin.drop(user_id)) == {"Catalogue"}
