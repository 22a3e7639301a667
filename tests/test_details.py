import re

import pandas as pd
import pytest

from layers.catalogue.load import frame_from_features
from layers.catalogue.registry import LAYERS_BY_KEY
from layers.catalogue.schema import CONFIDENCE, PLACE_PRECISION
from layers.map.picking import feature_at
from layers.map.popups import tooltip_html
from layers.outputs.details import exercise_events, feature_details, find_feature
from layers.outputs.markdown import details_markdown, escape_markdown
from layers.outputs.words import aircraft_text, date_text, is_http_url
from layers.safe_text import read_md

SOURCE = {
    "title": "B-52H flight with JASDF",
    "publisher": "Joint Staff Office",
    "url": "https://www.mod.go.jp/js/example.html",
    "published": "2025-12-10",
    "retrieved": "2025-12-11",
}


def _feature(geometry, **props):
    base = {"aliases": [], "sources": [SOURCE], "confidence": "high", "place_precision": "exact"}
    return {"type": "Feature", "geometry": geometry, "properties": {**base, **props}}


def _point(lon, lat):
    return {"type": "Point", "coordinates": [lon, lat]}


def _box(lon0, lat0, lon1, lat1):
    ring = [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]
    return {"type": "Polygon", "coordinates": [ring]}


def _frame(kind, *features):
    return frame_from_features({"type": "FeatureCollection", "features": list(features)}, kind)


BASE_PROPS = {"operator": "USAF", "units": ["7th Bomb Wing"], "aircraft": ["B-1B"], "icao": None}


@pytest.fixture
def frames():
    bases = _frame(
        "bases",
        _feature(
            _point(-99.8546, 32.4208),
            id="dyess",
            name="Dyess AFB, Texas",
            country="USA",
            **BASE_PROPS,
        ),
        _feature(
            _point(141.3680, 40.7032),
            id="misawa",
            name="Misawa Air Base",
            country="JPN",
            **{**BASE_PROPS, "icao": "RJSM"},
        ),
    )
    event = dict(
        exercise_id="bomber-2025-12",
        exercise="US–Japan bomber flight",
        kind="bilateral_exercise",
        start="2025-12-10",
        end="2025-12-10",
        time_precision="day",
        participants=["USA", "JPN"],
        aircraft=[
            {"type": "B-52H", "count": 2, "operator": "USAF"},
            {"type": "F-35A", "count": None, "operator": "JASDF"},
        ],
        units=[],
        staging_base="misawa",
        home_base="dyess",
        summary="Two B-52H flew with JASDF fighters over the Sea of Japan.",
        basis=None,
        notes=None,
    )
    events = _frame(
        "events",
        _feature(_point(136.0, 39.0), id="b52-flight", name="B-52H flight", **event),
        _feature(
            _box(127.0, 30.0, 129.0, 32.0),
            id="patrol-area",
            name="Patrol area",
            **{**event, "kind": "joint_patrol", "place_precision": "approximate"},
        ),
    )
    adiz = _frame(
        "adiz",
        _feature(
            _box(120.0, 24.0, 135.0, 35.0),
            id="jadiz",
            name="JADIZ",
            declaring_state="JPN",
            effective="1969-08-29",
            basis="MOD map",
        ),
    )
    areas = _frame(
        "areas",
        _feature(
            _box(123.3, 25.6, 123.7, 25.9),
            id="senkaku-ts",
            name="Senkaku territorial sea",
            category="territorial_sea",
            country="JPN",
            basis=None,
        ),
        _feature(
            {"type": "LineString", "coordinates": [[178.0, 50.0], [190.0, 52.0]]},
            id="dateline",
            name="Line across the dateline",
            category="median_line",
            country=None,
            basis=None,
        ),
    )
    return {"bases": bases, "events": events, "adiz": adiz, "areas": areas}


def _event_model(frames, event_id="b52-flight"):
    row = find_feature(frames, "events", event_id)
    return feature_details(row, "events", bases=frames["bases"])


def test_event_details_list_every_schema_field(frames):
    labels = [label for label, _ in _event_model(frames)["rows"]]
    for label in (
        "ID",
        "Name",
        "Exercise",
        "Kind",
        "Start",
        "End",
        "Time precision",
        "Participants",
        "Aircraft",
        "Staging base",
        "Home base",
        "Summary",
        "Basis",
        "Confidence",
        "Place precision",
        "Notes",
        "Location",
        "Origin",
    ):
        assert label in labels


