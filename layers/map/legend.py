"""The map legend (what is drawn, in which colour and line style) and the map's CSS.

``legend_entries`` is shared by the in-map legend control and the briefing page, so
both describe the same symbols. Event kinds are listed for the whole catalogue (not
only the filtered events) so the static part of the app's map stays the same while
the date slider moves.
"""

from __future__ import annotations

from html import escape

import geopandas as gpd
from branca.element import MacroElement
from folium.template import Template

from layers.catalogue.schema import AREA_CATEGORIES, EVENT_KINDS
from layers.map import styles
from layers.map.popups import country_name

Entry = tuple[str, str, str]  # (label, colour, "solid" | "dashed" | "marker")

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
.bm-feature svg { display: block; }
.bm-map-legend { background: rgba(255, 255, 255, 0.92); padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); font: 12px/1.5 "Liberation Sans", Arial, sans-serif;
  max-height: 42vh; overflow-y: auto; }
.bm-map-legend summary { cursor: pointer; margin-bottom: 2px; }
.bm-map-legend div { display: flex; align-items: center; white-space: nowrap; }
.bm-map-legend svg { flex: none; margin-right: 6px; }
.bm-map-legend div.bm-legend-note { white-space: normal; max-width: 220px; margin-bottom: 2px; }
"""


def _present(frame: gpd.GeoDataFrame | None, column: str) -> list[str]:
    if frame is None or column not in frame or not len(frame):
        return []
    return sorted({str(v) for v in frame[column].dropna()})


def _any_approximate(frames: dict, keys) -> bool:
    for key in keys:
        frame = frames.get(key)
        if frame is None or not len(frame):
            continue
        if any(
            styles.is_approximate(row) for row in frame.drop(columns="geometry").to_dict("records")
        ):
            return True
    return False


def legend_entries(frames: dict, view) -> list[Entry]:
    """``(label, colour, style)`` of every symbol the map of ``view`` can show."""
    shown = [k for k in ("bases", "adiz", "areas", "events") if k in view.layers and k in frames]
    entries: list[Entry] = []
    # Events first: they are what a briefing is about, and the app's legend scrolls.
    if "events" in shown:
        for kind in _present(frames["events"], "kind"):
            entries.append((EVENT_KINDS.get(kind, kind), styles.event_colour(kind), "solid"))
    if "bases" in shown:
        by_colour: dict[str, list[str]] = {}  # countries drawn alike share one row
        for code in _present(frames["bases"], "country"):
            by_colour.setdefault(styles.country_colour(code), []).append(country_name(code))
        for colour, names in by_colour.items():
            entries.append((f"Air base: {', '.join(sorted(names))}", colour, "marker"))
    if "adiz" in shown:
        for code in _present(frames["adiz"], "declaring_state"):
            entries.append((f"ADIZ: {country_name(code)}", styles.country_colour(code), "solid"))
    if "areas" in shown:
        for category in _present(frames["areas"], "category"):
            stroke, _, dashed = styles.AREA_STYLES.get(
                category, (styles.UNKNOWN_COLOUR, None, False)
            )
            style = "marker" if category == "island" else "dashed" if dashed else "solid"
            entries.append((AREA_CATEGORIES.get(category, category), stroke, style))
    if _any_approximate(frames, shown):
        entries.append(("Approximate geometry", "#555555", "dashed"))
    return entries


def _swatch(colour: str, style: str) -> str:
    c = escape(colour, quote=True)
    if style == "marker":
        return styles.marker_shape_svg(c)
    dash = f' stroke-dasharray="{styles.APPROX_DASH}"' if style == "dashed" else ""
    shape = f'<line x1="1" y1="7" x2="21" y2="7" stroke="{c}" stroke-width="3"{dash}/>'
    return f'<svg width="22" height="14" aria-hidden="true">{shape}</svg>'


def legend_html(entries: list[Entry], note: str | None = None) -> str:
    """Escaped HTML body of the legend control; ``note`` (e.g. "aggregated") comes first."""
    rows = "".join(
        f"<div>{_swatch(colour, style)}<span>{escape(label)}</span></div>"
        for label, colour, style in entries
    )
    if note:
        rows = f'<div class="bm-legend-note"><i>{escape(note)}</i></div>{rows}'
    return f"<details open><summary><b>Legend</b></summary>{rows}</details>"


class Legend(MacroElement):
    """A Leaflet control (bottom left) holding ``legend_html``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          var legend = L.control({position: "bottomleft"});
          legend.onAdd = function () {
            var div = L.DomUtil.create("div", "bm-map-legend");
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableScrollPropagation(div);
            return div;
          };
          legend.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, entries: list[Entry]):
        super().__init__()
        self._name = "Legend"
        self.html = legend_html(entries)
