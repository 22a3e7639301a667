from datetime import date
from urllib.parse import parse_qs, urlencode

import pytest

from layers.view.url import MAX_NOTICES, view_from_query, view_to_query, view_to_query_string
from layers.view.view import BriefingView

EXERCISES = {
    "us-japan-bomber-flight-2025-12": "US–Japan bilateral flight with B-52H",
    "china-russia-joint-patrol-10": "10th China–Russia joint air patrol",
}
KNOWN = {
    "known_exercises": EXERCISES,
    "known_participants": ("USA", "JPN", "CHN", "RUS"),
    "known_aircraft": ("B-52H", "F-35", "F-35A", "H-6K"),
}

REPRESENTATIVE_VIEWS = [
    BriefingView(),
    BriefingView(start=date(2025, 12, 5), end=date(2025, 12, 12)),
    BriefingView(start=date(2025, 12, 9)),
    BriefingView(
        start=date(2025, 12, 5),
        end=date(2025, 12, 12),
        exercises=tuple(EXERCISES),
        kinds=("joint_patrol", "bilateral_exercise"),
        participants=("JPN", "USA"),
        aircraft=("B-52H", "F-35"),
        layers=("bases", "events"),
        center=(35.12345, 139.5),
        zoom=7,
    ),
    BriefingView(layers=()),
    BriefingView(center=(26.3, 200.25), zoom=3),  # Pacific window: longitude beyond 180
]


def _as_url_params(query):
    """What a browser gives back: every value a list of strings."""
    return parse_qs(urlencode(query, doseq=True), keep_blank_values=True)


@pytest.mark.parametrize("view", REPRESENTATIVE_VIEWS)
def test_view_survives_a_round_trip_through_the_url(view):
    restored, notices = view_from_query(_as_url_params(view_to_query(view)), **KNOWN)
    assert notices == []
    assert restored == view


@pytest.mark.parametrize("basemap", ["osm", "satellite", "google"])
def test_a_link_never_turns_on_online_tiles(basemap):
    """Tiles reveal the area studied: the link's ``bm`` is reported and left off."""
    assert "bm" not in view_to_query(BriefingView(basemap="osm"))
    view, notices = view_from_query({"bm": basemap}, **KNOWN)
    assert view.basemap == "offline"
    (notice,) = notices
    assert "online map tiles" in notice and "they stay off" in notice and basemap in notice


def test_a_flood_of_values_is_cut_and_said_once():
    view, notices = view_from_query({"ex": [f"x{i}" for i in range(500)]}, **KNOWN)
    assert view.exercises == ()
    assert len(notices) == MAX_NOTICES
    assert notices[0] == "The link gives more than 50 values for 'ex': the rest were ignored."
    assert notices[-1] == "…and 46 more problems with this link."


def test_a_long_value_is_quoted_short():
    view, notices = view_from_query({"ex": "A" * 150, "kind": "B" * 500}, **KNOWN)
    assert view.exercises == () and view.kinds == ()
    assert all(len(notice) < 200 for notice in notices)
    assert any("too long" in notice for notice in notices)


def test_default_view_writes_an_empty_query():
    assert view_to_query(BriefingView()) == {}


def test_query_is_compact_and_uses_short_keys():
    view = BriefingView(
        start=date(2025, 12, 5),
        end=date(2025, 12, 12),
        exercises=("a", "b"),
        participants=("JPN",),
        aircraft=("F-35",),
        layers=("bases", "events"),
        center=(34.0, 132.0),
        zoom=6,
    )
    assert view_to_query_string(view) == (
        "start=2025-12-05&end=2025-12-12&ex=a&ex=b&who=JPN&ac=F-35&layers=bases%2Cevents&z=6"
    )


def test_only_fields_differing_from_the_given_default_are_written():
    default = BriefingView(zoom=6, layers=("bases",))
    assert view_to_query(BriefingView(zoom=6, layers=("bases",)), default) == {}
    assert view_to_query(BriefingView(zoom=6), default) == {"layers": "areas,adiz,bases,events"}


def test_centre_is_rounded_to_about_a_metre():
    query = view_to_query(BriefingView(center=(35.123456789, 139.987654321)))
    assert query["c"] == "35.12346,139.98765"


