"""The Leaflet pieces folium does not have: offline map, basemap, feature layer, ready signal.

Each is a small folium element with a Jinja ``script`` macro. They write only to the
``script`` section, because st_folium executes body scripts but not inline header
scripts. Everything from data files arrives as JSON made safe for ``<script>``
(``js_json``); tooltip and popup strings in it are already escaped HTML.
"""

from __future__ import annotations

import hashlib
import json

import folium
from branca.element import MacroElement
from folium.template import Template

from layers.map import assets, styles

REGION_MIN_ZOOM = 5  # from here the 1:10m regional basemap draws over the 1:50m world


def js_json(data) -> str:
    """Compact JSON that is safe inside a ``<script>`` (no ``</script>`` breakout)."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return _script_safe(text).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class OfflineMap(folium.Map):
    """A ``folium.Map`` that asks only for Leaflet, from local URLs or inlined."""

    def __init__(self, asset_set: assets.Assets, **kwargs):
        super().__init__(**kwargs)
        # Instance lists: folium's class-level defaults point at CDNs (Bootstrap,
        # jQuery, awesome-markers); one unreachable asset blanks the map offline.
        self.default_js = list(asset_set.js)
        self.default_css = list(asset_set.css)


class OfflineBasemap(folium.map.Layer):
    """The shipped vector basemap on a canvas: world 1:50m, regional 1:10m when zoomed in."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.layerGroup();
        (function (map, group) {
          // Below Leaflet's tile pane (200): online tiles, when the user turns them on, cover it.
          if (!map.getPane("bm-basemap")) { map.createPane("bm-basemap").style.zIndex = 150; }
          map.getContainer().style.background = {{ this.sea|tojson }};
          var land = {{ this.land|tojson }};
          var base = {pane: "bm-basemap", interactive: false,
                      renderer: L.canvas({pane: "bm-basemap", padding: 0.5})};
          var world = L.geoJSON(null, L.extend({style: land}, base)).addTo(group);
          var region = L.featureGroup();
          function pick() {
            if (map.getZoom() >= {{ this.region_zoom }}) { group.addLayer(region); }
            else { group.removeLayer(region); }
          }
          // The regional file is clipped to a box: fill it without outlines, then
          // outline every ring except the straight clip edges (no false borders).
          function addRegion(data) {
            var lons = [], lats = [], runs = [];
            function rings(g) {
              return g.type === "Polygon" ? g.coordinates : [].concat.apply([], g.coordinates);
            }
            data.features.forEach(function (f) { rings(f.geometry).forEach(function (r) {
              r.forEach(function (c) { lons.push(c[0]); lats.push(c[1]); }); }); });
            var box = [Math.min.apply(null, lons), Math.min.apply(null, lats),
                       Math.max.apply(null, lons), Math.max.apply(null, lats)];
            function onEdge(a, b) {
              return (a[0] === b[0] && (a[0] === box[0] || a[0] === box[2])) ||
                     (a[1] === b[1] && (a[1] === box[1] || a[1] === box[3]));
            }
            data.features.forEach(function (f) { rings(f.geometry).forEach(function (r) {
              var run = [];
              for (var i = 1; i < r.length; i++) {
                if (onEdge(r[i - 1], r[i])) {
                  if (run.length > 1) { runs.push(run); }
                  run = [];
                  continue;
                }
                if (!run.length) { run.push([r[i - 1][1], r[i - 1][0]]); }
                run.push([r[i][1], r[i][0]]);
              }
              if (run.length > 1) { runs.push(run); }
            }); });
            var fill = L.extend({}, land, {stroke: false});
            L.geoJSON(data, L.extend({style: fill}, base)).addTo(region);
            L.polyline(runs, L.extend({}, land, {fill: false}, base)).addTo(region);
          }
          map.on("zoomend", pick);
          if (map.attributionControl) { map.attributionControl.addAttribution("Natural Earth"); }
          var load = {{ this.loader }};
          window.briefingBasemap = load.then(function (d) {
            addRegion(d[0]); world.addData(d[1]); pick();
          });
        })({{ this._parent.get_name() }}, {{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, mode: str, show: bool = True):
        super().__init__(name="Offline basemap (Natural Earth)", overlay=False, show=show)
        self._name = "OfflineBasemap"
        self.sea = styles.SEA_BACKGROUND
        self.land = {
            "color": styles.LAND_STROKE,
            "weight": 0.6,
            "fillColor": styles.LAND_FILL,
            "fillOpacity": 1,
        }
        self.region_zoom = REGION_MIN_ZOOM
        self.loader = _basemap_loader(mode)


def _basemap_loader(mode: str) -> str:
    """JS expression: a Promise of ``[regional, world]`` GeoJSON objects."""
    if mode == "inline":
        texts = [assets.read_basemap(name) for name in assets.BASEMAP_FILES]
        return f"Promise.resolve([{','.join(_script_safe(t) for t in texts)}])"
    urls = js_json([assets.basemap_urls()[name] for name in assets.BASEMAP_FILES])
    return (
        f"Promise.all({urls}.map(function (u) {{ return fetch(u).then(function (r) {{"
        ' if (!r.ok) { throw new Error("basemap " + u + ": HTTP " + r.status); }'
        " return r.json(); }); }))"
    )


def _script_safe(json_text: str) -> str:
    r"""JSON text that cannot end its ``<script>`` early.

    "</" and "<!--" only occur inside strings, where ``<\/`` and ``\u003c`` mean the same.
    """
    return json_text.replace("</", "<\\/").replace("<!--", "\\u003c!--")


class FeatureLayer(MacroElement):
    """One catalogue layer as GeoJSON with precomputed style, escaped tooltip and popup.

    Feature properties sent to the browser: ``s`` Leaflet path options (with CSS
    classes), ``t`` tooltip HTML, ``p`` popup HTML, ``h`` marker SVG (bases).
    ``labels`` are permanent text labels ``[lat, lon, html, class]``.
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
            return;
          }
          var data = {{ this.data_js }};
          var built = [];
          built.push(L.geoJSON(data, {
            style: function (f) { return f.properties.s; },
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
              if (p.p) { layer.bindPopup(p.p, {maxWidth: 380, className: "bm-popup-box"}); }
            }
          }));
          {{ this.labels_js }}.forEach(function (l) {
            built.push(L.marker([l[0], l[1]], {interactive: false, keyboard: false,
              icon: L.divIcon({html: l[2], className: l[3], iconSize: null})}));
          });
          built.forEach(function (l) { l.addTo(group); });
          var count = data.features.length;
          cache[{{ this.key|tojson }}] = {digest: digest, layers: built, count: count};
          reg[{{ this.key|tojson }}] = count;
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, key: str, features: list[dict], labels: list[list] = ()):
        super().__init__()
        self._name = "FeatureLayer"
        self.key = key
        self.data_js = js_json({"type": "FeatureCollection", "features": features})
        self.labels_js = js_json(list(labels))

    @property
    def digest(self) -> str:
        """Content hash: the browser reuses a layer it already built from the same content."""
        content = (self.data_js + "\n" + self.labels_js).encode()
        return hashlib.blake2b(content, digest_size=8).hexdigest()

    @classmethod
    def from_payload(cls, key: str, payload: tuple[str, str]) -> FeatureLayer:
        """A layer from ``(data_js, labels_js)`` already made by :func:`layer_payload`."""
        layer = cls(key, [])
        layer.data_js, layer.labels_js = payload
        return layer


def layer_payload(key: str, features: list[dict], labels: list[list] = ()) -> tuple[str, str]:
    """The script-safe JSON a ``FeatureLayer`` sends: cache it for layers that never change."""
    layer = FeatureLayer(key, features, labels)
    return (layer.data_js, layer.labels_js)


class ReadySignal(MacroElement):
    """Sets ``window.briefingMapReady`` and class ``bm-ready`` once the basemap is drawn."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          function done() {
            map.getContainer().classList.add("bm-ready");
            window.briefingMapReady = true;
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


class GroupLegend(MacroElement):
    """The legend control, shown while its parent feature group is on the map.

    Unlike ``layers.map.legend.Legend`` (a child of the map), it lives in a swappable
    group, so a layer toggle changes the legend without touching the static map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
          var legend = L.control({position: "bottomleft"});
          legend.onAdd = function () {
            var div = L.DomUtil.create("div", "bm-map-legend");
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableScrollPropagation(div);
            return div;
          };
          group.on("add", function () { legend.addTo(group._map); });
          group.on("remove", function () { legend.remove(); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str):
        super().__init__()
        self._name = "GroupLegend"
        self.html = html


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
