"""The gazetteer finds the catalogue's own names and aliases in article text."""

from __future__ import annotations

import pytest
from draft_fixtures import AIRCRAFT, frames
from shapely.geometry import Point

from layers.draft.gazetteer import Gazetteer, catalogue_gazetteer, load_aircraft
from layers.draft.names import Entry


def keys(gaz: Gazetteer, text: str, kind: str | None = None) -> list[str]:
    return [m.entry.key for m in gaz.find(text) if kind is None or m.entry.kind == kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("arrived at Misawa Air Base", "misawa"),
        ("arrived at Misawa AB", "misawa"),
        ("arrived at Misawa", "misawa"),  # short name of "Misawa Air Base"
        ("arrived at MISAWA", "misawa"),
        ("flew over the Sea of Japan", "sea-of-japan"),
        ("flew over the East Sea", "sea-of-japan"),
        ("flew over the sea of japan", "sea-of-japan"),  # several words: any case
        ("near the Diaoyu Islands", "senkaku"),
        ("near the Senkaku", "senkaku"),  # short name of "Senkaku Islands"
        ("through the Korea Strait", "tsushima-strait"),
        ("entered Japan's ADIZ", "jadiz"),
    ],
)
def test_places_found_by_name_alias_and_short_name(gaz, text, expected):
    assert keys(gaz, text, "place") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two B-52H bombers", "B-52H"),
        ("two B-52Hs", "B-52H"),
        ("two B52H", "B-52H"),
        ("the Stratofortress", "B-52H"),
        ("two Lancers", "B-1B"),
        ("the Bones", "B-1B"),
        ("a B-1 bomber", "B-1B"),  # family with one type stands for it
        ("three F-35B fighters", "F-35B"),
        ("a Boeing B-52H Stratofortress", "B-52H"),  # full name, longest first
    ],
)
def test_aircraft_normalised_to_catalogue_type(gaz, text, expected):
    assert keys(gaz, text, "aircraft") == [expected]


def test_family_shared_by_several_types_is_not_guessed(gaz):
    assert keys(gaz, "two F-35 fighters", "aircraft") == []


def test_one_word_alias_in_lower_case_is_an_ordinary_word(gaz):
    assert keys(gaz, "a bone of contention; the bear market; let us go") == []


def test_longest_match_wins_over_names_inside_it(gaz):
    text = "Japan Air Self-Defense Force jets over the East China Sea"
    found = [(m.entry.kind, m.entry.key) for m in gaz.find(text)]
    assert found == [("participant", "JASDF"), ("place", "east-china-sea")]


def test_participants_map_to_country_and_service(gaz):
    found = {m.words: m.entry.info for m in gaz.find("U.S. Air Force and PLA Navy, with VKS")}
    assert found["U.S. Air Force"]["country"] == "USA"
    assert found["PLA Navy"]["service"] == "PLAN"
    assert found["VKS"]["service"] == "Russian Aerospace Forces"
    assert found["VKS"]["country"] == "RUS"


def test_matches_carry_exact_span_and_words(gaz):
    text = "Bombers landed at Misawa AB today."
    (match,) = gaz.find(text)
    assert text[match.start : match.end] == match.words == "Misawa AB"


def test_shared_short_name_is_dropped_not_guessed():
    a = Entry("place", "naha-ab", "Naha Air Base", {"layer": "bases"})
    b = Entry("place", "naha-as", "Naha Air Station", {"layer": "bases"})
    gaz = Gazetteer(
        [("Naha Air Base", a), ("Naha Air Station", b)], short=[("Naha", a), ("Naha", b)]
    )
    assert gaz.find("landed at Naha") == []
    assert [m.entry.key for m in gaz.find("landed at Naha Air Station")] == ["naha-as"]


def test_regex_characters_in_text_and_names_are_literal():
    odd = Entry("place", "odd", "F/A-18 (test)", {"layer": "bases"})
    gaz = Gazetteer([("F/A-18 (test)", odd)])
    assert [m.entry.key for m in gaz.find("a F/A-18 (test) and .*[(")] == ["odd"]


def test_exercise_names_come_from_catalogue_events(gaz):
    (match,) = gaz.find("during Bomber Task Force 25-1 at")
    assert (match.entry.kind, match.entry.key) == ("exercise", "btf-25-1")


def test_built_from_frames_with_missing_layers():
    gaz = Gazetteer.from_catalogue({"bases": frames()["bases"]}, [], regional=())
    places = [
        m.entry.key for m in gaz.find("Misawa and the Sea of Japan") if m.entry.kind == "place"
    ]
    assert places == ["misawa"]
    assert gaz.find("Misawa")[0].entry.info["geometry"] == Point(141.37, 40.70)


def test_shipped_catalogue_and_aircraft_list_are_recognised():
    gaz = catalogue_gazetteer()
    text = "Two Lancers flew from Misawa over the Sea of Japan with Stratofortresses."
    found = {(m.entry.kind, m.entry.key) for m in gaz.find(text)}
    assert {("aircraft", "B-1B"), ("aircraft", "B-52H"), ("place", "misawa")} <= found
    assert ("place", "sea-of-japan") in found


def test_aircraft_list_accepts_types_member_and_bare_list(tmp_path):
    wrapped, bare = tmp_path / "a.json", tmp_path / "b.json"
    wrapped.write_text('{"description": "x", "types": [{"type": "B-1B", "name": "B-1B"}]}')
    bare.write_text('[{"type": "B-1B", "name": "B-1B"}]')
    assert load_aircraft(wrapped) == load_aircraft(bare) == [{"type": "B-1B", "name": "B-1B"}]
    assert AIRCRAFT[0]["type"] == "B-52H"
