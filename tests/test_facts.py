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


def test_dyess_misawa_distance_matches_wgs84():
    bases = by_id("bases")
    dyess = bases["dyess"]["geometry"]["coordinates"]
    misawa = bases["misawa"]["geometry"]["coordinates"]
    km = WGS84.inv(dyess[0], dyess[1], misawa[0], misawa[1])[2] / 1000
    assert km == pytest.approx(9764.3, rel=0.001)  # basemap README §5


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
    assert length / 1000 == pytest.approx(9764.3, rel=0.001)


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
    props = by_id("events")["2025-12-10-us-jp-b52h-sea-of-japan"]["properties"]
    counts = {(a["type"], a["operator"]): a["count"] for a in props["aircraft"]}
    assert counts == {("B-52H", "USAF"): 2, ("F-35", "JASDF"): 3, ("F-15J", "JASDF"): 3}
    assert props["start"] == props["end"] == "2025-12-10"
    assert props["confidence"] == "high"
    assert len(props["sources"]) >= 2


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
