#!/usr/bin/env python3
"""Build ``layers/data/gazetteer_regional.json``, the regional gazetteer, from Natural Earth.

    .venv/bin/python tools/build_gazetteer.py

Developer-time only: the app never runs this; it reads the JSON this script writes. The
build reads nothing but the Natural Earth (public domain) extracts kept in
``tools/gazetteer_src/`` (no network, no packages, no pickles):

=========================================== =================================================
``tools/gazetteer_src/`` file               Natural Earth layer (nvkelso/natural-earth-vector)
=========================================== =================================================
``ne_50m_geography_marine_polys.geojson``   ``geojson/ne_50m_geography_marine_polys.geojson``
                                            (oceans, seas, gulfs, bays, straits ...)
``ne_10m_geography_regions_points.geojson`` ``geojson/ne_10m_geography_regions_points.geojson``
                                            (islands, island groups, capes, plains)
``ne_50m_populated_places_simple.geojson``  ``geojson/ne_50m_populated_places_simple.geojson``
                                            (cities and towns; see ``keep_city``)
=========================================== =================================================

Those files are the full NE GeoJSON files cut to the region; ``tools/gazetteer_src/README.md``
records the repository, commit and sha256 of each full file. The cut is made by this script
too, from a folder holding the full files (for example a checkout of the repository's
``geojson/`` folder)::

    .venv/bin/python tools/build_gazetteer.py --cut-from PATH/TO/natural-earth-vector/geojson

The region: lon 100..180 E plus 180..160 W (the Pacific across the antimeridian), lat 0..62 N.
Output: a JSON list, one place per line, ordered by kind then name; deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "layers" / "data" / "gazetteer_regional.json"
SRC = ROOT / "tools" / "gazetteer_src"

MARINE_LAYER = "ne_50m_geography_marine_polys"
POINTS_LAYER = "ne_10m_geography_regions_points"
PLACES_LAYER = "ne_50m_populated_places_simple"

# The region: two boxes, so that the Pacific across the antimeridian is kept.
REGION_BOXES = ((100.0, 0.0, 180.0, 62.0), (-180.0, 0.0, -160.0, 62.0))
REGION = shapely.union_all([box(*b) for b in REGION_BOXES])

SIMPLIFY_DEG = 0.05  # seas, gulfs, straits: about 5 km
GRID_DECIMALS = 2  # the simplified outlines are on a 0.01° grid
SOURCE_DECIMALS = 6  # the cut keeps NE's precision (1e-6°)
POINT_DECIMALS = 4  # about 10 m
BBOX_DECIMALS = 3
MIN_SHARE_INSIDE = 0.25  # a sea whose own point is outside is kept if this share is inside

# The kind is NE's ``featurecla``, lower case, spaces as underscores ("island group" ->
# "island_group"). This is only the sort order; a kind not listed sorts last.
KIND_ORDER = (
    "ocean",
    "sea",
    "gulf",
    "bay",
    "strait",
    "channel",
    "sound",
    "river",
    "reef",
    "island_group",
    "island",
    "peninsula",
    "cape",
    "plain",
    "region",
    "city",
)

# NE features whose translated names (name_en, name_ja ...) come from a wrong Wikidata item.
# Only NE's own ``name`` (and hand-added aliases) are used for them.
WRONG_TRANSLATIONS = {
    # NE's "Inner Sea" (the Seto Inland Sea) is linked to Q5762423, the "Inner Seas off the
    # West Coast of Scotland": name_en says so and name_ja is スコットランド海.
    1159116927: "wikidata Q5762423 is the Inner Seas off the West Coast of Scotland",
}

# Cities (see keep_city): every capital, every place of at least CITY_MIN_POP people, in
# Japan, the two Koreas and Taiwan from CITY_MIN_POP_NEAR, and every place on Guam and the
# Northern Mariana Islands.
CITY_MIN_POP = 100_000
CITY_MIN_POP_NEAR = 30_000
CITY_NEAR_COUNTRIES = frozenset({"JPN", "KOR", "PRK", "TWN"})
CITY_ALL_COUNTRIES = frozenset({"GUM", "MNP"})

# Values of NE's populated places ``namealt`` / ``meganame`` that are not aliases of the
# place: text mangled in NE (Vietnamese letters lost), another city, or a UN urban
# agglomeration named after two cities.
NOT_CITY_ALIASES = {
    "H": "mangled in NE (Hà Nội)",
    "Hh Noi": "mangled in NE (Hà Nội)",
    "Hai Phnng": "mangled in NE (Hải Phòng)",
    "Hai PhNng": "mangled in NE (Hải Phòng)",
    "Th nh Pho Ho Chy Minh": "mangled in NE (Thành phố Hồ Chí Minh)",
    "Thanh Pho Ho Cha Minh": "mangled in NE (Thành phố Hồ Chí Minh)",
    "Dongguan": "another city (NE gives it as Guangzhou's namealt)",
    "Fukuoka-Kitakyushu": "UN agglomeration of two cities",
    "Osaka-Kobe": "UN agglomeration of two cities",
}

# NE's abbreviations in point names, spelled out as an extra alias ("Wake I." -> "Wake Island").
ABBREVIATIONS = (("I.", "Island"), ("Is.", "Islands"), ("Pt.", "Point"), ("C.", "Cape"))

# Aliases the data lacks, added by hand: English exonyms that name the same feature
# unambiguously. Every one that is not also in the NE data is listed again in the place's
# ``aliases_curated`` so a reader can tell it from source data; ``--no-curated`` drops
# them. "Bashi Channel" is the northern part of the Luzon Strait, not a second name for all
# of it: kept because news text uses it for that passage. Entries whose feature is not in
# the build (NE's Korea Strait and Luzon Strait are zero-area slivers) are reported.
# Deliberately not added: "West Philippine Sea" (a claim to part of the South China Sea).
CURATED_ALIASES: dict[str, tuple[str, ...]] = {
    "Sea of Japan": ("Japan Sea", "Japanese Sea", "East Sea"),
    "Sea of Okhotsk": ("Okhotsk Sea",),
    "Yellow Sea": ("West Sea",),
    "Korea Strait": ("Tsushima Strait",),
    "Luzon Strait": ("Bashi Channel",),
    "Inner Sea": ("Seto Inland Sea",),
    "Bo Hai": ("Bohai Sea",),
}


# ====================================================================================
# Geometry helpers
# ====================================================================================


def in_region(lon: float, lat: float) -> bool:
    return any(w <= lon <= e and s <= lat <= n for w, s, e, n in REGION_BOXES)


def polygons_of(geom) -> list[Polygon]:
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    return [g for part in getattr(geom, "geoms", []) for g in polygons_of(part)]


def as_polygonal(geom):
    parts = [p for p in polygons_of(geom) if not p.is_empty]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def wraps(geom) -> bool:
    """True when the geometry has parts on both sides of the antimeridian.

    In this region every part west of Greenwich is in the Pacific box (180..160 W), so a
    geometry with parts in both hemispheres lies across 180°.
    """
    parts = polygons_of(geom)
    return any(p.bounds[2] <= -150 for p in parts) and any(p.bounds[0] >= 0 for p in parts)


def bbox_of(geom) -> list[float]:
    """[w, s, e, n]; across the antimeridian w > e (RFC 7946 section 5.2)."""
    w, s, e, n = geom.bounds
    if wraps(geom):
        w = min(p.bounds[0] for p in polygons_of(geom) if p.bounds[0] >= 0)
        e = max(p.bounds[2] for p in polygons_of(geom) if p.bounds[2] <= -150)
    return [round(v, BBOX_DECIMALS) for v in (w, s, e, n)]


def label_point(geom) -> tuple[float, float]:
    """A point inside the largest part (so a sea's point is in the sea, not in a bay)."""
    largest = max(polygons_of(geom), key=lambda p: p.area)
    pt = largest.point_on_surface()
    return round(pt.x, POINT_DECIMALS), round(pt.y, POINT_DECIMALS)


def on_grid(geom, decimals: int):
    """The polygonal part of ``geom`` snapped to a 10**-decimals grid, valid, or None."""
    out = as_polygonal(shapely.make_valid(shapely.set_precision(geom, 10.0**-decimals)))
    if out is None or out.is_empty:
        return None
    return shapely.orient_polygons(out)  # exteriors counter-clockwise (RFC 7946)


def simplified(geom) -> dict[str, Any] | None:
    """GeoJSON of the outline simplified by 0.05° on a 0.01° grid.

    A feature too thin to survive that gets 0.01° on 0.001°; a zero-area sliver, None.
    """
    for tol, decimals in ((SIMPLIFY_DEG, GRID_DECIMALS), (SIMPLIFY_DEG / 5, GRID_DECIMALS + 1)):
        out = on_grid(geom.simplify(tol, preserve_topology=True), decimals)
        if out is not None:
            return rounded_mapping(out, decimals)
    return None


def rounded_mapping(geom, decimals: int) -> dict[str, Any]:
    """GeoJSON with coordinates rounded (they are on that grid already: no float noise)."""

    def walk(coords):
        if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], float):
            return [round(c, decimals) for c in coords]
        return [walk(c) for c in coords]

    m = mapping(geom)
    return {"type": m["type"], "coordinates": walk(m["coordinates"])}