def test_single_string_values_are_accepted_like_lists():
    view, notices = view_from_query({"ex": "china-russia-joint-patrol-10", "z": "4"}, **KNOWN)
    assert view.exercises == ("china-russia-joint-patrol-10",)
    assert view.zoom == 4
    assert notices == []


def test_exercise_can_be_given_by_name_in_any_case():
    view, notices = view_from_query({"ex": ["10th china–russia joint air patrol"]}, **KNOWN)
    assert view.exercises == ("china-russia-joint-patrol-10",)
    assert notices == []


def test_unknown_exercise_is_dropped_with_a_notice_and_known_ones_kept():
    view, notices = view_from_query({"ex": ["foo", "us-japan-bomber-flight-2025-12"]}, **KNOWN)
    assert view.exercises == ("us-japan-bomber-flight-2025-12",)
    assert notices == ["Unknown exercise 'foo' in the URL was ignored."]


@pytest.mark.parametrize("bad", ["x", "2025-13-01", "2025-12-32", "12/05/2025", "2025-12-5x"])
def test_malformed_date_falls_back_to_the_full_range_with_a_notice(bad):
    view, notices = view_from_query({"start": bad, "end": "2025-12-12"}, **KNOWN)
    assert (view.start, view.end) == (None, None)
    assert notices == [f"Malformed date '{bad}' in the URL: using the full range."]


def test_window_ending_before_it_starts_falls_back_with_a_notice():
    view, notices = view_from_query({"start": "2025-12-12", "end": "2025-12-05"}, **KNOWN)
    assert (view.start, view.end) == (None, None)
    assert "ends (2025-12-05) before it starts (2025-12-12)" in notices[0]


def test_each_bad_field_falls_back_alone():
    params = {
        "start": "2025-12-05",
        "kind": ["joint_patrol", "party"],
        "who": ["jpn", "XXX"],
        "ac": ["B-52H", "Spitfire"],
        "layers": "bases,roads",
        "c": "north,east",
        "z": "99",
        "bm": "google",
    }
    view, notices = view_from_query(params, **KNOWN)
    assert view.start == date(2025, 12, 5)
    assert view.kinds == ("joint_patrol",)
    assert view.participants == ("JPN",)
    assert view.aircraft == ("B-52H",)
    assert view.layers == ("bases",)
    assert view.center == BriefingView().center
    assert view.zoom == BriefingView().zoom
    assert view.basemap == "offline"
    assert notices == [
        "Unknown event kind 'party' in the URL was ignored.",
        "Unknown participant country 'XXX' in the URL was ignored.",
        "Unknown aircraft type 'Spitfire' in the URL was ignored.",
        "Unknown layer 'roads' in the URL was ignored.",
        "Malformed map centre 'north,east' in the URL: using the default.",
        "…and 2 more problems with this link.",
    ]


@pytest.mark.parametrize("centre", ["91,132", "34", "34,132,5", "nan,132", "34,-181"])
def test_out_of_range_or_malformed_centre_is_refused(centre):
    view, notices = view_from_query({"c": centre}, **KNOWN)
    assert view.center == BriefingView().center
    assert len(notices) == 1


@pytest.mark.parametrize("zoom", ["0", "4.5", "five", "inf"])
def test_bad_zoom_is_refused(zoom):
    view, notices = view_from_query({"z": zoom}, **KNOWN)
    assert view.zoom == BriefingView().zoom
    assert len(notices) == 1


def test_layers_none_means_every_layer_off():
    view, notices = view_from_query({"layers": "none"}, **KNOWN)
    assert view.layers == ()
    assert notices == []


def test_unknown_keys_are_ignored_without_notice():
    view, notices = view_from_query({"embed": "true", "utm_source": "mail"}, **KNOWN)
    assert view == BriefingView()
    assert notices == []


def test_any_aircraft_and_country_accepted_when_no_list_is_known():
    view, notices = view_from_query({"ac": "J-20", "who": "AUS"})
    assert view.aircraft == ("J-20",)
    assert view.participants == ("AUS",)
    assert notices == []


def test_read_falls_back_to_a_given_default_view():
    default = BriefingView(start=date(2025, 12, 1), end=date(2025, 12, 31))
    view, notices = view_from_query({"start": "bad"}, default=default)
    assert (view.start, view.end) == (date(2025, 12, 1), date(2025, 12, 31))
    assert notices
