"""The Leaflet pieces folium does not have, one class with its Jinja template each.

They follow folium's ``MacroElement`` pattern and write only to the ``script`` section
(st_folium executes body scripts but not inline header scripts). Everything from data
files arrives as JSON made safe for ``<script>`` (``script.js_json``).
"""

from layers import lazy_exports

__all__, __getattr__ = lazy_exports(
    __name__,
    {
        "annotations": ("AnnotationScript", "NauticalScale"),
        "basemap": ("OfflineBasemap", "OfflineMap"),
        "feature_layer": ("FeatureLayer", "layer_payload"),
        "legend": ("GroupLegend", "Legend"),
        "signals": ("DataLayersReset", "ReadySignal"),
        "focus": ("FrameControl", "FrameSelection", "Highlight"),
        "compact_events": ("CompactEvents",),
        "script": ("js_json",),
    },
)
