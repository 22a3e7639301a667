"""Realistic fixture frames for rendering tests (schema field names; lists as lists)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, MultiLineString, Point, Polygon

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _src(i=0, url="https://www.mod.go.jp/js/press/2025/example.html"):
    return [
        {
            "title": f"Press release {i}",
            "publisher": "Japan MoD",
            "url": url,
            "published": "2025-03-04",
            "retrieved": "2025-03-05",
        }
    ]


def _common(i, name, precision="exact", confidence="high", url=None):
    return {
        "id": f"f{i}",
        "name": name,
        "aliases": [],
        "sources": _src(i, url) if url else _src(i),
        "confidence": confidence,
        "place_precision": precision,
        "notes": None,
    }


def bases_frame(extra: int = 0) -> gpd.GeoDataFrame:
    rows = [
        {
            **_common(1, "Dyess AFB"),
            "country": "USA",
            "operator": "USAF",
            "icao": "KDYS",
            "units": ["7th Bomb Wing"],
            "aircraft": ["B-1B"],
            "geometry": Point(-99.85, 32.42),
        },
        {
            **_common(2, "Misawa AB"),
            "country": "JPN",
            "operator": "JASDF; USAF",
            "icao": "RJSM",
            "units": ["35th FW"],
            "aircraft": ["F-35A", "F-16C"],
            "geometry": Point(141.37, 40.70),
        },
        {
            **_common(3, XSS, precision="approximate", url="javascript:alert(3)"),
            "country": "CHN",
            "operator": "PLAAF",
            "icao": None,
            "units": [],
            "aircraft": [],
            "geometry": Point(121.0, 31.0),
        },
    ]
    for k in range(extra):
        rows.append(
            {
                **_common(100 + k, f"Base {k}"),
                "country": "KOR",
                "operator": "ROKAF",
                "icao": None,
                "units": ["unit"],
                "aircraft": ["F-15K"],
                "geometry": Point(127.0 + k * 0.01, 36.0),
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def adiz_frame() -> gpd.GeoDataFrame:
    ecs = Polygon(
        [
            (121.78, 33.18),
            (125.0, 33.18),
            (128.33, 31.0),
            (125.0, 25.63),
            (123.0, 24.75),
            (120.97, 26.73),
            (121.78, 33.18),
        ]
    )
    jadiz_exact = LineString([(138.75, 45.75), (133.0, 40.67), (133.0, 37.29), (130.50, 36.0)])
    jadiz_approx = LineString([(130.50, 36.0), (127.0, 33.0), (125.0, 33.0), (123.0, 23.0)])
    rows = [
        {
            **_common(10, "East China Sea ADIZ"),
            "declaring_state": "CHN",
            "effective": "2013-11-23",
            "basis": "six published points",
            "geometry": ecs,
        },
        {
            **_common(11, "JADIZ (published points)"),
            "declaring_state": "JPN",
            "effective": "1969-08-29",
            "basis": "Directive 36",
            "geometry": jadiz_exact,
        },
        {
            **_common(12, "JADIZ (inferred)", precision="approximate", confidence="low"),
            "declaring_state": "JPN",
            "effective": None,
            "basis": "inferred",
            "geometry": jadiz_approx,
        },
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def areas_frame() -> gpd.GeoDataFrame:
    sea = Polygon([(129, 36), (138, 36), (140, 44), (131, 42), (129, 36)])
    ts = Point(123.47, 25.74).buffer(0.2)
    cz = Point(123.47, 25.74).buffer(0.4)
    rows = [
        {
            **_common(20, "Sea of Japan", precision="approximate"),
            "category": "sea",
            "country": None,
            "basis": "IHO S-23",
            "geometry": sea,
        },
        {
            **_common(21, "Uotsuri-shima"),
            "category": "island",
            "country": "JPN",
            "basis": None,
            "geometry": Point(123.47, 25.74),
        },
        {
            **_common(22, "Senkaku territorial sea"),
            "category": "territorial_sea",
            "country": "JPN",
            "basis": "12 nm",
            "geometry": ts,
        },
        {
            **_common(23, "Senkaku contiguous zone"),
            "category": "contiguous_zone",
            "country": "JPN",
            "basis": "24 nm",
            "geometry": cz,
        },
        {
            **_common(24, "Tsushima Strait"),
            "category": "strait",
            "country": None,
            "basis": None,
            "geometry": LineString([(129.3, 34.7), (130.0, 33.9)]),
        },
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _event(i, name, kind, start, end, geom, approximate=False, **extra):
    row = {
        **_common(i, name, precision="approximate" if approximate else "exact"),
        "exercise_id": extra.pop("exercise_id", f"ex{i}"),
        "exercise": extra.pop("exercise", name),
        "kind": kind,
        "start": start,
        "end": end,
        "time_precision": "day",
        "participants": extra.pop("participants", ["USA", "JPN"]),
        "aircraft": extra.pop("aircraft", [{"type": "B-1B", "count": 2, "operator": "USAF"}]),
        "units": [],
        "staging_base": None,
        "home_base": None,
        "summary": "what happened",
        "basis": None,
        "start_date": pd.Timestamp(start[:10]),
        "end_date": pd.Timestamp(end[:10]),
        "approximate": approximate,
        "origin": "catalogue",
        "geometry": geom,
    }
    row.update(extra)
    return row


def events_frame(extra: int = 0) -> gpd.GeoDataFrame:
    cut_route = MultiLineString(
        [
            [(-99.85, 32.42), (-150.0, 50.0), (-180.0, 54.89)],
            [(180.0, 54.89), (160.0, 52.0), (141.37, 40.70)],
        ]
    )
    rows = [
        _event(30, "Bomber task force flight", "deployment", "2025-03-01", "2025-03-02", cut_route),
        _event(
            31,
            "Joint bomber patrol",
            "joint_patrol",
            "2024-11-29",
            "2024-11-29",
            LineString([(128, 34), (129.5, 36), (131, 38)]),
            participants=["CHN", "RUS"],
            aircraft=[
                {"type": "H-6K", "count": 2, "operator": "PLAAF"},
                {"type": "Tu-95MS", "count": None, "operator": "VKS"},
            ],
        ),
        _event(
            32,
            XSS,
            "incident",
            "2025-06-07T16:32+09:00",
            "2025-06-07T16:32+09:00",
            Point(124.0, 26.0),
            approximate=True,
        ),
        _event(
            33,
            "Exercise area",
            "naval_exercise",
            "2025-07-01",
            "2025-07-05",
            Polygon([(125, 30), (127, 30), (127, 31), (125, 31), (125, 30)]),
        ),
    ]
    for k in range(extra):
        rows.append(
            _event(
                1000 + k,
                f"Scramble {k}",
                "airspace_violation",
                "2025-01-10",
                "2025-01-10",
                Point(125 + (k % 50) * 0.1, 27 + (k // 50) * 0.1),
            )
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def frames(extra_bases: int = 0, extra_events: int = 0) -> dict:
    return {
        "bases": bases_frame(extra_bases),
        "adiz": adiz_frame(),
        "areas": areas_frame(),
        "events": events_frame(extra_events),
    }
