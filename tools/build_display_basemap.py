"""Derive the lighter basemap files the map draws at low zoom, from the shipped ones.

    .venv/bin/python tools/build_display_basemap.py

* World: the 1:50m world layer is only drawn as the backdrop outside the 1:10m regional
  layer (which takes over around Japan from zoom 5), where a 0.05° (about 5 km)
  simplification is below one screen pixel up to zoom 4. Simplifying and rounding to
  0.01° takes the file from ~890 kB to ~500 kB.
* Region: at zoom 5 and 6, where the app opens, a 0.01° (about 1 km) simplification of
  the 1:10m regional layer is below half a screen pixel (a pixel is 0.044° at zoom 5,
  0.022° at zoom 6): 7,700 points instead of 16,800, each of which the page projected,
  clipped and drew twice (fill and outline) before the first picture. From zoom 7 the
  map draws the full file. Kept on the same 0.001° grid, so the straight clip edges stay
  exactly on the box.

Deterministic: the same input gives byte-identical output.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

BASEMAP = Path(__file__).resolve().parent.parent / "geodata" / "basemap"
# (source, target, simplification tolerance in degrees, grid in degrees)
DERIVED = (
    ("world_countries_50m_pacific.geojson", "world_countries_50m_pacific_display.geojson",
     0.05, 0.01),
    ("region_countries_10m.geojson", "region_countries_10m_display.geojson", 0.01, 0.001),
)  # fmt: skip


def simplified(geometry: dict, tolerance: float, grid: float):
    geom = shape(geometry).simplify(tolerance, preserve_topology=True)
    geom = shapely.make_valid(shapely.set_precision(geom, grid))
    return None if geom.is_empty else shapely.orient_polygons(geom)  # RFC 7946 winding


def derive(source_name: str, target_name: str, tolerance: float, grid: float) -> None:
    source = json.loads((BASEMAP / source_name).read_text(encoding="utf-8"))
    features = []
    for feature in source["features"]:
        geom = simplified(feature["geometry"], tolerance, grid)
        if geom is None or geom.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        features.append(
            {"type": "Feature", "properties": feature["properties"], "geometry": mapping(geom)}
        )
    out = {
        "type": "FeatureCollection",
        "name": Path(target_name).stem,
        "source": f"{source_name} simplified {tolerance} deg, grid {grid} deg",
        "features": features,
    }
    text = json.dumps(out, separators=(",", ":"), ensure_ascii=False)
    (BASEMAP / target_name).write_text(text, encoding="utf-8")
    print(f"wrote {target_name}: {len(features)} features, {len(text) // 1024} kB")


def main() -> None:
    for source_name, target_name, tolerance, grid in DERIVED:
        derive(source_name, target_name, tolerance, grid)


if __name__ == "__main__":
    main()
