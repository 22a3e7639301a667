"""The drafter on texts that name places beyond the catalogue, responders and report dates.

Every text here is written for the test (short, in the manner of a news report).
"""

from __future__ import annotations

from datetime import date

import pytest
from shapely.geometry import Point, shape

from layers.draft.event import draft_event
from layers.draft.gazetteer import catalogue_gazetteer

SAT_PUB = date(2025, 12, 13)  # a Saturday


@pytest.fixture(scope="module")
def shipped():
    return catalogue_gazetteer()


def draft(gaz, text: str, published: date = SAT_PUB):
    return draft_event(text, published=published, gazetteer=gaz, title="T", url="https://e.x/1")


def props(d) -> dict:
    return d.feature["properties"]


PATH_TEXT = (
    "On Thursday two Russian Tu-95MS bombers flew from the Sea of Okhotsk down the Pacific "
    "side of Hokkaido and Honshu and turned back off the Izu Islands, the Joint Staff said on "
    "Friday. The Air Self-Defense Force scrambled F-15J fighters from Misawa Air Base in response."
)


def test_a_named_path_is_a_line_through_the_places_in_order(gaz):
    d = draft(gaz, PATH_TEXT)
    line = shape(d.feature["geometry"])
    assert line.geom_type == "LineString" and len(line.coords) == 4
    okhotsk, hokkaido, honshu, izu = (Point(c) for c in line.coords)
    assert okhotsk.y > 48 and izu.distance(Point(139.4, 34.3)) < 0.6
    assert hokkaido.x > 143.3 and honshu.x > 140.3  # the Pacific coasts, not the middles
    assert props(d)["place_precision"] == "approximate"
    assert "path named in the text: Sea of Okhotsk → Hokkaido (Pacific side)" in props(d)["basis"]
    assert "Izu Islands" in props(d)["summary"]


def test_the_responders_base_is_never_the_place(gaz):
    d = draft(gaz, PATH_TEXT)
    p = props(d)
    assert p["home_base"] is None and p["staging_base"] is None
    assert "misawa" not in [ev.value for ev in d.evidence["geometry"]]
    assert not shape(d.feature["geometry"]).buffer(0.3).contains(Point(141.37, 40.70))


def test_forces_that_scrambled_are_responders_not_participants(gaz):
    p = props(draft(gaz, PATH_TEXT))
    assert p["participants"] == ["RUS"]
    assert p["responders"] == ["JPN"]


def test_intercepted_by_names_the_responders():
    from draft_fixtures import gazetteer

    text = "Two H-6K bombers were intercepted by Japan Air Self-Defense Force jets on Monday."
    p = props(draft(gazetteer(), text))
    assert (p["participants"], p["responders"]) == (["CHN"], ["JPN"])


def test_a_state_acting_elsewhere_stays_a_participant(gaz):
    text = (
        "U.S. Air Force B-52H bombers flew with Japan Air Self-Defense Force F-15J fighters on "
        "Monday. Later the Air Self-Defense Force scrambled jets in response to H-6K bombers."
    )
    p = props(draft(gaz, text))
    assert {"USA", "JPN", "CHN"} <= set(p["participants"])  # H-6K: what was responded to
    assert p["responders"] == []


def test_the_report_date_does_not_compete_with_the_event_date(gaz):
    d = draft(gaz, PATH_TEXT)
    assert props(d)["start"] == "2025-12-11"  # Thursday, not Friday (the report)
    assert "start" not in d.flags  # one event date: nothing to check
    report = [ev for ev in d.evidence["start"] if "date of the report" in ev.reasoning]
    assert [ev.words for ev in report] == ["on Friday"]


def test_only_a_report_date_is_used_and_flagged(gaz):
    d = draft(gaz, "Tu-95MS bombers flew over the Sea of Japan, the Joint Staff said on Friday.")
    assert props(d)["start"] == "2025-12-12"
    assert "only the date of the report" in d.flags["start"]


def test_the_reporting_body_is_not_a_participant(gaz):
    text = "Two H-6K bombers flew over the East China Sea on Monday, Japan's Joint Staff said."
    assert props(draft(gaz, text))["participants"] == ["CHN"]


def test_between_two_islands_is_the_strait_between_them(shipped):
    text = (
        "A PLA Navy carrier group passed between Okinawa's main island and Miyako Island "
        "on Tuesday."
    )
    d = draft(shipped, text)
    assert d.feature["geometry"]["coordinates"] == [[127.652, 26.084], [125.445, 24.757]]
    assert (
        "→ Miyako Strait, which lies between Okinawa Island and Miyako Island"
        in (props(d)["basis"])
    )
    assert props(d)["place_precision"] == "approximate"


def test_between_two_islands_without_a_known_strait_is_the_gap(gaz):
    d = draft(gaz, "Ships sailed between Okinawa's main island and Miyako Island on Tuesday.")
    line = shape(d.feature["geometry"])
    assert line.geom_type == "LineString"
    (a, b) = (Point(c) for c in line.coords)
    assert 127.5 < a.x < 128 and 125.2 < b.x < 125.5  # from Okinawa's coast to Miyako's
    assert "shortest line between Okinawa Island and Miyako Island" in props(d)["basis"]


def test_over_the_japanese_sea_is_the_sea_of_japan(gaz):
    d = draft(gaz, "Russian Tu-95MS bombers flew over the Japanese Sea on Monday.")
    assert "the outline of Sea of Japan" in props(d)["basis"]
    assert d.feature["geometry"]["type"] == "Polygon"


def test_a_regional_area_alone_gives_its_outline(gaz):
    d = draft(gaz, "Chinese H-6K bombers flew over the Philippine Sea on Monday.")
    assert shape(d.feature["geometry"]).contains(Point(134.2, 18.9))
    assert "Philippine Sea (regional gazetteer, Natural Earth)" in props(d)["basis"]
