"""The map button that hands the current centre and zoom to the Streamlit script."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template


class SavePositionControl(MacroElement):
    """A map button that sends the current centre and zoom to the Streamlit script.

    The app keeps panning rerun-free (``returned_objects`` without "center"), so the
    script never learns where the user panned; this button hands it over once, as
    ``saved_view`` {lat, lng, zoom, at} in the component value, through the
    streamlit-folium globals (``window.Streamlit``, ``window.__GLOBAL_DATA__``).
    Outside Streamlit it does nothing.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          var control = L.control({position: "topleft"});
          control.onAdd = function () {
            var button = L.DomUtil.create("a", "leaflet-bar bm-save-position");
            button.href = "#";
            button.role = "button";
            button.title = {{ this.title|tojson }};
            button.innerHTML = {{ this.icon|tojson }};
            L.DomEvent.disableClickPropagation(button);
            L.DomEvent.on(button, "click", function (event) {
              L.DomEvent.preventDefault(event);
              var data = window.__GLOBAL_DATA__, st = window.Streamlit;
              if (!data || !st) { return; }
              var c = map.getCenter();
              var saved = {lat: c.lat, lng: c.lng, zoom: map.getZoom(), at: Date.now()};
              // streamlit-folium reports a pan 250 ms after it ends (debounced) with a value
              // that lacks saved_view; sent together, that one could replace ours before
              // the script reads it. So send after any pending report has gone.
              setTimeout(function () {
                var value = Object.assign({}, data.previous_data || {}, {saved_view: saved});
                data.previous_data = value;
                st.setComponentValue(value);
              }, 300);
            });
            return button;
          };
          control.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str = "Save this map position in the page link"):
        super().__init__()
        self._name = "SavePositionControl"
        self.title = title
        self.icon = (  # a crosshair: no icon font needed (none is shipped)
            '<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" '
            'style="margin:6px" fill="none" stroke="#333" stroke-width="1.6">'
            '<circle cx="9" cy="9" r="5"/><path d="M9 1v4M9 13v4M1 9h4M13 9h4"/></svg>'
        )
