"""Many events drawn compactly: one JSON array per layer, painted on one Leaflet canvas.

Per-feature GeoJSON costs ~300 bytes an event and a DOM node each; here an event is
four numbers and a name, an aggregate cell five numbers and a per-kind breakdown
(the payload is built by ``layers.map.large_events``). Tooltip text is set with
``textContent`` (never parsed as HTML), so names from user files stay text.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template


class CompactEvents(MacroElement):
    """Adds compactly encoded markers (events or aggregate cells) to its parent group."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var group = {{ this._parent.get_name() }};
          var data = {{ this.payload|tojson }};
          var renderer = L.canvas({padding: 0.3});
          function tip(lines) {
            var box = document.createElement("div");
            lines.forEach(function (line, i) {
              var row = document.createElement(i === 0 ? "strong" : "div");
              row.textContent = line;
              box.appendChild(row);
            });
            return box;
          }
          var n = data.lat.length;
          for (var i = 0; i < n; i++) {
            var cell = data.mode === "aggregated";
            var radius = cell ? Math.min(28, 5 + 3 * Math.sqrt(data.count[i])) : 4;
            var colour = data.colours[data.top[i]];
            var marker = L.circleMarker([data.lat[i], data.lon[i]], {
              renderer: renderer, radius: radius, color: colour, weight: 1,
              fillColor: colour, fillOpacity: cell ? 0.45 : 0.75,
              className: cell ? "bm-cell" : "bm-feature bm-layer-events"
            });
            marker.bindTooltip((function (j) {
              return function () {
                if (!cell) { return tip([data.name[j], data.labels[data.top[j]], data.when[j]]); }
                var lines = [data.count[j].toLocaleString() + " events in this cell"];
                data.breakdown[j].forEach(function (pair) {
                  lines.push(data.labels[pair[0]] + ": " + pair[1].toLocaleString());
                });
                return tip(lines);
              };
            })(i));
            group.addLayer(marker);
          }
          window.briefingMapFeatures = window.briefingMapFeatures || {};
          window.briefingMapFeatures.events = data.total;
          window.briefingMapEventsMode = data.mode;
          window.briefingEventsDrawn = true;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict):
        super().__init__()
        self._name = "CompactEvents"
        self.payload = payload
