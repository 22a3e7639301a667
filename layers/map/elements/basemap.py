"""The offline map and its basemap: Leaflet from local files, the shipped vector basemap.

``OfflineMap`` asks only for Leaflet (from the app's static files or inlined);
``OfflineBasemap`` draws the shipped Natural Earth land on a canvas, world 1:50m and,
zoomed in, regional 1:10m, fetched once from the static files or embedded. The app
draws the regional layer's display version (simplified below half a pixel) at zoom 5
and 6, where it opens, and the full file from zoom 7, fetched once the first picture
is drawn (or before it, when a view opens zoomed in); an export embeds the full file.
"""

from __future__ import annotations

import folium
from folium.template import Template

from layers.map import assets, styles
from layers.map.basemap_file import DECODE_JS
from layers.map.elements.script import js_json, script_safe

REGION_MIN_ZOOM = 5  # from here the 1:10m regional basemap draws over the 1:50m world
DETAIL_MIN_ZOOM = 7  # from here the app draws the full regional file, not its display version


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
          // region: the regional layer of the first picture; detail: the full file, which
          // the app draws when zoomed in (an export's region is the full file already).
          var region = L.featureGroup(), detail = null, detailLoad = {{ this.detail_loader }};
          var detailAsked = null;
          function show(layer, on) {
            if (layer && on !== group.hasLayer(layer)) {
              if (on) { group.addLayer(layer); } else { group.removeLayer(layer); }
            }
          }
          function pick() {
            var z = map.getZoom(), inRegion = z >= {{ this.region_zoom }};
            var fine = inRegion && z >= {{ this.detail_zoom }};
            show(detail, fine && !!detail);
            show(region, inRegion && !(fine && detail));
            if (fine) { loadDetail(); }
          }
          function loadDetail() {
            if (!detailLoad) { return Promise.resolve(); }
            detailAsked = detailAsked || detailLoad().then(function (d) {
              detail = L.featureGroup();
              addRegion(decode(d), detail);
              pick();
              performance.mark("bm-basemap-detail");
            }, function (err) { console.error("briefing map: detailed basemap:", err); });
            return detailAsked;
          }
          // The regional file is clipped to a box: fill it without outlines, then
          // outline every ring except the straight clip edges (no false borders).
          function addRegion(data, target) {
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
            L.geoJSON(data, L.extend({style: fill}, base)).addTo(target);
            L.polyline(runs, L.extend({}, land, {fill: false}, base)).addTo(target);
          }
          map.on("zoomend", pick);
          // The countries in view first, the rest of the world once the page is idle or
          // the reader moves the map, whichever comes first: the first picture waits for
          // about a quarter of the world's points, not all of them.
          var idle = window.requestIdleCallback || function (f) { setTimeout(f, 200); };
          function addWorld(data) {
            var near = map.getBounds(), later = [];
            var first = data.features.filter(function (f) {
              var b = f.bbox, hit = near.intersects([[b[1], b[0]], [b[3], b[2]]]);
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
            idle(rest, {timeout: 1000});
            return first.length;
          }
          if (map.attributionControl) { map.attributionControl.addAttribution("Natural Earth"); }
          var load = {{ this.loader }}, decode = {{ this.decode_js }};  // layers.map.basemap_file
          window.briefingBasemap = load.then(function (d) {
            performance.mark("bm-basemap-data");  // fetched and parsed (bench/bench_page.py)
            addRegion(decode(d[0]), region);
            var near = addWorld(decode(d[1]));
            // A view that opens zoomed in waits for the full regional file: its first
            // picture (and a PNG of it) has every detail.
            var zoomedIn = map.getZoom() >= {{ this.detail_zoom }};
            return (zoomedIn ? loadDetail() : Promise.resolve()).then(function () {
              pick();
              performance.mark("bm-basemap", {detail: {countries: near}});
              if (detailLoad) { idle(loadDetail, {timeout: 3000}); }  // before a zoom in
            });
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
        self.detail_zoom = DETAIL_MIN_ZOOM
        self.loader = _basemap_loader(mode)
        self.detail_loader = _detail_loader(mode)
        self.decode_js = DECODE_JS


# JS: a function fetching one static file's JSON (the frame's and the page's prefetch,
# ui/first_paint.py). As a whole-file range ("bytes=0-"): Streamlit gzips what it serves
# from /app/static afresh on every request, but never a range; a gzipped answer took
# 25-120 ms on the 2-core machine where the same bytes as a range took 8-28.
FETCH_JSON_JS = (
    'function (u) { return fetch(u, {headers: {Range: "bytes=0-"}}).then(function (r) {'
    ' if (!r.ok) { throw new Error("basemap " + u + ": HTTP " + r.status); }'
    " return r.json(); }); }"
)


def _basemap_loader(mode: str) -> str:
    """JS expression: a Promise of the ``[regional, world]`` files (compact form)."""
    if mode == "inline":  # an export: the full regional file, nothing to fetch later
        names = (assets.BASEMAP_REGION, assets.BASEMAP_WORLD)
        texts = [assets.read_basemap(name) for name in names]
        return f"Promise.resolve([{','.join(script_safe(t) for t in texts)}])"
    urls = js_json(basemap_urls())
    fetch_all = f"function () {{ return Promise.all({urls}.map({FETCH_JSON_JS})); }}"
    # In the app, the page has fetched the files while the map's frame was loading
    # (ui/first_paint.py: PAINTED_JS); a page of its own fetches them.
    return (
        f"(function (fetchAll) {{ var early = null;"
        " try { early = window.parent !== window && window.parent.briefingBasemapPrefetch; }"
        " catch (e) { early = null; }"
        " return early ? early.catch(fetchAll) : fetchAll(); })"
        f"({fetch_all})"
    )


def _detail_loader(mode: str) -> str:
    """JS expression: ``null`` (an export), or a function fetching the full regional file."""
    if mode == "inline":
        return "null"
    url = js_json(assets.basemap_urls()[assets.BASEMAP_REGION])
    return f"function () {{ return ({FETCH_JSON_JS})({url}); }}"


def basemap_urls() -> list[str]:
    """Static URLs of what the app's first picture draws: regional display file, world."""
    names = (assets.BASEMAP_REGION_DISPLAY, assets.BASEMAP_WORLD)
    return [assets.basemap_urls()[name] for name in names]
