"""Add a source to an event already stored: the catalogue's events file or a user import.

When a drafted article reports an event the catalogue already holds
(``layers.draft.duplicates``), the article becomes one more source of that event
instead of a second event. The change is one line of ``geodata/events.geojson`` (one
feature per line) or one import file of the user-data store; the whole file is
checked as ``python -m layers validate`` would check it before anything is written, and
the write is atomic (under the store's lock for an import). With a database
(``layers.catalogue.db``) it is an edit of the event's sources: a new version, checked
as any edit. A source the event already cites (same URL) is not added twice.
"""

from __future__ import annotations

import json
from pathlib import Path

from layers.atomic import write_atomic
from layers.catalogue.importer import StoreError, _import_path, _store_lock
from layers.catalogue.problems import GeoDataError, errors
from layers.catalogue.store import META_KEY, resolve_data_dir
from layers.catalogue.validate import validate_bytes


def _with_source(feature: dict, source: dict) -> bool:
    """Append ``source`` to the feature's sources; False when its URL is already there."""
    sources = feature["properties"].setdefault("sources", [])
    url = (source.get("url") or "").strip()
    if url and any((s.get("url") or "").strip() == url for s in sources):
        return False
    sources.append(dict(source))
    return True


def _check(data: bytes, name: str, base_ids) -> None:
    _, problems = validate_bytes(data, name=name, kind="events", base_ids=base_ids)
    if errors(problems):
        raise GeoDataError(errors(problems))


def add_to_catalogue(events_file: Path, event_id: str, source: dict, *, base_ids=None) -> bool:
    """Add ``source`` to catalogue event ``event_id`` in ``events_file``; False if cited already.

    Only that feature's line changes. Raises ``KeyError`` (no such event) or
    ``GeoDataError`` (the file would not validate: nothing is written).
    """
    path = Path(events_file)
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        body = line.rstrip()
        comma = body.endswith(",")
        if not body.startswith('{"type": "Feature"'):
            continue
        feature = json.loads(body.removesuffix(","))
        if feature.get("properties", {}).get("id") != event_id:
            continue
        if not _with_source(feature, source):
            return False
        lines[number] = json.dumps(feature, ensure_ascii=False) + ("," if comma else "")
        data = "\n".join(lines).encode("utf-8")
        _check(data, path.name, base_ids)
        write_atomic(path, data)
        return True
    raise KeyError(f"no event {event_id!r} in {path}")


def add_to_import(data_dir, import_id: str, event_id: str, source: dict) -> bool:
    """Add ``source`` to event ``event_id`` of a saved import; False if cited already.

    Raises ``StoreError`` (no such import or event) or ``GeoDataError``.
    """
    store = resolve_data_dir(data_dir)
    with _store_lock(store):
        path = _import_path(store, import_id)
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoreError(f"there is no import '{import_id}'") from None
        feature = next(
            (f for f in body["features"] if f.get("properties", {}).get("id") == event_id), None
        )
        if feature is None:
            raise StoreError(f"import '{import_id}' has no event {event_id!r}")
        if not _with_source(feature, source):
            return False
        checked = {"type": "FeatureCollection", "features": body["features"]}
        _check(json.dumps(checked, ensure_ascii=False).encode(), path.name, None)
        body.setdefault(META_KEY, {})
        write_atomic(path, json.dumps(body, ensure_ascii=False).encode())
        return True


def source_changes(sources: list[dict], source: dict) -> dict[str, str] | None:
    """The ``source_*`` columns of an edit (``python -m layers edit --set``) that add ``source``.

    None when an existing source has its URL already (nothing to add).
    """
    from layers.catalogue import csv_layout

    url = (source.get("url") or "").strip()
    if url and any((s.get("url") or "").strip() == url for s in sources):
        return None
    every = [*[s for s in sources if isinstance(s, dict)], source]
    return {
        column: csv_layout.LIST_SEP.join(
            str(s.get(column.removeprefix("source_")) or "") for s in every
        )
        for column in csv_layout.SOURCE_COLUMNS
        if any(s.get(column.removeprefix("source_")) for s in every)
    }


def add_in_database(store, event_id: str, sources: list[dict], source: dict, *, author: str):
    """Add ``source`` to an event of the database as a new version (``db.edits.edit_event``).

    Returns the ``EditResult`` (``version`` None and ``problems`` when refused), or None
    when the event cites that URL already.
    """
    from layers.catalogue.db.edits import edit_event

    changes = source_changes(sources, source)
    if changes is None:
        return None
    comment = f"source added from a drafted article: {source.get('url') or source.get('title')}"
    return edit_event(store, event_id, changes, author=author, comment=comment)
