"""What a selection becomes beside the map: the details panel, the events table, the timeline.

* ``details`` (one feature as plain text), ``markdown`` (that model, escaped),
  ``words`` (values in words);
* ``table``: the events table and its GeoJSON/CSV downloads;
* ``timeline`` (one bar per event), ``event_counts`` (counts per period for a large
  selection), ``chart_parts`` (what both charts share). Altair is imported only here.
* ``history``: an event's versions in words (the ``history`` command, the app).
"""

from layers import lazy_exports

__all__, __getattr__ = lazy_exports(
    __name__,
    {
        "details": ("feature_details", "find_feature"),
        "markdown": ("details_markdown", "escape_markdown"),
        "table": ("events_table", "events_to_csv_bytes", "events_to_geojson_bytes"),
        "timeline": ("TimelineChart", "timeline_chart", "timeline_chart_for"),
        "event_counts": ("aggregate_chart",),
        "history": ("history_lines", "value_text"),
    },
)