# ====================================================================================
# Names
# ====================================================================================


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def clean_name(text: str | None) -> str | None:
    """A usable name, or None for empty values and values with stray symbols."""
    if not text:
        return None
    text = " ".join(text.split())
    if not text or any(unicodedata.category(c) in ("Sc", "Sm", "So", "Co", "Cn") for c in text):
        return None
    return text


def alias_list(name: str, candidates: list[str | None]) -> list[str]:
    """The candidates that differ from ``name`` and from each other (case-insensitively)."""
    seen = {name.casefold()}
    out = []
    for cand in candidates:
        cand = clean_name(cand)
        if cand and cand.casefold() not in seen:
            seen.add(cand.casefold())
            out.append(cand)
    return out


def split_alt(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in value.replace(",", "|").split("|") if v.strip()]


def spelled_out(name: str) -> str:
    words = name.split()
    for short, long in ABBREVIATIONS:
        words = [long if w == short else w for w in words]
    return " ".join(words)


def kind_of(featurecla: str | None) -> str | None:
    if not featurecla:
        return None
    return "_".join(featurecla.casefold().split())


def ne_aliases(name: str, p: dict[str, Any], english_keys: tuple[str, ...]) -> list[str]:
    """English variants (the given keys, split on | and ,), the name without diacritics and
    with NE's abbreviations spelled out, then name_ja, name_zh, name_zht, name_ko.
    """
    if p.get("ne_id") in WRONG_TRANSLATIONS:
        english: list[str | None] = []
        cjk: list[str | None] = []
    else:
        english = [v for key in english_keys for v in split_alt(p.get(key))]
        cjk = [p.get(k) for k in ("name_ja", "name_zh", "name_zht", "name_ko")]
    names = [name, *[clean_name(v) for v in english]]
    derived = [f(n) for n in names if n for f in (ascii_fold, spelled_out)]
    return alias_list(name, [*english, *derived, *cjk])


