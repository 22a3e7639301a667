"""The view as a JSON recipe and back (``layers.view.recipe``)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from layers.view.recipe import (
    MAX_RECIPE_BYTES,
    view_from_recipe,
    view_from_recipe_dict,
    view_to_recipe,
    view_to_recipe_dict,
)
from layers.view.view import BriefingView, ViewError

VIEW = BriefingView(
    start=date(2025, 12, 5),
    end=date(2025, 12, 12),
    exercises=("btf-25-2",),
    kinds=("joint_patrol",),
    participants=("CHN", "RUS"),
    aircraft=("F-35",),
    layers=("bases", "events"),
    center=(36.5, 137.25),
    zoom=6,
    title="Sea of Japan, week 50",
    marking="UNCLASSIFIED",
)


def test_a_recipe_gives_back_the_same_view():
    assert view_from_recipe(view_to_recipe(VIEW)) == VIEW
    assert view_from_recipe_dict(view_to_recipe_dict(VIEW)) == VIEW
    assert view_from_recipe(view_to_recipe(BriefingView())) == BriefingView()


def test_a_recipe_is_small_stable_json():
    data = json.loads(view_to_recipe(VIEW))
    assert data["start"] == "2025-12-05" and data["layers"] == ["bases", "events"]
    assert data["version"] == 2
    assert view_to_recipe(VIEW) == view_to_recipe(view_from_recipe(view_to_recipe(VIEW)))


def test_a_version_1_recipe_still_reads():
    """Saved before the pick, rings and measures were part of the view."""
    data = {"version": 1, "start": "2025-12-05", "exercises": ["a"], "zoom": 6}
    view = view_from_recipe_dict(data)
    assert (view.start.isoformat(), view.exercises, view.zoom) == ("2025-12-05", ("a",), 6)
    assert view.pick.is_empty and view.rings == () and view.measures == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": 3}, "version 3 is not supported"),
        ({"pick": {"window": ["2025-12-09", "2025-12-01"], "ids": []}}, "ends before it starts"),
        ({"pick": "everything"}, "field 'pick'"),
        ({"rings": [{"center": [141.0, 95.0], "radius_m": 5.0, "label": "x"}]}, "out of range"),
        ({"rings": [{"center": [141.0, 40.0], "radius_m": -5, "label": "x"}]}, "radius_m"),
        ({"measures": [{"start": [1, 2]}]}, r"field 'measures\[0\]'"),
        ({"colour": "red"}, "unknown field(s): 'colour'"),
        ({"zoom": 40}, "field 'zoom'"),
        ({"end": "2025-12-01"}, "ends before it starts"),
        ({"basemap": "bing"}, "field 'basemap'"),
    ],
)
def test_a_bad_field_is_refused_by_name(change, message):
    data = {**view_to_recipe_dict(VIEW), **change}
    with pytest.raises(ViewError, match=message.replace("(", r"\(").replace(")", r"\)")):
        view_from_recipe_dict(data)


def test_an_oversized_recipe_is_refused_before_parsing():
    with pytest.raises(ViewError, match="larger than 64 kB"):
        view_from_recipe(" " * (MAX_RECIPE_BYTES + 1))
