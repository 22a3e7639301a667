"""Saving a checked file of events as one import, and removing one, under the store's lock.

Each import is one self-describing file (see ``layers.catalogue.store``), so saving is a
single atomic step: write a temporary file in the same folder, fsync it, ``os.replace``
it into place, fsync the folder (``layers.atomic``). A process killed at any point
leaves the import either complete or absent (a stray temporary file is ignored and
removed by the next save). Writers hold a ``filelock.FileLock`` so that checking ids
and saving happen as one step: two sessions saving at once keep both imports, and
never two events with one id; a clash is rejected with a message.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import filelock

from layers.atomic import fsync_dir, write_atomic
from layers.catalogue.problems import Problem
from layers.catalogue.store import (
    IMPORTS,
    META_KEY,
    STORE_VERSION,
    UserEvents,
    catalogue_defaults,
    read_user_events,
    resolve_data_dir,
)
from layers.catalogue.validate import validate_bytes

LOCK_TIMEOUT_S = 30


SUFFIXES = {".csv": "csv", ".geojson": "geojson", ".json": "geojson"}


_IMPORT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")


class StoreError(RuntimeError):
    """The store could not be written (busy, or an unknown import id)."""


@dataclass(frozen=True)
class ImportResult:
    """What an import did, or (dry run) would do.

    ``import_id`` is the id it was saved under (dry run: would be saved under); ``None``
    when nothing is saved. ``rejected_count`` counts features or rows with an error.
    """

    problems: tuple[Problem, ...]
    valid_count: int
    rejected_count: int
    import_id: str | None
    dry_run: bool = False
    features: tuple[dict, ...] = ()  # the valid events (for a preview), saved or not

    @property
    def accepted(self) -> bool:
        """True when the import was saved (dry run: would be saved)."""
        return self.import_id is not None

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that reject a feature or the file (not warnings)."""
        return tuple(p for p in self.problems if p.severity == "error")


def import_id_for(name: str, data: bytes) -> str:
    """Slug of the file name plus a short content hash: never a path the user chose."""
    stem = Path(name).name.rsplit(".", 1)[0].lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:40].strip("-") or "import"
    return f"{slug}-{hashlib.sha256(data).hexdigest()[:8]}"


def check_file(
    data: bytes, *, name: str, base_ids: frozenset[str] | None = None
) -> tuple[dict, list[Problem]]:
    """Validate an events file (CSV or GeoJSON, told apart by the name's suffix)."""
    fmt = SUFFIXES.get(Path(name).suffix.lower())
    if fmt == "csv":
        from layers.catalogue.csv_import import parse_events_csv  # the CSV path only when needed

        return parse_events_csv(data, name=name, base_ids=base_ids)
    if fmt == "geojson":
        return validate_bytes(data, name=name, kind="events", base_ids=base_ids)
    wanted = ", ".join(SUFFIXES)
    msg = f"cannot import '{Path(name).suffix or name}' files"
    return {"type": "FeatureCollection", "features": []}, [
        Problem(name, None, None, None, msg, f"use one of: {wanted}")
    ]


