"""Geodesy: buffers, great circles across the antimeridian, window shifts, range rings."""

import itertools
import math

import pytest
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, Polygon

from layers.geo import geodesy

WGS84 = Geod(ellps="WGS84")
DYESS = (-99.854599, 32.420799)
MISAWA = (141.367996, 40.703201)
UOTSURI = (123.473333, 25.743333)
TAISHO = (124.55, 25.916667)


def geodesic_m(a, b):
    return WGS84.inv(a[0], a[1], b[0], b[1])[2]


def test_distance_matches_pyproj_and_units():
    metres = geodesic_m(DYESS, MISAWA)
    assert geodesy.distance_m(DYESS, MISAWA) == pytest.approx(metres)
    assert geodesy.distance_km(DYESS, MISAWA) == pytest.approx(metres / 1000)
    assert geodesy.distance_nm(DYESS, MISAWA) == pytest.approx(metres / 1852)


def test_distance_is_ellipsoidal_not_spherical():
    # the sphere (R = 6371.0088 km) gives 9,742.7 km for this pair; WGS84 about 9,763.9 km
    assert geodesy.distance_km(DYESS, MISAWA) == pytest.approx(9763.9, abs=0.5)


def test_buffer_boundary_is_at_the_radius():
    zone = geodesy.geodesic_buffer([UOTSURI], 12.0)
    assert isinstance(zone, Polygon) and zone.is_valid and zone.exterior.is_ccw
    radii = [geodesic_m(UOTSURI, p) for p in zone.exterior.coords]
    assert min(radii) == pytest.approx(12 * 1852, rel=1e-6)
    assert max(radii) == pytest.approx(12 * 1852, rel=1e-6)


def test_buffer_of_distant_points_is_two_discs_and_of_close_points_one():
    apart = geodesy.geodesic_buffer([UOTSURI, TAISHO], 12.0)  # about 110 km apart
    together = geodesy.geodesic_buffer([UOTSURI, TAISHO], 40.0)
    assert apart.geom_type == "MultiPolygon" and len(apart.geoms) == 2
    assert together.geom_type == "Polygon"


def test_buffer_is_not_a_degree_buffer():
    # 12 nm east-west is more degrees of longitude than of latitude at 25.7N
    zone = geodesy.geodesic_buffer([UOTSURI], 12.0)
    minx, miny, maxx, maxy = zone.bounds
    width, height = maxx - minx, maxy - miny
    assert width / height == pytest.approx(1 / math.cos(math.radians(25.74)), rel=0.01)


def test_great_circle_crosses_antimeridian_and_splits_into_two_pieces():
    line = geodesy.great_circle_line(DYESS, MISAWA)
    assert isinstance(line, MultiLineString) and len(line.geoms) == 2
    east, west = line.geoms
    assert east.coords[0] == pytest.approx(DYESS)
    assert west.coords[-1] == pytest.approx(MISAWA)
    assert east.coords[-1][0] == -180.0 and west.coords[0][0] == 180.0
    assert east.coords[-1][1] == pytest.approx(west.coords[0][1])
    # the basemap README puts the crossing at 54.891N (Bering Sea)
    assert east.coords[-1][1] == pytest.approx(54.891, abs=0.01)
    for piece in line.geoms:
        assert all(-180 <= lon <= 180 for lon, _ in piece.coords)


def test_great_circle_points_lie_on_the_geodesic():
    points = geodesy.great_circle_points(DYESS, MISAWA, spacing_km=500)
    total = geodesic_m(DYESS, MISAWA)
    along = sum(geodesic_m(a, b) for a, b in itertools.pairwise(points))
    assert along == pytest.approx(total, rel=1e-6)
    assert 19 <= len(points) <= 22


def test_line_not_crossing_stays_a_linestring():
    line = geodesy.great_circle_line(UOTSURI, MISAWA)
    assert isinstance(line, LineString)


def test_split_going_east_puts_plus_180_first():
    line = geodesy.split_at_antimeridian([(170.0, 10.0), (-170.0, 20.0)])
    first, second = line.geoms
    assert first.coords[-1] == pytest.approx((180.0, 15.0))
    assert second.coords[0] == pytest.approx((-180.0, 15.0))


def test_range_ring_is_at_the_radius_and_closed():
    andersen = (144.929998, 13.584)
    ring = geodesy.range_ring(andersen, 9500.0, n_vertices=72)
    assert ring.coords[0] == ring.coords[-1]
    for lon, lat in ring.coords:
        assert geodesic_m(andersen, (lon, lat)) == pytest.approx(9_500_000, rel=1e-6)


def test_range_ring_crossing_antimeridian_is_continuous():
    ring = geodesy.range_ring(MISAWA, 4000.0, n_vertices=90)
    lons = [lon for lon, _ in ring.coords]
    assert max(lons) > 180  # east of the antimeridian, kept continuous
    assert max(abs(b - a) for a, b in itertools.pairwise(lons)) < 10
