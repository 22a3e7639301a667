"""Loading: validated files become normalised GeoDataFrames; bad files raise with every problem."""

from __future__ import annotations

import json
import shutil
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from layers.catalogue import registry, schema
from layers.catalogue.load import Catalogue, frame_from_features, load_catalogue, read_layer
from layers.catalogue.problems import GeoDataError
from layers.catalogue.validate import validate_file
from layers.view.filters import filter_events

DATA = Path(__file__).parent / "data"
GOOD = DATA / "good"


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path: Path, obj: dict) -> Path:
    path.write_text(json.dumps(obj), encoding="utf-8")
    return path


@pytest.fixture
def events() -> pd.DataFrame:
    return read_layer(GOOD / "events.geojson")


@pytest.fixture
def geodata(tmp_path) -> Path:
    """A copy of the good test files, laid out like geodata/."""
    for spec in registry.LAYERS:
        shutil.copy(GOOD / spec.filename, tmp_path / spec.filename)
    return tmp_path


def test_frame_is_wgs84_with_one_column_per_schema_field(events):
    assert events.crs.to_epsg() == 4326
    for field in schema.EVENTS.all_fields:
        assert field.name in events.columns
    assert list(events["id"]) == ["example-flight-1", "example-exercise-area"]
    assert events.index.tolist() == [0, 1]  # id is a column, not the index


def test_missing_optional_fields_are_none_and_lists_are_lists(events):
    second = events.iloc[1]
    assert second["staging_base"] is None and second["notes"] is None and second["units"] is None
    assert events.iloc[0]["participants"] == ["USA", "JPN"]
    assert events.iloc[0]["aircraft"][0] == {"type": "B-52H", "count": 2, "operator": "USAF"}
    assert events.iloc[0]["custom_note"] == "unknown properties are kept"


def test_event_dates_are_calendar_days_in_their_own_offset(events):
    first = events.iloc[0]
    assert first["start"] == "2025-03-01T23:30+09:00"  # the original string is kept
    assert first["start_date"] == pd.Timestamp("2025-03-01")  # not 14:30 UTC's day, not the 2nd
    assert first["end_date"] == pd.Timestamp("2025-03-02")
    assert first["start_date"].tzinfo is None


def test_a_west_of_utc_evening_stays_on_its_own_day():
    fc = read_json(GOOD / "events.geojson")
    fc["features"][0]["properties"].update(start="2025-03-01T20:00-05:00", end="2025-03-01")
    frame = frame_from_features(fc, "events")
    assert frame.iloc[0]["start_date"] == pd.Timestamp("2025-03-01")  # 01:00 UTC on the 2nd


def test_approximate_and_origin_columns(events):
    assert events["approximate"].tolist() == [True, False]
    assert events["origin"].tolist() == ["catalogue", "catalogue"]
    user = frame_from_features(read_json(GOOD / "events.geojson"), "events", origin="user")
    assert set(user["origin"]) == {"user"}


def test_loaded_events_work_with_the_date_filter(events):
    kept = filter_events(events, start=date(2025, 3, 6), end=date(2025, 3, 31))
    assert kept["id"].tolist() == ["example-exercise-area"]


def test_empty_collection_gives_an_empty_frame_with_the_schema():
    frame = frame_from_features({"type": "FeatureCollection", "features": []}, "events")
    assert len(frame) == 0 and frame.crs.to_epsg() == 4326
    assert {"id", "start_date", "end_date", "approximate", "origin"} <= set(frame.columns)


def test_read_layer_raises_with_every_error():
    with pytest.raises(GeoDataError) as caught:
        read_layer(DATA / "bad" / "events-three-faults.geojson", "events")
    lines = str(caught.value).splitlines()
    assert len(lines) == len(caught.value.problems) == 4
    assert lines[0] == (
        f"{DATA / 'bad' / 'events-three-faults.geojson'}: feature 0 (id 'fault-date'):"
        " field 'start': '2025-13-01' is not a date — use YYYY-MM-DD or YYYY-MM-DDTHH:MM+09:00"
    )


def test_read_layer_accepts_warnings_and_normalises(tmp_path):
    fc = read_json(GOOD / "bases.geojson")
    fc["features"][0]["geometry"]["coordinates"] = [127.77, 26.35, 12.0]
    frame = read_layer(write_json(tmp_path / "bases.geojson", fc))
    assert not frame.geometry.has_z.any()
    assert (frame.geometry.iloc[0].x, frame.geometry.iloc[0].y) == (127.77, 26.35)


