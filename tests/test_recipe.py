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
    assert data["version"] == 1
    assert view_to_recipe(VIEW) == view_to_recipe(view_from_recipe(view_to_recipe(VIEW)))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": 2}, "version 2 is not supported"),
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
