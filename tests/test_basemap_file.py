"""The basemap the page fetches: the shipped coordinates, exactly, in fewer bytes."""

from __future__ import annotations

import json

import pytest

from layers.map import assets
from layers.map.basemap_file import compact_text, decode, encode, grid_scale


def _polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


@pytest.mark.parametrize("name", assets.BASEMAP_FILES)
def test_the_shipped_basemap_comes_back_exactly_in_fewer_than_half_the_bytes(name):
    text = (assets.BASEMAP_SOURCE_DIR / name).read_text(encoding="utf-8")
    source = json.loads(text)
    compact = compact_text(text, name)
    back = decode(json.loads(compact))
    assert len(compact) < 0.5 * len(text)
    assert len(back["features"]) == len(source["features"])
    for original, decoded in zip(source["features"], back["features"], strict=True):
        assert decoded["properties"]["name"] == original["properties"]["name"]
        assert decoded["geometry"]["coordinates"] == _polygons(original["geometry"])
        west, south, east, north = decoded["bbox"]  # the map adds the near countries first
        points = [p for poly in _polygons(original["geometry"]) for ring in poly for p in ring]
        assert west == min(p[0] for p in points) and east == max(p[0] for p in points)
        assert south == min(p[1] for p in points) and north == max(p[1] for p in points)


def _square(lon: float, lat: float) -> dict:
    ring = [[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat]]
    return {"type": "Feature", "properties": {"name": "X", "iso_n3": "001"},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip


def test_the_grid_is_the_coarsest_the_coordinates_lie_on():
    assert grid_scale({"features": [_square(120.25, 30.5)]}) == 100
    assert grid_scale({"features": [_square(120.125, 30.5)]}) == 1000


def test_a_coordinate_off_every_grid_is_refused_rather_than_moved():
    with pytest.raises(ValueError, match="finer than"):
        encode({"features": [_square(120.123456, 30.0)]})


def test_a_geometry_that_is_not_an_area_is_named():
    line = {"type": "Feature", "properties": {},
            "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}  # fmt: skip
    with pytest.raises(ValueError, match="world: feature 0: geometry type 'LineString'"):
        encode({"features": [line]}, "world")
