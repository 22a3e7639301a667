"""Facts in the shipped catalogue that a wrong edit or a wrong build would break.

The expected values are restated here from docs/research (FACTS.md, ADIZ.md) on
purpose: the test compares the data with the research, not the data with itself.
"""

import itertools
import json
from pathlib import Path

import pytest
from pyproj import Geod
from shapely.geometry import shape

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
WGS84 = Geod(ellps="WGS84")
LAYER_FILES = ("bases", "adiz", "areas", "events")

CHINA_ECS_ADIZ = [  # (lat, lon), PRC MND 23 Nov 2013
    (33.183333, 121.783333),
    (33.183333, 125.0),
    (31.0, 128.333333),
    (25.633333, 125.0),
    (24.75, 123.0),
    (26.733333, 120.966667),
]
KADIZ_2013 = [  # (lat, lon), ROK MND 8 Dec 2013; K7 at 125°25'E (typo corrected)
    (39.0, 123.5),
    (39.0, 133.0),
    (37.283333, 133.0),
    (34.283333, 128.866667),
    (32.5, 127.5),
    (32.5, 126.833333),
    (30.0, 125.416667),
    (30.0, 124.0),
    (37.0, 124.0),
]
JADIZ_1_TO_7 = [  # (lat, lon), Directive No. 36 (JGD2000)
    (45.751944, 138.746389),
    (40.669167, 132.997222),
    (37.286111, 132.997222),
    (36.003056, 130.4975),
    (35.219722, 129.797778),
    (33.003333, 126.998056),
    (33.003333, 124.998056),
]
SENKAKU = [  # (lat, lon)
    (25.743333, 123.473333),
    (25.923333, 123.681667),
    (25.916667, 124.55),
    (25.716667, 123.533333),
    (25.716667, 123.55),
]


def features(name):
    return json.loads((GEODATA / f"{name}.geojson").read_text(encoding="utf-8"))["features"]


def by_id(name):
    return {f["properties"]["id"]: f for f in features(name)}


def vertices(geometry):
    geom = shape(geometry)
    parts = getattr(geom, "geoms", [geom])
    out = []
    for part in parts:
        rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            out.extend(ring.coords)
    return out


def has_vertex(geometry, lat, lon, tol=1e-4):
    return any(abs(x - lon) <= tol and abs(y - lat) <= tol for x, y in vertices(geometry))


@pytest.mark.parametrize(("lat", "lon"), CHINA_ECS_ADIZ)
def test_china_ecs_adiz_has_the_six_published_points(lat, lon):
    assert has_vertex(by_id("adiz")["china-ecs-adiz"]["geometry"], lat, lon)


@pytest.mark.parametrize(("lat", "lon"), KADIZ_2013)
def test_kadiz_has_the_nine_published_points(lat, lon):
    assert has_vertex(by_id("adiz")["kadiz-2013"]["geometry"], lat, lon)


def test_kadiz_does_not_carry_the_misprinted_122_25_point():
    assert not has_vertex(by_id("adiz")["kadiz-2013"]["geometry"], 30.0, 122.416667)


def test_kadiz_says_its_ring_order_is_an_inference():
    props = by_id("adiz")["kadiz-2013"]["properties"]
    assert "inference" in props["basis"]
    assert props["effective"] == "2013-12-15"


@pytest.mark.parametrize(("lat", "lon"), JADIZ_1_TO_7)
def test_jadiz_points_one_to_seven_are_exact(lat, lon):
    feature = by_id("adiz")["jadiz-outer-line-1-7"]
    assert has_vertex(feature["geometry"], lat, lon, tol=1e-6)
    assert feature["properties"]["place_precision"] == "exact"


def test_unpublished_jadiz_and_taiwan_lines_are_marked_approximate():
    adiz = by_id("adiz")
    for key in ("jadiz-ecs-approximate", "taiwan-adiz-approximate"):
        assert adiz[key]["properties"]["place_precision"] == "approximate"
        assert adiz[key]["properties"]["confidence"] == "low"


