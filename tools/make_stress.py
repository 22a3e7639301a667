"""Generate a synthetic stress catalogue of N events (seeded, reproducible).

    python tools/make_stress.py --n 100000 --seed 7 --out bench/out/stress-100k.parquet

Every event is marked synthetic (id prefix ``syn-``, exercise "SYNTHETIC stress data",
confidence ``unverified``, a source titled "Synthetic stress data — not real events")
so it can never be mistaken for the sourced catalogue. Output format follows the
extension: ``.parquet`` (GeoParquet, for the large case), ``.csv`` or ``.geojson``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from layers.catalogue.schema import EVENT_KINDS

# Cluster centres (lon, lat, spread in degrees): places where real activity concentrates.
# They only shape the synthetic cloud; no synthetic event claims to be real.
_CLUSTERS = (
    (123.5, 25.8, 0.6),  # Senkaku Islands
    (125.5, 24.8, 1.0),  # Miyako Strait
    (129.5, 34.5, 0.8),  # Tsushima / Korea Strait
    (134.0, 40.0, 2.5),  # Sea of Japan
    (126.0, 29.0, 2.0),  # East China Sea
    (141.5, 45.6, 0.7),  # Soya / La Perouse Strait
)
_AIRCRAFT = (
    ("H-6K", "PLAAF"),
    ("Tu-95MS", "Russian Aerospace Forces"),
    ("Y-9", "PLA"),
    ("J-16", "PLAAF"),
    ("F-15J", "JASDF"),
    ("B-52H", "USAF"),
)
_PARTICIPANTS = ("CHN", "RUS", "JPN", "USA", "KOR")
SYNTHETIC_SOURCE = {
    "title": "Synthetic stress data — not real events",
    "publisher": "briefing-map tools/make_stress.py",
    "url": "docs/scale.md",
    "published": None,
    "retrieved": None,
}


def make_events(
    n: int, seed: int = 7, start: str = "2016-01-01", days: int = 3652
) -> gpd.GeoDataFrame:
    """A GeoDataFrame of ``n`` synthetic events; the same ``n`` and ``seed`` give the same rows."""
    rng = np.random.default_rng(seed)
    which = rng.integers(0, len(_CLUSTERS), n)
    centres = np.array(_CLUSTERS)[which]
    lon = np.round(centres[:, 0] + rng.normal(0, 1, n) * centres[:, 2], 5)
    lat = np.round(np.clip(centres[:, 1] + rng.normal(0, 1, n) * centres[:, 2], -89, 89), 5)
    first = np.datetime64(start, "D")
    start_days = first + rng.integers(0, days, n).astype("timedelta64[D]")
    end_days = start_days + rng.choice([0, 0, 0, 1, 2], n).astype("timedelta64[D]")
    kinds = np.array(list(EVENT_KINDS))[rng.integers(0, len(EVENT_KINDS), n)]
    craft = rng.integers(0, len(_AIRCRAFT), n)
    counts = rng.integers(1, 7, n)
    who = np.array(_PARTICIPANTS)[rng.integers(0, len(_PARTICIPANTS), n)]
    ids = np.char.add("syn-", np.char.zfill(np.arange(n).astype(str), 7))
    frame = pd.DataFrame(
        {
            "id": ids,
            "name": np.char.add("Synthetic event ", np.arange(n).astype(str)),
            "exercise_id": "synthetic",
            "exercise": "SYNTHETIC stress data",
            "kind": kinds,
            "start": np.datetime_as_string(start_days),
            "end": np.datetime_as_string(end_days),
            "time_precision": "day",
            "participants": [[p] for p in who],
            "aircraft": [
                [{"type": _AIRCRAFT[c][0], "count": int(k), "operator": _AIRCRAFT[c][1]}]
                for c, k in zip(craft, counts, strict=True)
            ],
            "summary": "Synthetic event for load testing; not a real event.",
            "sources": [[SYNTHETIC_SOURCE]] * n,
            "confidence": "unverified",
            "place_precision": "approximate",
        }
    )
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")


def write(events: gpd.GeoDataFrame, out: Path) -> None:
    """Write in the format the extension names (atomically: temp file, then rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    suffix = out.suffix.lower()
    if suffix == ".parquet":
        events.to_parquet(tmp)
    elif suffix == ".geojson":
        tmp.write_text(events.to_json(drop_id=True), encoding="utf-8")
    elif suffix == ".csv":
        flat = pd.DataFrame(events.drop(columns="geometry"))
        flat["latitude"], flat["longitude"] = events.geometry.y, events.geometry.x
        for column in ("participants", "aircraft", "sources"):
            flat[column] = flat[column].map(lambda v: json.dumps(v, ensure_ascii=False))
        flat.to_csv(tmp, index=False)
    else:
        raise SystemExit(f"unknown output format {suffix!r}: use .parquet, .geojson or .csv")
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="number of events")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help=".parquet, .geojson or .csv")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    write(make_events(args.n, args.seed), args.out)
    print(f"wrote {args.n:,} synthetic events to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
