"""``PostgisStore``: the catalogue and the user's imports in PostgreSQL + PostGIS.

The same operations as the file store (``layers.catalogue.stores.FileStore``): the
catalogue with the user events as frames, a version stamp, importing a checked file,
listing and removing imports; plus what only a database does: versions, edits,
history and restore (``layers.catalogue.db.edits``). Files are checked exactly as on
disk (``layers.catalogue.importer.check_file``, the same validator and problems), and
every write is one transaction that bumps the stamp.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from layers.catalogue.db import versions
from layers.catalogue.db.connect import SCHEMA, Database, shown_url
from layers.catalogue.db.schema import check_ready
from layers.catalogue.problems import GeoDataError, Problem, errors
from layers.catalogue.store import ImportInfo, UserEvents

LARGE_EVENTS = 20_000  # above this many events the app queries them instead of loading them


@dataclass(frozen=True)
class Stored:
    """Current features read from the database, by layer, catalogue and user apart."""

    catalogue: dict[str, list[dict]]
    user: list[tuple[dict, str]]  # (feature, import_id)


class PostgisStore:
    """The store in a PostgreSQL + PostGIS database named by ``url``."""

    kind = "database"

    def __init__(self, url: str):
        self.db = Database(url)
        self.url = url
        self._checked = False

    def __repr__(self) -> str:
        return f"PostgisStore({shown_url(self.url)!r})"

    @property
    def where(self) -> str:
        """Where the data lives, for messages (never with a password)."""
        return shown_url(self.url)

    def connection(self):
        """A connection in a transaction, after checking once that the tables exist."""
        if not self._checked:
            with self.db.connection() as conn:
                check_ready(conn)
            self._checked = True
        return self.db.connection()

    def close(self) -> None:
        """Close idle connections."""
        self.db.close()

    def stamp(self) -> int:
        """The write counter: changes with every import, edit, removal, restore or load."""
        return self.version()[0]

    def version(self) -> tuple[int, str]:
        """(write counter, time of the last write): one indexed query, the app's per rerun."""
        with self.connection() as conn:
            counter, changed = conn.execute(
                f"SELECT counter, changed_at FROM {SCHEMA}.stamp"
            ).fetchone()
        return counter, changed.isoformat()

    def event_count(self) -> int:
        """How many current (not removed) events the database holds."""
        with self.connection() as conn:
            query = f"SELECT count(*) FROM {SCHEMA}.features WHERE layer = 'events' AND NOT removed"
            return conn.execute(query).fetchone()[0]

    def read(self, *, events: bool = True) -> Stored:
        """Every current feature (``events=False``: every layer but the events)."""
        from layers.catalogue.registry import LAYERS

        layers = [spec.key for spec in LAYERS if events or spec.key != "events"]
        with self.connection() as conn:
            rows = conn.execute(
                f"SELECT layer, origin, import_id, feature::text FROM {SCHEMA}.features "
                "WHERE layer = ANY(%s) AND NOT removed "
                "ORDER BY layer, origin <> 'catalogue', import_id, position",
                (layers,),
            ).fetchall()
        catalogue: dict[str, list[dict]] = {}
        user: list[tuple[dict, str]] = []
        for layer, origin, import_id, text in rows:
            if origin == "catalogue":
                catalogue.setdefault(layer, []).append(json.loads(text))
            else:
                user.append((json.loads(text), import_id))
        return Stored(catalogue, user)

    def ids(self) -> tuple[frozenset, frozenset]:
        """(base ids, catalogue event ids): what events refer to, and what imports avoid."""
        with self.connection() as conn:
            rows = conn.execute(
                f"SELECT layer, id FROM {SCHEMA}.features WHERE NOT removed AND "
                "(layer = 'bases' OR (layer = 'events' AND origin = 'catalogue'))"
            ).fetchall()
        bases = frozenset(i for layer, i in rows if layer == "bases")
        return bases, frozenset(i for layer, i in rows if layer == "events")

    def load_catalogue(self, *, on_problem: Callable[[Problem], object] | None = None,
                       events: bool = True, view=None):  # fmt: skip
        """The catalogue and the user events as frames, checked as files are.

        Catalogue problems raise ``GeoDataError`` (as a broken file does); a bad user
        event goes to ``on_problem`` and is left out (as a damaged import is).
        ``events=False`` (large catalogues): an empty events frame.
        """
        from layers.catalogue.load import Catalogue
        from layers.catalogue.registry import LAYERS

        if events and view is not None and self.event_count() > LARGE_EVENTS:
            return self._view_catalogue(view, on_problem)
        stored = self.read(events=events)
        frames, problems = {}, []
        base_ids = frozenset(f["properties"].get("id") for f in stored.catalogue.get("bases", ()))
        for spec in LAYERS:
            fc = {"type": "FeatureCollection", "features": stored.catalogue.get(spec.key, [])}
            frame, found = _checked_frame(fc, spec.key, base_ids, "catalogue")
            frames[spec.key], problems = frame, problems + errors(found)
        if problems:
            raise GeoDataError(problems)
        user = self.user_events(stored, base_ids=base_ids)
        for problem in user.problems:
            if on_problem is not None:
                on_problem(problem)
        if user.features:
            from layers.catalogue.load import _append_events, frame_from_features

            fc = {"type": "FeatureCollection", "features": list(user.features)}
            extra = frame_from_features(fc, "events", origin="user")
            frames["events"], found = _append_events(frames["events"], [extra])
            problems += found
        if problems:
            raise GeoDataError(problems)
        return Catalogue(frames)

    def _view_catalogue(self, view, on_problem):
        """A large catalogue for one view: the layers, and only the events it selects."""
        from layers.catalogue.db.query import Filter
        from layers.catalogue.db.remote import FETCH_LIMIT, RemoteEvents
        from layers.catalogue.load import Catalogue

        catalogue = self.load_catalogue(on_problem=on_problem, events=False)
        events = RemoteEvents(self).fetch(Filter.of(view, getattr(view, "pick", None)), FETCH_LIMIT)
        if events is None:
            msg = (
                f"the view selects more than {FETCH_LIMIT:,} of the database's events; a "
                "briefing or an export draws each one: narrow the dates or the filters"
            )
            raise GeoDataError([Problem(self.where, None, None, None, msg)])
        return Catalogue({**catalogue.frames, "events": events})

    def user_events(self, stored: Stored | None = None, *, base_ids=None, reserved_ids=None,
                    validate: bool = True) -> UserEvents:  # fmt: skip
        """The imports, their current events (checked again, as the file store does)."""
        from layers.catalogue.validate import validate_feature_collection

        if not validate and stored is None:  # the list of imports only (``import --list``)
            return UserEvents(tuple(self.list_imports()), ())
        stored = stored or self.read()
        if base_ids is None:
            base_ids = frozenset(f["properties"]["id"] for f in stored.catalogue.get("bases", ()))
        imports = self.list_imports()
        features, problems = [], []
        for import_id in sorted({i for _, i in stored.user}):
            label = f"import {import_id}"
            fc = {"type": "FeatureCollection",
                  "features": [f for f, i in stored.user if i == import_id]}  # fmt: skip
            valid, found = validate_feature_collection(
                fc, name=label, kind="events", base_ids=base_ids
            )
            problems += found
            for feature in valid["features"]:
                props = {**feature["properties"], "import_id": import_id}
                features.append({**feature, "properties": props})
        return UserEvents(tuple(imports), tuple(features), tuple(problems))

    def list_imports(self) -> list[ImportInfo]:
        """Imports that are not removed, oldest first."""
        with self.connection() as conn:
            rows = conn.execute(
                "SELECT import_id, original_name, "
                "to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS+00:00'), "
                f"feature_count FROM {SCHEMA}.imports WHERE removed_at IS NULL "
                "ORDER BY saved_at, import_id"
            ).fetchall()
        return [ImportInfo(r[0], r[1], r[2], int(r[3])) for r in rows]

    def import_events(self, data: bytes, *, name: str, author: str, action: str = "import",
                      base_ids=None, reserved_ids=None, dry_run: bool = False,
                      keep_valid_only: bool = True, comment: str = ""):  # fmt: skip
        """Check a file and save its valid events as one import, in one transaction."""
        from layers.catalogue.db.imports import save_import

        return save_import(
            self, data, name=name, author=author, action=action, dry_run=dry_run,
            keep_valid_only=keep_valid_only, comment=comment,
        )  # fmt: skip

    def remove_import(self, import_id: str, *, author: str, comment: str = "") -> int:
        """Remove an import: each of its events gets a removal version; how many."""
        from layers.catalogue.db.imports import remove_import

        return remove_import(self, import_id, author=author, comment=comment)

    def status(self) -> dict:
        """Counts by layer and source (catalogue, import, draft, edit; removed apart)."""
        with self.connection() as conn:
            rows = conn.execute(
                "SELECT layer, CASE WHEN removed THEN 'removed' ELSE source END, count(*) "
                f"FROM {SCHEMA}.features GROUP BY 1, 2 ORDER BY 1, 2"
            ).fetchall()
            meta = dict(conn.execute(f"SELECT key, value FROM {SCHEMA}.meta").fetchall())
            stamp = conn.execute(f"SELECT counter, changed_at FROM {SCHEMA}.stamp").fetchone()
            n_versions = conn.execute(f"SELECT count(*) FROM {SCHEMA}.versions").fetchone()[0]
        return {
            "counts": [(layer, source, int(n)) for layer, source, n in rows],
            "meta": meta,
            "stamp": stamp,
            "versions": int(n_versions),
            "imports": len(self.list_imports()),
        }


def _checked_frame(fc: dict, kind: str, base_ids, origin: str):
    from layers.catalogue.load import frame_from_features
    from layers.catalogue.validate import validate_feature_collection

    refs = base_ids if kind == "events" else None
    valid, found = validate_feature_collection(
        fc, name=f"database {kind}", kind=kind, base_ids=refs
    )
    return frame_from_features(valid, kind, origin=origin), found


__all__ = ["LARGE_EVENTS", "PostgisStore", "Stored", "versions"]
