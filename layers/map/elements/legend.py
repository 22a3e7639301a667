"""The legend as a Leaflet control (bottom right): one script for both of its homes.

``Legend`` is a child of the map (exports, the briefing page's map when it has one);
``GroupLegend`` lives in a swappable feature group, shown while the group is on the
map, so the app changes the legend with its data layers without touching the static
map. The HTML comes from ``layers.map.legend.legend_html`` (escaped).
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template


class Legend(MacroElement):
    """A Leaflet control (bottom right) holding the legend's ``html``, added to the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (parent) {
          // Bottom right: over the open Pacific in the default view, not over the
          // East China Sea. Closed unless the reader opened it (kept across reruns).
          var legend = L.control({position: "bottomright"});
          legend.onAdd = function () {
            var div = L.DomUtil.create("div", "bm-map-legend");
            div.innerHTML = {{ this.html|tojson }};
            var details = div.querySelector("details");
            if (details) {
              details.open = L.bmLegendOpen === true;
              details.addEventListener("toggle", function () { L.bmLegendOpen = details.open; });
            }
            L.DomEvent.disableScrollPropagation(div);
            L.DomEvent.disableClickPropagation(div);
            return div;
          };
          {%- if this.in_group %}
          parent.on("add", function () { legend.addTo(parent._map); });
          parent.on("remove", function () { legend.remove(); });
          {%- else %}
          legend.addTo(parent);
          {%- endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )
    in_group = False  # the parent is the map itself

    def __init__(self, html: str):
        super().__init__()
        self._name = type(self).__name__
        self.html = html


class GroupLegend(Legend):
    """The legend control, shown while its parent feature group is on the map.

    Unlike ``Legend`` (a child of the map), it lives in a swappable group, so a layer
    toggle changes the legend without touching the static map.
    """

    in_group = True
