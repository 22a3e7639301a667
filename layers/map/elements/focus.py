"""Keeping the reader's eye on the selection: frame it, follow it, mark the clicked feature.

* ``FrameControl`` (static map): a ⤢ button that fits the map to the selected events,
  in the browser, with no rerun.
* ``FrameSelection`` (data group, sent on every rerun): the selection's bounds for that
  button, and, when the selection changed (window, filters, a timeline pick) and
  "follow" is on, a move that brings it back on screen if part of it is off screen
  (a timeline pick always moves to the picked events). The first paint keeps the
  position the link or the session gave.
* ``Highlight`` (data group): the clicked feature outlined, under the layers.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from layers.map.elements.script import js_json

FIT_PADDING_PX = 40
FIT_MAX_ZOOM = 7  # one event's point must not zoom in to street level


class FrameControl(MacroElement):
    """A map button that fits the map to the selected events (``L.bmSelectionBounds``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          var control = L.control({position: "topleft"});
          control.onAdd = function () {
            var button = L.DomUtil.create("a", "leaflet-bar bm-frame");
            button.href = "#";
            button.role = "button";
            button.title = {{ this.title|tojson }};
            button.setAttribute("aria-label", {{ this.title|tojson }});
            button.innerHTML = {{ this.icon|tojson }};
            L.DomEvent.disableClickPropagation(button);
            L.DomEvent.on(button, "click", function (event) {
              L.DomEvent.preventDefault(event);
              if (L.bmSelectionBounds) {
                map.fitBounds(L.bmSelectionBounds, {padding: [{{ this.padding }},
                  {{ this.padding }}], maxZoom: {{ this.max_zoom }}});
              }
            });
            return button;
          };
          control.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str = "Frame the selected events"):
        super().__init__()
        self._name = "FrameControl"
        self.title = title
        self.padding, self.max_zoom = FIT_PADDING_PX, FIT_MAX_ZOOM
        self.icon = (  # corners of a frame: no icon font needed (none is shipped)
            '<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" '
            'style="margin:6px" fill="none" stroke="#333" stroke-width="1.8">'
            '<path d="M1 6V1h5M12 1h5v5M17 12v5h-5M6 17H1v-5"/></svg>'
        )


class FrameSelection(MacroElement):
    """The selection's bounds for ``FrameControl``; moves the map when the selection changed.

    ``token`` names the selection (ids and pick): a rerun that sends the same token
    (a click, a pan) never moves the map. ``follow`` moves it only when part of the
    selection is off screen; ``force`` (a timeline pick) always fits.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
          var bounds = {{ this.bounds_js }}, token = {{ this.token|tojson }};
          L.bmSelectionBounds = bounds ? L.latLngBounds(bounds) : null;
          var first = L.bmFrameToken === undefined, changed = L.bmFrameToken !== token;
          L.bmFrameToken = token;
          if (first || !changed || !bounds) { return; }
          var map = group._map || window.map;
          if (!map) { return; }
          var target = L.latLngBounds(bounds);
          if ({{ this.force|tojson }} ||
              ({{ this.follow|tojson }} && !map.getBounds().contains(target))) {
            map.fitBounds(target, {padding: [{{ this.padding }}, {{ this.padding }}],
              maxZoom: {{ this.max_zoom }}});
          }
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds, token: str, *, follow: bool, force: bool):
        super().__init__()
        self._name = "FrameSelection"
        self.bounds_js = js_json(bounds)
        self.token, self.follow, self.force = token, follow, force
        self.padding, self.max_zoom = FIT_PADDING_PX, FIT_MAX_ZOOM


class Highlight(MacroElement):
    """The clicked feature outlined in a halo colour, not clickable itself."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.geoJSON({{ this.geometry_js }}, {
          interactive: false,
          style: function () { return {{ this.style_js }}; },
          pointToLayer: function (f, ll) {
            return L.circleMarker(ll, Object.assign({radius: 13}, {{ this.style_js }}));
          }
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, geometry: dict, colour: str = "#ffd400"):
        super().__init__()
        self._name = "Highlight"
        self.geometry_js = js_json(geometry)
        style = {"color": colour, "weight": 9, "opacity": 0.85, "fill": False,
                 "className": "bm-highlight"}  # fmt: skip
        self.style_js = js_json(style)
