"""Range rings and measured lines: geodesic, in the Pacific window, escaped, one group."""

from __future__ import annotations

import itertools

import pytest

from layers.geo.geodesy import distance_km
from layers.map.overlays import (
    aircraft_ranges,
    build_overlay_group,
    measure_latlons,
    ring_latlons,
)
from layers.view.marks import CoordinateError, Measure, Ring, parse_latlon

MISAWA = (141.37, 40.70)
ANDERSEN = (144.93, 13.58)
DYESS = (-99.85, 32.42)


def _html(group) -> str:
    import folium

    m = folium.Map(tiles=None)
    group.add_to(m)
    return m.get_root().render()


def test_every_ring_vertex_is_at_the_radius_from_the_base():
    ring = Ring(MISAWA, 500_000.0, "Misawa")
    for lat, lon in ring_latlons(ring)[::30]:
        assert distance_km(MISAWA, (lon, lat)) == pytest.approx(500.0, abs=0.01)


def test_a_ring_is_closed_and_inside_the_pacific_window():
    points = ring_latlons(Ring(ANDERSEN, 1_000_000.0, "Andersen"))
    assert points[0] == pytest.approx(points[-1])
    assert all(-30 <= lon < 330 for _, lon in points)


def test_a_ring_round_dyess_is_drawn_east_of_the_antimeridian():
    points = ring_latlons(Ring(DYESS, 800_000.0, "Dyess"))
    assert all(240 < lon < 280 for _, lon in points)


def test_a_ring_round_the_pole_is_one_open_line_without_a_360_degree_jump():
    points = ring_latlons(Ring(ANDERSEN, 9_500_000.0, "B-1B"))
    lons = [lon for _, lon in points]
    assert lons == sorted(lons)
    assert max(b - a for a, b in itertools.pairwise(lons)) < 10  # vertices spread near the pole
    assert lons[0] >= -30 and lons[-1] < 330


def test_measure_gives_the_geodesic_in_km_and_nm():
    measure = Measure(MISAWA, ANDERSEN, "Misawa", "Andersen")
    km = distance_km(MISAWA, ANDERSEN)
    assert measure.metres / 1000 == pytest.approx(km)
    assert measure.text.startswith("Misawa → Andersen: ")
    assert measure.text.endswith(f" nm ({km:,.1f} km)")  # nm first, as aviators brief


def test_a_measured_line_across_the_pacific_is_continuous():
    points = measure_latlons(Measure(MISAWA, DYESS, "Misawa", "Dyess"))
    lons = [lon for _, lon in points]
    assert points[0] == pytest.approx((40.70, 141.37))
    assert points[-1] == pytest.approx((32.42, 260.15))
    assert max(abs(b - a) for a, b in itertools.pairwise(lons)) < 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13.58, 144.93", (144.93, 13.58)),
        ("40.7 141.37", (141.37, 40.7)),
        ("32.4,-99.8", (-99.8, 32.4)),
    ],
)
def test_parse_latlon_reads_latitude_first(text, expected):
    assert parse_latlon(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Guam", "is not a position"),
        ("95, 10", "Latitude 95 is out of range"),
        ("", "not a position"),
    ],
)
def test_parse_latlon_rejects_with_a_hint(text, message):
    with pytest.raises(CoordinateError, match=message):
        parse_latlon(text)


def test_published_ranges_come_from_the_aircraft_file():
    ranges = aircraft_ranges()
    assert ranges["B-52H"]["km"] == 14160
    assert ranges["B-1B"]["confidence"] == "low"
    assert all(r["km"] > 0 for r in ranges.values())


def test_overlay_group_draws_rings_and_lines_with_escaped_labels():
    group = build_overlay_group(
        [Ring(MISAWA, 300 * 1852.0, "<b>Misawa</b>")], [Measure(MISAWA, ANDERSEN, "A", "B")]
    )
    html = _html(group)
    assert group.layer_name == "Range rings and distances"
    assert "bm-range-ring" in html and "bm-measure" in html
    assert "<b>Misawa</b>" not in html and "&lt;b&gt;Misawa&lt;/b&gt;" in html
    assert "300.0 nm (555.6 km)" in html


def test_no_ring_and_no_line_is_no_group():
    assert build_overlay_group([], []) is None
