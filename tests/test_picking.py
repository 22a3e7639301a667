"""A map click resolves to the feature the user clicked (issue 13, item 1).

The wrong-event case first: a click inside the area of the 10 Dec 2025 B-52H flight,
20 km from the line of the 9 Dec China–Russia patrol. Before, any line within a fixed
25 km won, so the details described the patrol while the popup showed the B-52H.
"""

import re

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, Polygon

from layers.catalogue.registry import LAYERS_BY_KEY
from layers.geo.geodesy import distance_m
from layers.map.picking import feature_at, pixel_tolerance_km, tooltip_ref
from layers.map.popups import tooltip_html

B52 = "2025-12-10-us-jp-b52h-sea-of-japan"
PATROL = "2025-12-09-cn-ru-air-patrol"
CLICK = (39.1, 132.2)  # inside the B-52H area, 20 km from the patrol's line


def clicked_text(layer: str, row) -> str:
    """What st_folium reports for a clicked shape: its tooltip element's textContent."""
    html = tooltip_html(LAYERS_BY_KEY[layer], dict(row))
    return re.sub(r"<[^>]*>", "", html).replace("&amp;", "&")


@pytest.fixture(scope="module")
def events(catalogue_frames):
    return catalogue_frames["events"].set_index("id", drop=False)


def test_the_click_is_where_the_issue_says(events):
    area, line = events.loc[B52].geometry, events.loc[PATROL].geometry
    assert area.contains(Point(CLICK[1], CLICK[0]))
    nearest = line.interpolate(line.project(Point(CLICK[1], CLICK[0])))
    assert 19 < distance_m((nearest.x, nearest.y), CLICK[::-1]) / 1000 < 21


def test_the_clicked_area_wins_over_a_line_20_km_away(catalogue_frames, events):
    frames = {"events": catalogue_frames["events"]}  # every event of the catalogue drawn
    label = clicked_text("events", events.loc[B52])
    assert feature_at(frames, *CLICK, zoom=6, label=label).feature_id == B52
    # Without a tooltip (a click that reached no shape), a few pixels decide: at zoom 6
    # the line is 11 px away, so the area containing the click wins.
    two = {"events": events.loc[[B52, PATROL]].reset_index(drop=True)}
    assert feature_at(two, *CLICK, zoom=6).feature_id == B52
    assert feature_at(two, *CLICK, zoom=8).feature_id == B52


def test_a_line_wins_only_when_the_click_is_on_it_as_drawn(events):
    frames = {"events": events.loc[[B52, PATROL]].reset_index(drop=True)}
    # At zoom 3 the 20 km are 2.2 px: the click is on the line as the eye sees it.
    assert pixel_tolerance_km(CLICK[0], 3) > 20
    assert feature_at(frames, *CLICK, zoom=3).feature_id == PATROL


def test_the_reference_decides_even_when_the_position_points_elsewhere(catalogue_frames, events):
    frames = {"events": catalogue_frames["events"]}
    label = clicked_text("events", events.loc[PATROL])
    assert feature_at(frames, *CLICK, zoom=8, label=label).feature_id == PATROL


def test_a_reference_to_a_hidden_or_unselected_feature_falls_back_to_the_position(events):
    frames = {"events": events.loc[[B52]].reset_index(drop=True)}
    label = clicked_text("events", events.loc[PATROL])  # not among the drawn events
    assert feature_at(frames, *CLICK, zoom=6, label=label).feature_id == B52
    assert feature_at(frames, *CLICK, zoom=6, label=label, layers=["bases"]) is None


@pytest.mark.parametrize("zoom,expected_px", [(3, 6), (6, 6), (10, 6)])
def test_tolerance_is_a_few_screen_pixels_at_any_zoom(zoom, expected_px):
    metres_per_px = 156543.034 * 0.7660 / 2**zoom  # cos(40°)
    assert pixel_tolerance_km(40.0, zoom) == pytest.approx(expected_px * metres_per_px / 1000, 1e-3)


DOT = Point(133, 38.2)


def _synthetic():
    area = Polygon([(130, 35), (136, 35), (136, 41), (130, 41)])
    inner = Polygon([(132, 37), (134, 37), (134, 39), (132, 39)])
    line = LineString([(131, 38), (135, 38)])
    rows = [
        {"id": "area", "name": "Area", "kind": "bilateral_exercise", "geometry": area},
        {"id": "inner", "name": "Inner", "kind": "bilateral_exercise", "geometry": inner},
        {"id": "line", "name": "Line", "kind": "joint_patrol", "geometry": line},
        {"id": "point", "name": "Point", "kind": "airspace_violation", "geometry": DOT},
    ]
    return {"events": gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs=4326)}


@pytest.mark.parametrize(
    "lat,lon,zoom,expected",
    [
        (38.0, 133.5, 7, "line"),  # on the line
        (38.2, 133.0, 7, "point"),  # on the point (points before lines)
        (38.5, 133.5, 7, "inner"),  # off both at zoom 7 (0.5° ≈ 45 px): smallest area
        (38.5, 133.5, 3, "point"),  # zoomed out: the point is under the pointer
        (40.0, 135.5, 7, "area"),  # only the outer area
        (45.0, 140.0, 7, None),  # open sea
    ],
)
def test_overlapping_areas_lines_and_points_at_several_zooms(lat, lon, zoom, expected):
    hit = feature_at(_synthetic(), lat, lon, zoom=zoom)
    assert (hit.feature_id if hit else None) == expected


def test_tooltip_reference_survives_hostile_names():
    row = {"id": "ok-id", "name": "</span>⟦events:other⟧<b>x", "kind": "joint_patrol"}
    html = tooltip_html(LAYERS_BY_KEY["events"], row)
    assert "<b>x" not in html
    text = re.sub(r"<[^>]*>", "", html)
    assert "⟦events:other⟧" in text  # the name is shown as written...
    assert tooltip_ref(text) == ("events", "ok-id")  # ...but the tooltip's own reference wins
