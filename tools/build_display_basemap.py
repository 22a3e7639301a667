"""Derive the lighter world basemap the map draws, from the shipped 1:50m Pacific file.

    .venv/bin/python tools/build_display_basemap.py

The 1:50m world layer is only drawn as the backdrop outside the 1:10m regional layer
(which takes over around Japan from zoom 5), where a 0.05° (about 5 km) simplification
is below one screen pixel up to zoom 4. Simplifying and rounding to 0.01° takes the
file from ~890 kB to ~500 kB, which keeps the page under the 1.5 MB payload target.
Deterministic: the same input gives byte-identical output.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

BASEMAP = Path(__file__).resolve().parent.parent / "geodata" / "basemap"
SOURCE = BASEMAP / "world_countries_50m_pacific.geojson"
TARGET = BASEMAP / "world_countries_50m_pacific_display.geojson"
TOLERANCE_DEG = 0.05
GRID_DEG = 0.01


def simplified(geometry: dict):
    geom = shape(geometry).simplify(TOLERANCE_DEG, preserve_topology=True)
    geom = shapely.make_valid(shapely.set_precision(geom, GRID_DEG))
    return None if geom.is_empty else shapely.orient_polygons(geom)  # RFC 7946 winding


def main() -> None:
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    features = []
    for feature in source["features"]:
        geom = simplified(feature["geometry"])
        if geom is None or geom.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        features.append(
            {"type": "Feature", "properties": feature["properties"], "geometry": mapping(geom)}
        )
    out = {
        "type": "FeatureCollection",
        "name": "world_countries_50m_pacific_display",
        "source": f"{SOURCE.name} simplified {TOLERANCE_DEG} deg, grid {GRID_DEG} deg",
        "features": features,
    }
    text = json.dumps(out, separators=(",", ":"), ensure_ascii=False)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.name}: {len(features)} features, {len(text) // 1024} kB")


if __name__ == "__main__":
    main()
