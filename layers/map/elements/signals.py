"""Signals the page gives the app, the exporter and the tests: drawn, and drawn afresh."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template


class ReadySignal(MacroElement):
    """Sets ``window.briefingMapReady`` and class ``bm-ready`` once the basemap is drawn."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          // Marks for bench/bench_page.py's breakdown of a page load (cost: nothing).
          performance.mark("bm-leaflet");
          function done() {
            map.getContainer().classList.add("bm-ready");
            window.briefingMapReady = true;
            performance.mark("bm-painted");
          }
          Promise.resolve(window.briefingBasemap).then(done, function (err) {
            window.briefingMapError = String(err);
            map.getContainer().classList.add("bm-error");
            console.error("briefing map:", err);
          });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "ReadySignal"


class DataLayersReset(MacroElement):
    """Clears ``window.briefingMapFeatures`` before a new set of data groups registers.

    The app swaps its data groups on every rerun (``st_folium(feature_group_to_add=…)``);
    a layer switched off sends no group, so without this its old count would stay.
    Put it in the first group of the list.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.briefingMapFeatures = {};
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "DataLayersReset"
