"""A large event file into the database as one import (``db load-events FILE``).

The file (GeoParquet, CSV or GeoJSON) is checked column-wise as the in-memory large
mode checks it (``layers.catalogue.large_file.read_events_table``), then written in one
transaction with ``COPY``, a slice at a time: the import row, one feature row per event,
then one version row each (action ``import``, every field new), built by the server,
so each event has its history like any other. Ids must not be taken by any event already in
the database (removed ones included): the file is refused whole, naming them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from layers.catalogue.db import versions
from layers.catalogue.db.connect import SCHEMA
from layers.catalogue.db.rows import aircraft_keys
from layers.catalogue.importer import import_id_for
from layers.catalogue.problems import GeoDataError, Problem

DERIVED = ("start_date", "end_date", "approximate", "origin", "geometry")
MAX_CLASHES_SHOWN = 20
CHUNK = 50_000  # rows turned into features at a time: the loader's memory stays bounded
_FEATURE_COLUMNS = (
    "layer", "id", "origin", "import_id", "position", "version", "source", "removed", "feature",
    "start_day", "end_day", "kind", "exercise_id", "exercise", "name", "participants",
    "aircraft", "px", "py", "geom",
)  # fmt: skip


@dataclass(frozen=True)
class LargeLoad:
    """What a large load wrote."""

    import_id: str
    count: int
    seconds: float


def _digest(path: Path) -> bytes:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.digest()


def _json_default(value):
    """Numpy values as JSON values (the encoder calls this only for what it cannot write)."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON")


@functools.lru_cache(maxsize=4096)
def _aircraft_keys(types: tuple[str, ...]) -> list[str]:
    return aircraft_keys([{"type": t} for t in types])


def _clashes(conn, ids: list[str]) -> list[str]:
    rows = conn.execute(
        f"SELECT id FROM {SCHEMA}.features WHERE layer = 'events' AND id = ANY(%s) LIMIT %s",
        (ids, MAX_CLASHES_SHOWN + 1),
    ).fetchall()
    return [fid for (fid,) in rows]


def load_events_file(store, path: Path, *, author: str) -> LargeLoad:
    """Check and load a large event file as one import; ``GeoDataError`` when refused."""
    from layers.catalogue.large_file import read_events_table

    started = time.perf_counter()
    path = Path(path)
    frame = read_events_table(path)  # column-wise checks; raises GeoDataError
    import_id = import_id_for(path.name, _digest(path))
    ids = frame["id"].astype(str).tolist()
    with store.connection() as conn:
        versions.lock_writes(conn)
        taken = _clashes(conn, ids)
        if taken:
            shown = ", ".join(repr(t) for t in taken[:MAX_CLASHES_SHOWN])
            msg = f"event ids already in the database: {shown}"
            raise GeoDataError([Problem(path.name, None, None, "id", msg, "use new ids")])
        conn.execute(
            f"INSERT INTO {SCHEMA}.imports (import_id, original_name, action, saved_by, "
            "feature_count) VALUES (%s, %s, 'import', %s, %s)",
            (import_id, path.name, author, len(frame)),
        )
        columns = ", ".join(_FEATURE_COLUMNS)
        with conn.cursor().copy(f"COPY {SCHEMA}.features ({columns}) FROM STDIN") as copy:
            for first in range(0, len(frame), CHUNK):
                _copy_chunk(copy, frame.iloc[first : first + CHUNK], first, import_id)
        # Version 1 of each event, built by the server from the rows just written:
        # every field new (as ``versions.diff`` lists a new feature), the snapshot itself.
        conn.execute(
            f"INSERT INTO {SCHEMA}.versions (layer, id, version, action, author, comment, "
            "changes, snapshot, import_id) SELECT layer, id, 1, 'import', %s, %s, "
            "(SELECT jsonb_agg(jsonb_build_object('field', key, 'old', NULL, 'new', value)) "
            " FROM json_each(feature -> 'properties')) || jsonb_build_array(jsonb_build_object("
            "'field', 'geometry', 'old', NULL, 'new', feature -> 'geometry')), feature, import_id "
            f"FROM {SCHEMA}.features WHERE import_id = %s",
            (author, f"import of {path.name}", import_id),
        )
    return LargeLoad(import_id, len(frame), time.perf_counter() - started)


def _copy_chunk(copy, frame, offset: int, import_id: str) -> None:
    """Write one slice of the frame as feature rows (memory stays bounded by the slice)."""
    import shapely

    from layers.geo.longitude import to_window

    columns = [c for c in frame.columns if c not in DERIVED]
    records = frame[columns].to_dict("records")
    geoms = frame.geometry.to_numpy()
    shapes = shapely.to_geojson(geoms)
    ewkb = shapely.to_wkb(shapely.set_srid(geoms, 4326), hex=True, include_srid=True)
    points = frame.geometry.representative_point()
    px, py = to_window(points.x.to_numpy()).tolist(), points.y.to_numpy().tolist()
    starts = frame["start_date"].dt.date.tolist()
    ends = frame["end_date"].dt.date.tolist()
    for i, props in enumerate(records):
        text = (
            '{"type": "Feature", "properties": '
            + json.dumps(props, ensure_ascii=False, default=_json_default)
            + ', "geometry": ' + shapes[i] + "}"
        )  # fmt: skip
        participants = [str(c) for c in _items(props.get("participants"))]
        craft = _items(props.get("aircraft"))
        types = tuple(str(a.get("type")) for a in craft if isinstance(a, dict))
        copy.write_row((
            "events", str(props["id"]), "import", import_id, offset + i, 1, "import", False, text,
            starts[i], ends[i], props.get("kind"), props.get("exercise_id"),
            props.get("exercise"), props.get("name"), participants, _aircraft_keys(types),
            px[i], py[i], ewkb[i],
        ))  # fmt: skip


def _items(value) -> list:
    if value is None:
        return []
    return value.tolist() if isinstance(value, np.ndarray) else list(value)
