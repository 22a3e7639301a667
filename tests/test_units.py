import pytest

from layers.geo.units import (
    DistanceError,
    format_distance,
    km_to_m,
    m_to_km,
    m_to_nm,
    nm_to_m,
    parse_distance,
)


def test_nautical_mile_is_exactly_1852_metres():
    assert nm_to_m(1) == 1852.0
    assert m_to_nm(1852 * 300) == pytest.approx(300)


def test_kilometre_conversions_are_inverse():
    assert km_to_m(500) == 500_000.0
    assert m_to_km(km_to_m(12.5)) == pytest.approx(12.5)


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("300 nm", 300 * 1852.0),
        ("300nm", 300 * 1852.0),
        ("300 NM", 300 * 1852.0),
        ("12.5 nmi", 12.5 * 1852.0),
        ("2 nautical miles", 2 * 1852.0),
        ("500 km", 500_000.0),
        ("500km", 500_000.0),
        ("1,000 km", 1_000_000.0),
        ("  750   Kilometres ", 750_000.0),
        ("500", 500 * 1852.0),  # bare number: the default unit (nm)
        (".5 km", 500.0),
    ],
)
def test_parse_distance_accepts_what_users_type(text, metres):
    assert parse_distance(text) == pytest.approx(metres)


def test_bare_number_uses_the_given_default_unit():
    assert parse_distance("500", default_unit="km") == 500_000.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter a distance"),
        ("   ", "Enter a distance"),
        ("-300 nm", "negative"),
        ("0 km", "greater than 0"),
        ("abc", "not a distance"),
        ("300 miles", "Unknown unit 'miles'"),
        ("1e3 km", "not a distance"),
        ("25000 km", "half-way round the Earth"),
        ("nan", "not a distance"),
    ],
)
def test_parse_distance_rejects_bad_input_with_a_clear_message(text, message):
    with pytest.raises(DistanceError, match=message):
        parse_distance(text)


def test_distance_error_is_a_value_error_so_callers_can_catch_either():
    with pytest.raises(ValueError):
        parse_distance("far")


def test_unknown_default_unit_is_a_programming_error():
    with pytest.raises(ValueError, match="default_unit"):
        parse_distance("5", default_unit="mi")


def test_format_distance_gives_both_units():
    assert format_distance(9_742_700) == "5,260.6 nm (9,742.7 km)"
