"""What the analyst adds to a view: range rings and measured distances (plain values).

They are part of the ``BriefingView`` so the link, the recipe, the command line, the
PNG, the HTML and the deck all carry them. Positions are ``(lon, lat)`` in degrees;
drawing them is ``layers.map.overlays``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layers.geo.geodesy import distance_m
from layers.geo.longitude import from_window
from layers.geo.units import DistanceError, format_distance, parse_distance

MAX_MARKS = 10  # rings, and measures, per view: more is clutter, not a briefing
MAX_LABEL_CHARS = 120
_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Ring:
    """A range ring: ``radius_m`` geodesic metres around ``center`` (lon, lat)."""

    center: tuple[float, float]
    radius_m: float
    label: str

    @property
    def text(self) -> str:
        """``"Misawa Air Base: 270.0 nm (500.0 km)"``."""
        return f"{self.label}: {format_distance(self.radius_m)}"


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
        """``"Misawa → Andersen: 1,461.8 nm (2,707.3 km)"``."""
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


def latlon_text(point: tuple[float, float]) -> str:
    """A (lon, lat) point as the text users type: ``"13.5800, 144.9300"``."""
    lon, lat = point
    return f"{lat:.4f}, {lon:.4f}"


# --- As text: the form the page link and the command line share ------------------------
# A ring is "LAT,LON;RADIUS_M;LABEL" and a measure "LAT,LON;LAT,LON;FROM;TO" (';' never
# appears in a label: it is replaced on the way in).


class MarkError(ValueError):
    """A ring or measure written wrong, with the form to use."""


def ring_to_text(ring: Ring) -> str:
    """``"40.703201,141.367996;555600.0;Misawa Air Base"``."""
    return f"{_point_text(ring.center)};{float(ring.radius_m)!r};{_label(ring.label)}"


def ring_from_text(text: str) -> Ring:
    """The ring ``ring_to_text`` wrote; ``MarkError`` names what is wrong."""
    parts = str(text).split(";", 2)
    if len(parts) != 3:
        raise MarkError(f"'{text}' is not a ring: write LAT,LON;RADIUS_M;LABEL")
    try:
        radius = float(parts[1])  # metres, as written by ring_to_text
    except ValueError:
        try:
            radius = parse_distance(parts[1])  # "300 nm", "500 km", as a person types it
        except DistanceError as exc:
            raise MarkError(f"'{parts[1]}' is not a radius: {exc}") from exc
    if not 0 < radius <= 20_037_509:
        raise MarkError(f"radius {radius:g} m is out of range (0 to half the Earth)")
    return Ring(_point(parts[0]), radius, _label(parts[2]))


def measure_to_text(measure: Measure) -> str:
    """``"40.703201,141.367996;13.584,144.929998;Misawa Air Base;Andersen AFB"``."""
    return ";".join(
        (
            _point_text(measure.start),
            _point_text(measure.end),
            _label(measure.start_name),
            _label(measure.end_name),
        )
    )


def measure_from_text(text: str) -> Measure:
    """The measure ``measure_to_text`` wrote; ``MarkError`` names what is wrong."""
    parts = str(text).split(";", 3)
    if len(parts) != 4:
        raise MarkError(f"'{text}' is not a distance: write LAT,LON;LAT,LON;FROM;TO")
    return Measure(_point(parts[0]), _point(parts[1]), _label(parts[2]), _label(parts[3]))


def _point_text(point: tuple[float, float]) -> str:
    lon, lat = point  # repr: the shortest text that reads back as the same number
    return f"{float(lat)!r},{float(lon)!r}"


def _point(text: str) -> tuple[float, float]:
    try:
        return parse_latlon(text)
    except CoordinateError as exc:
        raise MarkError(str(exc)) from exc


def _label(text: str) -> str:
    return " ".join(str(text).replace(";", ",").split())[:MAX_LABEL_CHARS]
