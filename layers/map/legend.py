"""The map legend: what is drawn, in which colour and line style.

``legend_entries`` is shared by the in-map legend control
(``layers.map.elements.legend``) and the briefing page, so both describe the same
symbols. It lists only what is drawn: the kinds of the selected events, the
countries of the bases shown, the ADIZ and area categories on the map.
"""

from __future__ import annotations

from html import escape

import geopandas as gpd

from layers.catalogue.schema import AREA_CATEGORIES, EVENT_KINDS, country_name
from layers.map import styles

Entry = tuple[str, str, str]  # (label, colour, "solid" | "dashed" | "marker" | "hatch")
HATCH_LABEL = "Event area"  # hatched: the place is known only as an area


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


def _any_area(frame: gpd.GeoDataFrame | None) -> bool:
    if frame is None or not len(frame):
        return False
    return bool(frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).any())


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
    if "events" in shown and _any_area(frames["events"]):
        entries.append((HATCH_LABEL, styles.UNKNOWN_COLOUR, "hatch"))
    if _any_approximate(frames, shown):
        entries.append(("Approximate geometry", "#555555", "dashed"))
    return entries


def _swatch(colour: str, style: str) -> str:
    c = escape(colour, quote=True)
    if style == "marker":
        return styles.marker_shape_svg(c)
    if style == "hatch":
        return styles.hatch_swatch_svg(c, 22, 14)
    dash = f' stroke-dasharray="{styles.APPROX_DASH}"' if style == "dashed" else ""
    shape = f'<line x1="1" y1="7" x2="21" y2="7" stroke="{c}" stroke-width="3"{dash}/>'
    return f'<svg width="22" height="14" aria-hidden="true">{shape}</svg>'


def legend_html(entries: list[Entry], note: str | None = None) -> str:
    """Escaped HTML body of the legend control; ``note`` (e.g. "aggregated") comes first.

    Closed by default (a small "Legend" button): open, it would cover the area of
    interest. The page remembers whether the reader opened it (``L.bmLegendOpen``).
    """
    rows = "".join(
        f"<div>{_swatch(colour, style)}<span>{escape(label)}</span></div>"
        for label, colour, style in entries
    )
    if note:
        rows = f'<div class="bm-legend-note"><i>{escape(note)}</i></div>{rows}'
    return f"<details><summary><b>Legend</b></summary>{rows}</details>"