def test_event_details_speak_in_words(frames):
    model = _event_model(frames)
    rows = dict(model["rows"])
    assert model["title"] == "B-52H flight"
    assert model["subtitle"] == "Bilateral exercise · 10 Dec 2025"
    assert rows["Kind"] == "Bilateral exercise"
    assert rows["Participants"] == "United States, Japan"
    assert rows["Aircraft"] == "2 × B-52H (USAF); F-35A (JASDF)"
    assert rows["Notes"] == "—"
    assert rows["Location"] == "39.0000° N, 136.0000° E"
    assert model["confidence"] == CONFIDENCE["high"]
    assert model["place_precision"] == PLACE_PRECISION["exact"]
    assert model["participants"] == ["United States", "Japan"]
    assert model["aircraft"] == ["2 × B-52H (USAF)", "F-35A (JASDF)"]


def test_event_details_name_the_bases_and_give_the_route_distance(frames):
    model = _event_model(frames)
    assert model["staging_base"] == "Misawa Air Base (misawa)"
    assert model["home_base"] == "Dyess AFB, Texas (dyess)"
    route = model["route"]
    assert route["text"] == "Dyess AFB, Texas → Misawa Air Base"
    # docs/research/FACTS.md §7: Dyess → Misawa 9,763.9 km on WGS84 (Vincenty); the
    # 9,742.7 km there is the spherical haversine figure, which we must NOT reproduce.
    assert route["km"] == pytest.approx(9763.9, abs=1.0)
    assert route["nm"] == pytest.approx(9763.9 / 1.852, abs=0.6)
    assert route["distance"].startswith("5,272.1 nm (")  # nm first: how aviators brief


def test_unknown_base_reference_is_shown_by_id_and_gives_no_route(frames):
    row = find_feature(frames, "events", "b52-flight").copy()
    row["home_base"] = "nowhere"
    model = feature_details(row, "events", bases=frames["bases"])
    assert model["home_base"] == "nowhere"
    assert model["route"] is None


def test_sources_carry_publisher_date_and_link_flag(frames):
    (source,) = _event_model(frames)["sources"]
    assert source == {
        "title": "B-52H flight with JASDF",
        "publisher": "Joint Staff Office",
        "published": "10 Dec 2025",
        "url": SOURCE["url"],
        "is_link": True,
    }


