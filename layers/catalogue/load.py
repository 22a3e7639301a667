"""Load validated GeoJSON into GeoDataFrames: the one way data enters the code.

Frames are in EPSG:4326 with one column per schema field (a missing optional field
is ``None``), lists as Python lists, and for every layer ``approximate`` and
``origin`` columns; events also get ``start_date`` / ``end_date`` (see the date
policy in ``layers.catalogue.schema``). Code after the load trusts the frames.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape

from layers.catalogue import registry, schema
from layers.catalogue.problems import GeoDataError, Problem, errors
from layers.catalogue.validate import ids_in_file, kind_from_filename, read_and_validate

# Columns computed here; a user property of the same name is dropped, not trusted.
DERIVED_COLUMNS = ("start_date", "end_date", "approximate", "origin", "geometry")


def frame_from_features(fc: dict, kind: str, *, origin: str = "catalogue") -> gpd.GeoDataFrame:
    """GeoDataFrame of an already-validated FeatureCollection of dataset ``kind``."""
    dataset = schema.SCHEMAS[kind]
    names = [f.name for f in dataset.all_fields]
    features = fc["features"]
    extra = _extra_names(features, names)
    columns: dict[str, pd.Series] = {}
    for name in names + extra:
        values = [f["properties"].get(name) for f in features]
        # object dtype keeps None (not NaN) and lists as they are
        columns[name] = pd.Series(values, dtype=object)
    frame = pd.DataFrame(columns)
    frame["approximate"] = (frame["place_precision"] == "approximate").astype(bool)
    frame["origin"] = origin
    if "start" in dataset.date_fields:
        frame["start_date"] = _calendar_day(frame["start"])
        frame["end_date"] = _calendar_day(frame["end"])
    geometry = [shape(f["geometry"]) for f in features]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=schema.CRS)


def _extra_names(features: list[dict], known: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for feature in features:
        for key in feature["properties"]:
            if key not in known and key not in DERIVED_COLUMNS:
                seen.setdefault(key)
    return list(seen)


def _calendar_day(values: pd.Series) -> pd.Series:
    # the first ten characters are the calendar day in the value's own UTC offset
    days = values.map(lambda v: v[:10] if isinstance(v, str) else None)
    return pd.to_datetime(days, format="%Y-%m-%d").astype("datetime64[s]")


def read_layer(
    path, kind: str | None = None, *, base_ids=None, origin: str = "catalogue"
) -> gpd.GeoDataFrame:
    """Validate and load one GeoJSON file; raise ``GeoDataError`` listing all errors."""
    fc, problems = read_and_validate(path, kind=kind, base_ids=base_ids)
    if errors(problems):
        raise GeoDataError(errors(problems))
    kind = kind or kind_from_filename(Path(path).name)
    return frame_from_features(fc, kind, origin=origin)


@dataclass(frozen=True)
class Catalogue:
    """The shipped layers as validated frames, keyed as in ``layers.catalogue.registry.LAYERS``."""

    frames: dict[str, gpd.GeoDataFrame]

    def __getitem__(self, key: str) -> gpd.GeoDataFrame:
        return self.frames[key]


def load_catalogue(
    geodata_dir=registry.GEODATA_DIR, *, extra_events: Sequence[gpd.GeoDataFrame] = ()
) -> Catalogue:
    """Validate and load every registry layer; raise ``GeoDataError`` with all problems.

    Bases are read first so that events' ``staging_base`` / ``home_base`` are checked
    against them; ``extra_events`` (user events, already loaded) are appended. The
    files' validated frames are kept while no file changes (name, size, modification
    time); each call gets its own copies.
    """
    geodata_dir = Path(geodata_dir)
    cached, problems = _validated_frames(geodata_dir, _files_stamp(geodata_dir))
    frames = {key: frame.copy() for key, frame in cached.items()}
    problems = list(problems)
    if extra_events and "events" in frames:
        frames["events"], found = _append_events(frames["events"], extra_events)
        problems += found
    if problems:
        raise GeoDataError(problems)
    return Catalogue(frames)


def _files_stamp(geodata_dir: Path) -> tuple:
    """What the cache of validated files is keyed on: each layer file's size and mtime."""
    stamp = []
    for spec in registry.LAYERS:
        try:
            info = (geodata_dir / spec.filename).stat()
        except OSError:
            stamp.append((spec.filename, None))
        else:
            stamp.append((spec.filename, info.st_size, info.st_mtime_ns))
    return tuple(stamp)


@functools.lru_cache(maxsize=4)
def _validated_frames(geodata_dir: Path, stamp: tuple) -> tuple[dict, tuple[Problem, ...]]:
    """Every layer file read, validated and framed (``stamp`` keys the cache)."""
    bases_path = geodata_dir / registry.LAYERS_BY_KEY["bases"].filename
    # without a bases file, its absence is the one problem to report, not every reference
    base_ids = ids_in_file(bases_path) if bases_path.is_file() else None
    frames, problems = {}, []
    for spec in registry.LAYERS:
        path = geodata_dir / spec.filename
        if not path.is_file():
            problems.append(Problem(str(path), None, None, None, "file is missing"))
            continue
        refs = base_ids if spec.key == "events" else None
        fc, found = read_and_validate(path, kind=spec.key, base_ids=refs)
        problems += errors(found)
        frames[spec.key] = frame_from_features(fc, spec.key)
    return frames, tuple(problems)


def _append_events(events: gpd.GeoDataFrame, extra: Sequence[gpd.GeoDataFrame]):
    combined = pd.concat([events, *extra], ignore_index=True)
    combined = gpd.GeoDataFrame(combined, geometry="geometry", crs=schema.CRS)
    problems = []
    first = {}
    for index, (fid, origin) in enumerate(zip(combined["id"], combined["origin"], strict=True)):
        if fid in first:
            msg = f"duplicate id {fid!r} (already used by {combined['origin'][first[fid]]} event)"
            problems.append(Problem(f"{origin} events", index, fid, "id", msg))
        first.setdefault(fid, index)
    return combined, problems
