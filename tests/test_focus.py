"""Framing the selection: its bounds in the map's window and a token that names it."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import numpy as np
from shapely.geometry import LineString, Point

from layers.geo.longitude import shift_to_window
from layers.map.focus import selection_bounds, selection_token
from layers.view.select import select
from layers.view.view import BriefingView, Pick


def _frame(geoms, ids=None) -> gpd.GeoDataFrame:
    ids = ids or [f"e{i}" for i in range(len(geoms))]
    return gpd.GeoDataFrame({"id": ids}, geometry=geoms, crs="EPSG:4326")


def test_bounds_hold_points_and_a_track_across_the_antimeridian_in_the_window():
    track = LineString([(175.0, 40.0), (-175.0, 45.0)])  # drawn from 175 to 185 in the window
    frame = _frame([Point(-170.0, 10.0), track, Point(130.0, 30.0), None])
    (south, west), (north, east) = selection_bounds(frame)
    assert (south, west, north, east) == (10.0, 130.0, 45.0, 190.0)  # -170 is 190 here
    one_by_one = [shift_to_window(g) for g in frame.geometry.dropna()]
    xs = [c[0] for g in one_by_one for c in np.asarray(g.coords)]
    assert (min(xs), max(xs)) == (west, east)


def test_a_million_points_are_framed_without_a_loop_per_point():
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(100, 179, 1_000_000), rng.uniform(0, 60, 1_000_000)
    frame = gpd.GeoDataFrame({"id": np.arange(lon.size).astype(str)},
                             geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")  # fmt: skip
    (south, west), (north, east) = selection_bounds(frame)
    assert (west, east) == (round(lon.min(), 4), round(lon.max(), 4))
    assert (south, north) == (round(lat.min(), 4), round(lat.max(), 4))


def test_the_token_names_the_events_and_the_pick_not_their_order(catalogue_frames):
    selection = select(catalogue_frames, BriefingView())
    token = selection_token(selection)
    shuffled = selection.events.sample(frac=1.0, random_state=3)
    assert selection_token(_with_events(selection, shuffled)) == token
    assert selection_token(_with_events(selection, shuffled.iloc[1:])) != token
    first = str(selection.events["id"].iloc[0])
    picked = select(catalogue_frames, BriefingView(pick=Pick(ids=(first,))))
    assert selection_token(picked) != token


def _with_events(selection, events):
    return dataclasses.replace(selection, frames={**selection.frames, "events": events})
