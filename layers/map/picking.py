"""Resolving a map click to the feature the user clicked: ``feature_at``.

``st_folium`` reports a click as a position (``last_object_clicked``) and the text of
the clicked shape's tooltip (``last_object_clicked_tooltip``). Leaflet delivers a
click to the shape drawn on top under the pointer, so that tooltip names exactly the
feature whose highlight the user sees: every tooltip carries a hidden reference
``⟦layer:id⟧`` (``layers.map.popups.tooltip_html``) and that reference decides.

Only a click that reached no shape with a tooltip (a label, a callout, the sea) is
resolved by position, with a tolerance of a few screen pixels at the map's zoom (a
line is hit only when the click is on the line, as the eye sees it): the nearest
point, else the nearest line, else the smallest area containing the click.
"""

from __future__ import annotations

import math
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
from layers.outputs.details import find_feature

POINT_LAYERS = ("events", "bases")
SHAPE_LAYERS = ("events", "areas", "adiz")  # events first: drawn on top of the zones
PICK_PIXELS = 6  # how far from a point or line a click still counts, in screen pixels
DEFAULT_ZOOM = 5
_METRES_PER_PIXEL_AT_ZOOM_0 = 156_543.034  # Web Mercator at the equator, 256 px tiles
_REF = re.compile(r"⟦([a-z_]+):([^⟧]+)⟧")


@dataclass(frozen=True, eq=False)
class FeatureHit:
    """The feature under a map click: its layer, id, row and distance from the click."""

    layer: str
    feature_id: str
    row: pd.Series
    distance_km: float


def ref_text(layer: str, feature_id: str) -> str:
    """The hidden reference a tooltip carries: ``⟦events:2025-12-10-…⟧``."""
    return f"⟦{layer}:{feature_id}⟧"


def tooltip_ref(label) -> tuple[str, str] | None:
    """``(layer, id)`` of a clicked tooltip's reference, or None.

    The tooltip's own reference ends its text: a name that imitates one comes before
    it, so the last one is taken.
    """
    found = _REF.findall(unescape(str(label or "")))
    return found[-1] if found else None


def pixel_tolerance_km(lat: float, zoom: float | None, pixels: float = PICK_PIXELS) -> float:
    """``pixels`` screen pixels in km at ``lat`` on a Web Mercator map at ``zoom``."""
    scale = _METRES_PER_PIXEL_AT_ZOOM_0 * math.cos(math.radians(lat)) / 2 ** float(zoom)
    return pixels * scale / 1000.0


def feature_at(
    frames: Mapping[str, pd.DataFrame],
    lat: float,
    lng: float,
    *,
    zoom: float | None = None,
    tolerance_km: float | None = None,
    layers: Iterable[str] | None = None,
    label: str | None = None,
) -> FeatureHit | None:
    """The feature at a clicked position (as ``st_folium``'s ``last_object_clicked``).

    ``label`` is the clicked shape's tooltip: its reference wins when that feature is
    among ``frames`` in a shown layer. Otherwise the click is resolved by position:
    ``tolerance_km`` (default: ``PICK_PIXELS`` at ``zoom``) around points and lines,
    then containment. ``lng`` may be outside [-180, 180] (a Pacific map window).
    """
    shown = set(layers) if layers is not None else set(frames)
    lng = from_window(float(lng))
    referenced = _referenced(frames, shown, tooltip_ref(label), lat, lng)
    if referenced is not None:
        return referenced
    if tolerance_km is None:
        tolerance_km = pixel_tolerance_km(lat, DEFAULT_ZOOM if zoom is None else zoom)
    for finder, keys in ((_point_hits, POINT_LAYERS), (_line_hits, SHAPE_LAYERS)):
        near = [
            hit
            for key in keys
            if key in shown
            for hit in finder(frames, key, lat, lng)
            if hit.distance_km <= tolerance_km
        ]
        if near:
            return min(near, key=lambda h: (h.distance_km, keys.index(h.layer)))
    for key in SHAPE_LAYERS:
        if key in shown:
            hit = _containing(frames, key, lat, lng)
            if hit is not None:
                return hit
    return None


def _referenced(frames, shown, ref, lat: float, lng: float) -> FeatureHit | None:
    if ref is None or ref[0] not in shown:
        return None
    row = find_feature(frames, *ref)
    if row is None:
        return None
    geom = row.geometry
    km = 0.0
    if geom is not None and not geom.is_empty:
        near = nearest_points(geom, Point(lng, lat))[0]
        km = distance_m((near.x, near.y), (lng, lat)) / 1000.0
    return FeatureHit(ref[0], ref[1], row, km)


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
