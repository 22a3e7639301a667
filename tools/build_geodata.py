"""Build geodata/{bases,adiz,areas,events}.geojson, geodata/aircraft.json and scrambles.json.

Inputs are the curated tables in tools/geodata_src/ (copied from docs/research) and the
shipped basemap in geodata/basemap/. Nothing is read from outside the repository.
Run from the checkout:  .venv/bin/python tools/build_geodata.py
The output is deterministic: the same inputs give byte-identical files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tools" / "geodata_src"
OUT = ROOT / "geodata"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SRC))

from aircraft import AIRCRAFT  # noqa: E402
from bases import BASES  # noqa: E402
from events import APPROX_PLACES, EVENTS  # noqa: E402
from sources import SOURCES  # noqa: E402
from zones import (  # noqa: E402
    CHINA_ECS_POINTS,
    JADIZ_ECS_FALLBACK,
    JADIZ_POINTS,
    KADIZ_POINTS,
    KADIZ_RING,
    PRC_12NM_LINE_INTERIOR,
    ROC_MEDIAN_LINE,
    SEA_ALIASES,
    SENKAKU_GROUP_ALIASES,
    SENKAKU_ISLANDS,
    STRAITS,
    TAIWAN_RING,
)

from layers.geo.geodesy import geodesic_buffer, great_circle_line  # noqa: E402

EXACT_DIGITS = 6  # published points: 1e-6 degree, as printed in the research
DERIVED_DIGITS = 5  # computed geometry: 1e-5 degree (about 1 m)
EVENT_SEA_TOLERANCE = 0.05  # degrees; sea outlines simplified for event footprints
EVENT_SEA_MIN_PART = 0.05  # square degrees; smaller sea parts are left out of footprints


# --- helpers ---------------------------------------------------------------------------
def sources(keys: list[str]) -> list[dict]:
    """Source records for ``keys`` (KeyError names an unknown key)."""
    return [dict(SOURCES[key]) for key in keys]


def rounded(geom, digits: int) -> dict:
    """GeoJSON mapping of ``geom`` with coordinates rounded; polygons re-checked."""
    if isinstance(geom, Polygon | MultiPolygon):
        geom = orient(shapely.set_precision(geom, 10.0**-digits), 1.0)
        assert geom.is_valid, "rounding made a polygon invalid"
    return _round(mapping(geom), digits)


def _round(obj, digits):
    if isinstance(obj, dict):
        return {k: _round(v, digits) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_round(v, digits) for v in obj]
    return round(obj, digits) + 0.0 if isinstance(obj, float) else obj


def feature(props: dict, geometry: dict) -> dict:
    """A GeoJSON Feature with the catalogue's property order."""
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write_collection(name: str, features: list[dict]) -> None:
    """Write a FeatureCollection with one feature per line (compact, diff-friendly)."""
    body = ",\n".join(json.dumps(f, ensure_ascii=False) for f in features)
    text = '{"type": "FeatureCollection", "features": [\n' + body + "\n]}\n"
    (OUT / name).write_text(text, encoding="utf-8")


def ring(points: list[tuple[float, float]]) -> Polygon:
    """Counter-clockwise, valid polygon through ``points`` (closed automatically)."""
    poly = orient(Polygon(points), 1.0)
    assert poly.is_valid, shapely.is_valid_reason(poly)
    return poly


# --- bases ------------------------------------------------------------------------------
def build_bases() -> list[dict]:
    """Base features (points as printed)."""
    out = []
    for row in BASES:
        props = {k: v for k, v in row.items() if k not in ("lon", "lat")}
        props["sources"] = sources(row["sources"])
        out.append(feature(props, rounded(Point(row["lon"], row["lat"]), EXACT_DIGITS)))
    return out


# --- ADIZ -------------------------------------------------------------------------------
def adiz_props(id_, name, state, effective, basis, srcs, confidence, precision, **extra):
    """ADIZ properties in schema order."""
    return {
        "id": id_,
        "name": name,
        "aliases": extra.get("aliases", []),
        "declaring_state": state,
        "effective": effective,
        "basis": basis,
        "sources": sources(srcs),
        "confidence": confidence,
        "place_precision": precision,
        "notes": extra.get("notes"),
    }


