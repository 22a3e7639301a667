"""The user data store: imported events, kept apart from the shipped ``geodata/``.

Layout of the data folder (``$BRIEFING_MAP_DATA``, default ``<repo>/userdata``)::

    imports/<import_id>.geojson   one file per import: the valid, normalised events plus
                                  a "briefing_map_import" member (id, original name,
                                  saved at, feature count)
    .lock                         taken while saving or removing

Each import is one self-describing file, so saving is a single atomic step: write a
temporary file in the same folder, fsync it, ``os.replace`` it into place, fsync the
folder. A process killed at any point leaves the import either complete or absent (a
stray temporary file is ignored and removed by the next save). Writers hold a
``filelock.FileLock`` so that checking ids and saving happen as one step: two sessions
saving at once keep both imports, and never two events with one id.

Event ids must be unique across the catalogue and every import: a clash is rejected with
a message (ids stay what the user wrote, so they can be searched and cited).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import filelock

from layers.atomic import folder_stamp, fsync_dir, write_atomic
from layers.catalogue.validate import Problem, validate_bytes, validate_feature_collection

ENV_VAR = "BRIEFING_MAP_DATA"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "userdata"
IMPORTS = "imports"
META_KEY = "briefing_map_import"
STORE_VERSION = 1
LOCK_TIMEOUT_S = 30
SUFFIXES = {".csv": "csv", ".geojson": "geojson", ".json": "geojson"}
_IMPORT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")


class StoreError(RuntimeError):
    """The store could not be written (busy, or an unknown import id)."""


@dataclass(frozen=True)
class ImportInfo:
    """One saved import, as listed to the user."""

    import_id: str
    original_name: str
    saved_at: str
    feature_count: int


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


@dataclass(frozen=True)
class UserEvents:
    """Everything readable in the store, and why anything else was left out."""

    imports: tuple[ImportInfo, ...]
    features: tuple[dict, ...]  # valid features; properties carry "import_id"
    problems: tuple[Problem, ...] = field(default=())


def resolve_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The data folder: ``data_dir`` if given, else ``$BRIEFING_MAP_DATA``, else the default."""
    chosen = data_dir or os.environ.get(ENV_VAR) or DEFAULT_DATA_DIR
    return Path(chosen).expanduser().resolve()


def signature(data_dir: str | os.PathLike | None = None) -> tuple[tuple[str, int], ...]:
    """Name and modification time of every stored import: changes when any session saves."""
    return folder_stamp(resolve_data_dir(data_dir) / IMPORTS, "*.geojson")


def catalogue_ids(geodata_dir: str | os.PathLike | None = None) -> tuple[frozenset, frozenset]:
    """(base ids, event ids) of the shipped catalogue: what user events refer to or avoid."""
    from layers.catalogue import registry
    from layers.catalogue.load import ids_in_file

    folder = Path(geodata_dir) if geodata_dir else registry.GEODATA_DIR
    bases, events = (registry.LAYERS_BY_KEY[k].filename for k in ("bases", "events"))
    return ids_in_file(folder / bases), ids_in_file(folder / events)


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
    base_ids, reserved_ids = _catalogue_defaults(base_ids, reserved_ids)
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


def list_imports(data_dir: str | os.PathLike | None = None) -> list[ImportInfo]:
    """Readable imports, oldest first (``read_user_events`` also reports unreadable ones)."""
    return list(read_user_events(data_dir, validate=False).imports)


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


