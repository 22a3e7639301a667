"""One interface for the two stores: files (the embedded default) or PostgreSQL + PostGIS.

``open_store(database, data_dir)`` picks the store: a database URL (``--database`` or
``BRIEFING_MAP_DATABASE_URL``) gives ``layers.catalogue.db.PostgisStore``; without one,
``FileStore`` over ``geodata/`` and the user data folder, behaving exactly as before.
Both offer the same operations, the ones the app and the commands use::

    store.load_catalogue(on_problem=...)   # Catalogue: the layers + user events, checked
    store.stamp()                          # changes when any import/edit/removal lands
    store.import_events(data, name=..., author=..., dry_run=..., keep_valid_only=...)
    store.list_imports() ; store.user_events() ; store.remove_import(id, author=...)
    store.ids()                            # (base ids, catalogue event ids)

The database adds versions (``layers.catalogue.db.edits``: edit, remove, restore,
history); ``store.kind`` is ``"files"`` or ``"database"``.
"""

from __future__ import annotations

import getpass
import os


class FileStore:
    """The catalogue in ``geodata/`` and the imports in the user data folder (as always)."""

    kind = "files"

    def __init__(self, data_dir: str | os.PathLike | None = None):
        from layers.catalogue.store import resolve_data_dir

        self.data_dir = resolve_data_dir(data_dir)

    def __repr__(self) -> str:
        return f"FileStore({str(self.data_dir)!r})"

    @property
    def where(self) -> str:
        """Where the user data lives, for messages."""
        return str(self.data_dir)

    def stamp(self) -> tuple:
        """Names and modification times of the catalogue files and the stored imports."""
        from layers.atomic import folder_stamp
        from layers.catalogue.registry import GEODATA_DIR
        from layers.catalogue.store import signature

        return (folder_stamp(GEODATA_DIR, "*.geojson"), signature(self.data_dir))

    def load_catalogue(self, *, on_problem=None, events: bool = True, view=None):
        """``load_catalogue(extra_events=[user events])``, as the app always did."""
        from layers.catalogue.load import load_catalogue
        from layers.catalogue.store import load_user_events

        user = load_user_events(self.data_dir, on_problem=on_problem)
        return load_catalogue(extra_events=[user])

    def ids(self) -> tuple[frozenset, frozenset]:
        """(base ids, catalogue event ids) of the shipped files."""
        from layers.catalogue.store import catalogue_ids

        return catalogue_ids()

    def import_events(self, data: bytes, *, name: str, author: str | None = None,
                      action: str = "import", comment: str = "", **options):  # fmt: skip
        """``importer.import_events`` (the author and comment are not kept in files)."""
        from layers.catalogue.importer import import_events

        return import_events(data, name=name, data_dir=self.data_dir, **options)

    def list_imports(self) -> list:
        """Readable imports, oldest first."""
        from layers.catalogue.store import list_imports

        return list_imports(self.data_dir)

    def user_events(self, *, base_ids=None, reserved_ids=None, validate: bool = True):
        """Every import, its events, and the problems of any damaged one."""
        from layers.catalogue.store import read_user_events

        return read_user_events(
            self.data_dir, base_ids=base_ids, reserved_ids=reserved_ids, validate=validate
        )

    def remove_import(self, import_id: str, *, author: str | None = None, comment: str = ""):
        """Delete one import's file."""
        from layers.catalogue.importer import remove_import

        remove_import(self.data_dir, import_id)

    def close(self) -> None:
        """Nothing to close."""


def open_store(database: str | None = None, data_dir: str | os.PathLike | None = None):
    """The store the settings name: ``PostgisStore`` with a database URL, else ``FileStore``."""
    from layers.catalogue.db.connect import database_url

    url = database_url(database)
    if url is None:
        return FileStore(data_dir)
    from layers.catalogue.db.store import PostgisStore

    return PostgisStore(url)


def default_author() -> str:
    """Who the operating system says runs this command (used when no author is given)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


__all__ = ["FileStore", "default_author", "open_store"]
