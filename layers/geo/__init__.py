"""Geometry on the Earth: geodesics on WGS84, distance units, the map's longitude window.

* ``geodesy``: distances, great circles, geodesic rings and buffers (pyproj);
* ``units``: distances typed by a user ("300 nm") and shown in both units;
* ``longitude``: wrapping and unwrapping, and the one Pacific window [-30, 330).
"""

from layers import lazy_exports

__all__, __getattr__ = lazy_exports(
    __name__,
    {
        "geodesy": ("distance_km", "distance_m", "great_circle_line"),
        "units": ("DistanceError", "format_distance", "parse_distance"),
        "longitude": ("PACIFIC_WEST", "from_window", "shift_to_window", "to_window"),
    },
)