def china_ecs_adiz() -> dict:
    """China's ECS ADIZ: the six published points closed by the derived 12-nm line."""
    pts = list(CHINA_ECS_POINTS.values())
    poly = ring(pts + PRC_12NM_LINE_INTERIOR[::-1])
    props = adiz_props(
        "china-ecs-adiz",
        "East China Sea Air Defense Identification Zone (China)",
        "CHN",
        "2013-11-23T10:00+08:00",
        "Vertices C1–C6 are the six published points, reproduced exactly. The west side is "
        "China's territorial-sea limit, which the statement does not list: drawn as a 12-nm "
        "offset of the 1996 baselines (points 9–19), accurate to about ±1 nm (ADIZ.md §3).",
        ["prc_ecs_adiz", "prc_baselines", "prc_west_side_note"],
        "high",
        "derived",
        aliases=["ECS ADIZ", "China ADIZ", "东海防空识别区", "CADIZ"],
        notes="Effective 10:00 Beijing time, 23 Nov 2013.",
    )
    return feature(props, rounded(poly, EXACT_DIGITS))


def kadiz() -> dict:
    """Korea's KADIZ as expanded in 2013: nine published points, ring order inferred."""
    lookup = {**KADIZ_POINTS, **JADIZ_POINTS}
    poly = ring([lookup[k] for k in KADIZ_RING])
    props = adiz_props(
        "kadiz-2013",
        "Korea Air Defense Identification Zone (as expanded in 2013)",
        "KOR",
        "2013-12-15",
        "The nine points K1–K9 are as announced (K7 corrected from the printed 122°25'E to the "
        "Incheon FIR vertex 125°25'E). The ring order is an inference: the source lists the "
        "points out of order; the Korea–Japan seam is drawn along JADIZ points (4) and (5), and "
        "the north edge straight along 39°N.",
        ["kadiz_newdaily", "korea_eaip_enr21"],
        "medium",
        "derived",
        aliases=["KADIZ", "한국방공식별구역"],
        notes="Announced 8 Dec 2013; points high confidence, ring order medium.",
    )
    return feature(props, rounded(poly, EXACT_DIGITS))


def jadiz_features() -> list[dict]:
    """JADIZ: the published points (1)–(7) and an approximate East China Sea section."""
    known = LineString(list(JADIZ_POINTS.values()))
    known_props = adiz_props(
        "jadiz-outer-line-1-7",
        "Japan ADIZ outer line, points (1)–(7)",
        "JPN",
        None,
        "Points (1)–(7) of the outer line in Directive No. 36, reproduced exactly (JGD2000). "
        "Points (8)–(30) and the inner line are not published in our sources and are not drawn.",
        ["jadiz_directive", "jadiz_japonyol"],
        "high",
        "exact",
        aliases=["JADIZ", "防空識別圏", "Japan Air Defense Identification Zone"],
        notes="Directive of Aug 1969 (29 or 19 Aug in different transcriptions); the zone is the "
        "airspace inside the outer line minus that inside the inner line.",
    )
    fallback = LineString([JADIZ_POINTS["J7"], *JADIZ_ECS_FALLBACK.values()])
    fallback_props = adiz_props(
        "jadiz-ecs-approximate",
        "Japan ADIZ outer line, East China Sea section (approximate)",
        "JPN",
        None,
        "Approximate, not directive text: from point (7) south along about 125°E to about "
        "30N 125E, a diagonal through about 29N 124E to about 28N 123E, then south along 123°E "
        "to about 23N, as secondary sources describe it (ADIZ.md §1c). The 2010 bulge 14 nm "
        "west of Yonaguni is not modelled; the Pacific and Hokkaido parts are unknown.",
        ["jadiz_fallback_note", "jadiz_scopedog", "jadiz_sunbin"],
        "low",
        "approximate",
        aliases=["JADIZ"],
    )
    return [
        feature(known_props, rounded(known, EXACT_DIGITS)),
        feature(fallback_props, rounded(fallback, EXACT_DIGITS)),
    ]


