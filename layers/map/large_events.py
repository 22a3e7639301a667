"""Draw a ``ScaledSelection`` compactly: one JSON array per layer, painted on a canvas.

Per-feature GeoJSON costs ~300 bytes an event and a DOM node each; here an event is
four numbers and a name, an aggregate cell five numbers and a per-kind breakdown,
and everything is drawn on one Leaflet canvas renderer. Tooltip text is set with
``textContent`` (never parsed as HTML), so names from user files stay text.
"""

from __future__ import annotations

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from layers.catalogue.schema import EVENT_KINDS
from layers.map.styles import EVENT_COLOURS, UNKNOWN_COLOUR
from layers.view.large_selection import EventIndex, ScaledSelection

_TEMPLATE = """
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


class _CompactEvents(MacroElement):
    """A MacroElement that adds compactly encoded markers to its parent group."""

    def __init__(self, payload: dict):
        super().__init__()
        self._name = "CompactEvents"
        self._template = Template(_TEMPLATE)
        self.payload = payload


def _payload(index: EventIndex, events: pd.DataFrame, selection: ScaledSelection) -> dict:
    kinds = list(index.kinds)
    base = {
        "labels": [EVENT_KINDS.get(k, k) for k in kinds],
        "colours": [EVENT_COLOURS.get(k, UNKNOWN_COLOUR) for k in kinds],
        "total": len(selection.positions),
        "mode": selection.mode,
    }
    if selection.cells is None:
        pos = selection.positions
        rows = events.iloc[index.rows[pos]]
        return base | {
            "lat": np.round(index.lat[pos], 4).tolist(),
            "lon": np.round(index.lon[pos], 4).tolist(),
            "top": index.kind_codes[pos].tolist(),
            "name": rows["name"].astype(str).tolist(),
            "when": [
                s if s == e else f"{s} – {e}"
                for s, e in zip(rows["start"].astype(str), rows["end"].astype(str), strict=True)
            ],
        }
    cells = selection.cells
    breakdown = [
        [[int(k), int(c)] for k, c in enumerate(row) if c] for row in cells.by_kind.tolist()
    ]
    return base | {
        "lat": np.round(cells.lat, 4).tolist(),
        "lon": np.round(cells.lon, 4).tolist(),
        "count": cells.count.tolist(),
        "top": cells.by_kind.argmax(axis=1).tolist(),
        "breakdown": breakdown,
    }


def build_scaled_event_layer(
    index: EventIndex, events: pd.DataFrame, selection: ScaledSelection, *, name: str = "Events"
) -> folium.FeatureGroup:
    """A feature group drawing the selection as points or aggregate cells."""
    group = folium.FeatureGroup(name=name, show=True)
    group.add_child(_CompactEvents(_payload(index, events, selection)))
    return group


def legend_note(selection: ScaledSelection) -> str:
    """What the user is looking at, for the legend: individual events or aggregates."""
    shown = len(selection.positions)
    if selection.cells is None:
        return f"{shown:,} events shown individually"
    cells = len(selection.cells.count)
    return f"{shown:,} events in view, aggregated into {cells:,} cells (hover for the breakdown)"
