"""The validator: every bad input is reported with its file, feature and field."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pyproj
import pytest

from layers.catalogue import schema
from layers.catalogue.problems import GeoDataError, Problem
from layers.catalogue.validate import (
    kind_from_filename,
    validate_bytes,
    validate_feature_collection,
    validate_file,
)

DATA = Path(__file__).parent / "data"
BASE_IDS = frozenset({"example-north", "example-south"})
DROP = object()  # marks a property to remove


def good_feature(kind: str = "events", index: int = 0) -> dict:
    fc = json.loads((DATA / "good" / f"{kind}.geojson").read_text(encoding="utf-8"))
    return copy.deepcopy(fc["features"][index])


def feature(layer: str = "events", geometry: dict | None = None, **props) -> dict:
    """A valid feature of ``layer`` with the given properties changed (DROP removes one)."""
    f = good_feature(layer)
    for key, value in props.items():
        if value is DROP:
            del f["properties"][key]
        else:
            f["properties"][key] = value
    if geometry is not None:
        f["geometry"] = geometry
    return f


def collection(*features: dict, **members) -> dict:
    return {"type": "FeatureCollection", "features": list(features), **members}


def check(*features: dict, kind: str = "events", base_ids=BASE_IDS, **members):
    return validate_feature_collection(
        collection(*features, **members), name=f"{kind}.geojson", kind=kind, base_ids=base_ids
    )


def the_error(problems: list[Problem]) -> Problem:
    found = [p for p in problems if p.severity == "error"]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0]


def check_bytes(data: bytes, kind: str = "events"):
    return validate_bytes(data, name="upload.geojson", kind=kind, base_ids=BASE_IDS)


def point(lon, lat, *rest) -> dict:
    return {"type": "Point", "coordinates": [lon, lat, *rest]}


def polygon(*ring) -> dict:
    return {"type": "Polygon", "coordinates": [[list(p) for p in ring]]}


# --- the shipped test files ------------------------------------------------------------


@pytest.mark.parametrize("kind", list(schema.SCHEMAS))
def test_good_test_files_have_no_problems(kind):
    assert validate_file(DATA / "good" / f"{kind}.geojson", base_ids=BASE_IDS) == []


def test_valid_features_come_back_normalised_and_unknown_properties_kept():
    fc, problems = check(good_feature())
    assert problems == []
    assert fc["features"][0]["properties"]["custom_note"] == "unknown properties are kept"


# --- file level --------------------------------------------------------------------------


def test_not_json_names_line_and_column():
    _, problems = check_bytes(b'{"type": "FeatureCollection",\n "features": [,]}')
    error = the_error(problems)
    assert (error.file, error.index, error.field) == ("upload.geojson", None, None)
    assert error.message == "not JSON: Expecting value at line 2 column 15"


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ([], "top level is an array of 0, not a FeatureCollection object"),
        ({"type": "Feature"}, "top level is a Feature, not a FeatureCollection"),
        ({"type": "Point", "coordinates": [1, 2]}, "top level is a Point, not a FeatureCollection"),
        ({"type": "Topology"}, "type is 'Topology', not 'FeatureCollection'"),
        ({"type": "FeatureCollection"}, "FeatureCollection has no 'features' member"),
    ],
)
def test_not_a_feature_collection(obj, message):
    _, problems = check_bytes(json.dumps(obj).encode())
    assert the_error(problems).message == message


def test_byte_order_mark_is_accepted_with_a_warning():
    data = b"\xef\xbb\xbf" + json.dumps(collection(good_feature())).encode()
    fc, problems = check_bytes(data)
    assert len(fc["features"]) == 1
    assert [(p.severity, p.message) for p in problems] == [
        ("warning", "UTF-8 byte-order mark ignored")
    ]


def test_bytes_that_are_not_utf8_are_refused_naming_the_offset():
    text = json.dumps(collection(feature(name="Kadena"))).encode()
    data = text.replace(b"Kadena", "Kaden\u00e9".encode("latin-1"))
    _, problems = check_bytes(data)
    offset = data.index(b"\xe9")
    assert the_error(problems).message == f"bytes are not UTF-8: byte 0xe9 at offset {offset}"
    assert the_error(problems).hint == "save the file as UTF-8"


def test_oversized_bytes_are_refused_before_parsing():
    _, problems = check_bytes(b" " * (schema.MAX_FILE_BYTES + 1))
    assert the_error(problems).message.startswith(f"file is {schema.MAX_FILE_BYTES + 1:,} bytes;")
    assert "the limit is 20,971,520 bytes (20 MiB)" in the_error(problems).message


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "events.geojson"
    with path.open("wb") as f:
        # sparse NUL bytes: if the file were read, the message would be about JSON
        f.truncate(schema.MAX_FILE_BYTES + 1)
    error = the_error(validate_file(path))
    assert error.file == str(path)
    assert "the limit is 20,971,520 bytes" in error.message


def test_too_many_features_is_refused(monkeypatch):
    monkeypatch.setattr(schema, "MAX_FEATURES", 2)
    _, problems = check(*[feature(id=f"e{i}") for i in range(3)])
    assert the_error(problems).message == "3 features; the limit is 2 per file"


def test_duplicate_json_keys_are_refused():
    _, problems = check_bytes(b'{"type": "FeatureCollection", "type": "Feature", "features": []}')
    assert any("duplicate key 'type'" in p.message for p in problems)


# --- coordinate reference systems ----------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"]
)
def test_wgs84_crs_member_is_accepted_silently(name):
    crs = {"type": "name", "properties": {"name": name}}
    fc, problems = check(good_feature(), crs=crs)
    assert problems == [] and len(fc["features"]) == 1


def test_other_known_crs_is_reprojected_with_a_warning():
    to_mercator = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    x, y = to_mercator.transform(139.75, 35.68)
    crs = {"type": "name", "properties": {"name": "EPSG:3857"}}
    fc, problems = check(feature(geometry=point(x, y)), crs=crs)
    (warning,) = problems
    assert (warning.severity, warning.field) == ("warning", "crs")
    assert "reprojected from EPSG:3857 (WGS 84 / Pseudo-Mercator)" in warning.message
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    assert lon == pytest.approx(139.75) and lat == pytest.approx(35.68)


def test_unknown_crs_is_refused_naming_it():
    crs = {"type": "name", "properties": {"name": "EPSG:999999"}}
    fc, problems = check(good_feature(), crs=crs)
    error = the_error(problems)
    assert (error.index, error.field) == (None, "crs")
    assert error.message == "crs 'EPSG:999999' is not a CRS pyproj knows; refused"
    assert fc["features"] == []


# --- geometry ----------------------------------------------------------------------------------


def test_geometry_type_the_layer_does_not_take():
    square = polygon((127, 26), (128, 26), (128, 27), (127, 27), (127, 26))
    _, problems = check(feature("bases", geometry=square), kind="bases")
    error = the_error(problems)
    assert (error.index, error.feature_id, error.field) == (0, "example-north", "geometry.type")
    assert error.message == "geometry type 'Polygon' is not allowed in this layer"
    assert error.hint == "use Point"


@pytest.mark.parametrize(
    ("coords", "message"),
    [
        ((181.0, 30.0), "longitude 181.0 is outside -180..180"),
        ((-200.0, 30.0), "longitude -200.0 is outside -180..180"),
        ((130.0, -91.0), "latitude -91.0 is outside -90..90"),
    ],
)
def test_coordinates_out_of_range(coords, message):
    _, problems = check(feature(geometry=point(*coords)))
    error = the_error(problems)
    assert (error.field, error.message) == ("geometry.coordinates", message)


def test_out_of_range_position_inside_a_line_is_located():
    line = {"type": "LineString", "coordinates": [[130, 30], [130, 99]]}
    error = the_error(check(feature(geometry=line))[1])
    assert error.field == "geometry.coordinates[1]"
    assert error.message == "latitude 99.0 is outside -90..90"


def test_swapped_coordinates_in_a_japan_region_layer():
    # Ishigaki as [lat, lon]: nowhere on Earth, but inside the region once swapped
    _, problems = check(feature("areas", geometry=point(24.34, 124.16)), kind="areas")
    error = the_error(problems)
    assert error.field == "geometry"
    assert error.message == (
        "coordinates look swapped: [24.34, 124.16] is far outside the region,"
        " [124.16, 24.34] is inside it"
    )
    assert error.hint == "GeoJSON order is [longitude, latitude]"


def test_swapped_check_does_not_flag_points_outside_the_region_that_swap_elsewhere():
    # a point in the Atlantic is odd for this layer but is not a swapped Japan point
    _, problems = check(feature("areas", geometry=point(-30.0, 40.0)), kind="areas")
    assert problems == []


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_nan_or_infinite_coordinates(literal):
    text = json.dumps(collection(feature(geometry=point(130.0, 30.0))))
    data = text.replace("[130.0, 30.0]", f"[130.0, {literal}]").encode()
    _, problems = check_bytes(data)
    error = the_error(problems)
    assert error.field == "geometry.coordinates[1]"
    assert error.message.endswith("is not a finite number")


def test_3d_coordinates_are_accepted_and_height_dropped():
    fc, problems = check(feature(geometry=point(130.0, 30.0, 120.5)))
    assert [(p.severity, p.field, p.message) for p in problems] == [
        ("warning", "geometry", "3-D coordinates: heights dropped")
    ]
    assert fc["features"][0]["geometry"]["coordinates"] == [130.0, 30.0]


def test_unclosed_ring():
    ring = polygon((130, 30), (131, 30), (131, 31), (130, 31))
    error = the_error(check(feature(geometry=ring))[1])
    assert error.field == "geometry.coordinates[0]"
    assert error.message == (
        "ring is not closed: first position [130, 30] differs from last [130, 31]"
    )


def test_ring_with_too_few_positions():
    ring = polygon((130, 30), (131, 30), (130, 30))
    error = the_error(check(feature(geometry=ring))[1])
    assert error.message == "a ring needs 4 or more positions (first = last), this one has 3"


def test_self_intersecting_ring_names_the_crossing():
    bow_tie = polygon((130, 30), (131, 31), (131, 30), (130, 31), (130, 30))
    error = the_error(check(feature(geometry=bow_tie))[1])
    assert error.field == "geometry"
    assert error.message == "invalid polygon: Self-intersection[130.5 30.5]"


def test_clockwise_ring_is_rewound_silently():
    clockwise = polygon((130, 30), (130, 31), (131, 31), (131, 30), (130, 30))
    fc, problems = check(feature(geometry=clockwise))
    assert problems == []
    ring = fc["features"][0]["geometry"]["coordinates"][0]
    assert ring == [[130, 30], [131, 30], [131, 31], [130, 31], [130, 30]]


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (None, "geometry is null"),
        ({"type": "Point", "coordinates": []}, "Point is empty"),
    ],
)
def test_null_or_empty_geometry_is_refused(geometry, message):
    f = feature()
    f["geometry"] = geometry
    error = the_error(check(f)[1])
    assert (error.field, error.message) == ("geometry", message)


# --- properties ----------------------------------------------------------------------------------


def test_missing_required_field():
    error = the_error(check(feature(summary=DROP))[1])
    assert (error.index, error.feature_id, error.field) == (0, "example-flight-1", "summary")
    assert error.message == "required field is missing"


def test_unknown_kind_lists_the_known_ones():
    error = the_error(check(feature(kind="airshow"))[1])
    assert (error.field, error.message) == ("kind", "'airshow' is not a known kind")
    assert error.hint.startswith("one of: bilateral_exercise, trilateral_exercise")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-13-01", "'2025-13-01' is not a date"),
        ("2025-02-30", "'2025-02-30' is not a date"),
        ("1 March 2025", "'1 March 2025' is not a date"),
        ("2025-03-01T10:00", "'2025-03-01T10:00' has a time but no UTC offset"),
        (20250301, "must be a date string, not 20250301"),
    ],
)
def test_unparseable_date(value, message):
    error = the_error(check(feature(start=value))[1])
    assert (error.field, error.message) == ("start", message)


@pytest.mark.parametrize("value", ["2025-03-01", "2025-03-01T16:32+09:00", "2025-03-01T07:32:05Z"])
def test_dates_in_the_documented_forms_are_accepted(value):
    assert check(feature(start=value, end="2025-03-02"))[1] == []


def test_end_before_start():
    error = the_error(check(feature(start="2025-03-05", end="2025-03-04"))[1])
    assert error.field == "end"
    assert error.message == "end '2025-03-04' is before start '2025-03-05'"


def test_end_before_start_compares_instants_when_both_have_times():
    late = feature(start="2025-03-01T10:00+09:00", end="2025-03-01T09:59+09:00")
    assert the_error(check(late)[1]).field == "end"
    # 10:00 JST is 01:00 UTC: an end of 01:30 UTC is after it
    assert check(feature(start="2025-03-01T10:00+09:00", end="2025-03-01T01:30Z"))[1] == []


def test_end_on_the_start_day_without_a_time_is_fine():
    assert check(feature(start="2025-03-01T23:30+09:00", end="2025-03-01"))[1] == []


def test_duplicate_id_names_the_first_index():
    _, problems = check(good_feature(), feature(name="other"), feature(id="x"))
    error = the_error(problems)
    assert (error.index, error.feature_id, error.field) == (1, "example-flight-1", "id")
    assert error.message == "duplicate id 'example-flight-1' (first used by feature 0)"


def test_staging_base_not_in_bases():
    error = the_error(check(feature(staging_base="nowhere-ab"))[1])
    assert error.field == "staging_base"
    assert error.message == "'nowhere-ab' is not the id of any feature in bases"


def test_base_refs_are_not_checked_without_base_ids():
    assert check(feature(staging_base="nowhere-ab"), base_ids=None)[1] == []


@pytest.mark.parametrize("missing", ["title", "url"])
def test_source_without_title_or_url(missing):
    f = good_feature()
    del f["properties"]["sources"][0][missing]
    error = the_error(check(f)[1])
    assert (error.field, error.message) == (f"sources[0].{missing}", "required field is missing")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "url scheme 'javascript' is not allowed"),
        ("data:text/html,<b>x</b>", "url scheme 'data' is not allowed"),
        ("file:///etc/passwd", "url scheme 'file' is not allowed"),
        ("https://", "'https://' has no host"),
        ("../secrets.md", "'../secrets.md' is neither an http(s) URL nor a repository path"),
    ],
)
def test_source_url_must_be_http_or_a_repo_path(url, message):
    f = good_feature()
    f["properties"]["sources"][0]["url"] = url
    error = the_error(check(f)[1])
    assert (error.field, error.message) == ("sources[0].url", message)


def test_source_list_must_not_be_empty():
    error = the_error(check(feature(sources=[]))[1])
    assert (error.field, error.message) == ("sources", "needs at least one source")


@pytest.mark.parametrize("count", [0, -1, 2.5, "2", True])
def test_aircraft_count_is_a_whole_number_or_null(count):
    f = good_feature()
    f["properties"]["aircraft"][0]["count"] = count
    error = the_error(check(f)[1])
    assert error.field == "aircraft[0].count"


@pytest.mark.parametrize(
    ("props", "field"),
    [
        ({"participants": ["JP"]}, "participants[0]"),
        ({"participants": "JPN"}, "participants"),
        ({"id": "Has Spaces"}, "id"),
        ({"confidence": "certain"}, "confidence"),
        ({"name": "   "}, "name"),
        ({"name": None}, "name"),
        ({"notes": "x" * (schema.MAX_TEXT_CHARS + 1)}, "notes"),
        ({"free_text": "x" * (schema.MAX_TEXT_CHARS + 1)}, "free_text"),
    ],
)
def test_other_field_faults_name_the_field(props, field):
    assert the_error(check(feature(**props))[1]).field == field


def test_properties_that_are_not_an_object():
    f = good_feature()
    f["properties"] = ["not", "an", "object"]
    problems = check(f)[1]
    assert any(p.field == "properties" and "must be an object" in p.message for p in problems)


# --- many problems at once ----------------------------------------------------------------------


def test_every_bad_feature_is_reported_and_good_ones_kept():
    problems = validate_file(DATA / "bad" / "events-three-faults.geojson")
    located = {(p.index, p.feature_id, p.field) for p in problems}
    assert located == {
        (0, "fault-date", "start"),
        (1, "fault-latitude", "geometry.coordinates"),
        (2, "fault-kind", "kind"),
        (2, "fault-kind", "sources[0].url"),
    }


def test_valid_features_survive_next_to_bad_ones():
    data = (DATA / "bad" / "events-three-faults.geojson").read_bytes()
    fc, problems = validate_bytes(data, name="events.geojson", kind="events")
    assert [f["properties"]["id"] for f in fc["features"]] == ["no-fault"]
    assert len(problems) == 4


def test_file_level_fault_does_not_hide_feature_faults():
    _, problems = check(feature(kind="airshow"), bbox=[1, 2, 3])
    located = {(p.index, p.field, p.message) for p in problems}
    assert located == {
        (None, "bbox", "bbox must hold 4 or 6 numbers, not 3"),
        (0, "kind", "'airshow' is not a known kind"),
    }


def test_unknown_dataset_is_a_caller_error_not_a_problem():
    with pytest.raises(ValueError, match="unknown dataset 'ships'"):
        validate_feature_collection(collection(), name="x", kind="ships")


# --- messages ------------------------------------------------------------------------------------


def test_problem_reads_as_one_line_naming_file_feature_and_field():
    problem = Problem(
        "events.geojson", 3, "x", "start", "'2025-13-01' is not a date", "use YYYY-MM-DD"
    )
    assert str(problem) == (
        "events.geojson: feature 3 (id 'x'): field 'start': '2025-13-01' is not a date"
        " — use YYYY-MM-DD"
    )


def test_file_level_problems_and_warnings_read_as_one_line():
    assert str(Problem("a.geojson", None, None, None, "not JSON")) == "a.geojson: not JSON"
    warning = Problem("a.geojson", 0, None, "geometry", "heights dropped", severity="warning")
    assert str(warning) == "warning: a.geojson: feature 0: field 'geometry': heights dropped"


def test_geodata_error_lists_every_problem():
    problems = [Problem("a", 0, None, "x", "bad"), Problem("a", 1, None, "y", "worse")]
    error = GeoDataError(problems)
    assert error.problems == problems
    assert str(error) == "a: feature 0: field 'x': bad\na: feature 1: field 'y': worse"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("events.geojson", "events"),
        ("my-events.geojson", "events"),
        ("/tmp/x/bases_2025.geojson", "bases"),
        ("ADIZ.GeoJSON", "adiz"),
        ("areas.json", "areas"),
        ("event.geojson", "events"),
        ("data.geojson", None),
        ("bases-and-events.geojson", None),
        ("eventsx.geojson", None),
    ],
)
def test_kind_from_filename(name, kind):
    assert kind_from_filename(name) == kind


def test_event_point_given_as_lat_lon_is_reported_as_swapped():
    # Misawa written [lat, lon]: the "latitude" 141.37 is impossible, the longitude fits a lat
    _, problems = check(feature("events", geometry=point(40.70, 141.37)))
    error = the_error(problems)
    assert error.message == "latitude 141.37 is outside -90..90"
    assert "looks swapped" in error.hint
