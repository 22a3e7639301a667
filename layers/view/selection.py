"""What a view selects: the features shown, their sources and the visible bounds.

Pure functions over the catalogue frames and a ``BriefingView``; the exporter, the
app and the command line share them, so the sources footer lists exactly what
the map draws.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import box

from layers.catalogue.registry import LAYERS_BY_KEY
from layers.catalogue.schema import EVENT_KINDS
from layers.geo.longitude import shift_points_to_window
from layers.view.filters import filter_view

TILE_PX = 256  # Leaflet/Web-Mercator: the world is 256 × 2**zoom px wide
_MERCATOR = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
_MERCATOR_MAX_Y = 20037508.342789244


class SelectionError(ValueError):
    """A selection that names unknown things or selects nothing."""


def check_selection(frames: dict, view) -> None:
    """Raise ``SelectionError`` when ``view`` names unknown ids or shows nothing."""
    events = frames["events"]
    known = set(events["exercise_id"].dropna().unique()) if view.exercises else set()
    unknown = sorted(set(view.exercises) - known)
    if unknown:
        valid = ", ".join(sorted(known))
        raise SelectionError(f"unknown exercise id(s): {', '.join(unknown)}. Valid ids: {valid}")
    bad_kinds = sorted(set(view.kinds) - set(EVENT_KINDS))
    if bad_kinds:
        raise SelectionError(
            f"unknown event kind(s): {', '.join(bad_kinds)}. Valid kinds: {', '.join(EVENT_KINDS)}"
        )
    bad_layers = sorted(set(view.layers) - set(LAYERS_BY_KEY))
    if bad_layers:
        raise SelectionError(
            f"unknown layer(s): {', '.join(bad_layers)}. Valid layers: {', '.join(LAYERS_BY_KEY)}"
        )
    if not view.layers:
        raise SelectionError("the selection shows no layer: nothing to draw")
    if "events" in view.layers and filter_view(events, view).empty:
        raise SelectionError(f"no events match the selection ({describe_filters(view)})")


def describe_filters(view) -> str:
    """Short text of the view's window and filters, for messages."""
    parts = [f"window {view.start or '…'} – {view.end or '…'}"]
    for name in ("exercises", "kinds", "participants", "aircraft"):
        values = getattr(view, name)
        if values:
            parts.append(f"{name}: {', '.join(values)}")
    return "; ".join(parts)


def shown_frames(frames: dict, view, bounds=None) -> dict:
    """The features ``view`` draws, per visible layer; within ``bounds`` when given.

    ``bounds`` is ``(west, south, east, north)`` in the map's continuous longitudes
    (see ``view_bounds``).
    """
    shown = {}
    for key in view.layers:
        if key not in frames:
            continue
        frame = filter_view(frames[key], view) if key == "events" else frames[key]
        if bounds is not None and len(frame):
            frame = frame.loc[_intersects(frame.geometry, bounds)]
        shown[key] = frame
    return shown


def _intersects(geometries, bounds) -> np.ndarray:
    # The map may show a longitude twice over (west of -180 or east of 180): test
    # the window at each of its three possible world copies.
    west, south, east, north = bounds
    hits = np.zeros(len(geometries), dtype=bool)
    for offset in (-360.0, 0.0, 360.0):
        window = box(west + offset, south, east + offset, north)
        hits |= shapely.intersects(np.asarray(geometries.values), window)
    return hits


def sources_for_view(frames: dict, view, bounds=None) -> list[dict]:
    """Distinct sources of every feature the view shows, sorted by publisher and title."""
    return sources_of(shown_frames(frames, view, bounds))


def sources_of(shown: dict) -> list[dict]:
    """Distinct sources of the features in ``shown`` (frames keyed by layer), sorted."""
    seen: dict[tuple, dict] = {}
    for frame in shown.values():
        for sources in frame["sources"]:
            for source in sources if sources is not None else ():
                key = (source.get("url") or "", source.get("publisher"), source.get("title"))
                seen.setdefault(key, dict(source))
    return sorted(seen.values(), key=lambda s: (str(s.get("publisher")), str(s.get("title"))))


def format_source(source: dict) -> str:
    """'Publisher: Title (2024-06-01) — url' as plain text (escape before HTML)."""
    text = f"{source.get('publisher', '')}: {source.get('title', '')}"
    published = _date_text(source.get("published"))
    if published:
        text += f" ({published})"
    url = str(source.get("url") or "")
    if url:
        text += " — " + url.removeprefix("https://").removeprefix("http://")
    return text


def _date_text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)[:10]


def _lat_of(y: float) -> float:
    y = min(max(y, -_MERCATOR_MAX_Y), _MERCATOR_MAX_Y)
    return _MERCATOR.transform(0.0, y, direction="INVERSE")[1]


def _y_of(lat: float) -> float:
    return _MERCATOR.transform(0.0, max(min(lat, 85.05), -85.05))[1]


def view_bounds(view, map_size: tuple[int, int]) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` that Leaflet shows at the view's centre and zoom.

    Leaflet centres the map on ``view.center`` at ``view.zoom`` in a map element of
    ``map_size`` px; the longitudes keep the map's window (may exceed 180).
    """
    lat, lon = view.center
    world_px = TILE_PX * 2**view.zoom
    half_lon = map_size[0] / 2 * 360.0 / world_px
    half_y = map_size[1] / 2 * (2 * _MERCATOR_MAX_Y) / world_px
    y = _y_of(lat)
    return lon - half_lon, _lat_of(y - half_y), lon + half_lon, _lat_of(y + half_y)


def fit_view(view, geometries, map_size: tuple[int, int], max_zoom: int = 6):
    """A copy of ``view`` centred and zoomed so ``geometries`` fill most of the map."""
    west, south, east, north = shapely.total_bounds(shift_points_to_window(geometries.values))
    y_south, y_north = _y_of(south), _y_of(north)
    width_px_at_0 = max(east - west, 1e-6) / 360.0 * TILE_PX
    height_px_at_0 = max(y_north - y_south, 1.0) / (2 * _MERCATOR_MAX_Y) * TILE_PX
    fill = 0.8  # leave a margin round the features
    zoom = math.floor(
        math.log2(min(map_size[0] * fill / width_px_at_0, map_size[1] * fill / height_px_at_0))
    )
    center = (_lat_of((y_south + y_north) / 2), (west + east) / 2)
    return view.with_changes(center=center, zoom=int(min(max(zoom, 2), max_zoom)))
