"""Imports into the database: check as on disk, then one transaction per import or removal.

The file is checked by the file store's own code (``importer.check_file``, the same
problems), and ids are checked against the database with the file store's own rule
(``importer._free_features``: the same messages), inside the write transaction, after
the stamp's lock: two imports at once can never both take one id. A removed import
may be imported again; its events come back as new versions of the same rows.
"""

from __future__ import annotations

from pathlib import Path

from layers.catalogue.db import versions
from layers.catalogue.db.connect import SCHEMA
from layers.catalogue.importer import (
    ImportResult,
    StoreError,
    _free_features,
    check_file,
    import_id_for,
)
from layers.catalogue.store import ImportInfo, UserEvents


def _owners(conn, import_id: str, ids: list[str]) -> tuple[UserEvents, frozenset[str]]:
    """What already holds this import id or these event ids (as the file store sees it)."""
    live = conn.execute(
        f"SELECT import_id, original_name, saved_at::text, feature_count FROM {SCHEMA}.imports "
        "WHERE import_id = %s AND removed_at IS NULL",
        (import_id,),
    ).fetchall()
    rows = conn.execute(
        f"SELECT id, origin, import_id FROM {SCHEMA}.features "
        "WHERE layer = 'events' AND NOT removed AND id = ANY(%s)",
        (ids,),
    ).fetchall()
    imports = tuple(ImportInfo(*row) for row in live)
    features = tuple(
        {"properties": {"id": fid, "import_id": owner}}
        for fid, origin, owner in rows
        if origin != "catalogue"
    )
    reserved = frozenset(fid for fid, origin, _ in rows if origin == "catalogue")
    return UserEvents(imports, features), reserved


def save_import(store, data: bytes, **options) -> ImportResult:
    """``importer.import_events`` for the database: same checks, same result."""
    return versions.rolled_back(lambda: _save(store, data, **options))


def _save(store, data: bytes, *, name: str, author: str, action: str, dry_run: bool,
          keep_valid_only: bool, comment: str = "") -> ImportResult:  # fmt: skip
    name = Path(name).name
    base_ids, _ = store.ids()
    valid, problems = check_file(data, name=name, base_ids=base_ids)
    import_id = import_id_for(name, data)
    ids = [f["properties"].get("id") for f in valid["features"]]
    with store.connection() as conn:
        if not dry_run:
            versions.lock_writes(conn)  # held to commit: id checks and writes are one step
        stored, reserved = _owners(conn, import_id, ids)
        features, problems = _free_features(
            valid["features"], problems, name, import_id, stored, reserved
        )
        rejected = len({p.index for p in problems if p.severity == "error" and p.index is not None})
        rejected += len(valid["features"]) - len(features)
        has_errors = any(p.severity == "error" for p in problems)
        save = bool(features) and (keep_valid_only or not has_errors)
        result = ImportResult(
            problems=tuple(problems),
            valid_count=len(features),
            rejected_count=rejected,
            import_id=import_id if save else None,
            dry_run=dry_run,
            features=tuple(features),
        )
        if not save or dry_run:
            raise versions.Rollback(result)  # nothing written, not even the stamp
        _write(conn, import_id, name, features, author=author, action=action, comment=comment)
    return result


def _write(conn, import_id: str, name: str, features: list[dict], *, author: str, action: str,
           comment: str) -> None:  # fmt: skip
    conn.execute(
        f"INSERT INTO {SCHEMA}.imports "
        "(import_id, original_name, action, saved_by, feature_count) VALUES (%s, %s, %s, %s, %s) "
        "ON CONFLICT (import_id) DO UPDATE SET original_name = EXCLUDED.original_name, "
        "action = EXCLUDED.action, saved_at = now(), saved_by = EXCLUDED.saved_by, "
        "feature_count = EXCLUDED.feature_count, removed_at = NULL, removed_by = NULL",
        (import_id, name, action, author, len(features)),
    )
    origin = "draft" if action == "draft" else "import"
    for position, feature in enumerate(features):
        was = versions.current(conn, "events", feature["properties"]["id"], lock=True)
        versions.put(
            conn, layer="events", feature=feature, action=action, author=author,
            comment=comment or f"{action} of {name}", origin=origin, import_id=import_id,
            position=position, was=was,
        )  # fmt: skip


def remove_import(store, import_id: str, *, author: str, comment: str = "") -> int:
    """Mark an import removed and give each of its events a removal version; how many."""
    with store.connection() as conn:
        versions.lock_writes(conn)
        found = conn.execute(
            f"UPDATE {SCHEMA}.imports SET removed_at = now(), removed_by = %s "
            "WHERE import_id = %s AND removed_at IS NULL RETURNING import_id",
            (author, import_id),
        ).fetchone()
        if found is None:
            raise StoreError(f"there is no import '{import_id}'")
        ids = conn.execute(
            f"SELECT id FROM {SCHEMA}.features WHERE import_id = %s AND layer = 'events' "
            "AND NOT removed ORDER BY position",
            (import_id,),
        ).fetchall()
        note = comment or f"import '{import_id}' removed"
        for (fid,) in ids:
            was = versions.current(conn, "events", fid, lock=True)
            versions.remove(conn, was, author=author, comment=note, import_id=import_id)
    return len(ids)
