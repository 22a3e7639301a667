"""The map: a view of the catalogue as one offline folium map, and what is drawn on it.

* ``render``: the whole map (``build_map``), or the app's never-changing base map and
  its swappable data groups; ``features``: rows → the browser's features and labels.
* ``elements``: the Leaflet pieces folium lacks, one class with its template each.
* ``styles``, ``legend``, ``css``, ``popups``: how things look and read.
* ``overlays`` (range rings, measured lines), ``tiles`` (online tiles, off unless
  chosen), ``picking`` (a click → a feature), ``large_events`` (large mode's layer),
  ``preview`` (a map of events not saved yet), ``assets`` (Leaflet and the basemap
  from installed packages).
"""

from layers import lazy_exports

__all__, __getattr__ = lazy_exports(
    __name__,
    {
        "render": (
            "build_base_map",
            "build_data_layers",
            "build_map",
            "make_layer_control",
        ),
        "features": ("static_layer_payloads",),
        "legend": ("legend_entries", "legend_html"),
        "overlays": ("aircraft_ranges", "build_overlay_group"),
        "tiles": ("offline_unless_chosen", "tile_layer"),
        "picking": ("FeatureHit", "feature_at"),
        "large_events": ("build_scaled_event_layer", "legend_note"),
        "preview": ("preview_html",),
    },
)
