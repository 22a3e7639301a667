"""Edit, remove and restore one event: checked as an import is, one transaction, a version.

``--set FIELD=VALUE`` values are written as in the CSV import (its own parsers in
``layers.catalogue.csv_layout``): lists as ``a|b``, aircraft as
``type:count:operator|…``, sources as the ``source_*`` columns (``|`` between
sources), dates as ISO 8601, ``geometry`` as WKT (longitude first). An empty value
removes an optional field. The edited event then goes through the import's validator
(``validate_feature_collection``), so the problems read as an import's do.

``expected`` (``--expect-version``, the app's edit form) is the version the edit was
made on: if anyone saved since, nothing is written and ``StaleVersion`` names them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from layers.catalogue import csv_layout
from layers.catalogue.db import versions
from layers.catalogue.importer import StoreError
from layers.catalogue.problems import Problem
from layers.catalogue.schema import EVENTS

EDITABLE = tuple(f for f in csv_layout.PROPERTY_COLUMNS if f != "id")
SETTABLE = (*EDITABLE, *csv_layout.SOURCE_COLUMNS, "geometry")
_REQUIRED = {f.name for f in EVENTS.all_fields if f.required}


class Refused(StoreError):
    """The change cannot be made in the event's state (removed, already removed)."""


@dataclass(frozen=True)
class EditResult:
    """What an edit did: the new version (``None`` when refused) and the problems."""

    event_id: str
    version: int | None
    problems: tuple[Problem, ...] = ()
    changes: tuple[dict, ...] = ()

    @property
    def accepted(self) -> bool:
        """True when the edit was written."""
        return self.version is not None


def form_values(feature: dict) -> dict[str, str]:
    """Every settable field of an event as the text ``--set`` (and the app's form) takes."""
    from shapely.geometry import shape

    props = feature.get("properties") or {}
    values = {}
    for field in EDITABLE:
        value = props.get(field)
        if field in _ITEM_PARTS:  # aircraft type:count:operator, ships name:type:count:operator
            values[field] = csv_layout.LIST_SEP.join(
                csv_layout.AIRCRAFT_SEP.join(_text(a.get(part)) for part in _ITEM_PARTS[field])
                for a in value or ()
                if isinstance(a, dict)
            )
        elif isinstance(value, list):
            values[field] = csv_layout.LIST_SEP.join(str(v) for v in value)
        else:
            values[field] = "" if value is None else str(value)
    values.update(
        {c: _source_row(props.get("sources")).get(c, "") for c in csv_layout.SOURCE_COLUMNS}
    )
    geometry = feature.get("geometry")
    values["geometry"] = shape(geometry).wkt if geometry else ""
    return values


_ITEM_PARTS = {
    "aircraft": ("type", "count", "operator"),
    "ships": ("name", "type", "count", "operator"),
}


def _text(value) -> str:
    return "" if value is None else str(value)


def parse_assignments(items: list[str]) -> dict[str, str]:
    """``["name=X", "start=2025-01-02"]`` → ``{"name": "X", …}``; ``ValueError`` if malformed."""
    out: dict[str, str] = {}
    for item in items:
        field, sep, value = item.partition("=")
        field = field.strip().lower()
        if not sep or not field:
            raise ValueError(f"{item!r} is not FIELD=VALUE")
        if field in out:
            raise ValueError(f"{field} is set twice")
        out[field] = value.strip()
    return out


def apply_changes(feature: dict, changes: dict[str, str], *, name: str,
                  base_ids=None) -> tuple[dict, list[Problem]]:  # fmt: skip
    """The feature with ``changes`` applied and checked; every problem found."""
    from layers.catalogue.validate import validate_feature_collection

    fid = feature["properties"].get("id")
    problems: list[Problem] = []

    def report(field, message, hint=""):
        problems.append(Problem(name, 0, fid, field, message, hint))

    edited = copy.deepcopy(feature)
    props = edited["properties"]
    for field in changes:
        if field == "id":
            report("id", "the id of an event cannot be changed", "import it under a new id")
        elif field not in SETTABLE:
            report(field, f"unknown field {field!r}", "one of: " + ", ".join(SETTABLE))
    row = {f: v for f, v in changes.items() if f in EDITABLE}
    parsed = csv_layout.properties_of_row(row, report)
    for field, value in changes.items():
        if field not in EDITABLE:
            continue
        if value == "" and field not in _REQUIRED:
            props.pop(field, None)
        else:
            props[field] = parsed.get(field, [] if field in _list_fields() else value)
    if any(c in changes for c in csv_layout.SOURCE_COLUMNS):
        props["sources"] = csv_layout.properties_of_row(
            {**_source_row(props.get("sources")), **changes}, report
        )["sources"]
    if "geometry" in changes:
        edited["geometry"] = csv_layout.geometry_of_row({"wkt": changes["geometry"]}, report)
    unknown = any(p.field in ("id", *changes) and p.field not in SETTABLE for p in problems)
    if unknown or edited["geometry"] is None:
        return edited, problems
    fc = {"type": "FeatureCollection", "features": [edited]}
    valid, found = validate_feature_collection(fc, name=name, kind="events", base_ids=base_ids)
    told = {_root(p.field) for p in problems}  # the parser already explained these fields
    problems += [p for p in found if _root(p.field) not in told]
    if valid["features"] and not any(p.severity == "error" for p in problems):
        return valid["features"][0], problems
    return edited, problems