def test_polygons_are_valid_and_counter_clockwise():
    for name in LAYER_FILES:
        for f in features(name):
            geom = shape(f["geometry"])
            assert geom.is_valid, f["properties"]["id"]
            for part in getattr(geom, "geoms", [geom]):
                if part.geom_type == "Polygon":
                    assert part.exterior.is_ccw, f["properties"]["id"]


def nearest_island_m(lon, lat):
    return min(WGS84.inv(ilon, ilat, lon, lat)[2] for ilat, ilon in SENKAKU)


@pytest.mark.parametrize(
    ("zone_id", "radius_km"),
    [("senkaku-territorial-sea", 22.224), ("senkaku-contiguous-zone", 44.448)],
)
def test_senkaku_zone_outer_limit_is_at_its_distance_from_the_islands(zone_id, radius_km):
    geom = shape(by_id("areas")[zone_id]["geometry"])
    shells = [p.exterior for p in getattr(geom, "geoms", [geom])]
    points = [c for shell in shells for c in shell.coords[::5]]
    assert len(points) > 20
    for lon, lat in points:
        assert nearest_island_m(lon, lat) / 1000 == pytest.approx(radius_km, rel=0.005)


def test_senkaku_contiguous_zone_leaves_out_the_territorial_sea():
    zone = shape(by_id("areas")["senkaku-contiguous-zone"]["geometry"])
    sea = shape(by_id("areas")["senkaku-territorial-sea"]["geometry"])
    assert zone.intersection(sea).area < 1e-6 * sea.area + 1e-9
    assert all(
        not zone.contains(shape({"type": "Point", "coordinates": [lon, lat]}))
        for lat, lon in SENKAKU
    )


def test_senkaku_islands_are_listed_with_diaoyu_aliases():
    islands = [f for f in features("areas") if f["properties"]["category"] == "island"]
    assert len(islands) == 5
    for island in islands:
        lon, lat = island["geometry"]["coordinates"]
        assert any(abs(lat - a) < 1e-6 and abs(lon - b) < 1e-6 for a, b in SENKAKU)
        assert {"Senkaku", "Diaoyu"} <= set(island["properties"]["aliases"])


# FACTS.md §4 (OpenFlights/OurAirports positions; Wugong and Leiyang approximate).
BASE_POSITIONS = {  # id: (lat, lon, tolerance in degrees)
    "misawa": (40.7032, 141.3680, 1e-4),
    "dyess": (32.4208, -99.8546, 1e-4),
    "andersen": (13.5840, 144.9300, 1e-4),
    "minot": (48.4156, -101.3580, 1e-4),
    "barksdale": (32.5018, -93.6627, 1e-4),
    "ellsworth": (44.1450, -103.1040, 1e-4),
    "kadena": (26.3556, 127.7680, 1e-4),
    "yokota": (35.7485, 139.3480, 1e-4),
    "iwakuni": (34.1439, 132.2360, 1e-4),
    "chitose": (42.7945, 141.6660, 1e-4),
    "komatsu": (36.3946, 136.4070, 1e-4),
    "hyakuri": (36.1811, 140.4150, 1e-4),
    "naha": (26.1958, 127.6460, 1e-4),
    "tsuiki": (33.6850, 131.0400, 1e-4),
    "nyutabaru": (32.0836, 131.4510, 1e-4),
    "matsushima": (38.4049, 141.2200, 1e-4),
    "ukrainka": (51.1700, 128.4450, 1e-4),
    "pla-wugong": (34.3, 108.2, 0.05),
    "pla-anqing": (30.5822, 117.0500, 1e-4),
    "pla-leiyang": (26.4, 112.9, 0.05),
    "pla-neixiang": (32.9733, 111.8828, 1e-4),
    "pla-luan": (31.6281, 116.2695, 1e-4),
    "plan-guiping": (23.3311, 110.0086, 1e-4),
    "whiteman": (38.7303, -93.5479, 1e-4),  # OpenFlights row 3586 (series research)
}