def taiwan_features() -> list[dict]:
    """Taiwan ADIZ: approximate ring, and the official south-east edge."""
    poly = ring(list(TAIWAN_RING.values()))
    ring_props = adiz_props(
        "taiwan-adiz-approximate",
        "Taiwan (ROC) ADIZ (approximate)",
        "TWN",
        None,
        "Approximate ring 21–29°N, 117°30'E–123°E with the official south-east cut from "
        "22°30'N 123°E to 21°N 121°30'E; the other corners are inferred (ADIZ.md §2b). Its area "
        "(about 480,000 km²) is within 1.5% of the ROC figure of 487,000 km². The 12-nm "
        "semicircle around Yonaguni left out by the ROC is not modelled.",
        ["taiwan_adiz_note", "taiwan_today_adiz"],
        "low",
        "approximate",
        aliases=["ROC ADIZ", "Taiwan ADIZ", "中華民國防空識別區"],
        notes="Published 1953 (drawn roughly on the Taipei FIR); the south-east edge dates "
        "from 1959.",
    )
    edge = LineString([TAIWAN_RING["T_a"], TAIWAN_RING["T_b"]])
    edge_props = adiz_props(
        "taiwan-adiz-se-edge",
        "Taiwan (ROC) ADIZ south-east edge",
        "TWN",
        None,
        "The official line from 22°30'N 123°00'E to 21°00'N 121°30'E; the ADIZ is the area "
        "west of it (since 1959).",
        ["taiwan_today_adiz"],
        "medium",
        "exact",
        aliases=["ROC ADIZ"],
    )
    return [
        feature(ring_props, rounded(poly, EXACT_DIGITS)),
        feature(edge_props, rounded(edge, EXACT_DIGITS)),
    ]


def build_adiz() -> list[dict]:
    """All ADIZ features."""
    return [china_ecs_adiz(), kadiz(), *jadiz_features(), *taiwan_features()]


# --- areas ------------------------------------------------------------------------------
def area_props(id_, name, category, country, basis, srcs, confidence, precision, **extra):
    """Area properties in schema order."""
    return {
        "id": id_,
        "name": name,
        "aliases": extra.get("aliases", []),
        "category": category,
        "country": country,
        "basis": basis,
        "sources": sources(srcs),
        "confidence": confidence,
        "place_precision": precision,
        "notes": extra.get("notes"),
    }


def senkaku_features() -> tuple[list[dict], dict]:
    """Island points and the geodesic 12 nm / 24 nm zones; also returns zone geometries."""
    out = []
    for isl in SENKAKU_ISLANDS:
        props = area_props(
            isl["id"],
            isl["name"],
            "island",
            "JPN",
            None,
            isl["sources"],
            isl["confidence"],
            "exact",
            aliases=isl["aliases"],
            notes=isl["facts"] + " Administered by Japan; claimed by China and Taiwan.",
        )
        out.append(feature(props, rounded(Point(isl["lonlat"]), EXACT_DIGITS)))
    centers = [isl["lonlat"] for isl in SENKAKU_ISLANDS]
    sea12 = geodesic_buffer(centers, 12.0)
    zone24 = orient(geodesic_buffer(centers, 24.0).difference(sea12), 1.0)
    method = (
        "Union of WGS84 geodesic circles of {r} nm around the five island positions "
        "(not degree buffers). The legal limit is measured from the baselines, so the "
        "true line lies up to about the islands' size further out."
    )
    zones = {
        "senkaku-territorial-sea": (
            sea12,
            "Senkaku territorial sea (12 nm)",
            "territorial_sea",
            method.format(r=12),
        ),
        "senkaku-contiguous-zone": (
            zone24,
            "Senkaku contiguous zone (12–24 nm)",
            "contiguous_zone",
            method.format(r=24) + " The 12-nm territorial sea is cut out.",
        ),
    }
    for id_, (geom, name, category, basis) in zones.items():
        props = area_props(
            id_,
            name,
            category,
            "JPN",
            basis,
            ["senkaku_zones_note", "spf_senkaku"],
            "medium",
            "derived",
            aliases=SENKAKU_GROUP_ALIASES,
        )
        out.append(feature(props, rounded(geom, DERIVED_DIGITS)))
    return out, {k: v[0] for k, v in zones.items()}


# IHO S-23 (1953) closes the Sea of Japan in the north by the line Cape Sushchev –
# Cape Tuik, at 51°45'N in the Tatar Strait. The basemap's outline stops at 50°N (its
# old window); the part between is the water of the Natural Earth 1:50m coast.
TATAR_STRAIT_LIMIT_LAT = 51.75


def load_seas() -> dict[str, MultiPolygon]:
    """Sea polygons from the basemap copy in tools/geodata_src, by name."""
    data = json.loads((SRC / "region_seas.geojson").read_text(encoding="utf-8"))
    seas = {f["properties"]["name"]: shape(f["geometry"]) for f in data["features"]}
    seas["Sea of Japan"] = _up_to_the_tatar_strait_limit(seas["Sea of Japan"])
    return seas


