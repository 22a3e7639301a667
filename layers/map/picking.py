"""Resolving a map click to a feature: ``feature_at`` (moved here from ``layers.outputs.details``).

``st_folium`` reports a click as a position (``last_object_clicked``) and, for a
marker or shape, its tooltip text (``last_object_clicked_tooltip``). The nearest
event or base point wins, then the nearest line, then the smallest polygon that
contains the click. Two features on one spot (the Liaoning carrier group and the
J-15 radar lock of 6 Dec 2025 share an approximate point) are told apart by the
clicked tooltip: ``label``, whose text starts with the feature's name.

NOTE: rebuilt by UI-MAP after an accidental overwrite; the owner should check it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import unescape

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point
from shapely.ops import nearest_points

from layers.geo.geodesy import GEOD, distance_m
from layers.geo.longitude import from_window

POINT_LAYERS = ("events", "bases")
SHAPE_LAYERS = ("events", "areas", "adiz")  # events first: the user is looking at activity


@dataclass(frozen=True, eq=False)
class FeatureHit:
    """The feature under a map click: its layer, id, row and distance from the click."""

    layer: str
    feature_id: str
    row: pd.Series
    distance_km: float


def feature_at(
    frames: Mapping[str, pd.DataFrame],
    lat: float,
    lng: float,
    *,
    tolerance_km: float = 25.0,
    layers: Iterable[str] | None = None,
    label: str | None = None,
) -> FeatureHit | None:
    """The feature at a clicked position (as ``st_folium``'s ``last_object_clicked``).

    The nearest event or base point within ``tolerance_km`` (geodesic) wins; else the
    nearest line within the tolerance; else the smallest polygon containing the
    click, event areas before areas and ADIZ. ``lng`` may be outside [-180, 180]
    (a Pacific map window); data longitudes beyond 180 are matched too. ``label`` is
    the clicked feature's tooltip (HTML or text): among the points within the
    tolerance, one whose name the label starts with wins.
    """
    shown = set(layers) if layers is not None else set(frames)
    lng = from_window(float(lng))
    hits = [h for key in POINT_LAYERS if key in shown for h in _point_hits(frames, key, lat, lng)]
    hits += [h for key in SHAPE_LAYERS if key in shown for h in _line_hits(frames, key, lat, lng)]
    near = [h for h in hits if h.distance_km <= tolerance_km]
    named = _named_points(frames, shown, lat, lng, tolerance_km, label)
    if named:
        return min(named, key=lambda h: (-len(str(h.row["name"])), h.distance_km))
    if near:
        return min(
            near,
            key=lambda h: (
                h.distance_km,
                POINT_LAYERS.index(h.layer) if h.layer in POINT_LAYERS else 9,
            ),
        )
    for key in SHAPE_LAYERS:
        if key in shown:
            hit = _containing(frames, key, lat, lng)
            if hit is not None:
                return hit
    return None


def _frame_of(frames, key: str, kinds: tuple[str, ...]) -> pd.DataFrame | None:
    frame = frames.get(key)
    if frame is None or frame.empty:
        return None
    part = frame.loc[frame.geometry.geom_type.isin(kinds)]
    return None if part.empty else part


def _point_hits(frames, key: str, lat: float, lng: float) -> list[FeatureHit]:
    points = _frame_of(frames, key, ("Point",))
    if points is None:
        return []
    lons, lats = points.geometry.x.to_numpy(), points.geometry.y.to_numpy()
    _, _, metres = GEOD.inv(np.full(len(lons), lng), np.full(len(lats), lat), lons, lats)
    best = int(np.argmin(metres))
    row = points.iloc[best]
    return [FeatureHit(key, str(row["id"]), row, float(metres[best]) / 1000.0)]


def _line_hits(frames, key: str, lat: float, lng: float) -> list[FeatureHit]:
    lines = _frame_of(frames, key, ("LineString", "MultiLineString"))
    if lines is None:
        return []
    hits = []
    for _, row in lines.iterrows():
        best = min(
            (nearest_points(row.geometry, Point(lng + turn, lat))[0] for turn in (0, 360, -360)),
            key=lambda p: distance_m((p.x, p.y), (lng, lat)),
        )
        km = distance_m((best.x, best.y), (lng, lat)) / 1000.0
        hits.append(FeatureHit(key, str(row["id"]), row, km))
    return hits


def _containing(frames, key: str, lat: float, lng: float) -> FeatureHit | None:
    shapes = _frame_of(frames, key, ("Polygon", "MultiPolygon"))
    if shapes is None:
        return None
    geoms = shapes.geometry.to_numpy()
    inside = np.zeros(len(geoms), dtype=bool)
    for turn in (0, 360, -360):
        inside |= shapely.contains_xy(geoms, lng + turn, lat)
    if not inside.any():
        return None
    candidates = shapes.loc[inside]
    row = candidates.iloc[int(np.argmin(shapely.area(candidates.geometry.to_numpy())))]
    return FeatureHit(key, str(row["id"]), row, 0.0)


_TAG = re.compile(r"<[^>]*>")


def label_text(label) -> str:
    """The text of a tooltip (HTML tags dropped, entities decoded), first line first."""
    text = unescape(_TAG.sub("\n", str(label or "")))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _named_points(frames, shown, lat, lng, tolerance_km, label) -> list[FeatureHit]:
    """Points within the tolerance whose name starts the label's text."""
    text = label_text(label)
    if not text:
        return []
    found = []
    for key in POINT_LAYERS:
        points = _frame_of(frames, key, ("Point",)) if key in shown else None
        if points is None or "name" not in points:
            continue
        names = points["name"].astype(str)
        chosen = points.loc[[bool(n) and text.startswith(n) for n in names]]
        if chosen.empty:
            continue
        lons, lats = chosen.geometry.x.to_numpy(), chosen.geometry.y.to_numpy()
        _, _, metres = GEOD.inv(np.full(len(lons), lng), np.full(len(lats), lat), lons, lats)
        for position, m in enumerate(metres):
            if m / 1000.0 <= tolerance_km:
                row = chosen.iloc[position]
                found.append(FeatureHit(key, str(row["id"]), row, float(m) / 1000.0))
    return found
