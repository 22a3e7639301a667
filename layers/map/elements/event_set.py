"""The app's events layer: every event of the catalogue, built once; the selection shown.

Sent with each run like the other data layers, but its content (every drawable event
of the catalogue with its callout spot and arrowheads) changes only with the data, so
the browser builds it once (``BM.eventSet`` in ``layers/map/js/events.js``) and a run
only says which events the selection shows, with their numbers. The same ``show`` is
what the page calls when the reader picks a date window (``ui/instant.py``): the map
shows the new window before the server has run the script, and the run that follows
sends the same list.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from layers.map.elements.script import js_json


class EventSet(MacroElement):
    """Every event (``payload``: ``layers.map.event_payload.EventPayload``); ``shown`` drawn.

    ``shown`` is ``[[index, number], …]`` in drawing order: indexes into the payload's
    events, number 0 for an event drawn without a callout.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
          var cache = L.briefingMapLayerCache = L.briefingMapLayerCache || {};
          var digest = {{ this.digest|tojson }};
          var cached = cache["events-set"];
          if (!cached || cached.digest !== digest) {
            cached = cache["events-set"] = {digest: digest,
              set: BM.eventSet({{ this.data_js }}, {{ this.marks_js }})};
          }
          BM.events = cached.set;
          cached.set.addTo(group);
          cached.set.show({{ this.shown_js }});
          performance.mark("bm-drawn-events");
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, payload, shown: list[list[int]]):
        super().__init__()
        self._name = "EventSet"
        self.digest, self.data_js, self.marks_js = payload.digest, payload.data_js, payload.marks_js
        self.shown_js = js_json(shown)