@pytest.mark.parametrize(
    ("url", "is_link"),
    [
        ("https://www.mod.go.jp/x", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("docs/research/FACTS.md#bases", False),
        ("https:///nohost", False),
        ("https://exa mple.org", False),
        ("data:text/html,<script>", False),
        ("", False),
    ],
)
def test_only_http_urls_become_links(url, is_link):
    assert is_http_url(url) is is_link


@pytest.mark.parametrize("layer", ["bases", "adiz", "areas"])
def test_every_layer_gets_a_details_model(frames, layer):
    row = frames[layer].iloc[0]
    model = feature_details(row, layer, bases=frames["bases"])
    assert model["title"] == row["name"]
    assert model["sources"][0]["is_link"]
    assert all(isinstance(text, str) for _, text in model["rows"])


def test_base_and_zone_subtitles(frames):
    base = feature_details(find_feature(frames, "bases", "misawa"), "bases")
    assert base["subtitle"] == "Air base · Japan"
    assert dict(base["rows"])["ICAO code"] == "RJSM"
    adiz = feature_details(find_feature(frames, "adiz", "jadiz"), "adiz")
    assert adiz["subtitle"] == "ADIZ · declared by Japan"
    assert dict(adiz["rows"])["Effective"] == "29 Aug 1969"


def test_date_text_keeps_the_source_time_zone():
    assert date_text("2025-12-06T16:32+09:00") == "6 Dec 2025, 16:32 (UTC+09:00)"
    assert date_text("2025-12-06") == "6 Dec 2025"
    assert date_text(None) == "—"


def test_aircraft_without_count_or_operator():
    assert aircraft_text({"type": "H-6K", "count": None, "operator": None}) == "H-6K"
    assert aircraft_text({"type": "J-16", "count": 4.0, "operator": "PLAAF"}) == "4 × J-16 (PLAAF)"


# --- Markdown safety ----------------------------------------------------------------

NASTY = "<script>alert(1)</script> [x](javascript:alert(1)) *bold* `code` $x$ :red[hi] # h"


def _unescaped_punctuation(text):
    """ASCII punctuation not preceded by a backslash escape."""
    return re.findall(r"(?<!\\)[!-/:-@\[-`{-~]", re.sub(r"\\[!-/:-@\[-`{-~]", "", text))


def test_escape_markdown_leaves_no_active_punctuation():
    escaped = escape_markdown(NASTY)
    assert _unescaped_punctuation(escaped) == []
    assert read_md(escaped) == NASTY


def test_escape_markdown_flattens_line_breaks_so_no_block_can_start():
    assert read_md(escape_markdown("a\n# heading\n    code")) == "a # heading code"
    assert "\n" not in escape_markdown("a\n# heading")


def test_escape_markdown_breaks_bare_links_and_shortcodes():
    """GFM links www. and http:// text after parsing; a word joiner stops the pattern."""
    escaped = escape_markdown("see www.example.org, http://203.0.113.5/p.png, a@b.example :smile:")
    text = re.sub(r"\\(.)", r"\1", escaped)
    assert re.search(r"(https?://|www\.|@\w)", text) is None
    assert re.search(r":\w+:", text) is None


def test_details_markdown_escapes_data_and_links_only_http(frames):
    row = find_feature(frames, "events", "b52-flight").copy()
    row["name"] = NASTY
    row["summary"] = "**bold** <img src=x onerror=alert(1)>"
    row["sources"] = [
        {"title": "[evil](javascript:alert(1))", "publisher": "<b>P</b>", "url": "javascript:x"},
        {"title": "Good", "publisher": "MOD", "url": "https://mod.go.jp/a b(c)"},
        {"title": "Real", "publisher": "MOD", "url": "https://mod.go.jp/page?a=1&b=(2)"},
    ]
    text = details_markdown(feature_details(row, "events", bases=frames["bases"]))
    assert re.findall(r"(?<!\\)<", text) == []  # every < is escaped: no HTML
    assert "](javascript" not in text
    assert "\\[evil\\]\\(javascript\\:\u2060alert\\(1\\)\\)" in text
    # the only link is the well-formed https URL, with parentheses percent-encoded
    links = re.findall(r"(?<!\\)\]\(([^)]*)\)", text)
    assert links == ["https://mod.go.jp/page?a=1&b=%282%29"]
    assert "Dyess AFB, Texas → Misawa Air Base" in re.sub(r"\\(.)", r"\1", text)


# --- Resolving a map click ----------------------------------------------------------


def test_click_near_a_base_finds_the_base(frames):
    hit = feature_at(frames, 40.70, 141.40, tolerance_km=10)
    assert (hit.layer, hit.feature_id) == ("bases", "misawa")
    assert hit.distance_km < 5


def test_click_near_an_event_point_finds_the_event(frames):
    hit = feature_at(frames, 39.01, 136.01)
    assert (hit.layer, hit.feature_id) == ("events", "b52-flight")


def test_click_inside_an_event_area_finds_it_before_the_adiz(frames):
    hit = feature_at(frames, 31.0, 128.0, tolerance_km=1)
    assert (hit.layer, hit.feature_id) == ("events", "patrol-area")


def test_click_in_nested_zones_finds_the_smallest(frames):
    hit = feature_at(frames, 25.75, 123.5, tolerance_km=1)
    assert (hit.layer, hit.feature_id) == ("areas", "senkaku-ts")
    hit = feature_at(frames, 26.5, 125.0, tolerance_km=1)
    assert (hit.layer, hit.feature_id) == ("adiz", "jadiz")


def test_pacific_map_longitude_beyond_180_is_understood(frames):
    hit = feature_at(frames, 40.70, 141.40 + 360, tolerance_km=10)
    assert hit.feature_id == "misawa"
    hit = feature_at(frames, 31.0, 128.0 - 360, tolerance_km=1)
    assert hit.feature_id == "patrol-area"


def test_line_beyond_the_antimeridian_is_found_from_either_side(frames):
    hit = feature_at(frames, 51.2, -174.0, tolerance_km=30)  # 186° E on the data's line
    assert hit is not None and hit.feature_id == "dateline"


def test_click_on_empty_sea_or_hidden_layer_finds_nothing(frames):
    assert feature_at(frames, 0.0, 160.0) is None
    assert feature_at(frames, 40.70, 141.40, layers=["events"], tolerance_km=10) is None


def test_find_feature_returns_none_for_unknown_id_or_layer(frames):
    assert find_feature(frames, "bases", "nope") is None
    assert find_feature(frames, "ships", "misawa") is None
    assert find_feature(frames, "bases", "misawa")["name"] == "Misawa Air Base"


# --- The shipped catalogue ----------------------------------------------------------


@pytest.mark.parametrize("layer", ["events", "bases", "adiz", "areas"])
def test_every_catalogue_feature_gets_a_safe_details_panel(catalogue_frames, layer):
    for _, row in catalogue_frames[layer].iterrows():
        model = feature_details(row, layer, bases=catalogue_frames["bases"])
        assert model["title"]
        assert model["sources"], f"{row['id']} has no sources"
        assert all(isinstance(text, str) and text for _, text in model["rows"])
        text = details_markdown(model)
        assert re.findall(r"(?<!\\)<", text) == []


def test_catalogue_bomber_task_force_route_is_dyess_to_misawa(catalogue_frames):
    model = feature_details(
        find_feature(catalogue_frames, "events", "2025-04-15-btf-25-2-deployment"),
        "events",
        bases=catalogue_frames["bases"],
    )
    assert model["route"]["text"] == "Dyess Air Force Base → Misawa Air Base"
    assert model["route"]["km"] == pytest.approx(9763.9, abs=5)


def test_a_click_on_each_catalogue_base_finds_that_base(catalogue_frames):
    for _, base in catalogue_frames["bases"].iterrows():
        hit = feature_at(
            catalogue_frames, base.geometry.y, base.geometry.x, tolerance_km=1, layers=["bases"]
        )
        assert hit is not None and hit.feature_id == base["id"]


# --- The exercise as a whole -----------------------------------------------------------


def test_event_details_list_every_event_of_its_exercise(frames):
    row = find_feature(frames, "events", "b52-flight")
    model = feature_details(row, "events", bases=frames["bases"], events=frames["events"])
    listed = model["exercise_events"]
    assert listed["exercise"] == "US–Japan bomber flight" and listed["total"] == 2
    assert [(i["id"], i["current"]) for i in listed["items"]] == [
        ("b52-flight", True),
        ("patrol-area", False),
    ]
    assert listed["items"][1]["dates"] == "10 Dec 2025"
    text = read_md(details_markdown(model))
    assert "**Events of US–Japan bomber flight** (2)" in text
    assert "- 10 Dec 2025: Patrol area (patrol-area)" in text
    assert "(b52-flight)** (this event)" in text


def test_a_large_exercise_is_listed_in_part_with_the_count_of_the_rest(frames):
    events = frames["events"]
    listed = exercise_events(events, "bomber-2025-12", current_id="b52-flight", limit=1)
    assert listed["total"] == 2 and len(listed["items"]) == 1
    model = {**_event_model(frames), "exercise_events": listed}
    assert "- … and 1 more" in details_markdown(model)


def test_without_events_or_exercise_nothing_is_listed(frames):
    assert _event_model(frames)["exercise_events"] is None
    assert exercise_events(frames["events"], "no-such-exercise") is None
    assert exercise_events(frames["events"], None) is None


def test_two_events_on_one_spot_are_told_apart_by_the_clicked_tooltip(frames):
    events = frames["events"]
    twin = events.loc[events["id"] == "b52-flight"].assign(id="twin", name="Twin & sister")
    crowded = {**frames, "events": pd.concat([events, twin], ignore_index=True)}
    assert feature_at(crowded, 39.0, 136.0).feature_id == "b52-flight"  # no label: first
    spec = LAYERS_BY_KEY["events"]
    tooltip = tooltip_html(spec, twin.iloc[0].to_dict())  # what Leaflet's clicked shape shows
    text = label_text_of(tooltip)
    assert feature_at(crowded, 39.0, 136.0, label=text).feature_id == "twin"
    # The name alone does not decide (names repeat); only the tooltip's reference does.
    assert feature_at(crowded, 39.0, 136.0, label="Twin & sister").feature_id == "b52-flight"


def label_text_of(tooltip_html_text: str) -> str:
    """What st_folium reports for a clicked tooltip: the element's textContent."""
    return re.sub(r"<[^>]*>", "", tooltip_html_text).replace("&amp;", "&")