def _up_to_the_tatar_strait_limit(sea):
    """``sea`` with the Tatar Strait water from its 50°N edge to the IHO limit added."""
    path = OUT / "basemap" / "world_countries_50m.geojson"
    countries = json.loads(path.read_text(encoding="utf-8"))["features"]
    window = shapely.box(139.0, 49.9, 143.5, TATAR_STRAIT_LIMIT_LAT)
    land = unary_union([g for f in countries if (g := shape(f["geometry"])).intersects(window)])
    water = window.difference(land)
    (strait,) = [p for p in getattr(water, "geoms", [water]) if p.intersects(sea.buffer(0.01))]
    return unary_union([sea, strait.buffer(0.002).intersection(window)])


def sea_features(seas: dict) -> list[dict]:
    """Sea of Japan and East China Sea, approximate IHO S-23 (1953) outlines."""
    out = []
    for name, geom in seas.items():
        slug = name.lower().replace(" ", "-")
        props = area_props(
            slug,
            name,
            "sea",
            None,
            "Approximate: IHO S-23 (1953) limits hand-digitised, coast from Natural Earth 1:10m "
            "(geodata/basemap/PROVENANCE.md). IHO limits have no political significance."
            + (
                " North of 50°N the Tatar Strait up to the IHO northern limit, the line Cape "
                "Sushchev – Cape Tuik at 51°45'N, with the Natural Earth 1:50m coast."
                if "Japan" in name
                else ""
            ),
            ["iho_s23_note", "basemap_seas", "natural_earth"],
            "low",
            "approximate",
            aliases=SEA_ALIASES[name],
            notes="The name 'Sea of Japan' is disputed; Korea uses 'East Sea'."
            if "Japan" in name
            else None,
        )
        out.append(feature(props, rounded(geom, 3)))
    return out


def land_parts() -> list[Polygon]:
    """Every land polygon of the shipped regional basemap."""
    path = OUT / "basemap" / "region_countries_10m.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for f in data["features"]:
        geom = shape(f["geometry"])
        parts.extend(getattr(geom, "geoms", [geom]))
    return parts


def strait_lines(parts: list[Polygon]) -> dict[str, LineString | list]:
    """Shortest coast-to-coast line of each strait crossing, by strait id."""

    def part_at(seed):
        (hit,) = [p for p in parts if p.contains(Point(seed))]
        return hit

    def at_sea(line, a, b):
        # A strait line marks water: it may touch its two coasts, never cross other land.
        others = [p for p in parts if p is not part_at(a) and p is not part_at(b)]
        assert not any(line.crosses(p) or line.within(p) for p in others), (a, b)
        return line

    return {
        s["id"]: [
            at_sea(shapely.shortest_line(part_at(a), part_at(b)), a, b)
            for _, a, b in s["crossings"]
        ]
        for s in STRAITS
    }


def strait_features(lines: dict) -> list[dict]:
    """Strait features: the narrowest crossing(s) between the named coasts."""
    out = []
    for s in STRAITS:
        crossings = ", ".join(label for label, _, _ in s["crossings"])
        geom = (
            lines[s["id"]][0]
            if len(lines[s["id"]]) == 1
            else shapely.MultiLineString(lines[s["id"]])
        )
        props = area_props(
            s["id"],
            s["name"],
            "strait",
            None,
            f"Shortest line between the coasts ({crossings}) of the Natural Earth 1:10m basemap: "
            "shows where the strait is, not a legal or IHO limit; coasts are good to about 1 km.",
            ["natural_earth"],
            "medium",
            "approximate",
            aliases=s["aliases"],
        )
        out.append(feature(props, rounded(geom, 3)))
    return out


def median_line_feature() -> dict:
    """ROC definition of the Taiwan Strait median line."""
    props = area_props(
        "taiwan-strait-median-line",
        "Taiwan Strait median line (ROC definition)",
        "median_line",
        "TWN",
        "The two published end points 27°00'N 122°00'E and 23°00'N 118°00'E, joined straight.",
        ["roc_median_line_cna"],
        "medium",
        "exact",
        aliases=["Davis line", "海峽中線", "Taiwan Strait centre line"],
        notes="Restated by ROC MND on 2 Dec 2013, citing Defense Minister Lee Jye (2004).",
    )
    return feature(props, rounded(LineString(ROC_MEDIAN_LINE), EXACT_DIGITS))


# --- events -----------------------------------------------------------------------------
def event_geometry(spec, ctx) -> dict:
    """GeoJSON geometry for an event's geometry spec (see tools/geodata_src/events.py)."""
    kind, *args = spec
    if kind == "base":
        return rounded(Point(ctx["bases"][args[0]]), EXACT_DIGITS)
    if kind == "route":
        a, b = (ctx["bases"][k] for k in args)
        return rounded(great_circle_line(a, b, spacing_km=100.0), DERIVED_DIGITS)
    if kind == "sea":
        return rounded(sea_footprint([ctx["seas"][n] for n in args]), 3)
    if kind == "zone":
        return rounded(ctx["zones"][args[0]], DERIVED_DIGITS)
    points = [place_point(name, ctx) for name in args]
    geom = Point(points[0]) if kind == "point" else LineString(points)
    return rounded(geom, 3)