def read_user_events(
    data_dir: str | os.PathLike | None = None,
    *,
    base_ids: frozenset[str] | None = None,
    reserved_ids: frozenset[str] | None = None,
    validate: bool = True,
) -> UserEvents:
    """Read every import; an unreadable or invalid one is reported and the rest kept.

    Stored events are checked again (``validate``): the catalogue's bases may have
    changed since the import, and a file may have been edited by hand. ``base_ids`` and
    ``reserved_ids`` default to the shipped catalogue's (see ``import_events``).
    """
    if validate:
        base_ids, reserved_ids = _catalogue_defaults(base_ids, reserved_ids)
    folder = resolve_data_dir(data_dir) / IMPORTS
    paths = sorted(folder.glob("*.geojson")) if folder.is_dir() else []
    imports, features, problems = [], [], []
    seen = dict.fromkeys(reserved_ids or (), "the catalogue")
    for path in paths:
        label = f"{IMPORTS}/{path.name}"
        info, fc, found = _read_import(path, label)
        problems += found
        if info is None:
            continue
        if validate:
            fc, found = validate_feature_collection(
                fc, name=label, kind="events", base_ids=base_ids
            )
            problems += found
        imports.append(info)
        for feature in fc["features"]:
            fid = feature["properties"].get("id")
            if fid in seen:
                msg = f"event id '{fid}' is also used by {seen[fid]}; this copy is left out"
                problems.append(Problem(label, None, fid, "id", msg, "remove one of the imports"))
                continue
            seen[fid] = f"import '{info.import_id}'"
            props = {**feature["properties"], "import_id": info.import_id}
            features.append({**feature, "properties": props})
    imports.sort(key=lambda i: (i.saved_at, i.import_id))
    return UserEvents(tuple(imports), tuple(features), tuple(problems))


def load_user_events(
    data_dir: str | os.PathLike | None = None,
    *,
    base_ids: frozenset[str] | None = None,
    reserved_ids: frozenset[str] | None = None,
    on_problem: Callable[[Problem], object] | None = None,
):
    """User events as a GeoDataFrame (``origin`` "user", plus ``import_id``).

    Ready for ``load_catalogue(extra_events=[...])``: events whose ids clash with the
    catalogue are left out. Each problem in the store goes to ``on_problem`` (e.g. a
    print to stderr), by default a ``UserWarning``: never silently dropped.
    """
    from layers.catalogue.load import frame_from_features  # geopandas only for callers that need it

    found = read_user_events(data_dir, base_ids=base_ids, reserved_ids=reserved_ids)
    for problem in found.problems:
        if on_problem is None:
            warnings.warn(f"user data: {problem}", UserWarning, stacklevel=2)
        else:
            on_problem(problem)
    fc = {"type": "FeatureCollection", "features": list(found.features)}
    return frame_from_features(fc, "events", origin="user")


def _catalogue_defaults(base_ids, reserved_ids) -> tuple[frozenset, frozenset]:
    if base_ids is None or reserved_ids is None:
        shipped_bases, shipped_events = catalogue_ids()
        base_ids = shipped_bases if base_ids is None else base_ids
        reserved_ids = shipped_events if reserved_ids is None else reserved_ids
    return frozenset(base_ids), frozenset(reserved_ids)


def _read_import(path: Path, label: str) -> tuple[ImportInfo | None, dict, list[Problem]]:
    """One store file → (info, collection, problems); ``info`` is None when unusable."""
    hint = f"remove it (python -m layers import --remove {path.stem}) and import the file again"
    try:
        obj = json.loads(path.read_bytes())
        meta = obj[META_KEY]
        info = ImportInfo(
            import_id=path.stem,
            original_name=str(meta["original_name"]),
            saved_at=str(meta["saved_at"]),
            feature_count=int(meta["feature_count"]),
        )
        features = obj["features"]
        if meta.get("version") != STORE_VERSION or len(features) != info.feature_count:
            raise ValueError("its contents do not match its header")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, FileNotFoundError) and not path.is_symlink():
            return None, {}, []  # removed since the listing, by another session: not a fault
        detail = str(exc) if not isinstance(exc, KeyError) else f"{exc} is missing"
        msg = f"stored import cannot be read ({type(exc).__name__}: {detail})"
        return None, {}, [Problem(label, None, None, None, msg, hint)]
    fc = {"type": "FeatureCollection", "features": features}
    return info, fc, []


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
