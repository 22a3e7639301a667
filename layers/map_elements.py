"""The Leaflet pieces folium does not have: offline map, basemap, feature layer, ready signal.

Each is a small folium element with a Jinja ``script`` macro. They write only to the
``script`` section, because st_folium executes body scripts but not inline header
scripts. Everything from data files arrives as JSON made safe for ``<script>``
(``js_json``); tooltip and popup strings in it are already escaped HTML.
"""

from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from folium.template import Template

from layers import assets, styles

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
          if (!map.getPane("bm-basemap")) { map.createPane("bm-basemap").style.zIndex = 250; }
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
          var data = {{ this.data_js }};
          L.geoJSON(data, {
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
          }).addTo(group);
          {{ this.labels_js }}.forEach(function (l) {
            L.marker([l[0], l[1]], {interactive: false, keyboard: false,
              icon: L.divIcon({html: l[2], className: l[3], iconSize: null})}).addTo(group);
          });
          var reg = window.briefingMapFeatures = window.briefingMapFeatures || {};
          reg[{{ this.key|tojson }}] = data.features.length;
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
