"""The catalogue: what the map can show, read from files and checked once, at the edge.

* ``schema``: one declarative ``DatasetSchema`` per dataset (fields, values, limits,
  the date policy); ``registry``: the one tuple ``LAYERS`` of ``LayerSpec`` rows.
* ``load``: validated GeoJSON → frames (``load_catalogue``); code after it trusts them.
* ``validate`` (files), ``properties`` (field rules), ``geojson_checks`` (RFC 7946
  structure), ``geometry_checks`` (a layer's geometry rules), ``problems`` (what
  every check reports).
* ``csv_import`` and ``csv_layout``: a CSV of events → GeoJSON, then the validator.
* ``store`` (the user-data folder, read) and ``importer`` (saving and removing
  imports under its lock); ``large_file``: large event files, checked column-wise.
* ``stores``: the one interface over the file store and, when a database URL is set,
  ``db`` (PostgreSQL + PostGIS: versions, edits, history, SQL for large catalogues).
* ``values``: reading a loaded row's values; ``add_source``: one more source for an
  event already stored (the catalogue's events file or an import).
"""

from layers import lazy_exports

__all__, __getattr__ = lazy_exports(
    __name__,
    {
        "schema": ("EVENT_KINDS", "SCHEMAS", "DatasetSchema", "Field", "country_name"),
        "registry": ("GEODATA_DIR", "LAYERS", "LAYERS_BY_KEY", "LayerSpec"),
        "load": ("Catalogue", "frame_from_features", "load_catalogue", "read_layer"),
        "problems": ("GeoDataError", "Problem", "errors", "problems_table"),
        "validate": ("ids_in_file", "kind_from_filename", "validate_bytes", "validate_file"),
        "csv_import": ("CsvProblem", "parse_events_csv"),
        "store": ("ImportInfo", "UserEvents", "list_imports", "load_user_events"),
        "importer": ("ImportResult", "StoreError", "import_events", "remove_import"),
        "large_file": ("read_events_table",),
        "stores": ("FileStore", "open_store"),
        "values": ("as_list", "is_blank"),
        "add_source": ("add_to_catalogue", "add_to_import"),
    },
)
