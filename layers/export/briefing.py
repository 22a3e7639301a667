"""The briefing page: the map, title block, numbered event list, legend, marking, sources.

``briefing_page_html`` lays the page out to exactly ``width × height`` CSS pixels
(the PNG is taken at device scale 1), so a pixel in the picture is a pixel here.
The map itself comes from ``layers.map.render.build_map``, the same function the app
uses, so the picture shows what the screen shows. Sizes and the boxes of the page's
parts are in ``layers.export.page_layout``.
"""

from __future__ import annotations

from datetime import date
from html import escape

from branca.element import Element

from layers.export.page_layout import DEFAULT_SIZE, LEGEND_ROW, PageLayout, page_css
from layers.export.slide_list import event_list_html, sources_html
from layers.map.legend import legend_entries
from layers.map.render import build_map
from layers.map.styles import APPROX_DASH, hatch_swatch_svg, marker_shape_svg
from layers.outputs.event_list import event_list
from layers.outputs.words import briefing_subtitle
from layers.view.framing import view_bounds
from layers.view.select import Selection


def briefing_page_html(
    selection: Selection, size: tuple[int, int] = DEFAULT_SIZE, generated: date | None = None
) -> str:
    """Self-contained HTML page of the briefing slide of ``selection`` at ``size`` CSS px.

    Parameters
    ----------
    selection
        What to draw (``layers.view.select``): its view gives the centre, zoom and texts.
    size
        ``(width, height)`` of the page in CSS pixels.
    generated
        Date printed as "generated"; today when ``None``.
    """
    view = selection.view
    layout = PageLayout(*size)
    _, _, map_w, map_h = layout.map_box
    # Legend and footer describe what the picture shows: the selection cut to the
    # map's bounds.
    shown = selection.within(view_bounds(view, (map_w, map_h)))
    events = selection.events if "events" in selection.frames else None
    folium_map = build_map(selection, mode="inline", controls=False, legend=False)
    figure = folium_map.get_root()
    figure.header.add_child(
        Element(f"<style>{page_css(layout, folium_map.get_name())}</style>"), name="briefing_css"
    )
    legend = legend_entries(shown, view)
    listing = event_list(selection, shown)
    chrome = _chrome_html(layout, view, events, legend, listing, generated)
    figure.html.add_child(Element(chrome), name="briefing_chrome")
    html = figure.render()
    return html.replace("<head>", f"<head><title>{escape(view.title)}</title>", 1)


def _chrome_html(layout, view, events, legend, listing, generated) -> str:
    marking = escape(view.marking)
    rows_html, rows_used = _legend_rows(layout, legend)
    kinds = {}
    if events is not None:
        kinds = dict(zip(events["id"].astype(str), events["kind"], strict=True))
    space = _list_space(layout, rows_used)
    return (
        f'<div class="bm-marking" id="bm-marking-top" style="top:0">{marking}</div>'
        f'<header class="bm-title-block"><div class="bm-title" id="bm-title">{escape(view.title)}'
        f'</div><div class="bm-subtitle" id="bm-subtitle">'
        f"{escape(briefing_subtitle(view, events, generated))}</div></header>"
        f'<aside class="bm-legend" id="bm-legend">'
        f'<div class="bm-counts">{escape(_counts_text(events))}</div>'
        f"{event_list_html(layout, listing, kinds, space)}"
        f'<div class="bm-legend-block"><h2>Legend</h2>{rows_html}</div></aside>'
        f'<footer class="bm-sources" id="bm-sources">{sources_html(layout, listing)}</footer>'
        f'<div class="bm-marking" id="bm-marking-bottom" style="bottom:0">{marking}</div>'
    )


def _counts_text(events) -> str:
    if events is None:
        return "Events layer hidden"
    n_ex = events["exercise_id"].nunique()
    return (
        f"{len(events)} event{'s' * (len(events) != 1)} in {n_ex} "
        f"exercise{'s' * (n_ex != 1)} or series"
    )


def _legend_space(layout: PageLayout) -> int:
    """Most of the side panel the legend may take: half of it (the list needs the rest)."""
    return (layout.map_box[3] - layout.px(28 + 34 + 50)) // 2


def _list_space(layout: PageLayout, legend_rows: int) -> int:
    """Height left for the event list: the panel less counts, legend heading and rows."""
    used = layout.px(28 + 40 + 34 + 30) + legend_rows * layout.px(LEGEND_ROW)
    return layout.map_box[3] - used


def _legend_rows(layout: PageLayout, legend) -> tuple[str, int]:
    """Legend rows (two columns past six rows, so the list keeps its room) and their count."""
    per_column = max(1, _legend_space(layout) // layout.px(LEGEND_ROW))
    two = len(legend) > 6
    rows = min(-(-len(legend) // 2) if two else len(legend), per_column)
    cells = "".join(
        f'<div class="bm-legend-row">{_swatch(layout, colour, style)}'
        f"<span>{escape(label)}</span></div>"
        for label, colour, style in legend
    )
    css_class = "bm-legend-rows bm-two" if two else "bm-legend-rows"
    return f'<div class="{css_class}" style="--bm-rows:{max(rows, 1)}">{cells}</div>', rows


_SWATCHES = {
    "dashed": '<line x1="2" y1="{hh}" x2="{w2}" y2="{hh}" stroke="{c}" stroke-width="3" '
    'stroke-dasharray="' + APPROX_DASH + '"/>',
    "line": '<line x1="2" y1="{hh}" x2="{w2}" y2="{hh}" stroke="{c}" stroke-width="3"/>',
    "area": '<rect x="2" y="2" width="{w4}" height="{h4}" fill="{c}" fill-opacity="0.35" '
    'stroke="{c}" stroke-width="2"/>',
}


def _swatch_kind(style: str) -> str:
    words = str(style).lower()
    if "hatch" in words:
        return "hatch"
    if "dash" in words or "approx" in words:
        return "dashed"
    if any(word in words for word in ("solid", "line", "route")):
        return "line"
    if any(word in words for word in ("area", "fill", "polygon", "zone")):
        return "area"
    return "point"  # point, marker, circle and anything unknown


def _swatch(layout: PageLayout, colour: str, style: str) -> str:
    """Small sample of a legend entry; words in ``style`` pick the shape.

    Markers use the map's own shape for that colour (``styles.marker_shape_svg``).
    """
    w, h = layout.px(34), layout.px(18)
    c = escape(str(colour), quote=True)
    kind = _swatch_kind(style)
    if kind == "point":
        svg = marker_shape_svg(c, size=h)
    elif kind == "hatch":
        svg = hatch_swatch_svg(c, w, h)
    else:
        shape = _SWATCHES[kind].format(c=c, hh=h / 2, w2=w - 2, w4=w - 4, h4=h - 4)
        svg = (
            f'<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" aria-hidden="true">{shape}</svg>'
        )
    return f'<span class="bm-swatch">{svg}</span>'