def import_events(
    data: bytes,
    *,
    name: str,
    data_dir: str | os.PathLike | None = None,
    base_ids: frozenset[str] | None = None,
    reserved_ids: frozenset[str] | None = None,
    dry_run: bool = False,
    keep_valid_only: bool = True,
) -> ImportResult:
    """Check a file of events and save its valid part (or nothing) as one import.

    Parameters
    ----------
    data, name
        The file's bytes and its original name (only the base name is kept, as text).
    data_dir
        Data folder (see ``resolve_data_dir``).
    base_ids
        Ids of catalogue bases, for ``staging_base`` / ``home_base``
        (default: the shipped catalogue's).
    reserved_ids
        Catalogue event ids: an imported event may not reuse one (default: the shipped
        catalogue's).
    dry_run
        Check everything, save nothing.
    keep_valid_only
        True: save the valid features even when others have errors. False: save
        nothing unless the whole file is valid.
    """
    name = Path(name).name
    base_ids, reserved_ids = catalogue_defaults(base_ids, reserved_ids)
    valid, problems = check_file(data, name=name, base_ids=base_ids)
    import_id = import_id_for(name, data)
    store = resolve_data_dir(data_dir)
    lock = contextlib.nullcontext() if dry_run else _store_lock(store)
    with lock:
        stored = read_user_events(store, validate=False)
        features, problems = _free_features(
            valid["features"], problems, name, import_id, stored, reserved_ids
        )
        rejected = len({p.index for p in problems if p.severity == "error" and p.index is not None})
        rejected += len(valid["features"]) - len(features)
        has_errors = any(p.severity == "error" for p in problems)
        save = bool(features) and (keep_valid_only or not has_errors)
        if save and not dry_run:
            _write_import(store, import_id, name, {**valid, "features": features})
    return ImportResult(
        problems=tuple(problems),
        valid_count=len(features),
        rejected_count=rejected,
        import_id=import_id if save else None,
        dry_run=dry_run,
        features=tuple(features),
    )


def _free_features(
    features: list[dict],
    problems: list[Problem],
    name: str,
    import_id: str,
    stored: UserEvents,
    reserved_ids: frozenset[str],
) -> tuple[list[dict], list[Problem]]:
    """Features whose ids are free, and the problems with one per clash added."""
    problems = list(problems)
    if import_id in {i.import_id for i in stored.imports}:
        msg = f"this file was already imported (as '{import_id}')"
        return [], [*problems, Problem(name, None, None, None, msg, "remove that import first")]
    if not features and not any(p.severity == "error" for p in problems):
        problems.append(Problem(name, None, None, None, "the file has no events"))
    owners = dict.fromkeys(reserved_ids, "the catalogue")
    for feature in stored.features:
        owners[feature["properties"]["id"]] = f"import '{feature['properties']['import_id']}'"
    kept = []
    for feature in features:
        fid = feature["properties"]["id"]
        if fid in owners:
            msg = f"event id '{fid}' is already used by {owners[fid]}"
            problems.append(Problem(name, None, fid, "id", msg, "give the event another id"))
        else:
            kept.append(feature)
    return kept, problems


def remove_import(data_dir: str | os.PathLike | None, import_id: str) -> None:
    """Delete one import; raise ``StoreError`` when there is no such import."""
    store = resolve_data_dir(data_dir)
    path = _import_path(store, import_id)
    with _store_lock(store):
        try:
            path.unlink()
        except FileNotFoundError:
            raise StoreError(f"there is no import '{import_id}'") from None
        fsync_dir(path.parent)


def _write_import(store: Path, import_id: str, name: str, fc: dict) -> None:
    meta = {
        "version": STORE_VERSION,
        "id": import_id,
        "original_name": name,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "feature_count": len(fc["features"]),
    }
    body = {"type": "FeatureCollection", META_KEY: meta, "features": fc["features"]}
    folder = store / IMPORTS
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / f"{import_id}.geojson", json.dumps(body, ensure_ascii=False).encode())


@contextlib.contextmanager
def _store_lock(store: Path):
    """Hold the store's lock; clear temporary files that a killed writer left behind."""
    store.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(store / ".lock"), timeout=LOCK_TIMEOUT_S)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise StoreError(
            f"another session has been saving to {store} for {LOCK_TIMEOUT_S} s; try again"
        ) from None
    try:
        for stale in (store / IMPORTS).glob(".*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()  # no writer is active while we hold the lock
        yield
    finally:
        lock.release()


def _import_path(store: Path, import_id: str) -> Path:
    if not _IMPORT_ID.match(import_id or ""):
        raise StoreError(f"'{import_id}' is not an import id (see python -m layers import --list)")
    return store / IMPORTS / f"{import_id}.geojson"
