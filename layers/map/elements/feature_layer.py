"""One catalogue layer in the browser: GeoJSON with its styles, tooltips and popups.

Feature properties are precomputed on the server (``layers.map.features``): Leaflet
path options, escaped tooltip and popup HTML, marker SVG. The browser keeps each
layer it built by content digest and reuses it when a rerun sends the same content.
"""

from __future__ import annotations

import hashlib

from branca.element import MacroElement
from folium.template import Template

from layers.map.elements.script import js_json


class FeatureLayer(MacroElement):
    """One catalogue layer as GeoJSON with precomputed style, escaped tooltip and popup.

    Feature properties sent to the browser: ``s`` Leaflet path options (with CSS
    classes), ``t`` tooltip HTML, ``p`` popup HTML, ``h`` marker SVG (bases).
    ``labels`` are permanent text labels ``[lat, lon, html, class]``; ``marks`` the
    events' numbered callouts and arrowheads (``layers.map.callouts.event_marks``).
    Labels and callouts are laid out by the page's ``BM`` script
    (``layers/map/js/annotate.js``).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
          // A rerun re-sends every group; a layer whose content did not change (bases,
          // ADIZ, areas) is reused instead of rebuilt, so a filter change repaints fast.
          // The cache lives on this page's Leaflet (L): a page whose document is replaced
          // (the exporter's set_content keeps the window) loads a new L, so starts empty.
          var cache = L.briefingMapLayerCache = L.briefingMapLayerCache || {};
          var digest = {{ this.digest|tojson }};
          var cached = cache[{{ this.key|tojson }}];  // one per layer: memory stays bounded
          var reg = window.briefingMapFeatures = window.briefingMapFeatures || {};
          if (cached && cached.digest === digest) {
            cached.layers.forEach(function (l) { l.addTo(group); });
            reg[{{ this.key|tojson }}] = cached.count;
            performance.mark("bm-drawn-" + {{ this.key|tojson }});
            return;
          }
          var popups = {{ this.popups|tojson }};
          var data = {{ this.data_js }};
          var built = [];
          built.push(L.geoJSON(data, {
            style: BM.style,
            pointToLayer: function (f, ll) {
              var p = f.properties;
              if (p.h) {
                return L.marker(ll, {icon: L.divIcon({html: p.h, className: p.s.className,
                  iconSize: [16, 16], iconAnchor: [8, 8]})});
              }
              return L.circleMarker(ll, p.s);
            },
            onEachFeature: function (f, layer) {
              var p = f.properties;
              if (p.t) { layer.bindTooltip(p.t, {sticky: true, className: "bm-tooltip"}); }
              // A popup never pans the map away from what the reader was looking at
              // (autoPan off) and scrolls rather than growing. The app binds none: a
              // click opens its details drawer instead.
              if (p.p && popups) {
                layer.bindPopup(p.p, {maxWidth: 380, maxHeight: 260, autoPan: false,
                  className: "bm-popup-box"});
              }
            }
          }));
          var labels = {{ this.labels_js }}, marks = {{ this.marks_js }};
          if (labels.length) { built.push(BM.labels(labels)); }
          if (marks.callouts.length || marks.arrows.length) { built.push(BM.marks(marks)); }
          built.forEach(function (l) { l.addTo(group); });
          var count = data.features.length;
          cache[{{ this.key|tojson }}] = {digest: digest, layers: built, count: count};
          reg[{{ this.key|tojson }}] = count;
          performance.mark("bm-drawn-" + {{ this.key|tojson }});
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        key: str,
        features: list[dict],
        labels: list[list] = (),
        marks: dict | None = None,
        *,
        popups: bool = True,
    ):
        super().__init__()
        self.popups = popups
        self._name = "FeatureLayer"
        self.key = key
        self.data_js = js_json({"type": "FeatureCollection", "features": features})
        self.labels_js = js_json(list(labels))
        self.marks_js = js_json(marks or {"callouts": [], "arrows": []})

    @property
    def digest(self) -> str:
        """Content hash: the browser reuses a layer it already built from the same content."""
        parts = (self.data_js, self.labels_js, self.marks_js, str(self.popups))
        content = "\n".join(parts).encode()
        return hashlib.blake2b(content, digest_size=8).hexdigest()

    @classmethod
    def from_payload(
        cls, key: str, payload: tuple[str, str], *, popups: bool = True
    ) -> FeatureLayer:
        """A layer from ``(data_js, labels_js)`` already made by :func:`layer_payload`."""
        layer = cls(key, [], popups=popups)
        layer.data_js, layer.labels_js = payload
        return layer


def layer_payload(key: str, features: list[dict], labels: list[list] = ()) -> tuple[str, str]:
    """The script-safe JSON a ``FeatureLayer`` sends: cache it for layers that never change."""
    layer = FeatureLayer(key, features, labels)
    return (layer.data_js, layer.labels_js)
