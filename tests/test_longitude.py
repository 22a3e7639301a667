"""The map's one longitude window [-30, 330) (``layers.geo.longitude``), and unwrapping."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from shapely.geometry import LineString, Point, Polygon

from layers.geo import geodesy, longitude

DYESS = (-99.854599, 32.420799)
MISAWA = (141.367996, 40.703201)


def test_unwrap_makes_longitudes_continuous():
    out = longitude.unwrap_longitudes([(179.0, 0.0), (-179.0, 1.0), (-178.0, 2.0)])
    assert [p[0] for p in out] == [179.0, 181.0, 182.0]


def test_window_shift_rejoins_a_cut_route_into_one_continuous_line():
    shifted = longitude.shift_to_window(geodesy.great_circle_line(DYESS, MISAWA))
    assert isinstance(shifted, LineString)
    lons = [lon for lon, _ in shifted.coords]
    assert max(abs(b - a) for a, b in itertools.pairwise(lons)) < 5
    assert all(-30 <= lon < 330 for lon in lons)
    assert shifted.coords[0] == pytest.approx((DYESS[0] + 360, DYESS[1]))


def test_window_shift_moves_points_and_keeps_polygon_holes_with_shell():
    assert longitude.shift_to_window(Point(-100, 30)).x == 260
    assert longitude.shift_to_window(Point(-20, 30)).x == -20
    ring = [(-170, 0), (-160, 0), (-160, 10), (-170, 10)]
    hole = [(-168, 2), (-166, 2), (-166, 4), (-168, 4)]
    moved = longitude.shift_to_window(Polygon(ring, [hole]))
    assert moved.is_valid
    assert moved.bounds[0] == 190 and moved.interiors[0].bounds[0] == 192


def test_wrap_lon_window():
    assert longitude.wrap_lon(190.0) == -170.0
    assert longitude.wrap_lon(-100.0, -30.0) == 260.0
    assert longitude.wrap_lon(-30.0, -30.0) == -30.0


@pytest.mark.parametrize(
    ("lon", "window"),
    [
        (-100.0, 260.0),
        (-30.0, -30.0),
        (-30.5, 329.5),
        (141.4, 141.4),
        (180.0, 180.0),
        (400.0, 40.0),
    ],
)
def test_to_window_puts_a_longitude_in_the_map_window(lon, window):
    assert longitude.to_window(lon) == pytest.approx(window)
    assert longitude.from_window(longitude.to_window(lon)) == pytest.approx(longitude.wrap_lon(lon))


def test_from_window_brings_map_longitudes_back_and_works_on_arrays():
    assert longitude.from_window(260.0) == -100.0
    assert longitude.from_window(-20.0) == -20.0
    assert list(longitude.to_window(np.array([-100.0, 10.0]))) == [260.0, 10.0]


def test_the_window_starts_at_the_one_constant():
    assert longitude.PACIFIC_WEST == -30.0
    assert longitude.to_window(longitude.PACIFIC_WEST) == longitude.PACIFIC_WEST
    assert longitude.to_window(longitude.PACIFIC_WEST - 1e-9) > 329


def test_points_of_bounds_are_shifted_vertex_by_vertex():
    (line,) = longitude.shift_points_to_window([LineString([(-100, 30), (-20, 31)])])
    assert list(line.coords) == [(260.0, 30.0), (-20.0, 31.0)]


def test_windowed_is_shift_to_window_done_once_per_geometry():
    track = LineString([(170.0, 30.0), (-170.0, 32.0)])  # across the antimeridian
    first = longitude.windowed(track)
    assert first.equals(longitude.shift_to_window(track))
    assert longitude.windowed(track) is first  # the rerun's second look is free
    same_shape = LineString(track.coords)  # another object: shifted on its own
    assert longitude.windowed(same_shape) is not first
    assert longitude.windowed(same_shape).equals(first)
