"""Drafting an event from an article: each rule, empty fields flagged, hostile text inert."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from layers.catalogue import store
from layers.catalogue.schema import CONFIDENCE, EVENTS
from layers.draft.event import DEFAULT_CONFIDENCE, draft_event, save_draft

ARTICLES = Path(__file__).parent / "data" / "articles"
SOURCE = {"title": "Bombers arrive", "publisher": "Example News", "url": "https://example.com/a"}


def draft(gaz, text: str, published: date = date(2025, 12, 16), **source):
    return draft_event(text, published=published, gazetteer=gaz, **(source or SOURCE))


def article(name: str) -> str:
    return (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")


def props(d) -> dict:
    return d.feature["properties"]


def test_deployment_article_gives_route_units_and_aircraft(gaz):
    d = draft(gaz, article("bomber_deployment"), date(2025, 11, 16))
    p = props(d)
    assert p["aircraft"] == [{"type": "B-1B", "count": 2, "operator": "USAF"}]
    assert (p["home_base"], p["staging_base"]) == ("dyess", "misawa")
    assert d.feature["geometry"]["type"] in ("LineString", "MultiLineString")
    assert p["place_precision"] == "approximate"
    assert "great circle from Dyess Air Force Base" in p["basis"]
    assert p["units"] == ["9th Expeditionary Bomb Squadron", "7th Bomb Wing"]
    assert (p["start"], p["end"], p["time_precision"]) == ("2025-11-15", "2025-11-15", "day")
    assert p["kind"] == "deployment"
    assert p["participants"] == ["USA", "JPN"]
    assert p["exercise"] == "Bomber Task Force"


def test_every_schema_field_is_present(gaz):
    p = props(draft(gaz, article("bilateral_sea")))
    assert list(p) == [f.name for f in EVENTS.all_fields]


def test_found_values_show_the_words_they_came_from(gaz):
    text = article("bilateral_sea")
    d = draft(gaz, text)
    for field, items in d.evidence.items():
        for ev in items:
            assert text[ev.start : ev.end] == ev.words, field
            assert ev.reasoning
    (first, *_) = d.evidence["start"]
    assert first.words == "Dec. 10"
    assert "no year given → 2025" in first.reasoning


def test_sea_gives_its_outline_as_approximate(gaz):
    p = props(d := draft(gaz, article("bilateral_sea")))
    assert d.feature["geometry"]["type"] == "Polygon"
    assert p["place_precision"] == "approximate"
    assert "'Sea of Japan' in the text → the outline of Sea of Japan" in p["basis"]
    assert p["kind"] == "bilateral_exercise"


def test_base_alone_gives_its_point(gaz):
    d = draft(gaz, "Six F-35A fighters arrived at Misawa Air Base on Monday.")
    assert d.feature["geometry"] == {"type": "Point", "coordinates": [141.37, 40.7]}
    assert props(d)["place_precision"] == "derived"
    assert props(d)["staging_base"] == "misawa" and props(d)["home_base"] is None


def test_home_base_alone_is_not_the_event_place(gaz):
    d = draft(gaz, "Two B-1B bombers from Dyess flew a long mission on Monday.")
    assert props(d)["home_base"] == "dyess"
    assert d.feature["geometry"] is None and props(d)["place_precision"] is None
    assert "only the home base is named" in d.flags["geometry"]


def test_type_flown_by_several_services_of_one_state_still_names_the_state(gaz):
    p = props(draft(gaz, "Two B-52H bombers flew."))
    assert p["aircraft"][0]["operator"] == ""  # USAF or AFRC: not stated
    assert p["participants"] == ["USA"]


def test_alias_of_an_island_finds_it(gaz):
    d = draft(gaz, "China Coast Guard ships sailed near the Diaoyu Islands.")
    assert d.feature["geometry"]["type"] == "Point"
    assert d.evidence["geometry"][0].value == "senkaku"
    assert props(d)["kind"] == "coast_guard_activity"


def test_name_shared_by_several_places_gives_the_area_around_them():
    from draft_fixtures import AIRCRAFT, frames
    from shapely.geometry import Point

    from layers.draft.gazetteer import Gazetteer

    fr = frames()
    islands = fr["areas"].iloc[[2, 2, 2]].copy()
    islands["id"] = ["isle-a", "isle-b", "isle-c"]
    islands["name"] = ["Isle A", "Isle B", "Isle C"]
    islands["aliases"] = [["Triple Isles"]] * 3
    islands = islands.set_geometry([Point(123, 25), Point(124, 25), Point(123.5, 26)])
    fr["areas"] = islands
    d = draft_event(
        "Ships near the Triple Isles.", published=date(2025, 1, 1),
        gazetteer=Gazetteer.from_catalogue(fr, AIRCRAFT),
    )  # fmt: skip
    assert d.feature["geometry"]["type"] == "Polygon"
    assert "names 3 catalogue places (Isle A, Isle B, Isle C)" in props(d)["basis"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 B-52H bombers", [("B-52H", 2)]),
        ("three F-35B fighters", [("F-35B", 3)]),
        ("a pair of H-6K bombers", [("H-6K", 2)]),
        ("a dozen F-15J fighters", [("F-15J", 12)]),
        ("two U.S. Air Force B-1B Lancers", [("B-1B", 2)]),
        ("a four-ship of F-15J", [("F-15J", 4)]),
        ("two Lancers and a Stratofortress", [("B-1B", 2), ("B-52H", None)]),
        ("B-52H bombers flew", [("B-52H", None)]),
        ("two of the B-52H bombers", [("B-52H", None)]),  # "of": not a plain count
        ("In 2025. B-52H flew", [("B-52H", None)]),
    ],
)
def test_aircraft_counts_in_words_and_digits(gaz, text, expected):
    found = [(a["type"], a["count"]) for a in props(draft(gaz, text))["aircraft"]]
    assert found == expected


def test_first_stated_count_is_kept_for_repeated_type(gaz):
    text = "The B-52H crews trained. Two B-52H bombers then flew; the B-52Hs landed."
    assert props(draft(gaz, text))["aircraft"][0]["count"] == 2


def test_missing_count_and_unclear_operator_are_flagged(gaz):
    d = draft(gaz, "F-35A fighters flew.")
    assert props(d)["aircraft"] == [{"type": "F-35A", "count": None, "operator": ""}]
    assert "no count stated for F-35A" in d.flags["aircraft"]
    assert "operator not clear for F-35A" in d.flags["aircraft"]


def test_operator_from_state_named_before_the_type(gaz):
    d = draft(gaz, article("joint_patrol"), date(2025, 12, 10))
    p = props(d)
    assert p["aircraft"] == [
        {"type": "H-6K", "count": 2, "operator": "PLAAF"},
        {"type": "Tu-95MS", "count": 2, "operator": "Russian Aerospace Forces"},
    ]
    assert p["kind"] == "joint_patrol"
    assert p["participants"] == ["CHN", "RUS"]  # "near Japan" is a place, not a participant
    assert (p["start"], p["end"]) == ("2025-12-01", "2025-12-07")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A Chinese drone violated Japanese airspace.", "airspace_violation"),
        ("China and Russia flew a joint patrol.", "joint_patrol"),
        ("The trilateral exercise included Korea.", "trilateral_exercise"),
        ("The coast guard reported ships.", "coast_guard_activity"),
        ("Bombers deployed to Guam.", "deployment"),
        ("A destroyer sailed through the strait.", "naval_activity"),
    ],
)
def test_kind_suggested_from_the_words(gaz, text, kind):
    d = draft(gaz, text)
    assert props(d)["kind"] == kind
    assert d.evidence["kind"][0].words.lower() in text.lower()


def test_exercise_from_catalogue_gets_its_id(gaz):
    p = props(draft(gaz, "B-1B bombers flew during Bomber Task Force 25-1 this week."))
    assert (p["exercise"], p["exercise_id"]) == ("Bomber Task Force 25-1", "btf-25-1")


def test_source_and_default_confidence(gaz):
    p = props(draft(gaz, "text", date(2025, 1, 2)))
    assert p["sources"] == [{**SOURCE, "published": "2025-01-02", "retrieved": None}]
    assert p["name"] == SOURCE["title"]
    assert p["confidence"] == DEFAULT_CONFIDENCE == "medium"
    assert "one reputable report" in CONFIDENCE[DEFAULT_CONFIDENCE]


def test_text_with_nothing_known_gives_empty_flagged_draft(gaz):
    d = draft_event(article("nothing_known"), published=date(2025, 1, 2), gazetteer=gaz)
    p = props(d)
    assert d.feature["geometry"] is None
    for field in ("kind", "start", "end", "time_precision", "place_precision", "basis"):
        assert p[field] is None, field
    assert p["aircraft"] == p["participants"] == p["units"] == []
    assert p["exercise"] == "" and p["name"] == ""
    for field in ("start", "geometry", "aircraft", "participants", "units", "kind", "exercise"):
        assert d.flags[field].startswith("no "), field
    assert "name" in d.flags and "sources" in d.flags
    assert p["id"] == "draft-undated-event"


@pytest.mark.parametrize("text", ["", " \n ", "\x00\ufeff", "B-" * 2000, "((((" * 100])
def test_odd_text_does_not_crash(gaz, text):
    d = draft(gaz, text)
    assert json.loads(d.to_geojson())["features"][0]["type"] == "Feature"


def test_ids_are_deterministic(gaz):
    text = article("bilateral_sea")
    first, second = draft(gaz, text), draft(gaz, text)
    assert props(first)["id"] == props(second)["id"] == "draft-2025-12-10-bilateral-exercise-b-52h"
    assert first.feature == second.feature


def test_hostile_text_stays_literal_text(gaz):
    text = article("hostile")
    title = "<script>alert(1)</script>"
    d = draft_event(text, published=date(2025, 12, 16), gazetteer=gaz, title=title)
    out = d.to_geojson()
    assert json.loads(out)["features"][0]["properties"]["name"] == title
    assert "<script>alert(1)</script>" in out  # JSON keeps it as text, not entities
    review = "\n".join(d.review_lines())
    assert "name: " not in review and "Two B-52H" in review
    # USAF and AFRC both fly the B-52H: the operator is left to the analyst
    assert props(d)["aircraft"] == [{"type": "B-52H", "count": 2, "operator": ""}]
    assert "<" not in props(d)["summary"]  # the summary is assembled, never pasted
    words = [ev.words for items in d.evidence.values() for ev in items]
    assert all(w in text for w in words)


def completed(d) -> dict:
    """The draft as an analyst would finish it: the flagged blanks filled in."""
    feature = json.loads(json.dumps(d.feature))
    feature["properties"]["exercise"] = feature["properties"]["exercise"] or "Test series"
    return feature


def test_reviewed_draft_is_saved_through_the_store(gaz, tmp_path):
    d = draft(gaz, article("bomber_deployment"), date(2025, 11, 16))
    result = save_draft(completed(d), data_dir=tmp_path, base_ids=frozenset({"dyess", "misawa"}))
    assert result.accepted, result.problems
    saved = store.read_user_events(tmp_path)
    assert [f["properties"]["id"] for f in saved.features] == [props(d)["id"]]


def test_unreviewed_empty_draft_is_rejected_and_nothing_written(gaz, tmp_path):
    d = draft_event(article("nothing_known"), published=date(2025, 1, 2), gazetteer=gaz)
    result = save_draft(d.feature, data_dir=tmp_path, base_ids=frozenset())
    assert not result.accepted and result.errors
    assert store.read_user_events(tmp_path).features == ()


def test_save_refuses_unknown_base(gaz, tmp_path):
    d = draft(gaz, article("bomber_deployment"), date(2025, 11, 16))
    result = save_draft(completed(d), data_dir=tmp_path, base_ids=frozenset({"misawa"}))
    assert not result.accepted
    assert any(p.field == "home_base" for p in result.errors)


def test_shipped_senkaku_names_give_zone_or_area_around_the_islands():
    from layers.draft.gazetteer import catalogue_gazetteer

    gaz = catalogue_gazetteer()
    islands = draft_event("Ships near the Senkaku.", published=date(2025, 1, 2), gazetteer=gaz)
    zone = draft_event(
        "Ships entered waters off the Senkaku Islands.", published=date(2025, 1, 2), gazetteer=gaz
    )
    assert islands.feature["geometry"]["type"] == "Polygon"
    assert "the area around them" in props(islands)["basis"]
    assert zone.evidence["geometry"][0].value == "senkaku-territorial-sea"
    assert props(zone)["place_precision"] == "approximate"