def test_read_layer_needs_a_kind_it_can_tell(tmp_path):
    path = write_json(tmp_path / "data.geojson", read_json(GOOD / "bases.geojson"))
    with pytest.raises(GeoDataError, match="cannot tell which dataset this is"):
        read_layer(path)
    assert len(read_layer(path, "bases")) == 2


def test_catalogue_has_every_registry_layer_in_order(geodata):
    catalogue = load_catalogue(geodata)
    assert isinstance(catalogue, Catalogue)
    assert list(catalogue.frames) == [spec.key for spec in registry.LAYERS]
    assert len(catalogue["bases"]) == 2 and len(catalogue["events"]) == 2


def test_catalogue_checks_event_bases_against_the_bases_file(geodata):
    fc = read_json(geodata / "events.geojson")
    fc["features"][0]["properties"]["staging_base"] = "example-missing"
    write_json(geodata / "events.geojson", fc)
    with pytest.raises(GeoDataError) as caught:
        load_catalogue(geodata)
    (problem,) = caught.value.problems
    assert (problem.index, problem.field) == (0, "staging_base")
    assert problem.message == "'example-missing' is not the id of any feature in bases"


def test_catalogue_reports_problems_of_every_file_at_once(geodata):
    for name in ("areas.geojson", "adiz.geojson"):
        fc = read_json(geodata / name)
        fc["features"][0]["properties"]["confidence"] = "sure"
        write_json(geodata / name, fc)
    (geodata / "bases.geojson").unlink()
    with pytest.raises(GeoDataError) as caught:
        load_catalogue(geodata)
    located = {(Path(p.file).name, p.field, p.message) for p in caught.value.problems}
    assert located == {
        ("areas.geojson", "confidence", "'sure' is not a known confidence"),
        ("adiz.geojson", "confidence", "'sure' is not a known confidence"),
        ("bases.geojson", None, "file is missing"),
    }


def test_catalogue_appends_user_events(geodata):
    fc = read_json(GOOD / "events.geojson")
    for n, feature in enumerate(fc["features"]):
        feature["properties"]["id"] = f"user-{n}"
    user = frame_from_features(fc, "events", origin="user")
    events = load_catalogue(geodata, extra_events=[user])["events"]
    assert events["origin"].tolist() == ["catalogue", "catalogue", "user", "user"]
    assert events.crs.to_epsg() == 4326


def test_user_event_ids_must_not_collide_with_the_catalogue(geodata):
    user = frame_from_features(read_json(GOOD / "events.geojson"), "events", origin="user")
    with pytest.raises(GeoDataError, match="duplicate id 'example-flight-1'"):
        load_catalogue(geodata, extra_events=[user])


# --- the shipped catalogue -----------------------------------------------------------------------


@pytest.mark.parametrize("spec", registry.LAYERS, ids=lambda spec: spec.key)
def test_shipped_layer_validates_without_problems(spec):
    base_ids = frozenset(read_layer(registry.LAYERS_BY_KEY["bases"].path)["id"])
    problems = validate_file(spec.path, kind=spec.key, base_ids=base_ids)
    assert [str(p) for p in problems] == []


def test_shipped_catalogue_loads_well_under_a_second():
    load_catalogue()  # warm imports (pyproj, shapely) outside the measurement
    timings = []
    for _ in range(3):  # best of three: other processes on a shared CI box add noise
        started = time.perf_counter()
        catalogue = load_catalogue()
        timings.append(time.perf_counter() - started)
    assert all(len(frame) for frame in catalogue.frames.values())
    assert min(timings) < 0.5, f"loading the catalogue took {min(timings):.2f} s"


def test_an_edited_file_is_read_again_and_each_load_gets_its_own_frames(geodata):
    first = load_catalogue(geodata)
    first.frames["events"].loc[0, "name"] = "scribbled on by a caller"
    assert load_catalogue(geodata).frames["events"].loc[0, "name"] != "scribbled on by a caller"

    path = geodata / "events.geojson"
    data = read_json(path)
    data["features"][0]["properties"]["name"] = "Renamed by the analyst"
    write_json(path, data)
    again = load_catalogue(geodata).frames["events"]
    assert "Renamed by the analyst" in set(again["name"])