def with_curated(
    name: str, aliases: list[str], curated: bool, report: dict[str, Any]
) -> tuple[list[str], list[str]]:
    if not curated or name not in CURATED_ALIASES:
        return aliases, []
    report["curated_unused"].remove(name)
    extra = alias_list(name, [*aliases, *CURATED_ALIASES[name]])[len(aliases) :]
    return aliases + extra, extra


# ====================================================================================
# Layers
# ====================================================================================


def load(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise SystemExit(f"missing {path} (see tools/gazetteer_src/README.md)")
    return json.loads(path.read_text(encoding="utf-8"))


def marine_places(
    collection: dict[str, Any], report: dict[str, Any], curated: bool
) -> list[dict[str, Any]]:
    out = []
    for feature in collection["features"]:
        p = feature["properties"]
        cut = feature["ne_cut"]
        name = clean_name(p.get("name"))
        if not name:
            report["marine_unnamed"] += 1
            continue
        if cut["share_inside"] < MIN_SHARE_INSIDE and not cut["representative_point_inside"]:
            report["marine_mostly_outside"].append(name)
            continue
        inside = as_polygonal(shapely.make_valid(shape(feature["geometry"])))
        outline = simplified(inside) if inside is not None else None
        if outline is None:
            report["marine_zero_area"].append(name)
            continue
        aliases = ne_aliases(name, p, ("name_en", "namealt", "label"))
        aliases, extra = with_curated(name, aliases, curated, report)
        lon, lat = label_point(inside)
        place: dict[str, Any] = {
            "name": name,
            "aliases": aliases,
            "kind": kind_of(p.get("featurecla")),
            "lon": lon,
            "lat": lat,
            "bbox": bbox_of(inside),
            "geometry": outline,
            "source": {
                "layer": MARINE_LAYER,
                "ne_id": p.get("ne_id"),
                "clipped": cut["share_inside"] < 0.999,
            },
        }
        if extra:
            place["aliases_curated"] = extra
        if p.get("ne_id") in WRONG_TRANSLATIONS:
            place["source"]["translations_dropped"] = WRONG_TRANSLATIONS[p["ne_id"]]
        for key in ("scalerank", "min_label"):
            if p.get(key) is not None:
                place[key] = p[key]
        out.append(place)
    return out


def point_places(
    collection: dict[str, Any], report: dict[str, Any], curated: bool
) -> list[dict[str, Any]]:
    out = []
    for feature in collection["features"]:
        p = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        if not in_region(lon, lat):
            continue
        name = clean_name(p.get("name"))
        kind = kind_of(p.get("featurecla"))
        if not name or not kind:
            report["points_unnamed"] += 1
            continue
        aliases = ne_aliases(name, p, ("name_en", "name_alt"))
        aliases, extra = with_curated(name, aliases, curated, report)
        place: dict[str, Any] = {
            "name": name,
            "aliases": aliases,
            "kind": kind,
            "lon": round(lon, POINT_DECIMALS),
            "lat": round(lat, POINT_DECIMALS),
            "source": {"layer": POINTS_LAYER, "ne_id": p.get("ne_id")},
        }
        if extra:
            place["aliases_curated"] = extra
        for key in ("scalerank", "min_zoom"):
            if p.get(key) is not None:
                place[key] = p[key]
        out.append(place)
    return out


def keep_city(p: dict[str, Any]) -> bool:
    """The city rule: capitals, big places, smaller places near Japan, Guam and the CNMI."""
    country = p.get("adm0_a3")
    pop = p.get("pop_max") or 0
    return (
        "capital" in (p.get("featurecla") or "").casefold()
        or pop >= CITY_MIN_POP
        or (country in CITY_NEAR_COUNTRIES and pop >= CITY_MIN_POP_NEAR)
        or country in CITY_ALL_COUNTRIES
    )


def city_aliases(name: str, p: dict[str, Any]) -> list[str]:
    """NE's ``namealt`` (split on |), ``nameascii``, ``meganame``, each without a trailing
    ", Province" qualifier, minus NOT_CITY_ALIASES; then the name without diacritics.
    """
    english = [p.get("nameascii")]
    for key in ("namealt", "meganame"):
        english += [v.split(",")[0].strip() for v in (p.get(key) or "").split("|")]
    english = [v for v in english if v and v not in NOT_CITY_ALIASES]
    derived = [ascii_fold(n) for n in [name, *[clean_name(v) for v in english]] if n]
    return alias_list(name, [*english, *derived])


def city_places(
    collection: dict[str, Any], report: dict[str, Any], curated: bool
) -> list[dict[str, Any]]:
    out = []
    for feature in collection["features"]:
        p = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        if not in_region(lon, lat):
            continue
        name = clean_name(p.get("name"))
        if not name:
            report["places_unnamed"] += 1
            continue
        if not keep_city(p):
            report["places_below_city_rule"] += 1
            continue
        aliases, extra = with_curated(name, city_aliases(name, p), curated, report)
        place: dict[str, Any] = {
            "name": name,
            "aliases": aliases,
            "kind": "city",
            "lon": round(lon, POINT_DECIMALS),
            "lat": round(lat, POINT_DECIMALS),
            "country": p.get("adm0_a3"),
            "admin1": p.get("adm1name"),
            "population": p.get("pop_max"),
            "source": {"layer": PLACES_LAYER, "ne_id": p.get("ne_id")},
        }
        if "capital" in (p.get("featurecla") or "").casefold():
            place["capital"] = p["featurecla"]
        if extra:
            place["aliases_curated"] = extra
        for key in ("scalerank", "labelrank", "min_zoom"):
            if p.get(key) is not None:
                place[key] = p[key]
        out.append(place)
    return out


def sort_key(place: dict[str, Any]) -> tuple:
    kind = place["kind"]
    rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
    return (rank, kind, place["name"].casefold(), place["lon"], place["lat"])


def build(src: Path, *, curated: bool) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    report: dict[str, Any] = {
        "marine_unnamed": 0,
        "marine_mostly_outside": [],
        "marine_zero_area": [],
        "points_unnamed": 0,
        "places_unnamed": 0,
        "places_below_city_rule": 0,
        "curated_unused": sorted(CURATED_ALIASES) if curated else [],
    }
    marine = load(src / f"{MARINE_LAYER}.geojson")
    points = load(src / f"{POINTS_LAYER}.geojson")
    towns = load(src / f"{PLACES_LAYER}.geojson")
    places = (
        marine_places(marine, report, curated)
        + point_places(points, report, curated)
        + city_places(towns, report, curated)
        + land_places(BASEMAP, curated)
    )
    places.sort(key=sort_key)
    return places, report


def write(places: list[dict[str, Any]], path: Path) -> None:
    lines = [json.dumps(p, ensure_ascii=False, separators=(",", ":")) for p in places]
    path.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")


# ====================================================================================
# Named land (islands, island groups, peninsulas) from the basemap's Natural Earth outlines
# ====================================================================================

BASEMAP = ROOT / "geodata" / "basemap"
LAND_LAYERS = {
    "region": "region_countries_10m.geojson",  # NE 1:10m admin-0, 115–155E, 20–50N
    "world": "world_countries_50m.geojson",  # NE 1:50m admin-0 (Guam is south of 20N)
}
LAND_SIMPLIFY_BIG = 0.02  # main islands, peninsulas: about 2 km
LAND_SIMPLIFY_SMALL = 0.002  # small islands: about 200 m (the basemap's own tolerance)
LAND_BIG_AREA = 1.0  # square degrees

# Natural Earth's admin-0 outlines have no island names. Each row names the outline(s) of
# one country's land that a hand-drawn selection box picks: "largest", the part with the
# most area inside the box; "all", every part lying wholly inside it (an island group). The box
# only chooses among NE's parts; the outline and the point are NE's. Names and aliases
# are hand-added (all listed in ``aliases_curated``).
# (name, kind, layer, country in the layer, box [w, s, e, n], rule, aliases)
CURATED_LAND: tuple[tuple[str, str, str, str, tuple[float, ...], str, tuple[str, ...]], ...] = (
    ("Hokkaido", "island", "region", "Japan", (139.3, 41.3, 146.0, 45.6), "largest",
     ("Hokkaidō", "北海道", "홋카이도")),
    ("Honshu", "island", "region", "Japan", (130.8, 33.4, 142.1, 41.6), "largest",
     ("Honshū", "本州", "혼슈")),
    ("Kyushu", "island", "region", "Japan", (129.5, 30.9, 132.1, 34.0), "largest",
     ("Kyūshū", "九州", "규슈")),
    ("Shikoku", "island", "region", "Japan", (132.0, 32.7, 134.8, 34.5), "largest",
     ("四国", "시코쿠")),
    ("Okinawa Island", "island", "region", "Japan", (127.6, 26.0, 128.35, 26.9), "largest",
     ("Okinawa", "Okinawa's main island", "main island of Okinawa", "Okinawa main island",
      "Okinawa Honto", "Okinawa-hontō", "沖縄本島", "冲绳岛")),
    ("Miyako Island", "island", "region", "Japan", (125.1, 24.65, 125.5, 24.95), "largest",
     ("Miyako", "Miyako-jima", "Miyakojima", "宮古島", "宫古岛")),
    ("Ishigaki Island", "island", "region", "Japan", (124.05, 24.3, 124.35, 24.62), "largest",
     ("Ishigaki", "Ishigaki-jima", "石垣島")),
    ("Iriomote Island", "island", "region", "Japan", (123.65, 24.2, 123.95, 24.45), "largest",
     ("Iriomote", "Iriomote-jima", "西表島")),
    ("Yonaguni Island", "island", "region", "Japan", (122.9, 24.4, 123.1, 24.5), "largest",
     ("Yonaguni", "Yonaguni-jima", "与那国島")),
    ("Tsushima Island", "island", "region", "Japan", (129.1, 34.05, 129.5, 34.75), "largest",
     ("Tsushima", "対馬")),
    ("Iki Island", "island", "region", "Japan", (129.6, 33.7, 129.85, 33.85), "largest",
     ("Iki", "壱岐")),
    ("Sado Island", "island", "region", "Japan", (138.2, 37.75, 138.6, 38.35), "largest",
     ("Sado", "佐渡島")),
    ("Amami Ōshima", "island", "region", "Japan", (129.1, 28.0, 129.75, 28.55), "largest",
     ("Amami Oshima", "Amami", "奄美大島")),
    ("Tanegashima", "island", "region", "Japan", (130.8, 30.3, 131.1, 30.85), "largest",
     ("Tanega-shima", "種子島")),
    ("Yakushima", "island", "region", "Japan", (130.35, 30.2, 130.7, 30.5), "largest",
     ("Yaku-shima", "屋久島")),
    ("Jeju Island", "island", "region", "South Korea", (126.1, 33.1, 127.0, 33.6), "largest",
     ("Jeju", "Jejudo", "Cheju", "Quelpart", "제주도", "济州岛")),
    ("Taiwan Island", "island", "region", "Taiwan", (119.9, 21.8, 122.1, 25.4), "largest",
     ("Formosa", "台灣島", "台湾岛")),
    ("Sakhalin", "island", "region", "Russia", (141.5, 45.8, 144.8, 50.0), "largest",
     ("Sakhalin Island", "Сахалин", "樺太", "库页岛")),
    ("Guam", "island", "world", "Guam", (144.5, 13.2, 145.0, 13.7), "largest",
     ("グアム", "关岛", "괌")),
    ("Izu Islands", "island_group", "region", "Japan", (138.95, 32.4, 140.5, 34.85), "all",
     ("Izu Shotō", "Izu Shoto", "伊豆諸島")),
    ("Oki Islands", "island_group", "region", "Japan", (132.9, 35.9, 133.45, 36.4), "all",
     ("Oki", "隠岐諸島")),
    ("Sakishima Islands", "island_group", "region", "Japan", (122.9, 24.0, 125.6, 25.0), "all",
     ("Sakishima", "先島諸島")),
    ("Ogasawara Islands", "island_group", "region", "Japan", (141.9, 26.5, 142.3, 27.8), "all",
     ("Bonin Islands", "Ogasawara", "小笠原諸島")),
    ("Korean Peninsula", "peninsula", "region", "South Korea|North Korea",
     (124.0, 34.2, 130.8, 43.0), "largest", ("한반도", "朝鮮半島", "朝鲜半岛")),
)  # fmt: skip


def land_parts(layer: dict[str, Any], countries: str) -> list[Polygon]:
    names = set(countries.split("|"))
    return [
        part
        for f in layer["features"]
        if f["properties"].get("name") in names
        for part in polygons_of(shapely.make_valid(shape(f["geometry"])))
    ]


def land_pick(parts: list[Polygon], bounds, rule: str):
    """One country's outline a CURATED_LAND row names: the part with the most area inside
    the box ("largest") or every part wholly inside it ("all"); None when there is none.
    """
    area = box(*bounds)
    if rule == "all":
        picked = [p for p in parts if area.contains(p)]
        return shapely.union_all(picked) if picked else None
    meeting = [p for p in parts if p.intersects(area)]
    return max(meeting, key=lambda p: p.intersection(area).area) if meeting else None


def land_places(basemap: Path, curated: bool) -> list[dict[str, Any]]:
    if not curated:
        return []
    layers = {k: load(basemap / v) for k, v in LAND_LAYERS.items()}
    out = []
    for name, kind, layer, countries, bounds, rule, aliases in CURATED_LAND:
        pieces = []
        for country in countries.split("|"):
            one = land_pick(land_parts(layers[layer], country), bounds, rule)
            if one is None:
                raise SystemExit(f"CURATED_LAND {name}: no {country} outline in {bounds}")
            pieces.append(one)
        geom = as_polygonal(shapely.union_all(pieces))
        tol = LAND_SIMPLIFY_BIG if geom.area > LAND_BIG_AREA else LAND_SIMPLIFY_SMALL
        outline = on_grid(geom.simplify(tol, preserve_topology=True), GRID_DECIMALS + 1)
        lon, lat = label_point(geom)
        place: dict[str, Any] = {
            "name": name,
            "aliases": alias_list(name, list(aliases)),
            "kind": kind,
            "lon": lon,
            "lat": lat,
            "bbox": bbox_of(geom),
            "geometry": rounded_mapping(outline, GRID_DECIMALS + 1),
            "source": {"layer": f"basemap/{LAND_LAYERS[layer]}", "country": countries,
                       "select": {"box": list(bounds), "rule": rule}},
            "aliases_curated": alias_list(name, list(aliases)),
        }  # fmt: skip
        out.append(place)
    return out


# ====================================================================================
# The cut (how tools/gazetteer_src/ is made from the full Natural Earth files)
# ====================================================================================


def write_collection(
    path: Path, header: dict[str, Any], meta: dict[str, Any], features: list[dict[str, Any]]
) -> None:
    head = {k: v for k, v in header.items() if k in ("type", "name", "crs")}
    head["ne_cut"] = meta
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    path.write_text(text + ',"features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")


def cut_marine(full: dict[str, Any]) -> list[dict[str, Any]]:
    """Features that meet the region, their geometry cut to it (NE's precision kept).

    ``ne_cut`` on each feature keeps what the cut takes away: the share of the area that
    is inside, whether the whole feature's representative point is inside, NE's bbox.
    """
    out = []
    for feature in full["features"]:
        geom = shapely.make_valid(shape(feature["geometry"]))
        if not geom.intersects(REGION):
            continue
        inside = on_grid(geom.intersection(REGION), SOURCE_DECIMALS)
        if inside is None:
            continue
        share = shapely.area(geom.intersection(REGION)) / geom.area if geom.area else 1.0
        out.append(
            {
                "type": "Feature",
                "properties": feature["properties"],
                "ne_cut": {
                    "share_inside": round(share, 4),
                    "representative_point_inside": REGION.contains(geom.representative_point()),
                    "full_bbox": feature.get("bbox"),
                },
                "geometry": rounded_mapping(inside, SOURCE_DECIMALS),
            }
        )
    return out


def cut_points(full: dict[str, Any]) -> list[dict[str, Any]]:
    """Features whose point is in the region, unchanged."""
    return [f for f in full["features"] if in_region(*f["geometry"]["coordinates"][:2])]


def cut(full_dir: Path, src: Path) -> None:
    src.mkdir(parents=True, exist_ok=True)
    layers = ((MARINE_LAYER, cut_marine), (POINTS_LAYER, cut_points), (PLACES_LAYER, cut_points))
    for layer, fn in layers:
        path = full_dir / f"{layer}.geojson"
        data = path.read_bytes()
        full = json.loads(data.decode("utf-8"))
        features = fn(full)
        meta = {
            "from": f"geojson/{layer}.geojson",
            "from_sha256": hashlib.sha256(data).hexdigest(),
            "from_features": len(full["features"]),
            "region": [list(b) for b in REGION_BOXES],
        }
        write_collection(src / f"{layer}.geojson", full, meta, features)
        print(f"cut {path} -> {src / (layer + '.geojson')}: {len(features)} features")


# ====================================================================================
# Main
# ====================================================================================


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "--no-curated",
        action="store_true",
        help="leave out the hand-added aliases (CURATED_ALIASES)",
    )
    parser.add_argument(
        "--cut-from",
        type=Path,
        metavar="DIR",
        help="first remake tools/gazetteer_src/ from the full NE GeoJSON files in DIR",
    )
    parser.add_argument("--src", type=Path, default=SRC, help=f"the cut files (default {SRC})")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    if args.cut_from is not None:
        cut(args.cut_from, args.src)
    places, report = build(args.src, curated=not args.no_curated)
    write(places, args.output)
    counts: dict[str, int] = {}
    for p in places:
        counts[p["kind"]] = counts.get(p["kind"], 0) + 1
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes, {len(places)} places)")
    for kind in sorted(counts, key=lambda k: sort_key({"kind": k, "name": "", "lon": 0, "lat": 0})):
        print(f"  {kind:<12} {counts[kind]}")
    print("left out:", json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