@pytest.mark.parametrize("base_id", sorted(BASE_POSITIONS))
def test_every_base_is_where_the_research_puts_it(base_id):
    lat, lon, tol = BASE_POSITIONS[base_id]
    x, y = by_id("bases")[base_id]["geometry"]["coordinates"]
    assert (y, x) == (pytest.approx(lat, abs=tol), pytest.approx(lon, abs=tol))


def test_every_base_of_the_catalogue_is_checked_above():
    assert set(by_id("bases")) == set(BASE_POSITIONS)


def test_dyess_misawa_distance_matches_wgs84():
    bases = by_id("bases")
    dyess = bases["dyess"]["geometry"]["coordinates"]
    misawa = bases["misawa"]["geometry"]["coordinates"]
    km = WGS84.inv(dyess[0], dyess[1], misawa[0], misawa[1])[2] / 1000
    assert km == pytest.approx(9763.9, abs=0.1)  # FACTS.md §7, Vincenty on WGS84


def test_dyess_misawa_route_is_a_geodesic_cut_at_the_antimeridian():
    route = by_id("events")["2025-04-15-btf-25-2-deployment"]
    geom = route["geometry"]
    assert geom["type"] == "MultiLineString" and len(geom["coordinates"]) == 2
    first, second = geom["coordinates"]
    assert abs(first[-1][0]) == 180 and abs(second[0][0]) == 180
    length = sum(
        WGS84.inv(a[0], a[1], b[0], b[1])[2]
        for part in (first, second)
        for a, b in itertools.pairwise(part)
    )
    assert length / 1000 == pytest.approx(9763.9, abs=1.0)  # 100 km segments: within 1 km


def test_every_feature_has_a_source_and_a_confidence():
    for name in LAYER_FILES:
        for f in features(name):
            props = f["properties"]
            assert props["sources"], props["id"]
            assert props["confidence"] in {"high", "medium", "low", "unverified"}
            for src in props["sources"]:
                url = src["url"]
                assert url.startswith(("http://", "https://", "docs/research/", "geodata/"))
                if url.startswith("docs/research/"):
                    assert (GEODATA.parent / url.split("#")[0]).is_file(), url


def test_seed_exercise_10_dec_2025_b52h():
    """Audit: F-35A of the 3rd Air Wing (Misawa) with F-15J; an article's 'F-35B' is its error."""
    props = by_id("events")["2025-12-10-us-jp-b52h-sea-of-japan"]["properties"]
    counts = {(a["type"], a["operator"]): a["count"] for a in props["aircraft"]}
    assert counts == {("B-52H", "USAF"): 2, ("F-35A", "JASDF"): 3, ("F-15J", "JASDF"): 3}
    assert "3rd Air Wing" in props["notes"] and "6th Air Wing" in props["notes"]
    assert props["start"] == props["end"] == "2025-12-10"
    assert props["confidence"] == "high"
    assert len(props["sources"]) >= 2
    assert not any(a["type"] == "F-35B" for a in props["aircraft"])


def test_seed_exercise_15_nov_2025_b1b_is_single_source_and_unverified():
    props = by_id("events")["2025-11-15-b1b-jasdf-northern-japan"]["properties"]
    assert props["confidence"] == "unverified"
    assert len(props["sources"]) == 1
    assert "unverified" in props["summary"].lower()
    types = {(a["type"], a["operator"]) for a in props["aircraft"]}
    assert types == {("B-1B", "USAF"), ("F-15J", "JASDF"), ("F-2A", "JASDF")}
    assert props["home_base"] == "dyess" and props["staging_base"] == "misawa"
    assert any("7th Bomb Wing" in unit for unit in props["units"])


