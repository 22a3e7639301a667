import csv
import io
import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from layers.catalogue.csv_import import parse_events_csv
from layers.catalogue.load import frame_from_features
from layers.catalogue.problems import errors
from layers.catalogue.validate import validate_bytes
from layers.outputs.table import (
    CSV_COLUMNS,
    TABLE_COLUMNS,
    defuse_formula,
    download_file_name,
    events_table,
    events_to_csv_bytes,
    events_to_geojson_bytes,
    first_rows,
)

SOURCES = [
    {
        "title": "Chinese aircraft radar lock on JASDF F-15",
        "publisher": "Ministry of Defense",
        "url": "https://www.mod.go.jp/j/press/example.html",
        "published": "2025-12-07",
        "retrieved": "2025-12-08",
    },
    {"title": "Research note", "publisher": "Project", "url": "docs/research/FACTS.md"},
]


def _event(event_id, geometry, **overrides):
    props = {
        "id": event_id,
        "name": f"Event {event_id}",
        "aliases": [],
        "sources": SOURCES,
        "confidence": "high",
        "place_precision": "exact",
        "notes": None,
        "exercise_id": "radar-lock-2025-12",
        "exercise": "Radar lock incident",
        "kind": "incident",
        "start": "2025-12-06T16:32+09:00",
        "end": "2025-12-06T18:10+09:00",
        "time_precision": "time",
        "participants": ["CHN", "JPN"],
        "aircraft": [
            {"type": "J-15", "count": 2, "operator": "PLAN"},
            {"type": "F-15J", "count": None, "operator": "JASDF"},
        ],
        "units": ["Liaoning group"],
        "staging_base": None,
        "home_base": None,
        "summary": "J-15s locked radar on JASDF F-15s, south-east of Okinawa.",
        "basis": None,
    }
    props.update(overrides)
    return {"type": "Feature", "geometry": geometry, "properties": props}


FEATURES = [
    _event("lock", {"type": "Point", "coordinates": [129.5, 25.8]}),
    _event(
        "patrol",
        {"type": "LineString", "coordinates": [[128.0, 33.0], [131.5, 34.25], [135.0, 36.0]]},
        kind="joint_patrol",
        start="2025-12-09",
        end="2025-12-10",
        time_precision="day",
        participants=["CHN", "RUS"],
        aircraft=[{"type": "H-6K", "count": 2, "operator": "PLAAF"}],
        units=[],
        aliases=["10th joint patrol"],
        notes="Route approximate",
        place_precision="approximate",
        confidence="medium",
        sources=SOURCES[:1],
    ),
]


@pytest.fixture
def events():
    frame = frame_from_features({"type": "FeatureCollection", "features": FEATURES}, "events")
    frame.loc[1, "origin"] = "user"
    return frame


def test_table_has_one_readable_row_per_event_indexed_by_id(events):
    table = events_table(events)
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert list(table.index) == ["lock", "patrol"]
    lock, patrol = table.loc["lock"], table.loc["patrol"]
    assert lock["Date"] == "2025-12-06"
    assert patrol["Date"] == "2025-12-09 – 2025-12-10"
    assert lock["Kind"] == "Incident"
    assert lock["Participants"] == "China, Japan"
    assert lock["Aircraft"] == "2 × J-15 (PLAN); F-15J (JASDF)"
    assert lock["Confidence"] == "High"
    assert lock["Sources"] == (
        "Ministry of Defense — Chinese aircraft radar lock on JASDF F-15; Project — Research note"
    )
    assert (lock["Origin"], patrol["Origin"]) == ("Catalogue", "Your file")


def test_table_numbers_events_as_the_map_does_and_names_them(events):
    table = events_table(events, {"patrol": 2, "lock": 1})
    assert list(table["#"]) == [1, 2]
    assert table.loc["lock", "Event"] == events.set_index("id").loc["lock", "name"]
    unnumbered = events_table(events)  # a selection too large to number
    assert unnumbered["#"].isna().all()


def test_table_dates_sort_in_time_order(events):
    table = events_table(events).sort_values("Date", ascending=False)
    assert list(table.index) == ["patrol", "lock"]


def test_empty_selection_gives_an_empty_table_with_the_columns(events):
    table = events_table(events.iloc[:0])
    assert table.empty
    assert list(table.columns) == list(TABLE_COLUMNS)


def test_geojson_export_holds_exactly_the_selection_with_original_values(events):
    data = json.loads(events_to_geojson_bytes(events.iloc[[1]]))
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["properties"] == {
        k: v for k, v in FEATURES[1]["properties"].items() if v is not None
    }
    assert feature["geometry"] == {
        "type": "LineString",
        "coordinates": [[128.0, 33.0], [131.5, 34.25], [135.0, 36.0]],
    }


