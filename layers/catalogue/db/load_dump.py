"""``db load DIR`` (the catalogue files into the database) and ``db dump --out DIR`` (back).

Load checks the files exactly as the app does (every problem, nothing written if any),
then, in one transaction: a feature new to the database is added, one whose file text
changed since the last load is updated, one no longer in the files is removed, each
with a ``load`` version. It records the catalogue's version (a hash of the files) and
is idempotent: the same files again write nothing. A feature edited in the database
whose file also changed is a conflict: the load is refused, naming it.

Dump writes the current catalogue layers as ``<layer>.geojson`` (features as stored,
in file order: a load of the shipped files dumps them back byte for byte) and every
import as ``userdata/imports/<id>.geojson`` in the file store's format, so
``BRIEFING_MAP_DATA=DIR/userdata`` reads them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from layers.atomic import write_atomic
from layers.catalogue.db import versions
from layers.catalogue.db.connect import SCHEMA
from layers.catalogue.problems import Problem, errors
from layers.catalogue.registry import LAYERS
from layers.catalogue.store import IMPORTS, META_KEY, STORE_VERSION


@dataclass(frozen=True)
class LoadResult:
    """What a load did (``problems``: why it was refused)."""

    version: str
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: tuple[Problem, ...] = ()
    already: bool = False

    @property
    def accepted(self) -> bool:
        """True when the load was written (or had nothing to write)."""
        return not self.problems


def _read_files(folder: Path) -> tuple[dict, dict, list[Problem], str]:
    """(features by layer, top-level members by layer, problems, catalogue version)."""
    from layers.catalogue.validate import ids_in_file, read_and_validate

    digest = hashlib.sha256()
    features, members, problems = {}, {}, []
    bases = folder / "bases.geojson"
    base_ids = ids_in_file(bases) if bases.is_file() else None
    for spec in LAYERS:
        path = folder / spec.filename
        if not path.is_file():
            problems.append(Problem(str(path), None, None, None, "file is missing"))
            continue
        data = path.read_bytes()
        digest.update(spec.filename.encode() + b"\0" + data + b"\0")
        refs = base_ids if spec.key == "events" else None
        _, found = read_and_validate(path, kind=spec.key, base_ids=refs)
        problems += errors(found)
        if not errors(found):
            obj = json.loads(data.decode("utf-8-sig"))
            features[spec.key] = obj["features"]
            members[spec.key] = {k: v for k, v in obj.items() if k != "features"}
    return features, members, problems, digest.hexdigest()[:16]


def load_catalogue_dir(store, folder: Path, *, author: str) -> LoadResult:
    """Load the catalogue files of ``folder``; refused (nothing written) on any problem."""
    from psycopg.types.json import Jsonb

    features, members, problems, version = _read_files(Path(folder))
    if problems:
        return LoadResult(version, problems=tuple(problems))
    with store.connection() as conn:
        row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'catalogue'").fetchone()
        if row and row[0].get("version") == version:
            return LoadResult(version, already=True)
        versions.lock_writes(conn)
        counts, problems = _apply(conn, features, author, version)
        if problems:  # raised inside the transaction: everything above is rolled back
            raise _Refused(LoadResult(version, problems=tuple(problems)))
        value = {"version": version, "members": members, "loaded_by": author}
        conn.execute(
            f"INSERT INTO {SCHEMA}.meta (key, value) VALUES ('catalogue', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            (Jsonb(value),),
        )
    return LoadResult(version, *counts)


class _Refused(Exception):
    def __init__(self, result: LoadResult):
        super().__init__("refused")
        self.result = result


def load_dir(store, folder: Path, *, author: str) -> LoadResult:
    """``load_catalogue_dir``, with a refusal rolled back and returned (not raised)."""
    try:
        return load_catalogue_dir(store, folder, author=author)
    except _Refused as refused:
        return refused.result


def _last_loaded(conn) -> dict[tuple[str, str], str]:
    rows = conn.execute(
        f"SELECT DISTINCT ON (layer, id) layer, id, snapshot::text FROM {SCHEMA}.versions "
        "WHERE action = 'load' ORDER BY layer, id, version DESC"
    ).fetchall()
    return {(layer, fid): text for layer, fid, text in rows}


def _apply(conn, features: dict, author: str, version: str):
    loaded = _last_loaded(conn)
    rows = conn.execute(
        f"SELECT layer, id, origin, source, removed FROM {SCHEMA}.features"
    ).fetchall()
    stored = {(r[0], r[1]): r[2:] for r in rows}
    added = updated = removed = unchanged = 0
    problems, seen = [], set()
    comment = f"catalogue version {version}"
    for layer, items in features.items():
        for position, feature in enumerate(items):
            fid = feature["properties"]["id"]
            key, text = (layer, fid), json.dumps(feature, ensure_ascii=False)
            seen.add(key)
            origin, source, _ = stored.get(key, (None, None, None))
            if origin is not None and origin != "catalogue":
                msg = f"id {fid!r} is used by an import in the database"
                problems.append(Problem(layer, position, fid, "id", msg, "remove that import"))
                continue
            if loaded.get(key) == text:
                unchanged += 1
                continue
            if source is not None and source != "catalogue":
                problems.append(_conflict(layer, position, fid))
                continue
            was = versions.current(conn, layer, fid, lock=True)
            versions.put(conn, layer=layer, feature=feature, action="load", author=author,
                         comment=comment, origin="catalogue", import_id=None,
                         position=position, was=was)  # fmt: skip
            added, updated = (added + 1, updated) if was is None else (added, updated + 1)
    for key, (origin, source, gone) in stored.items():
        if origin == "catalogue" and key not in seen and not gone and key[0] in features:
            if source != "catalogue":
                problems.append(_conflict(key[0], None, key[1]))
                continue
            was = versions.current(conn, *key, lock=True)
            versions.remove(conn, was, author=author, comment=f"not in {comment}")
            removed += 1
    return (added, updated, removed, unchanged), problems


def _conflict(layer: str, position, fid: str) -> Problem:
    msg = f"{fid!r} was edited in the database and changed in the files"
    hint = (
        f"see python -m layers history {fid}; make the files agree, or restore the loaded version"
    )
    return Problem(layer, position, fid, None, msg, hint)


def dump_dir(store, out: Path) -> dict[str, int]:
    """Write the catalogue layers and every import to ``out``; counts by file written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    with store.connection() as conn:
        row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'catalogue'").fetchone()
        members = (row[0] if row else {}).get("members", {})
        for spec in LAYERS:
            texts = [t for (t,) in conn.execute(
                f"SELECT feature::text FROM {SCHEMA}.features WHERE layer = %s AND "
                "origin = 'catalogue' AND NOT removed ORDER BY position, id", (spec.key,),
            ).fetchall()]  # fmt: skip
            head = members.get(spec.key) or {"type": "FeatureCollection"}
            start = ", ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
                              for k, v in head.items())  # fmt: skip
            body = ",\n".join(texts)
            write_atomic(out / spec.filename, f'{{{start}, "features": [\n{body}\n]}}\n'.encode())
            written[spec.filename] = len(texts)
        imports = conn.execute(
            "SELECT import_id, original_name, "
            "to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS+00:00') "
            f"FROM {SCHEMA}.imports WHERE removed_at IS NULL ORDER BY import_id"
        ).fetchall()
        for import_id, name, saved_at in imports:
            feats = [json.loads(t) for (t,) in conn.execute(
                f"SELECT feature::text FROM {SCHEMA}.features WHERE import_id = %s "
                "AND NOT removed ORDER BY position", (import_id,),
            ).fetchall()]  # fmt: skip
            meta = {"version": STORE_VERSION, "id": import_id, "original_name": name,
                    "saved_at": saved_at, "feature_count": len(feats)}  # fmt: skip
            body = {"type": "FeatureCollection", META_KEY: meta, "features": feats}
            folder = out / "userdata" / IMPORTS
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(
                folder / f"{import_id}.geojson", json.dumps(body, ensure_ascii=False).encode()
            )
            written[f"userdata/{IMPORTS}/{import_id}.geojson"] = len(feats)
    return written
