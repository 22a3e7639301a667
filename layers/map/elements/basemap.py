"""The offline map and its basemap: Leaflet from local files, the shipped vector basemap.

``OfflineMap`` asks only for Leaflet (from the app's static files or inlined);
``OfflineBasemap`` draws the shipped Natural Earth land on a canvas, world 1:50m and,
zoomed in, regional 1:10m, fetched once from the static files or embedded.
"""

from __future__ import annotations

import folium
from folium.template import Template

from layers.map import assets, styles
from layers.map.basemap_file import DECODE_JS
from layers.map.elements.script import js_json, script_safe

REGION_MIN_ZOOM = 5  # from here the 1:10m regional basemap draws over the 1:50m world


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
          // The countries near the view first (what the canvas draws: the view and half of
          // it again on each side), the rest of the world once the page is idle or the
          // reader moves the map, whichever comes first: the first picture waits for about
          // a third of the world's points, not all of them (layers/map/basemap_file.py).
          function addWorld(data) {
            var near = map.getBounds().pad(0.5), later = [];
            var first = data.features.filter(function (f) {
              var b = f.bbox, hit = !b || near.intersects([[b[1], b[0]], [b[3], b[2]]]);
              if (!hit) { later.push(f); }
              return hit;
            });
            world.addData({type: "FeatureCollection", features: first});
            if (!later.length) { return first.length; }
            var added = false;
            function rest() {
              if (added) { return; }
              added = true;
              map.off("movestart zoomstart", rest);
              world.addData({type: "FeatureCollection", features: later});
              performance.mark("bm-basemap-rest", {detail: {countries: later.length}});
            }
            map.on("movestart zoomstart", rest);
            var idle = window.requestIdleCallback || function (f) { setTimeout(f, 200); };
            idle(rest, {timeout: 1000});
            return first.length;
          }
          if (map.attributionControl) { map.attributionControl.addAttribution("Natural Earth"); }
          var load = {{ this.loader }}, decode = {{ this.decode_js }};  // layers.map.basemap_file
          window.briefingBasemap = load.then(function (d) {
            performance.mark("bm-basemap-data");  // fetched and parsed (bench/bench_page.py)
            addRegion(decode(d[0]));
            var near = addWorld(decode(d[1]));
            pick();
            performance.mark("bm-basemap", {detail: {countries: near}});
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
        self.decode_js = DECODE_JS


def _basemap_loader(mode: str) -> str:
    """JS expression: a Promise of ``[regional, world]`` GeoJSON objects."""
    if mode == "inline":
        texts = [assets.read_basemap(name) for name in assets.BASEMAP_FILES]
        return f"Promise.resolve([{','.join(script_safe(t) for t in texts)}])"
    urls = js_json(basemap_urls())
    fetch_all = (
        f"function () {{ return Promise.all({urls}.map(function (u) {{"
        ' return fetch(u, {headers: {Range: "bytes=0-"}}).then(function (r) {'
        ' if (!r.ok) { throw new Error("basemap " + u + ": HTTP " + r.status); }'
        " return r.json(); }); })); }"
    )
    # In the app, the page has fetched the files while the map's frame was loading
    # (ui/first_paint.py: PAINTED_JS); a page of its own (an export) fetches them. As a
    # whole-file range: Streamlit never gzips a range (ui/first_paint.py says why).
    return (
        f"(function (fetchAll) {{ var early = null;"
        " try { early = window.parent !== window && window.parent.briefingBasemapPrefetch; }"
        " catch (e) { early = null; }"
        " return early ? early.catch(fetchAll) : fetchAll(); })"
        f"({fetch_all})"
    )


def basemap_urls() -> list[str]:
    """The basemap files' static URLs, in the order the map draws them (regional, world)."""
    return [assets.basemap_urls()[name] for name in assets.BASEMAP_FILES]
