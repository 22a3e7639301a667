"""Analyst overlays: geodesic range rings and a measured great-circle line, as one folium group.

Everything is a geodesic on WGS84 (``layers.geo.geodesy``, pyproj) and drawn in the map's
continuous Pacific window [-30, 330), like the data layers. A ring large enough to go
round a pole does not close in longitude: it is drawn as one open line across the
window (each meridian crosses it once), not as a closed loop with a 360° jump.
Labels are plain text, escaped before they reach Leaflet (tooltips are HTML there).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

import folium
import numpy as np

from layers.catalogue.registry import GEODATA_DIR
from layers.geo.geodesy import distance_m, geodesic_circle, great_circle_points
from layers.geo.longitude import from_window, shift_coords_to_window, to_window
from layers.geo.units import format_distance

RING_COLOUR = "#b5179e"
MEASURE_COLOUR = "#0b7285"
RING_VERTICES = 360
_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Ring:
    """A range ring: ``radius_m`` geodesic metres around ``center`` (lon, lat)."""

    center: tuple[float, float]
    radius_m: float
    label: str


@dataclass(frozen=True)
class Measure:
    """A measured geodesic between two (lon, lat) points, with its endpoints' names."""

    start: tuple[float, float]
    end: tuple[float, float]
    start_name: str
    end_name: str

    @property
    def metres(self) -> float:
        """Geodesic length on WGS84."""
        return distance_m(self.start, self.end)

    @property
    def text(self) -> str:
        """``"Misawa → Andersen: 2,707.3 km (1,461.8 nm)"``."""
        return f"{self.start_name} → {self.end_name}: {format_distance(self.metres)}"


class CoordinateError(ValueError):
    """Typed coordinates that cannot be used, with what to type instead."""


def parse_latlon(text: str) -> tuple[float, float]:
    """``"34.5, 132.1"`` (latitude first, decimal degrees) → (lon, lat)."""
    match = _LATLON.match(str(text))
    if not match:
        raise CoordinateError(
            f"'{text}' is not a position: type latitude, longitude in decimal degrees, "
            "e.g. '13.58, 144.93'."
        )
    lat, lon = float(match.group(1)), float(match.group(2))
    if not -90 <= lat <= 90:
        raise CoordinateError(
            f"Latitude {lat:g} is out of range (-90 to 90). Latitude comes first."
        )
    if not -180 <= lon <= 360:
        raise CoordinateError(f"Longitude {lon:g} is out of range (-180 to 180).")
    return (from_window(lon), lat)


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
        text = f"{ring.label}: {format_distance(ring.radius_m)}"
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
