"""The drafter on seed-like texts (issue 15, part 4): bases, geometry, kind, duplicates.

The texts are written for these tests in the manner of a short news report.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

from layers.catalogue.add_source import add_to_catalogue, add_to_import
from layers.catalogue.importer import import_events
from layers.catalogue.problems import GeoDataError, Problem
from layers.catalogue.properties import field_issues
from layers.catalogue.schema import EVENTS
from layers.draft.duplicates import similar_events
from layers.draft.event import draft_event
from layers.draft.review import form_problems, save_refusal

REPO = Path(__file__).resolve().parent.parent
SEED_LIKE = (
    "Two U.S. Air Force B-1B bombers of the 7th Bomb Wing at Dyess Air Force Base flew with "
    "Japan Air Self-Defense Force F-15J fighters over northern Japan on Saturday, operating "
    "from Misawa Air Base."
)
PUBLISHED = date(2025, 11, 16)  # a Sunday


def draft(gaz, text: str = SEED_LIKE, published: date = PUBLISHED):
    return draft_event(text, published=published, gazetteer=gaz, title="T", url="https://e.x/2")


def props(d) -> dict:
    return d.feature["properties"]


def test_at_is_the_home_base_and_operating_from_the_staging_base(gaz):
    p = props(draft(gaz))
    assert (p["home_base"], p["staging_base"]) == ("dyess", "misawa")
    assert p["start"] == "2025-11-15"


def test_a_flight_operating_from_a_base_is_near_it_not_a_route_from_home(gaz):
    d = draft(gaz)
    assert d.feature["geometry"] == {"type": "Point", "coordinates": [141.37, 40.7]}  # Misawa
    p = props(d)
    assert p["place_precision"] == "approximate"
    assert "great circle" not in p["basis"] and "operating from Misawa" in p["basis"]
    assert "Dyess" not in p["summary"] and "Misawa Air Base" in p["summary"]


def test_a_move_to_a_base_is_still_a_route(gaz):
    text = "Two B-1B bombers at Barksdale deployed to Andersen on Saturday."
    d = draft(gaz, text)
    assert (props(d)["home_base"], props(d)["staging_base"]) == ("barksdale", "andersen")
    assert d.feature["geometry"]["type"] in ("LineString", "MultiLineString")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (SEED_LIKE, "bilateral_exercise"),
        (
            "U.S. Air Force B-1B bombers flew alongside Japan Air Self-Defense Force F-15J and "
            "Republic of Korea Air Force fighters on Saturday.",
            "trilateral_exercise",
        ),
    ],
)
def test_flying_with_another_states_forces_suggests_a_combined_exercise(gaz, text, kind):
    d = draft(gaz, text)
    assert props(d)["kind"] == kind
    assert "states acting" in d.evidence["kind"][0].reasoning


def test_flying_with_only_ones_own_forces_suggests_nothing(gaz):
    d = draft(gaz, "U.S. Air Force B-1B bombers flew with U.S. Air Force F-35A jets on Saturday.")
    assert props(d)["kind"] is None


def test_a_required_empty_kind_says_what_to_choose_not_to_leave_it_out():
    (issue,) = field_issues({"kind": None}, [f for f in EVENTS.fields if f.name == "kind"], "")
    assert issue.message == "is required and empty"
    assert issue.hint.startswith("choose one of: ") and "bilateral_exercise" in issue.hint
    assert "leave the field out" not in issue.hint


def test_a_refused_save_names_the_field_and_where_the_list_is():
    problems = [Problem("d.geojson", 0, "x", "kind", "is required and empty", "choose one of: a")]
    problems.append(Problem("d.geojson", 0, "x", "sources[0].url", "is empty"))
    text = save_refusal(problems)
    assert text.startswith("Nothing was saved. Fix Kind (under Exercise): is required and empty")
    assert "and 1 more" in text and "just above the Save button" in text
    rows = form_problems(problems)
    assert [r["Field in the form"] for r in rows] == [
        "Kind", "Source title, publisher, URL and date"
    ]  # fmt: skip


def events_frame(**changes) -> gpd.GeoDataFrame:
    row = {
        "id": "b1b-misawa", "name": "B-1B flight over northern Japan", "start": "2025-11-15",
        "end": "2025-11-15", "aircraft": [{"type": "B-1B", "count": 2, "operator": "USAF"}],
        "ships": [], "origin": "catalogue", "import_id": None,
        "sources": [{"title": "Earlier report", "url": "https://e.x/old"}],
        "geometry": Point(141.4, 40.7),
    }  # fmt: skip
    return gpd.GeoDataFrame([row | changes], geometry="geometry", crs="EPSG:4326")


def test_the_same_flight_reported_again_is_a_likely_duplicate(gaz):
    (similar,) = similar_events(draft(gaz).feature, events_frame())
    assert similar.event_id == "b1b-misawa" and similar.common == ("B-1B",)
    assert similar.distance_km is not None and similar.distance_km < 10
    assert "b1b-misawa — B-1B flight over northern Japan (2025-11-15)" in similar.describe()


@pytest.mark.parametrize(
    "changes",
    [
        {"start": "2025-11-17", "end": "2025-11-17"},  # two days later
        {"aircraft": [{"type": "B-52H", "count": 2, "operator": "USAF"}]},  # other aircraft
        {"geometry": Point(144.93, 13.58)},  # Guam: far away
    ],
)
def test_another_day_aircraft_or_place_is_not_a_duplicate(gaz, changes):
    assert similar_events(draft(gaz).feature, events_frame(**changes)) == []


def test_sharing_only_a_second_aircraft_is_not_enough(gaz):
    fighters_only = [{"type": "F-15J", "count": 2, "operator": "JASDF"}]
    assert similar_events(draft(gaz).feature, events_frame(aircraft=fighters_only)) == []


def test_a_day_either_side_still_counts(gaz):
    assert similar_events(draft(gaz).feature, events_frame(start="2025-11-14", end="2025-11-14"))


def test_the_shipped_catalogue_already_holds_the_seed_like_flight():
    from layers.draft.gazetteer import catalogue_gazetteer

    gaz = catalogue_gazetteer()
    ids = [s.event_id for s in similar_events(draft(gaz).feature, gaz.events)]
    assert ids == ["2025-11-15-b1b-jasdf-northern-japan"]


SOURCE = {"title": "Another report", "publisher": "P", "url": "https://e.x/new"}


def test_adding_a_source_to_a_catalogue_event_changes_only_its_line(tmp_path):
    path = tmp_path / "events.geojson"
    shutil.copy(REPO / "geodata" / "events.geojson", path)
    before = path.read_text(encoding="utf-8").split("\n")
    assert add_to_catalogue(path, "2025-11-15-b1b-jasdf-northern-japan", SOURCE)
    after = path.read_text(encoding="utf-8").split("\n")
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1
    feature = json.loads(after[changed[0]].rstrip(","))
    assert feature["properties"]["sources"][-1]["url"] == "https://e.x/new"
    assert not add_to_catalogue(path, "2025-11-15-b1b-jasdf-northern-japan", SOURCE)  # once


def test_a_source_that_would_not_validate_changes_nothing(tmp_path):
    path = tmp_path / "events.geojson"
    shutil.copy(REPO / "geodata" / "events.geojson", path)
    before = path.read_bytes()
    with pytest.raises(GeoDataError):
        bad = {"title": "x", "url": "ftp:x"}
        add_to_catalogue(path, "2025-11-15-b1b-jasdf-northern-japan", bad)
    assert path.read_bytes() == before
    with pytest.raises(KeyError):
        add_to_catalogue(path, "no-such-event", SOURCE)


def test_a_source_for_a_database_edit_keeps_the_others_and_is_added_once():
    from layers.catalogue.add_source import source_changes

    old = [{"title": "A", "publisher": "P", "url": "https://e.x/a"}]
    changes = source_changes(old, SOURCE)
    assert changes["source_url"] == "https://e.x/a|https://e.x/new"
    assert changes["source_title"] == "A|Another report"
    assert source_changes([*old, SOURCE], SOURCE) is None


def test_adding_a_source_to_an_imported_event(gaz, tmp_path):
    feature = draft(gaz).feature
    feature["properties"] |= {"kind": "bilateral_exercise", "exercise": "x", "id": "mine-1"}
    feature["properties"]["sources"][0]["publisher"] = "P"
    fc = {"type": "FeatureCollection", "features": [feature]}
    result = import_events(json.dumps(fc).encode(), name="a.geojson", data_dir=tmp_path)
    assert result.accepted, result.problems
    assert add_to_import(tmp_path, result.import_id, "mine-1", SOURCE)
    stored = json.loads(next((tmp_path / "imports").glob("*.geojson")).read_text())
    assert [s["url"] for s in stored["features"][0]["properties"]["sources"]] == [
        "https://e.x/2",
        "https://e.x/new",
    ]
