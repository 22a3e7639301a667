"""Every change is a version: writing a feature, removing it, restoring it, its history.

Each write runs inside the caller's transaction, after ``lock_writes`` (which bumps
the stamp and holds its row until commit, so writes are serialised and every app
server sees a new stamp). A feature row is never deleted: a removal sets ``removed``
and writes a version whose snapshot is the feature as it was, so it can be restored.
``changes`` is the field-by-field difference (properties, and ``geometry``) from the
previous state; a new feature lists every field with ``old`` null.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from layers.catalogue.db.connect import SCHEMA
from layers.catalogue.db.rows import feature_row

COLUMNS = (
    "layer", "id", "origin", "import_id", "position", "version", "source", "removed", "feature",
    "start_day", "end_day", "kind", "exercise_id", "exercise", "name", "participants",
    "aircraft", "px", "py",
)  # fmt: skip
_UPSERT = (
    f"INSERT INTO {SCHEMA}.features ({', '.join(COLUMNS)}, geom) "
    f"VALUES ({', '.join(['%s'] * len(COLUMNS))}, ST_GeomFromEWKB(%s)) "
    "ON CONFLICT (layer, id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in (*COLUMNS[2:], "geom"))
)
_VERSION = (
    f"INSERT INTO {SCHEMA}.versions "
    "(layer, id, version, action, author, comment, changes, snapshot, import_id) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
SOURCE_OF_ACTION = {"load": "catalogue", "import": "import", "draft": "draft"}


class Rollback(Exception):
    """Raised inside a write transaction to undo it (stamp included) and return ``result``."""

    def __init__(self, result):
        super().__init__("rolled back")
        self.result = result


def rolled_back(action):
    """``action()``, or the result a ``Rollback`` carried (its transaction undone)."""
    try:
        return action()
    except Rollback as undone:
        return undone.result


class StaleVersion(RuntimeError):
    """A save made on an old version: the message names who saved since and what changed."""


@dataclass(frozen=True)
class Current:
    """A feature's row as stored: version, removal flag and the feature."""

    layer: str
    id: str
    version: int
    removed: bool
    origin: str
    import_id: str | None
    position: int
    feature: dict


@dataclass(frozen=True)
class Version:
    """One row of a feature's history."""

    version: int
    action: str
    author: str
    at: str
    comment: str
    changes: list
    snapshot: dict
    import_id: str | None


def lock_writes(conn) -> int:
    """Bump the stamp and hold its row lock until the transaction ends; the new stamp."""
    query = f"UPDATE {SCHEMA}.stamp SET counter = counter + 1, changed_at = now() RETURNING counter"
    return conn.execute(query).fetchone()[0]


def current(conn, layer: str, fid: str, *, lock: bool = False) -> Current | None:
    """The stored row of one feature (``lock``: held until the transaction ends)."""
    row = conn.execute(
        "SELECT layer, id, version, removed, origin, import_id, position, feature::text "
        f"FROM {SCHEMA}.features WHERE layer = %s AND id = %s" + (" FOR UPDATE" if lock else ""),
        (layer, fid),
    ).fetchone()
    if row is None:
        return None
    return Current(*row[:7], json.loads(row[7]))


def diff(old: dict | None, new: dict) -> list[dict]:
    """Field-by-field changes from ``old`` to ``new`` (GeoJSON features); all fields if new."""
    old_props = (old or {}).get("properties") or {}
    new_props = new.get("properties") or {}
    changes = []
    for key in [*new_props, *(k for k in old_props if k not in new_props)]:
        before, after = old_props.get(key), new_props.get(key)
        if old is None or before != after or (key in old_props) != (key in new_props):
            changes.append({"field": key, "old": before, "new": after})
    if old is None or old.get("geometry") != new.get("geometry"):
        changes.append(
            {"field": "geometry", "old": (old or {}).get("geometry"), "new": new.get("geometry")}
        )
    return changes


def put(conn, *, layer: str, feature: dict, action: str, author: str, comment: str = "",
        origin: str, import_id: str | None, position: int, was: Current | None) -> int:  # fmt: skip
    """Store ``feature`` (new, or over ``was``) and its version row; the new version number."""
    from psycopg.types.json import Jsonb

    version = 1 if was is None else was.version + 1
    source = SOURCE_OF_ACTION.get(action, "edit")
    text = json.dumps(feature, ensure_ascii=False)
    derived, ewkb = feature_row(layer, feature)
    values = (layer, feature["properties"]["id"], origin, import_id, position, version, source,
              False, text, *derived, ewkb)  # fmt: skip
    conn.execute(_UPSERT, values)
    changes = diff(None if was is None else was.feature, feature)
    if was is not None and was.removed:  # back from a removal (a restore, or a re-import)
        changes.insert(0, {"field": "removed", "old": True, "new": False})
    conn.execute(
        _VERSION,
        (layer, values[1], version, action, author, comment, Jsonb(changes), text, import_id),
    )
    return version


def remove(conn, was: Current, *, author: str, comment: str, import_id: str | None = None) -> int:
    """Mark a feature removed, with a version holding it as it was; the new version."""
    from psycopg.types.json import Jsonb

    version = was.version + 1
    conn.execute(
        f"UPDATE {SCHEMA}.features SET removed = true, version = %s, source = 'edit' "
        "WHERE layer = %s AND id = %s",
        (version, was.layer, was.id),
    )
    changes = [{"field": "removed", "old": False, "new": True}]
    snapshot = json.dumps(was.feature, ensure_ascii=False)
    conn.execute(
        _VERSION,
        (was.layer, was.id, version, "remove", author, comment, Jsonb(changes), snapshot,
         import_id or was.import_id),
    )  # fmt: skip
    return version


def history(conn, layer: str, fid: str) -> list[Version]:
    """Every version of a feature, oldest first."""
    rows = conn.execute(
        "SELECT version, action, author, to_char(at AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD HH24:MI:SS \"UTC\"'), comment, changes, snapshot::text, import_id "
        f"FROM {SCHEMA}.versions WHERE layer = %s AND id = %s ORDER BY version",
        (layer, fid),
    ).fetchall()
    return [Version(*row[:6], json.loads(row[6]), row[7]) for row in rows]


def check_expected(conn, was: Current, expected: int | None) -> None:
    """Raise ``StaleVersion`` naming who saved since ``expected`` and what they changed."""
    if expected is None or expected == was.version:
        return
    if expected > was.version:
        raise StaleVersion(
            f"event '{was.id}' has no version {expected} (it is at version {was.version})"
        )
    later = [v for v in history(conn, was.layer, was.id) if v.version > expected]
    raise StaleVersion(stale_message(was.id, expected, later))


def stale_message(fid: str, expected: int, later: list[Version]) -> str:
    """Who saved first: the versions saved since ``expected``, who, when, which fields."""
    parts = []
    for v in later:
        fields = ", ".join(change_fields(v.changes)) or "nothing"
        note = f' ("{v.comment}")' if v.comment else ""
        parts.append(f"version {v.version} by {v.author} at {v.at}: {v.action} of {fields}{note}")
    return (
        f"event '{fid}' changed since version {expected}, which your edit started from: "
        + "; ".join(parts)
        + ". Nothing was written: look at the new version and apply your change again."
    )


def change_fields(changes: list) -> list[str]:
    """The names of the fields a version changed."""
    return [str(c.get("field")) for c in changes if isinstance(c, dict)]
