/* The app's events layer: every event built once, the selection shown, and shown at once
 * when the reader picks a date window.
 *
 * `BM.eventSet(data, marks)` builds one Leaflet layer per event (GeoJSON features with
 * their precomputed style and escaped tooltip; marks[i] = [callout spot, arrowheads])
 * and returns a feature group whose `show([[index, number], ...])` puts exactly those
 * events on the map, with their numbered callouts and arrows. Each run of the app
 * calls it with the selection; the page calls `BM.showEvents` with the selection a
 * date window will have (ui/instant.py), before the server has run, and the run that
 * follows shows the same. Nothing is fetched; all text arrived escaped.
 */
(function () {
  "use strict";
  var BM = window.BM;
  if (!BM || BM.eventSet) { return; }

  // A fresh registry object: tests and benchmarks tell a redraw by a new object.
  function register(count) {
    var old = window.briefingMapFeatures || {}, reg = {};
    Object.keys(old).forEach(function (k) { if (k.slice(0, 2) !== "__") { reg[k] = old[k]; } });
    reg.events = count;
    window.briefingMapFeatures = reg;
  }

  BM.eventSet = function (data, marks) {
    var layers = [];
    L.geoJSON(data, {
      style: BM.style,
      pointToLayer: function (f, ll) { return L.circleMarker(ll, f.properties.s); },
      onEachFeature: function (f, layer) {
        if (f.properties.t) {
          layer.bindTooltip(f.properties.t, {sticky: true, className: "bm-tooltip"});
        }
        layers.push(layer);
      }
    });
    // A feature group: st_folium listens to it for clicks, which its events pass up.
    var set = L.featureGroup(), shownKey = null, count = 0;
    set.show = function (shown) {
      var key = JSON.stringify(shown);
      if (key !== shownKey) {
        shownKey = key;
        set.clearLayers();
        var callouts = [], arrows = [];
        count = 0;
        shown.forEach(function (s) {
          var layer = layers[s[0]], parts = marks[s[0]];
          if (!layer) { return; }
          set.addLayer(layer);
          count += 1;
          var c = parts[0];
          if (s[1]) { callouts.push([c[0], c[1], s[1], c[2], c[3], c[4]]); }
          parts[1].forEach(function (a) { arrows.push(a); });
        });
        callouts.sort(function (a, b) { return a[2] - b[2]; });
        set._bmShownLayers = set.getLayers();
        if (callouts.length || arrows.length) {
          set.addLayer(BM.marks({callouts: callouts, arrows: arrows}));
        }
      }
      register(count);
    };
    set.eventBounds = function () {
      var drawn = set._bmShownLayers || [];
      return drawn.length ? L.featureGroup(drawn).getBounds() : null;
    };
    return set;
  };

  // The page's call (ui/instant.py): show a selection now, and bring it on screen as
  // the server's run would (layers.map.elements.focus) when "follow" is on.
  BM.showEvents = function (shown, frame) {
    var set = BM.events, map = set && set._map;
    if (!map) { return false; }
    set.show(shown);
    var bounds = set.eventBounds();
    L.bmSelectionBounds = bounds;
    if (frame.follow && bounds && bounds.isValid() && !map.getBounds().contains(bounds)) {
      map.fitBounds(bounds, {padding: [frame.padding, frame.padding], maxZoom: frame.max_zoom});
    }
    performance.mark("bm-shown-events");
    return true;
  };
})();