def sea_footprint(seas: list) -> Polygon | MultiPolygon:
    """A light outline of the named seas for an event: simplified, islands not cut out."""
    parts = [
        Polygon(p.exterior)
        for sea in seas
        for p in getattr(sea, "geoms", [sea])
        if p.area >= EVENT_SEA_MIN_PART
    ]
    return unary_union(parts).simplify(EVENT_SEA_TOLERANCE)


def place_point(name: str, ctx) -> tuple[float, float]:
    """Position of a named place: hand-placed, a sea's inner point or a strait's middle."""
    if name.startswith("sea:"):
        return ctx["seas"][name[4:]].representative_point().coords[0]
    if name.startswith("strait:"):
        line = ctx["straits"][name[7:]][0]
        return line.interpolate(0.5, normalized=True).coords[0]
    return APPROX_PLACES[name]


def build_events(ctx) -> list[dict]:
    """Event features, checked against the base ids."""
    out = []
    for row in sorted(EVENTS, key=lambda r: (r["start"], r["id"])):
        for ref in ("staging_base", "home_base"):
            assert row[ref] is None or row[ref] in ctx["bases"], (row["id"], ref)
        props = {k: v for k, v in row.items() if k != "geometry"}
        props["sources"] = sources(row["sources"])
        out.append(feature(props, event_geometry(row["geometry"], ctx)))
    return out


# --- aircraft ---------------------------------------------------------------------------
def build_aircraft(used: set[str]) -> dict:
    """Aircraft type list; fails when a base or event uses a type not in it."""
    from layers.view.filters import aircraft_family

    rows = []
    for row in AIRCRAFT:
        row = {**row, "family": aircraft_family(row["type"])}
        if row["range"]:
            row["range"] = {**row["range"], "source": sources([row["range"]["source"]])[0]}
        rows.append(row)
    missing = used - {r["type"] for r in rows}
    assert not missing, f"aircraft types missing from the list: {sorted(missing)}"
    return {
        "description": "Aircraft types used in geodata/ (bases and events). Ranges only where "
        "docs/research/FACTS.md §7 publishes one.",
        "types": rows,
    }


# --- scramble statistics -----------------------------------------------------------------
def build_scrambles() -> dict:
    """JASDF scrambles per fiscal year (and the latest partial periods), sources resolved."""
    from tools.geodata_src.series.airspace_violations_japan import SCRAMBLES

    rows = [{**row, "sources": sources(row["sources"])} for row in SCRAMBLES]
    return {
        "description": "JASDF scrambles (緊急発進) by Japanese fiscal year (April–March) and by "
        "the country of the aircraft, as the Joint Staff Office announced them and the press "
        "reported them. A figure no source gives is null; nothing is derived.",
        "research": "docs/research/series/airspace_violations_japan.md",
        "rows": rows,
    }


def main() -> int:
    """Build every file; return 0."""
    seas = load_seas()
    senkaku, zones = senkaku_features()
    straits = strait_lines(land_parts())
    areas = [*senkaku, *sea_features(seas), *strait_features(straits), median_line_feature()]
    bases = build_bases()
    ctx = {
        "bases": {b["properties"]["id"]: tuple(b["geometry"]["coordinates"]) for b in bases},
        "seas": seas,
        "zones": zones,
        "straits": straits,
    }
    events = build_events(ctx)
    used = {a["type"] for e in events for a in e["properties"]["aircraft"]}
    used |= {t for b in bases for t in b["properties"]["aircraft"]}
    write_collection("bases.geojson", bases)
    write_collection("adiz.geojson", build_adiz())
    write_collection("areas.geojson", areas)
    write_collection("events.geojson", events)
    text = json.dumps(build_aircraft(used), ensure_ascii=False, indent=1) + "\n"
    (OUT / "aircraft.json").write_text(text, encoding="utf-8")
    text = json.dumps(build_scrambles(), ensure_ascii=False, indent=1) + "\n"
    (OUT / "scrambles.json").write_text(text, encoding="utf-8")
    print(f"bases {len(bases)}, adiz {len(build_adiz())}, areas {len(areas)}, events {len(events)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
