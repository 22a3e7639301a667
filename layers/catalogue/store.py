"""The user data store: imported events, kept apart from the shipped ``geodata/``.

Layout of the data folder (``$BRIEFING_MAP_DATA``, default ``<repo>/userdata``)::

    imports/<import_id>.geojson   one file per import: the valid, normalised events plus
                                  a "briefing_map_import" member (id, original name,
                                  saved at, feature count)
    .lock                         taken while saving or removing

Here: where the store is and what it holds (read by the app and every command);
saving and removing imports is ``layers.catalogue.importer``. Reading never takes the
lock: each import is one file replaced atomically, so a reader sees it whole or not at
all, and a file removed between the listing and its reading is skipped.

Event ids must be unique across the catalogue and every import: a copy that clashes is
reported and left out (ids stay what the user wrote, so they can be searched and cited).
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from layers.atomic import folder_stamp
from layers.catalogue.problems import Problem
from layers.catalogue.validate import validate_feature_collection

ENV_VAR = "BRIEFING_MAP_DATA"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "userdata"
IMPORTS = "imports"
META_KEY = "briefing_map_import"
STORE_VERSION = 1


@dataclass(frozen=True)
class ImportInfo:
    """One saved import, as listed to the user."""

    import_id: str
    original_name: str
    saved_at: str
    feature_count: int


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


def data_stamp(data_dir: str | os.PathLike | None = None) -> tuple:
    """The catalogue's files and the stored imports, by name and modification time.

    The key a cache of loaded data is kept under: a save, a removal or an edited
    catalogue file changes it; another session's save in progress does not. The data
    folder itself is its second item.
    """
    from layers.catalogue.registry import GEODATA_DIR

    folder = resolve_data_dir(data_dir)
    return (folder_stamp(GEODATA_DIR, "*.geojson"), str(folder), signature(folder))


def catalogue_ids(geodata_dir: str | os.PathLike | None = None) -> tuple[frozenset, frozenset]:
    """(base ids, event ids) of the shipped catalogue: what user events refer to or avoid."""
    from layers.catalogue import registry
    from layers.catalogue.load import ids_in_file

    folder = Path(geodata_dir) if geodata_dir else registry.GEODATA_DIR
    bases, events = (registry.LAYERS_BY_KEY[k].filename for k in ("bases", "events"))
    return ids_in_file(folder / bases), ids_in_file(folder / events)


def list_imports(data_dir: str | os.PathLike | None = None) -> list[ImportInfo]:
    """Readable imports, oldest first (``read_user_events`` also reports unreadable ones)."""
    return list(read_user_events(data_dir, validate=False).imports)


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
        base_ids, reserved_ids = catalogue_defaults(base_ids, reserved_ids)
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


def catalogue_defaults(base_ids, reserved_ids) -> tuple[frozenset, frozenset]:
    """``(base_ids, reserved_ids)``, each defaulting to the shipped catalogue's."""
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
