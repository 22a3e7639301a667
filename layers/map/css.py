"""The map's stylesheet: tooltips, popups, labels, callouts, the legend; the app's button."""

MAP_CSS = """
.bm-tooltip, .bm-popup-box { font: 12px/1.35 "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
.bm-tip table, .bm-popup table { border-collapse: collapse; }
.bm-tip th, .bm-popup th { text-align: left; vertical-align: top; padding: 1px 8px 1px 0;
  color: #4a5566; font-weight: normal; white-space: nowrap; }
.bm-tip td, .bm-popup td { vertical-align: top; padding: 1px 0; max-width: 260px; }
.bm-popup h4 { margin: 0 0 6px 0; font-size: 14px; }
.bm-popup .bm-sources { margin: 0; padding-left: 18px; }
.bm-popup .bm-id { margin-top: 6px; color: #6b7685; font-size: 11px; }
.bm-label { background: none; border: none; }
.bm-label span { display: inline-block; transform: translate(-50%, -50%); white-space: nowrap;
  font: bold 12px "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; pointer-events: none; }
.bm-label-sea span { font-style: italic; font-weight: normal; }
.bm-label-base span { transform: translate(10px, -50%); font-weight: normal; font-size: 11px; }
.bm-callout, .bm-arrow { background: none; border: none; pointer-events: none; }
.bm-callout svg, .bm-arrow svg { display: block; }  /* inline, they sat on the text baseline */
.bm-callout-svg text { paint-order: normal; }
.bm-feature svg { display: block; }
.bm-map-legend { background: rgba(255, 255, 255, 0.92); padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); font: 12px/1.5 "Liberation Sans", Arial, sans-serif;
  max-height: 42vh; overflow-y: auto; }
.bm-map-legend summary { cursor: pointer; margin-bottom: 2px; }
.bm-map-legend div { display: flex; align-items: center; white-space: nowrap; }
.bm-map-legend svg { flex: none; margin-right: 6px; }
.bm-map-legend div.bm-legend-note { white-space: normal; max-width: 220px; margin-bottom: 2px; }
"""

# The app only: the frame-the-selection button (``layers.map.elements.focus``), and
# the map filling its frame, which the page sizes to the window (``ui/layout.py``).
APP_CSS = """
#map_div { height: 100vh !important; }
.bm-frame { display: block; width: 30px; height: 30px; line-height: 30px;
  text-align: center; font-size: 18px; background: #fff; color: #333; text-decoration: none; }
"""