def test_radar_lock_keeps_its_jst_times():
    props = by_id("events")["2025-12-06-j15-radar-lock-f15"]["properties"]
    assert (props["start"], props["end"]) == ("2025-12-06T16:32+09:00", "2025-12-06T19:08+09:00")
    assert props["time_precision"] == "time"


@pytest.mark.parametrize("base_id", ["pla-wugong", "pla-leiyang"])
def test_approximate_bases_are_marked(base_id):
    props = by_id("bases")[base_id]["properties"]
    assert props["place_precision"] == "approximate"
    assert props["confidence"] == "low"


def test_base_coverage_and_countries():
    bases = by_id("bases")
    us_jp = [
        "misawa",
        "dyess",
        "andersen",
        "minot",
        "barksdale",
        "ellsworth",
        "kadena",
        "yokota",
        "iwakuni",
        "chitose",
        "komatsu",
        "hyakuri",
        "naha",
        "tsuiki",
        "nyutabaru",
        "matsushima",
    ]
    assert set(us_jp) <= set(bases)
    assert bases["ukrainka"]["properties"]["country"] == "RUS"
    assert bases["misawa"]["properties"]["icao"] == "RJSM"
    assert {b["properties"]["country"] for b in bases.values()} <= {
        "USA",
        "JPN",
        "GUM",
        "RUS",
        "CHN",
    }


def test_event_base_references_exist_and_dates_are_ordered():
    base_ids = set(by_id("bases"))
    for f in features("events"):
        props = f["properties"]
        for ref in ("staging_base", "home_base"):
            assert props[ref] is None or props[ref] in base_ids, (props["id"], ref)
        assert props["start"][:10] <= props["end"][:10], props["id"]
        if props["place_precision"] != "exact":
            assert props["basis"], props["id"]


def test_events_of_one_exercise_share_an_id():
    events = by_id("events")
    patrols = {
        k for k, f in events.items() if f["properties"]["exercise_id"] == "cn-ru-joint-air-patrol"
    }
    assert {"2024-11-29-cn-ru-air-patrol", "2025-12-09-cn-ru-air-patrol"} <= patrols


def test_every_aircraft_type_in_events_and_bases_is_in_the_type_list():
    listed = json.loads((GEODATA / "aircraft.json").read_text(encoding="utf-8"))["types"]
    names = {t["type"] for t in listed}
    used = {a["type"] for f in features("events") for a in f["properties"]["aircraft"]}
    used |= {t for f in features("bases") for t in f["properties"]["aircraft"]}
    assert used <= names


def test_aircraft_ranges_only_where_the_research_gives_them():
    listed = {t["type"]: t for t in json.loads((GEODATA / "aircraft.json").read_text())["types"]}
    with_range = {k for k, t in listed.items() if t["range"]}
    assert with_range == {"B-52H", "B-1B"}
    assert listed["B-52H"]["range"]["km"] == 14160
    assert listed["B-52H"]["range"]["confidence"] == "high"
    assert listed["B-1B"]["range"]["km"] == 9500
    assert "Lancer" in listed["B-1B"]["aliases"] and "Bone" in listed["B-1B"]["aliases"]
    assert "Eagle" not in listed["F-15J"]["aliases"]


def test_names_keep_the_aliases_users_search_for():
    areas = by_id("areas")
    assert "East Sea" in areas["sea-of-japan"]["properties"]["aliases"]
    assert "La Pérouse Strait" in areas["strait-soya"]["properties"]["aliases"]
    assert "Tsushima Strait" in areas["strait-korea-tsushima"]["properties"]["aliases"]


# --- Corrections from the audit (issue 15 §1) -----------------------------------------------


def test_b52h_yokota_landing_has_its_day_time_and_home_base():
    props = by_id("events")["2024-04-b52h-yokota-emergency-landing"]["properties"]
    assert props["start"] == "2024-04-02T17:22+09:00"
    assert props["time_precision"] == "time"
    assert props["home_base"] == "barksdale"
    assert any("2nd Bomb Wing" in text for text in [props["name"], *props["units"]])