def test_geojson_export_drops_derived_columns_and_keeps_date_strings(events):
    props = json.loads(events_to_geojson_bytes(events))["features"][0]["properties"]
    assert not {"start_date", "end_date", "approximate", "origin"} & set(props)
    assert props["start"] == "2025-12-06T16:32+09:00"


def test_geojson_export_passes_the_validator_unchanged(events):
    fc, problems = validate_bytes(events_to_geojson_bytes(events), name="export", kind="events")
    assert errors(problems) == []
    assert [f["properties"]["id"] for f in fc["features"]] == ["lock", "patrol"]


def test_empty_selection_exports_an_empty_collection(events):
    data = json.loads(events_to_geojson_bytes(events.iloc[:0]))
    assert data == {"type": "FeatureCollection", "features": []}


def _csv_rows(data: bytes):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_csv_uses_the_import_layout(events):
    rows = _csv_rows(events_to_csv_bytes(events))
    assert tuple(rows[0]) == CSV_COLUMNS
    lock = rows[0]
    assert lock["participants"] == "CHN|JPN"
    assert lock["aircraft"] == "J-15:2:PLAN|F-15J::JASDF"
    assert lock["source_title"].split("|") == [s["title"] for s in SOURCES]
    assert lock["source_published"] == "2025-12-07|"
    assert lock["wkt"] == "POINT (129.5 25.8)"


def test_csv_round_trips_through_the_importer(events):
    fc, problems = parse_events_csv(events_to_csv_bytes(events), name="export.csv")
    assert errors(problems) == []
    exported = json.loads(events_to_geojson_bytes(events))["features"]

    def non_empty(props):  # the importer leaves out empty optional lists
        return {k: v for k, v in props.items() if v != []}

    imported = [non_empty(f["properties"]) for f in fc["features"]]
    assert imported == [non_empty(f["properties"]) for f in exported]
    assert [f["geometry"] for f in fc["features"]] == [f["geometry"] for f in exported]


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_defused(cell):
    assert defuse_formula(cell) == "'" + cell


def test_csv_export_defuses_formulas_in_data(events):
    frame = events.copy()
    frame.at[0, "summary"] = "=cmd|' /C calc'!A0"
    frame.at[0, "name"] = "@risk"
    row = _csv_rows(events_to_csv_bytes(frame))[0]
    assert row["summary"] == "'=cmd|' /C calc'!A0"
    assert row["name"] == "'@risk"
    assert row["start"] == "2025-12-06T16:32+09:00"  # ordinary cells untouched


def test_catalogue_export_validates_with_its_base_references(catalogue_frames):
    events = catalogue_frames["events"]
    base_ids = frozenset(catalogue_frames["bases"]["id"])
    fc, problems = validate_bytes(
        events_to_geojson_bytes(events), name="export", kind="events", base_ids=base_ids
    )
    assert errors(problems) == []
    assert len(fc["features"]) == len(events)


def test_catalogue_csv_export_imports_again(catalogue_frames):
    events = catalogue_frames["events"]
    base_ids = frozenset(catalogue_frames["bases"]["id"])
    fc, problems = parse_events_csv(events_to_csv_bytes(events), name="x.csv", base_ids=base_ids)
    assert errors(problems) == []
    assert [f["properties"]["id"] for f in fc["features"]] == list(events["id"])


# --- Large selections and file names ---------------------------------------------------


def test_first_rows_are_the_earliest_events_in_order(events):
    rows = first_rows(events, limit=2)
    ordered = events.sort_values(["start_date", "id"])
    assert list(rows["id"]) == list(ordered["id"].head(2))
    assert list(first_rows(events, limit=100)["id"]) == list(ordered["id"])


def test_download_name_carries_the_window_and_fills_open_ends_from_the_data(events):
    window = (date(2025, 12, 1), date(2025, 12, 31))
    assert download_file_name(events, window, "csv") == "briefing-events_2025-12-01_2025-12-31.csv"
    first = events["start_date"].min().date().isoformat()
    last = events["end_date"].max().date().isoformat()
    name = download_file_name(events, (None, None), "geojson")
    assert name == f"briefing-events_{first}_{last}.geojson"
    assert download_file_name(events.iloc[:0], (None, None), "csv") == "briefing-events_empty.csv"


def test_first_rows_of_a_large_frame_match_a_full_sort_even_with_ties_at_the_cutoff():
    rng = np.random.default_rng(7)
    n = 5_000  # many events share each day, so ties straddle the limit
    frame = pd.DataFrame(
        {
            "id": [f"ev-{i:05d}" for i in rng.permutation(n)],
            "start_date": pd.to_datetime("2024-01-01")
            + pd.to_timedelta(rng.integers(0, 40, n), "D"),
        }
    )
    expected = frame.sort_values(["start_date", "id"]).head(1_000)
    assert list(first_rows(frame, limit=1_000)["id"]) == list(expected["id"])
