"""A tiny catalogue for the article-drafting tests: a few bases, areas, an ADIZ, aircraft.

Coordinates are rounded test values, not catalogue facts; the drafting rules only need
names, aliases, categories and some geometry.
"""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import Point, Polygon

from layers.draft.gazetteer import Gazetteer


def _frame(rows: list[dict]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def bases() -> gpd.GeoDataFrame:
    return _frame([
        {"id": "misawa", "name": "Misawa Air Base", "aliases": ["Misawa AB"], "country": "JPN",
         "operator": "JASDF; USAF", "geometry": Point(141.37, 40.70)},
        {"id": "dyess", "name": "Dyess Air Force Base", "aliases": ["Dyess AFB"], "country": "USA",
         "operator": "USAF", "geometry": Point(-99.85, 32.42)},
        {"id": "andersen", "name": "Andersen Air Force Base", "aliases": ["Andersen AFB"],
         "country": "GUM", "operator": "USAF", "geometry": Point(144.93, 13.58)},
        {"id": "barksdale", "name": "Barksdale Air Force Base", "aliases": [], "country": "USA",
         "operator": "USAF", "geometry": Point(-93.66, 32.50)},
        {"id": "naha", "name": "Naha Air Base", "aliases": [], "country": "JPN",
         "operator": "JASDF", "geometry": Point(127.65, 26.20)},
    ])  # fmt: skip


def areas() -> gpd.GeoDataFrame:
    return _frame([
        {"id": "sea-of-japan", "name": "Sea of Japan", "aliases": ["East Sea", "Japan Sea"],
         "category": "sea", "country": None,
         "geometry": Polygon([(128, 35), (142, 35), (142, 51), (128, 43), (128, 35)])},
        {"id": "east-china-sea", "name": "East China Sea", "aliases": [], "category": "sea",
         "country": None,
         "geometry": Polygon([(120, 25), (130, 25), (130, 33), (120, 33), (120, 25)])},
        {"id": "senkaku", "name": "Senkaku Islands",
         "aliases": ["Diaoyu Islands", "Diaoyu", "Diaoyutai"], "category": "island",
         "country": "JPN", "geometry": Point(123.47, 25.74)},
        {"id": "tsushima-strait", "name": "Tsushima Strait", "aliases": ["Korea Strait"],
         "category": "strait", "country": None,
         "geometry": Polygon([(128.5, 33.5), (130.5, 33.5), (130.5, 35), (128.5, 35),
                              (128.5, 33.5)])},
    ])  # fmt: skip


def adiz() -> gpd.GeoDataFrame:
    return _frame([
        {"id": "jadiz", "name": "Japan ADIZ", "aliases": ["JADIZ", "Japan's ADIZ"],
         "declaring_state": "JPN",
         "geometry": Polygon([(123, 24), (146, 24), (146, 46), (123, 46), (123, 24)])},
    ])  # fmt: skip


def events() -> gpd.GeoDataFrame:
    return _frame([
        {"id": "btf-25-1-misawa", "name": "BTF 25-1", "exercise_id": "btf-25-1",
         "exercise": "Bomber Task Force 25-1", "geometry": Point(141.37, 40.70)},
    ])  # fmt: skip


AIRCRAFT = [
    {"type": "B-52H", "name": "Boeing B-52H Stratofortress", "family": "B-52",
     "aliases": ["Stratofortress", "BUFF"], "role": "bomber", "operators": ["USAF", "AFRC"]},
    {"type": "B-1B", "name": "Rockwell B-1B Lancer", "family": "B-1",
     "aliases": ["Lancer", "Bone"], "role": "bomber", "operators": ["USAF"]},
    {"type": "F-35A", "name": "F-35A Lightning II", "family": "F-35", "aliases": [],
     "role": "fighter", "operators": ["USAF", "JASDF"]},
    {"type": "F-35B", "name": "F-35B Lightning II", "family": "F-35", "aliases": [],
     "role": "fighter", "operators": ["USMC", "JASDF"]},
    {"type": "F-15J", "name": "Mitsubishi F-15J", "family": "F-15", "aliases": [],
     "role": "fighter", "operators": ["JASDF"]},
    {"type": "H-6K", "name": "Xian H-6K", "family": "H-6", "aliases": [], "role": "bomber",
     "operators": ["PLAAF"]},
    {"type": "H-6J", "name": "Xian H-6J", "family": "H-6", "aliases": [], "role": "bomber",
     "operators": ["PLAN"]},
    {"type": "Tu-95MS", "name": "Tupolev Tu-95MS", "family": "Tu-95", "aliases": ["Bear"],
     "role": "bomber", "operators": ["Russian Aerospace Forces"]},
]  # fmt: skip


def frames() -> dict[str, gpd.GeoDataFrame]:
    return {"bases": bases(), "areas": areas(), "adiz": adiz(), "events": events()}


def gazetteer() -> Gazetteer:
    return Gazetteer.from_catalogue(frames(), AIRCRAFT)
