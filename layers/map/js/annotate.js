/* Briefing-map annotations: numbered callouts with leader lines, arrowheads on
 * tracks, hatched areas, label thinning, and a scale bar in nautical miles and km.
 *
 * Loaded once in the map page's head, before Leaflet itself: nothing here touches
 * `L` until a data layer calls in. The events layer hands its callouts and arrows to
 * `BM.marks(group, marks)`; every time a layer with callouts or labels is added or
 * removed, and after each zoom, `BM.layout(map)` places the callouts (in number
 * order, on their anchor when free, else on the nearest free spot of rings around it,
 * joined by a leader line) and hides the labels that would collide with a callout or
 * with a more important label (ADIZ, then seas and straits, then bases). Pixel
 * placement only: nothing is fetched, all text arrives escaped from the server.
 */
(function () {
  "use strict";
  if (window.BM) { return; }
  var BM = window.BM = {};
  var SVG_NS = "http://www.w3.org/2000/svg";
  var BADGE_H = 20;
  var RINGS = [30, 46, 62, 80, 100];  // px from the anchor, tried in order
  var DIRECTIONS = [-45, 0, -90, 45, -135, 90, 180, 135];  // degrees, NE first
  var LABEL_RANK = {"bm-label-adiz": 1, "bm-label-sea": 2, "bm-label-base": 3};

  function badgeWidth(n) { return n < 10 ? 20 : n < 100 ? 25 : 32; }

  // --- hatched areas: one pattern per colour, in a hidden SVG of the document -----
  BM.hatch = function (colour) {
    var id = "bm-hatch-" + String(colour).replace(/[^0-9a-zA-Z]/g, "");
    if (!document.getElementById(id)) {
      var holder = document.getElementById("bm-patterns");
      if (!holder) {
        holder = document.createElementNS(SVG_NS, "svg");
        holder.setAttribute("id", "bm-patterns");
        holder.setAttribute("width", "0");
        holder.setAttribute("height", "0");
        holder.setAttribute("aria-hidden", "true");
        holder.style.position = "absolute";
        holder.appendChild(document.createElementNS(SVG_NS, "defs"));
        document.body.appendChild(holder);
      }
      // userSpaceOnUse: two overlapping areas of one kind share the same lines, so
      // stacked areas never darken (opaque light lines, nothing between them).
      var pattern = document.createElementNS(SVG_NS, "pattern");
      pattern.setAttribute("id", id);
      pattern.setAttribute("patternUnits", "userSpaceOnUse");
      pattern.setAttribute("width", "10");
      pattern.setAttribute("height", "10");
      pattern.setAttribute("patternTransform", "rotate(45)");
      var line = document.createElementNS(SVG_NS, "line");
      line.setAttribute("x1", "0"); line.setAttribute("y1", "0");
      line.setAttribute("x2", "0"); line.setAttribute("y2", "10");
      line.setAttribute("stroke", colour);
      line.setAttribute("stroke-width", "2");
      pattern.appendChild(line);
      holder.firstChild.appendChild(pattern);
    }
    return "url(#" + id + ")";
  };

  // Leaflet path options of a feature, with its hatch pattern made on first use.
  BM.style = function (feature) {
    var s = feature.properties.s;
    if (s.bmHatch) { s.fillColor = BM.hatch(s.bmHatch); }
    return s;
  };

  // --- arrowheads and callouts of one data layer --------------------------------
  function arrowIcon(a) {
    var html = '<svg width="18" height="18" viewBox="-9 -9 18 18" style="transform:rotate(' +
      a[2] + 'deg)"><path d="M7,0 L-6,-6 L-3,0 L-6,6 Z" fill="' + a[3] +
      '" stroke="#ffffff" stroke-width="1.2" stroke-linejoin="round"/></svg>';
    return L.divIcon({html: html, className: "bm-arrow", iconSize: [18, 18], iconAnchor: [9, 9]});
  }

  function calloutIcon(c, dx, dy) {
    var n = c[2], w = badgeWidth(n), h = BADGE_H;
    var parts = ['<svg class="bm-callout-svg" width="1" height="1" style="overflow:visible">'];
    if (dx || dy) {
      parts.push('<line x1="0" y1="0" x2="' + dx + '" y2="' + dy +
        '" stroke="#1b2430" stroke-width="1.3"/><circle r="2.2" fill="#1b2430"/>');
    }
    parts.push('<rect x="' + (dx - w / 2) + '" y="' + (dy - h / 2) + '" width="' + w +
      '" height="' + h + '" rx="' + h / 2 + '" fill="' + c[3] + '" stroke="#ffffff"' +
      ' stroke-width="1.6"/>');
    parts.push('<text x="' + dx + '" y="' + (dy + 4.3) + '" text-anchor="middle" ' +
      'font-family="Liberation Sans, DejaVu Sans, Arial, sans-serif" font-size="12.5" ' +
      'font-weight="bold" fill="#ffffff">' + n + "</text></svg>");
    return L.divIcon({html: parts.join(""), className: "bm-callout bm-callout-" + n,
                      iconSize: [0, 0], iconAnchor: [0, 0]});
  }

  // A layer of callouts and arrows that lays itself out while it is on a map.
  // marks: {callouts: [[lat, lon, n, colour, approximate], ...] (an approximate
  //         place shows in the event's own dashed line, not in its badge),
  //         arrows: [[lat, lon, angle_deg, colour], ...]}
  BM.marks = function (marks) {
    var Marks = L.LayerGroup.extend({
      onAdd: function (map) {
        (map._bmMarks = map._bmMarks || []).push(this);
        // Callouts placed before their markers reach the page: each icon is made once,
        // at its spot (made at the anchor and moved, each was made twice).
        placeCallouts(map);
        L.LayerGroup.prototype.onAdd.call(this, map);
        BM.watch(map);
        BM.layout(map);
      },
      onRemove: function (map) {
        L.LayerGroup.prototype.onRemove.call(this, map);
        map._bmMarks = (map._bmMarks || []).filter(function (m) { return m !== this; }, this);
        BM.layout(map);
      }
    });
    var layer = new Marks();
    (marks.arrows || []).forEach(function (a) {
      L.marker([a[0], a[1]], {icon: arrowIcon(a), interactive: false, keyboard: false})
        .addTo(layer);
    });
    layer._callouts = (marks.callouts || []).map(function (c) {
      var marker = L.marker([c[0], c[1]], {icon: calloutIcon(c, 0, 0), interactive: false,
                                            keyboard: false, zIndexOffset: 1000 - c[2]});
      marker.addTo(layer);
      return {data: c, marker: marker, dx: 0, dy: 0};
    });
    return layer;
  };

  // --- layout -------------------------------------------------------------------
  function overlaps(a, b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  }

  function box(x, y, w, h) { return {x0: x - w / 2, y0: y - h / 2, x1: x + w / 2, y1: y + h / 2}; }

  function candidates() {
    var spots = [[0, 0]];
    RINGS.forEach(function (r) {
      DIRECTIONS.forEach(function (deg) {
        var rad = deg * Math.PI / 180;
        spots.push([Math.round(r * Math.cos(rad)), Math.round(r * Math.sin(rad))]);
      });
    });
    return spots;
  }
  var SPOTS = null;
  var POINT_PX = 16;  // an event point's marker, with its approximate-place ring

  // Callouts in number order, each on its anchor when free, else on the nearest free
  // spot around it; returns the boxes taken (for the labels). A marker not yet on the
  // map only gets its icon option (made when it is added); one on the map is redrawn.
  function placeCallouts(map) {
    SPOTS = SPOTS || candidates();
    var items = [];
    (map._bmMarks || []).forEach(function (layer) {
      layer._callouts.forEach(function (c) { items.push(c); });
    });
    items.sort(function (a, b) { return a.data[2] - b.data[2]; });
    var placed = [], size = map.getSize();
    function inside(b) { return b.x0 >= 0 && b.y0 >= 0 && b.x1 <= size.x && b.y1 <= size.y; }
    // A point event's own marker stays visible: its badge goes beside it, on a leader.
    items.forEach(function (item) {
      if (item.data[5]) {
        var q = map.latLngToContainerPoint(item.marker.getLatLng());
        placed.push(box(q.x, q.y, POINT_PX, POINT_PX));
      }
    });
    items.forEach(function (item) {
      var p = map.latLngToContainerPoint(item.marker.getLatLng());
      var w = badgeWidth(item.data[2]) + 4, h = BADGE_H + 4;  // 2 px of air around
      var chosen = null;
      // First a free spot wholly inside the map (an anchor at the edge would be cut),
      // then any free spot.
      for (var pass = 0; pass < 2 && !chosen; pass++) {
        for (var i = 0; i < SPOTS.length && !chosen; i++) {
          var b = box(p.x + SPOTS[i][0], p.y + SPOTS[i][1], w, h);
          if ((pass === 1 || inside(b)) && !placed.some(function (q) { return overlaps(b, q); })) {
            chosen = [SPOTS[i], b];
          }
        }
      }
      if (!chosen) { chosen = [[0, 0], box(p.x, p.y, w, h)]; }  // too dense: stack on the spot
      placed.push(chosen[1]);
      if (chosen[0][0] !== item.dx || chosen[0][1] !== item.dy) {
        item.dx = chosen[0][0]; item.dy = chosen[0][1];
        var icon = calloutIcon(item.data, item.dx, item.dy);
        if (item.marker._map) { item.marker.setIcon(icon); } else { item.marker.options.icon = icon; }
      }
    });
    return placed;
  }

  // Every layer added in one go (a run adds areas, ADIZ, bases and events, each asking
  // for a layout) is laid out once, when the adding is done: each layout reads the
  // labels' boxes, and a read after the previous layout's writes made the browser lay
  // the page out again (four times in a first paint).
  BM.layout = function (map) {
    if (map._bmLayoutDue) { return; }
    map._bmLayoutDue = true;
    Promise.resolve().then(function () {
      map._bmLayoutDue = false;
      if (map._loaded) { BM.thinLabels(map, placeCallouts(map)); }
    });
  };

  // Hide labels that collide with a callout or with a label of higher rank.
  // Every box is read before any label is hidden: a read after each write made the
  // browser lay the page out once per label (34 labels: about 30 ms of each first paint).
  // Visibility leaves the boxes where they are, so the reads see the final layout.
  BM.thinLabels = function (map, placed) {
    var container = map.getContainer();
    var origin = container.getBoundingClientRect();
    var taken = placed.slice();
    var labels = Array.prototype.slice.call(container.querySelectorAll(".bm-label"));
    labels.forEach(function (el, i) {
      var rank = 9;
      Object.keys(LABEL_RANK).forEach(function (k) {
        if (el.classList.contains(k)) { rank = LABEL_RANK[k]; }
      });
      el._bmOrder = rank * 10000 + i;
    });
    labels.sort(function (a, b) { return a._bmOrder - b._bmOrder; });
    var boxes = labels.map(function (el) {
      var r = (el.firstElementChild || el).getBoundingClientRect();
      return r.width === 0 ? null : {x0: r.left - origin.left, y0: r.top - origin.top,
                                     x1: r.right - origin.left, y1: r.bottom - origin.top};
    });
    labels.forEach(function (el, i) {
      var b = boxes[i];
      var hidden = b === null || taken.some(function (q) { return overlaps(b, q); });
      (el.firstElementChild || el).style.visibility = hidden ? "hidden" : "";
      el.classList.toggle("bm-label-hidden", hidden);
      if (!hidden) { taken.push(b); }
    });
  };

  // Relayout after every zoom, and when labels arrive (their layers call BM.labels).
  BM.watch = function (map) {
    if (map._bmWatching) { return; }
    map._bmWatching = true;
    map.on("zoomend viewreset resize", function () { BM.layout(map); });
  };

  // A layer of permanent labels ([lat, lon, html, className]) that thins with the rest.
  BM.labels = function (labels) {
    var Labels = L.LayerGroup.extend({
      onAdd: function (map) {
        L.LayerGroup.prototype.onAdd.call(this, map);
        BM.watch(map);
        BM.layout(map);
      }
    });
    var layer = new Labels();
    labels.forEach(function (l) {
      L.marker([l[0], l[1]], {interactive: false, keyboard: false,
        icon: L.divIcon({html: l[2], className: l[3], iconSize: null})}).addTo(layer);
    });
    return layer;
  };

  // --- scale bar: nautical miles over kilometres --------------------------------
  BM.scale = function (options) {
    var Scale = L.Control.Scale.extend({
      _addScales: function (opts, className, container) {
        this._nScale = L.DomUtil.create("div", className + " bm-scale-nm", container);
        this._mScale = L.DomUtil.create("div", className + " bm-scale-km", container);
      },
      _updateScales: function (maxMeters) {
        var nm = maxMeters / 1852, n = this._getRoundNum(nm);
        this._updateScale(this._nScale, n + " nm", n / nm);
        var m = this._getRoundNum(maxMeters);
        this._updateScale(this._mScale, m < 1000 ? m + " m" : m / 1000 + " km", m / maxMeters);
      }
    });
    return new Scale(L.extend({position: "bottomleft", maxWidth: 160}, options));
  };
})();