def test_2025_joint_naval_patrol_has_its_end_and_route_length():
    props = by_id("events")["2025-08-07-cn-ru-joint-naval-patrol"]["properties"]
    assert props["end"] == "2025-08-20"
    assert "6,000 nautical miles" in props["notes"]
    assert any(src["publisher"].startswith("TASS") for src in props["sources"])


def kadiz_and_jadiz():
    adiz = by_id("adiz")
    return shape(adiz["kadiz-2013"]["geometry"]), shape(adiz["jadiz-outer-line-1-7"]["geometry"])


def east_of_jadiz_line(lon, lat):
    """True when (lon, lat) lies on the Japanese side of JADIZ points (5)–(6)."""
    (x5, y5), (x6, y6) = (129.797778, 35.219722), (126.998056, 33.003333)
    return (x6 - x5) * (lat - y5) - (y6 - y5) * (lon - x5) > 0


def test_3_nov_2024_drill_point_is_in_the_overlap_of_kadiz_and_jadiz():
    feature = by_id("events")["2024-11-03-trilateral-b1b-jeju"]
    lon, lat = feature["geometry"]["coordinates"]
    kadiz, _ = kadiz_and_jadiz()
    assert kadiz.contains(shape(feature["geometry"]))
    assert east_of_jadiz_line(lon, lat)
    counts = {a["type"]: a["count"] for a in feature["properties"]["aircraft"]}
    assert (counts["F-16"], counts["F-2"], counts["F-15K"]) == (2, 4, 4)


def test_the_jadiz_side_check_tells_the_two_sides_apart():
    assert east_of_jadiz_line(127.8, 33.4) and not east_of_jadiz_line(127.2, 33.4)


def test_11_jul_2025_flight_is_near_jeju_not_said_south():
    props = by_id("events")["2025-07-11-trilateral-b52h-jeju"]["properties"]
    assert "near Jeju" in props["name"]


def test_known_counts_are_filled():
    events = by_id("events")
    alaska = {
        a["type"]: a["count"]
        for a in events["2024-07-cn-ru-air-patrol-alaska"]["properties"]["aircraft"]
    }
    assert (alaska["H-6K"], alaska["Tu-95MS"]) == (2, 2)


def test_sea_of_japan_reaches_the_iho_limit_in_the_tatar_strait():
    props = by_id("areas")["sea-of-japan"]
    north = shape(props["geometry"]).bounds[3]
    assert north == pytest.approx(51.75, abs=0.01)  # Cape Sushchev – Cape Tuik, 51°45'N
    assert "51°45'N" in props["properties"]["basis"]


def test_the_korea_strait_lines_stay_at_sea():
    iki = shape({"type": "Point", "coordinates": [129.72, 33.78]}).buffer(0.06)
    lines = shape(by_id("areas")["strait-korea-tsushima"]["geometry"])
    assert not lines.intersects(iki)


def test_senkaku_heights_are_credited_to_the_table_that_gives_them():
    for f in features("areas"):
        props = f["properties"]
        if props["category"] == "island":
            assert "MOFA" not in props["notes"].split(";")[-1], props["id"]
            assert "SPF island table" in props["notes"], props["id"]


@pytest.mark.parametrize(
    ("layer", "feature_id"),
    [
        ("events", "2025-12-30-ccg-contiguous-zone-record-2025"),
        ("bases", "pla-neixiang"),
        ("bases", "pla-luan"),
    ],
)
def test_features_that_cited_only_research_notes_now_cite_published_sources(layer, feature_id):
    props = by_id(layer)[feature_id]["properties"]
    assert any(src["url"].startswith("https://") for src in props["sources"])


# --- Series (issue 15 §2) ----------------------------------------------------------------------


