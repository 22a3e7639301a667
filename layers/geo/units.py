"""Distances typed by a user ("300 nm", "500 km", "500") turned into metres, and back.

One nautical mile is exactly 1,852 m (international definition). A bare number takes
the caller's default unit, so a ring-radius box labelled "nm" accepts "300".
"""

from __future__ import annotations

import math
import re

METRES_PER_NM = 1852.0
METRES_PER_KM = 1000.0
# Half the Earth's circumference: a ring or distance larger than this wraps the globe.
MAX_DISTANCE_M = 20_037_508.0

UNIT_ALIASES = {
    "nm": "nm",
    "nmi": "nm",
    "nautical mile": "nm",
    "nautical miles": "nm",
    "km": "km",
    "kms": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
}
_METRES_PER_UNIT = {"nm": METRES_PER_NM, "km": METRES_PER_KM}
_DISTANCE = re.compile(r"^(?P<number>[0-9][0-9,_]*(?:\.[0-9]*)?|\.[0-9]+)\s*(?P<unit>[a-z. ]*)$")


class DistanceError(ValueError):
    """A distance the user typed that cannot be used, with what to type instead."""


def nm_to_m(nm: float) -> float:
    """Nautical miles to metres."""
    return float(nm) * METRES_PER_NM


def km_to_m(km: float) -> float:
    """Kilometres to metres."""
    return float(km) * METRES_PER_KM


def m_to_nm(metres: float) -> float:
    """Metres to nautical miles."""
    return float(metres) / METRES_PER_NM


def m_to_km(metres: float) -> float:
    """Metres to kilometres."""
    return float(metres) / METRES_PER_KM


def parse_distance(text: str, *, default_unit: str = "nm") -> float:
    """Parse "300 nm", "500 km", "1,000km" or "500" (in ``default_unit``) to metres.

    Parameters
    ----------
    text
        What the user typed. Units: ``nm``/``nmi``/nautical miles, ``km``/kilometres
        (any case). Thousands separators ``,`` and ``_`` are allowed.
    default_unit
        ``"nm"`` or ``"km"``: the unit of a bare number.

    Returns
    -------
    float
        The distance in metres, greater than 0 and at most half the Earth's circumference.

    Raises
    ------
    DistanceError
        With a message that says what was wrong and what to type.
    """
    if default_unit not in _METRES_PER_UNIT:
        raise ValueError(f"default_unit must be 'nm' or 'km', not {default_unit!r}")
    cleaned = " ".join(str(text).strip().lower().split())
    if not cleaned:
        raise DistanceError("Enter a distance, e.g. '300 nm' or '500 km'.")
    if cleaned.startswith("-"):
        raise DistanceError(f"'{text}' is negative: enter a distance greater than 0.")
    match = _DISTANCE.match(cleaned)
    if not match:
        raise DistanceError(f"'{text}' is not a distance: type a number and nm or km.")
    unit_text = match.group("unit").strip().rstrip(".")
    unit = UNIT_ALIASES.get(unit_text) if unit_text else default_unit
    if unit is None:
        raise DistanceError(f"Unknown unit '{unit_text}' in '{text}': use nm or km.")
    value = float(match.group("number").replace(",", "").replace("_", ""))
    metres = value * _METRES_PER_UNIT[unit]
    if not math.isfinite(metres) or metres <= 0:
        raise DistanceError(f"'{text}' is not greater than 0: enter a positive distance.")
    if metres > MAX_DISTANCE_M:
        limit = f"{m_to_km(MAX_DISTANCE_M):,.0f} km ({m_to_nm(MAX_DISTANCE_M):,.0f} nm)"
        raise DistanceError(f"'{text}' is more than half-way round the Earth (max {limit}).")
    return metres


def format_distance(metres: float, *, digits: int = 1) -> str:
    """A distance in both units, nautical miles first (aviators and mariners brief in nm).

    ``"5,260.6 nm (9,742.7 km)"``.
    """
    return f"{m_to_nm(metres):,.{digits}f} nm ({m_to_km(metres):,.{digits}f} km)"
