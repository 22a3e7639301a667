"""The catalogue in PostgreSQL + PostGIS, for teams (only when a database URL is set).

* ``connect``: the URL setting (``BRIEFING_MAP_DATABASE_URL``), connections, one-line
  errors that never show the password.
* ``schema``: tables, indexes and the app's role (``db init``); ``rows``: the SQL
  columns derived from a feature.
* ``store``: ``PostgisStore``, the database side of ``layers.catalogue.stores``.
* ``imports``, ``edits``, ``versions``: every change a transaction and a version.
* ``load_dump``: catalogue files in and out; ``large``: a large event file in, and the
  window, filters and viewport aggregation in SQL.
"""

from layers import lazy_exports

__all__, __getattr__ = lazy_exports(
    __name__,
    {
        "connect": ("ENV_VAR", "Database", "DatabaseError", "database_url", "shown_url"),
        "store": ("LARGE_EVENTS", "PostgisStore"),
        "versions": ("StaleVersion", "Version"),
        "edits": ("EditResult", "edit_event", "remove_event", "restore_version"),
        "load_dump": ("LoadResult", "dump_dir", "load_dir"),
    },
)