def events_of(exercise_id):
    found = [
        f["properties"] for f in features("events") if f["properties"]["exercise_id"] == exercise_id
    ]
    return sorted(found, key=lambda p: p["start"])


def test_every_china_russia_joint_air_patrol_since_2019():
    patrols = events_of("cn-ru-joint-air-patrol")
    assert [p["start"][:7] for p in patrols] == [
        "2019-07", "2020-12", "2021-11", "2022-05", "2022-11",
        "2023-06", "2023-12", "2024-07", "2024-11", "2025-12", "2026-06",
    ]  # fmt: skip
    for number, props in enumerate(patrols, start=1):
        ordinal = {1: "1st", 2: "2nd", 3: "3rd"}.get(number, f"{number}th")
        assert any(ordinal in text for text in [props["name"], *props["aliases"]]), props["id"]
        assert {"CHN", "RUS"} <= set(props["participants"])


def test_the_first_joint_patrol_is_the_one_japan_and_korea_answered():
    first = events_of("cn-ru-joint-air-patrol")[0]
    assert first["start"] == "2019-07-23"
    assert {"JPN", "KOR"} <= set(first["responders"])
    bombers = {a["type"]: a["count"] for a in first["aircraft"]}
    assert bombers["Tu-95MS"] == 2


def test_the_catalogue_reaches_back_to_2019_with_eighty_events_or_more():
    events = [f["properties"] for f in features("events")]
    assert len(events) >= 80
    assert min(p["start"] for p in events)[:4] == "2019"


def test_every_event_cites_a_published_source():
    for f in features("events"):
        props = f["properties"]
        assert any(s["url"].startswith(("http://", "https://")) for s in props["sources"]), props[
            "id"
        ]


def test_responders_are_not_participants():
    for f in features("events"):
        props = f["properties"]
        assert not set(props["responders"]) & set(props["participants"]), props["id"]
    violation = by_id("events")["2024-08-26-y9-airspace-violation-danjo"]["properties"]
    assert (violation["participants"], violation["responders"]) == (["CHN"], ["JPN"])


def test_ships_are_named_where_the_sources_name_them():
    props = by_id("events")["2021-10-17-cn-ru-joint-naval-patrol"]["properties"]
    assert len(props["ships"]) == 10
    assert all(s["name"] and s["operator"] for s in props["ships"])


def test_sea_only_places_stay_approximate():
    for f in features("events"):
        props = f["properties"]
        if props["basis"] and "only the sea area" in props["basis"]:
            assert props["place_precision"] == "approximate", props["id"]


# --- Scramble statistics ------------------------------------------------------------------------


def scrambles():
    return json.loads((GEODATA / "scrambles.json").read_text(encoding="utf-8"))["rows"]


def test_scrambles_cover_every_fiscal_year_since_2014():
    years = [r["fiscal_year"] for r in scrambles() if r["period"] == "FY"]
    assert years == list(range(2014, 2025))


@pytest.mark.parametrize(
    ("year", "total", "china", "russia"),
    [(2016, 1168, 851, 301), (2023, 669, 479, 174), (2024, 704, 464, 237), (2022, 778, 575, 150)],
)
def test_scramble_figures_as_announced(year, total, china, russia):
    (row,) = [r for r in scrambles() if r["fiscal_year"] == year and r["period"] == "FY"]
    assert (row["total"], row["china"], row["russia"]) == (total, china, russia)


def test_fy2016_is_the_record_and_every_row_is_sourced():
    rows = [r for r in scrambles() if r["period"] == "FY"]
    assert max(rows, key=lambda r: r["total"])["fiscal_year"] == 2016
    for row in scrambles():
        assert row["sources"] and all(s["url"].startswith("http") for s in row["sources"])
        parts = [row[k] for k in ("china", "russia", "taiwan", "north_korea", "other")]
        assert sum(p for p in parts if p is not None) <= row["total"]