def _root(field: str | None) -> str | None:
    return field.split(".")[0].split("[")[0] if field else field


def _list_fields() -> set[str]:
    kinds = ("aircraft", "ships")
    return {f.name for f in EVENTS.all_fields if f.kind.startswith("list[") or f.kind in kinds}


def _source_row(sources) -> dict[str, str]:
    """The current sources as the CSV's ``source_*`` columns (``|`` between sources)."""
    sources = [s for s in sources or () if isinstance(s, dict)]
    return {
        column: csv_layout.LIST_SEP.join(
            str(s.get(column.removeprefix("source_")) or "") for s in sources
        )
        for column in csv_layout.SOURCE_COLUMNS
        if any(s.get(column.removeprefix("source_")) for s in sources)
    }


def _live(conn, event_id: str, expected: int | None) -> versions.Current:
    was = versions.current(conn, "events", event_id, lock=True)
    if was is None:
        raise StoreError(f"there is no event '{event_id}'")
    versions.check_expected(conn, was, expected)
    return was


def edit_event(store, event_id: str, changes: dict[str, str], **options) -> EditResult:
    """Check and save an edit as a new version; refused (nothing written) on any error."""
    return versions.rolled_back(lambda: _edit(store, event_id, changes, **options))


def _edit(store, event_id: str, changes: dict[str, str], *, author: str, comment: str,
          expected: int | None = None, dry_run: bool = False) -> EditResult:  # fmt: skip
    base_ids, _ = store.ids()
    with store.connection() as conn:
        if not dry_run:
            versions.lock_writes(conn)
        was = _live(conn, event_id, expected)
        if was.removed:
            raise Refused(
                f"event '{event_id}' was removed (version {was.version}); restore it first"
            )
        edited, problems = apply_changes(
            was.feature, changes, name=f"edit {event_id}", base_ids=base_ids
        )
        if any(p.severity == "error" for p in problems):
            raise versions.Rollback(EditResult(event_id, None, tuple(problems)))
        diff = versions.diff(was.feature, edited)
        if not diff:
            raise versions.Rollback(EditResult(event_id, None, (_nothing(event_id),)))
        if dry_run:
            return EditResult(event_id, was.version, tuple(problems), tuple(diff))
        version = versions.put(
            conn, layer="events", feature=edited, action="edit", author=author, comment=comment,
            origin=was.origin, import_id=was.import_id, position=was.position, was=was,
        )  # fmt: skip
    return EditResult(event_id, version, tuple(problems), tuple(diff))


def _nothing(event_id: str) -> Problem:
    return Problem(f"edit {event_id}", None, event_id, None, "the edit changes nothing")


def remove_event(store, event_id: str, *, author: str, comment: str,
                 expected: int | None = None) -> int:  # fmt: skip
    """Remove one event (a version holding it as it was); the new version number."""
    with store.connection() as conn:
        versions.lock_writes(conn)
        was = _live(conn, event_id, expected)
        if was.removed:
            raise Refused(f"event '{event_id}' is already removed (version {was.version})")
        return versions.remove(conn, was, author=author, comment=comment)


def restore_version(store, event_id: str, version: int, **options) -> EditResult:
    """Make version ``version``'s snapshot the event again (a removed event comes back)."""
    return versions.rolled_back(lambda: _restore(store, event_id, version, **options))


def _restore(store, event_id: str, version: int, *, author: str, comment: str,
             expected: int | None = None) -> EditResult:  # fmt: skip
    base_ids, _ = store.ids()
    with store.connection() as conn:
        versions.lock_writes(conn)
        was = _live(conn, event_id, expected)
        old = [v for v in versions.history(conn, "events", event_id) if v.version == version]
        if not old:
            raise StoreError(f"event '{event_id}' has no version {version}")
        fc = {"type": "FeatureCollection", "features": [old[0].snapshot]}
        from layers.catalogue.validate import validate_feature_collection

        name = f"restore {event_id}"
        valid, problems = validate_feature_collection(
            fc, name=name, kind="events", base_ids=base_ids
        )
        if not valid["features"]:
            raise versions.Rollback(EditResult(event_id, None, tuple(problems)))
        restored = old[0].snapshot
        if not was.removed and not versions.diff(was.feature, restored):
            raise versions.Rollback(EditResult(event_id, None, (_nothing(event_id),)))
        note = comment or f"restored version {version}"
        new = versions.put(
            conn, layer="events", feature=restored, action="restore", author=author, comment=note,
            origin=was.origin, import_id=was.import_id, position=was.position, was=was,
        )  # fmt: skip
    return EditResult(event_id, new, tuple(problems), ())
