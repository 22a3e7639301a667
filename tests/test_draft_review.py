"""The analyst's review of a draft without Streamlit (``layers.draft.review``)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from layers.catalogue.problems import Problem
from layers.draft.review import (
    GeometryTextError,
    aircraft_from_rows,
    anchor_point,
    as_date,
    evidence_text,
    feature_from_values,
    iso,
    lines,
    point_geometry,
    previewable,
    wkt_geometry,
    wkt_prefill,
)


def test_feature_from_values_keeps_empty_lists_out_and_geometry_as_lists():
    values = {"id": "x", "units": [], "aliases": []}
    feature = feature_from_values(values, {"type": "Point", "coordinates": (1.0, 2.0)})
    assert feature["geometry"]["coordinates"] == [1.0, 2.0]
    assert "units" not in feature["properties"]
    assert feature["id"] == "x"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"start": "2025-12-10", "end": "2025-12-10", "time_precision": "day"}, "2025-12-10"),
        ({"start": "2025-12-10", "end": "2025-12-12"}, "2025-12-10 to 2025-12-12"),
        ({"type": "B-52H", "count": 2, "operator": "USAF"}, "2 × B-52H (USAF)"),
        ({"type": "F-2", "count": None, "operator": ""}, "F-2"),
        ("sea-of-japan", "sea-of-japan"),
    ],
)
def test_evidence_values_in_words(value, text):
    assert evidence_text(value) == text


def test_widget_values_become_property_values():
    assert lines(" a \n\n b\n") == ["a", "b"]
    assert iso(dt.date(2025, 12, 10)) == "2025-12-10" and iso(None) is None
    assert as_date("2025-12-06T16:32+09:00") == dt.date(2025, 12, 6)
    assert as_date("not a date") is None and as_date(None) is None


def test_aircraft_rows_drop_blank_types_and_keep_missing_counts_empty():
    rows = [
        {"type": " B-52H ", "count": 2, "operator": "USAF"},
        {"type": pd.NA, "count": 3, "operator": "x"},
        {"type": "F-2", "count": pd.NA, "operator": pd.NA},
    ]
    assert aircraft_from_rows(rows) == [
        {"type": "B-52H", "count": 2, "operator": "USAF"},
        {"type": "F-2", "count": None, "operator": ""},
    ]


def test_typed_geometry_as_a_point_or_wkt():
    assert point_geometry(35.0, 139.5) == {"type": "Point", "coordinates": [139.5, 35.0]}
    assert point_geometry(35.0, None) is None
    assert wkt_geometry("POINT (139.5 35)")["coordinates"] == (139.5, 35.0)
    assert wkt_geometry("  ") is None
    with pytest.raises(GeometryTextError):
        wkt_geometry("POINT (139.5")


def test_a_drafted_geometry_prefills_the_point_and_the_wkt_unless_too_long():
    line = {"type": "LineString", "coordinates": [[130.0, 30.0], [132.0, 32.0]]}
    lat, lon = anchor_point(line)
    assert shape(line).distance(Point(lon, lat)) < 1e-9  # a point on the drafted line
    assert anchor_point(None) is None
    assert wkt_prefill(line) == "LINESTRING (130 30, 132 32)"
    assert wkt_prefill(line, limit=10) == "" and wkt_prefill(None) == ""


def test_the_preview_shows_the_geometry_unless_the_geometry_itself_is_wrong():
    feature = {"geometry": {"type": "Point", "coordinates": [139.5, 35.0]}}
    other = Problem("d.geojson", 0, "x", "exercise", "is empty")
    bad_place = Problem("d.geojson", 0, "x", "geometry", "latitude 95 is outside -90..90")
    checked = SimpleNamespace(features=(), errors=(other,))
    assert previewable(checked, feature) == [feature]
    assert previewable(SimpleNamespace(features=(), errors=(bad_place,)), feature) == []
    saved = SimpleNamespace(features=({"id": "ok"},), errors=())
    assert previewable(saved, feature) == [{"id": "ok"}]
