"""Analyst overlays: geodesic range rings and a measured great-circle line, as one folium group.

Everything is a geodesic on WGS84 (``layers.geo.geodesy``, pyproj) and drawn in the map's
continuous Pacific window [-30, 330), like the data layers. A ring large enough to go
round a pole does not close in longitude: it is drawn as one open line across the
window (each meridian crosses it once), not as a closed loop with a 360° jump.
Labels are plain text, escaped before they reach Leaflet (tooltips are HTML there).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from pathlib import Path

import folium
import numpy as np

from layers.catalogue.registry import GEODATA_DIR
from layers.geo.geodesy import geodesic_circle, great_circle_points
from layers.geo.longitude import shift_coords_to_window, to_window
from layers.view.marks import Measure, Ring

RING_COLOUR = "#b5179e"
MEASURE_COLOUR = "#0b7285"
RING_VERTICES = 360


def aircraft_ranges(path: Path | str = GEODATA_DIR / "aircraft.json") -> dict[str, dict]:
    """Aircraft types with a published range: type → the ``range`` record (km, text, …)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {
        item["type"]: item["range"]
        for item in data.get("types", [])
        if isinstance(item.get("range"), dict) and item["range"].get("km")
    }


def ring_latlons(ring: Ring) -> list[tuple[float, float]]:
    """(lat, lon) vertices of ``ring`` in the Pacific window, ready for a Leaflet line."""
    points = geodesic_circle(ring.center, ring.radius_m, RING_VERTICES)
    lons = np.array([p[0] for p in points])
    lats = np.array([p[1] for p in points])
    if abs(lons[-2] - lons[0]) > 180.0:  # went round a pole: one open line across the window
        lons, lats = to_window(lons[:-1]), lats[:-1]
        order = np.argsort(lons)
        lons, lats = lons[order], lats[order]
        return [(float(a), float(o)) for a, o in zip(lats, lons, strict=True)]
    return [(float(lat), float(lon)) for lon, lat in shift_coords_to_window(points)]


def measure_latlons(measure: Measure) -> list[tuple[float, float]]:
    """(lat, lon) vertices of the great-circle line, continuous in the Pacific window."""
    points = great_circle_points(measure.start, measure.end, spacing_km=25.0)
    return [(lat, lon) for lon, lat in shift_coords_to_window(points)]


def build_overlay_group(
    rings: Sequence[Ring] = (), measures: Sequence[Measure] = ()
) -> folium.FeatureGroup | None:
    """Range rings and measured lines as one feature group; ``None`` when there is none."""
    if not rings and not measures:
        return None
    group = folium.FeatureGroup(name="Range rings and distances", show=True)
    for ring in rings:
        text = ring.text
        folium.PolyLine(
            ring_latlons(ring),
            color=RING_COLOUR,
            weight=2,
            dash_array="6 4",
            class_name="bm-overlay bm-range-ring",
            tooltip=escape(text),
        ).add_to(group)
    for measure in measures:
        folium.PolyLine(
            measure_latlons(measure),
            color=MEASURE_COLOUR,
            weight=3,
            class_name="bm-overlay bm-measure",
            tooltip=escape(measure.text),
        ).add_to(group)
    return group
