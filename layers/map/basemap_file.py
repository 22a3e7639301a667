"""The basemap as the browser gets it: quantised, delta-encoded rings (lossless).

The shipped basemap (``geodata/basemap``, GeoJSON, coordinates on a 0.01° or 0.001°
grid) is 768 kB of text that every page load fetches and parses, and that the server
gzips afresh for every request (Streamlit compresses ``/app/static`` on the fly, about
36 ms of its CPU per page while the map's frame is loading its scripts). The same
coordinates as integers on their grid, each ring's points as differences from the
previous one (the quantisation and delta coding TopoJSON uses, without the topology),
are 326 kB, gzip in 16 ms and parse faster. ``DECODE_JS``, in the map page
(``layers/map/elements/basemap.py``), turns them back into GeoJSON with each feature's
bounding box; encoding refuses a coordinate off the grid, so the round trip is exact.

Format: ``{"format": "briefing-basemap", "version": 1, "scale": S, "name": …,
"source": …, "features": [[name, iso_n3, polygons], …]}``; ``polygons`` is a MultiPolygon's list of
polygons, each a list of rings ``[x0, y0, dx1, dy1, …]`` in units of ``1/S`` degree.
"""

from __future__ import annotations

import json

FORMAT = "briefing-basemap"
VERSION = 1
SCALES = (100, 1000, 10000)  # the finest grid the shipped files use is 0.001°


def _polygons(geometry: dict, where: str) -> list:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"{where}: geometry type {kind!r} is not Polygon or MultiPolygon")


def _on_grid(value: float, scale: int) -> bool:
    return abs(value * scale - round(value * scale)) < 1e-6


def grid_scale(collection: dict, name: str = "basemap") -> int:
    """The coarsest grid of ``SCALES`` every coordinate of ``collection`` lies on."""
    values = [
        value
        for index, feature in enumerate(collection["features"])
        for polygon in _polygons(feature["geometry"], f"{name}: feature {index}")
        for ring in polygon
        for point in ring
        for value in point[:2]
    ]
    for scale in SCALES:
        if all(_on_grid(v, scale) for v in values):
            return scale
    raise ValueError(f"{name}: coordinates are finer than 1/{SCALES[-1]} degree")


def _ring(points: list, scale: int) -> list[int]:
    flat, last_x, last_y = [], 0, 0
    for point in points:
        x, y = round(point[0] * scale), round(point[1] * scale)
        flat += [x - last_x, y - last_y]
        last_x, last_y = x, y
    return flat


def encode(collection: dict, name: str = "basemap") -> dict:
    """The compact form of a Polygon/MultiPolygon FeatureCollection (exact)."""
    scale = grid_scale(collection, name)
    features = []
    for index, feature in enumerate(collection["features"]):
        props = feature.get("properties") or {}
        polygons = _polygons(feature["geometry"], f"{name}: feature {index}")
        rings = [[_ring(ring, scale) for ring in polygon] for polygon in polygons]
        features.append([props.get("name"), props.get("iso_n3"), rings])
    return {
        "format": FORMAT,
        "version": VERSION,
        "scale": scale,
        "name": collection.get("name") or name,
        "source": collection.get("source"),
        "features": features,
    }


def decode(compact: dict) -> dict:
    """GeoJSON back from :func:`encode`, each feature with its ``bbox``.

    As the page's ``DECODE_JS`` does: the map adds the countries near its view first.
    """
    scale = compact["scale"]
    features = []
    for name, iso, polygons in compact["features"]:
        coordinates = []
        for polygon in polygons:
            rings = []
            for flat in polygon:
                x = y = 0
                ring = []
                for i in range(0, len(flat), 2):
                    x, y = x + flat[i], y + flat[i + 1]
                    ring.append([x / scale, y / scale])
                rings.append(ring)
            coordinates.append(rings)
        points = [p for polygon in coordinates for ring in polygon for p in ring]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "iso_n3": iso},
                "bbox": [min(xs), min(ys), max(xs), max(ys)] if points else None,
                "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def compact_text(geojson_text: str, name: str = "basemap") -> str:
    """The compact file's text from a shipped GeoJSON file's text."""
    return json.dumps(encode(json.loads(geojson_text), name), separators=(",", ":"))


# The page's decoder, the twin of :func:`decode`.
DECODE_JS = """function (c) {
  var s = c.scale;
  return {type: "FeatureCollection", features: c.features.map(function (f) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    var coordinates = f[2].map(function (polygon) {
      return polygon.map(function (flat) {
        var ring = new Array(flat.length / 2), x = 0, y = 0;
        for (var i = 0; i < flat.length; i += 2) {
          x += flat[i]; y += flat[i + 1];
          ring[i / 2] = [x / s, y / s];
          if (x < box[0]) { box[0] = x; } if (x > box[2]) { box[2] = x; }
          if (y < box[1]) { box[1] = y; } if (y > box[3]) { box[3] = y; }
        }
        return ring;
      });
    });
    return {type: "Feature", properties: {name: f[0], iso_n3: f[1]},
            bbox: box.map(function (v) { return v / s; }),
            geometry: {type: "MultiPolygon", coordinates: coordinates}};
  })};
}"""
