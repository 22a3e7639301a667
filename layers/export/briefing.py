"""The briefing page: the map plus title block, legend, scale, marking and sources.

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

from layers.export.page_layout import (
    DEFAULT_SIZE,
    LEGEND_ROW,
    PageLayout,
    page_css,
    source_columns,
    source_rows,
)
from layers.map.legend import legend_entries
from layers.map.render import build_map
from layers.map.styles import APPROX_DASH, marker_shape_svg
from layers.outputs.words import format_source
from layers.view.framing import view_bounds
from layers.view.select import Selection, sources_of


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
    chrome = _chrome_html(layout, view, events, legend, sources_of(shown), generated)
    figure.html.add_child(Element(chrome), name="briefing_chrome")
    html = figure.render()
    return html.replace("<head>", f"<head><title>{escape(view.title)}</title>", 1)


def _chrome_html(layout, view, events, legend, sources, generated) -> str:
    marking = escape(view.marking)
    rows_html, rows_used = _legend_rows(layout, legend)
    return (
        f'<div class="bm-marking" id="bm-marking-top" style="top:0">{marking}</div>'
        f'<header class="bm-title-block"><div class="bm-title" id="bm-title">{escape(view.title)}'
        f'</div><div class="bm-subtitle" id="bm-subtitle">'
        f"{escape(_subtitle(view, events, generated))}</div></header>"
        f'<aside class="bm-legend" id="bm-legend"><h2>Legend</h2>{rows_html}'
        f'<div class="bm-counts">{escape(_counts_text(events))}</div>'
        f"{_exercise_list(layout, events, rows_used)}</aside>"
        f'<footer class="bm-sources" id="bm-sources">{_sources_list(layout, sources)}</footer>'
        f'<div class="bm-marking" id="bm-marking-bottom" style="bottom:0">{marking}</div>'
    )


def _subtitle(view, events, generated: date | None) -> str:
    """'Window 2024-06-01 – 2024-07-12 · Exercises: … · Generated 2026-01-05'."""
    parts = [_window_text(view, events)]
    if view.exercises and events is not None and len(events):
        names = sorted(set(events["exercise"]))
        parts.append("Exercises: " + ", ".join(names))
    parts.append(f"Generated {(generated or date.today()).isoformat()}")
    return " · ".join(parts)


def _window_text(view, events) -> str:
    first = last = None
    if events is not None and len(events):
        first, last = events["start_date"].min().date(), events["end_date"].max().date()
    start, end = view.start or first, view.end or last
    label = "All dates" if view.start is None and view.end is None else "Window"
    if start is None and end is None:
        return "All dates"
    return f"{label} {start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"


def _counts_text(events) -> str:
    if events is None:
        return "Events layer hidden"
    n_ex = events["exercise_id"].nunique()
    return (
        f"{len(events)} event{'s' * (len(events) != 1)} in {n_ex} "
        f"exercise{'s' * (n_ex != 1)} or series"
    )


def _exercise_list(layout: PageLayout, events, legend_rows: int) -> str:
    """The exercises in the picture with their dates, as many as the panel holds."""
    if events is None or not len(events):
        return ""
    rows = []
    for _, group in events.groupby("exercise_id", sort=False):
        first, last = group["start_date"].min().date(), group["end_date"].max().date()
        dates = first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
        rows.append((first, str(group["exercise"].iloc[0]), dates, len(group)))
    rows.sort()
    free = _legend_space(layout) - legend_rows * layout.px(LEGEND_ROW) - layout.px(50)
    limit = free // layout.px(44)
    if limit < len(rows):  # keep a line for "… and N more"
        limit = (free - layout.px(24)) // layout.px(44)
    if limit <= 0:
        return ""  # no room: the counts line already gives the number of exercises
    items = "".join(
        f'<li><span class="bm-ex-name">{escape(name)}</span><br>'
        f"{escape(dates)} · {n} event{'s' * (n != 1)}</li>"
        for _, name, dates, n in rows[:limit]
    )
    more = f"<li>… and {len(rows) - limit} more</li>" if len(rows) > limit else ""
    return f'<ol class="bm-exercises" id="bm-exercises">{items}{more}</ol>'


def _legend_space(layout: PageLayout) -> int:
    """Height in the legend panel below its heading, minus the counts line."""
    return layout.map_box[3] - layout.px(28 + 34 + 50)


def _legend_rows(layout: PageLayout, legend) -> tuple[str, int]:
    """Legend rows (two columns when one does not fit) and how many rows they take."""
    per_column = max(1, _legend_space(layout) // layout.px(LEGEND_ROW))
    two = len(legend) > per_column
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
    else:
        shape = _SWATCHES[kind].format(c=c, hh=h / 2, w2=w - 2, w4=w - 4, h4=h - 4)
        svg = (
            f'<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" aria-hidden="true">{shape}</svg>'
        )
    return f'<span class="bm-swatch">{svg}</span>'


def _sources_list(layout: PageLayout, sources: list[dict]) -> str:
    capacity = source_columns(layout) * source_rows(layout)
    shown = sources if len(sources) <= capacity else sources[: capacity - 1]
    items = [
        f'<li title="{escape(format_source(s))}">{escape(format_source(s))}</li>' for s in shown
    ]
    if len(shown) < len(sources):
        more = len(sources) - len(shown)
        items.append(f'<li class="bm-more">… and {more} more (full list in the HTML export)</li>')
    return (
        f"<h2>Sources ({len(sources)}) · Basemap: Natural Earth (public domain)</h2>"
        f"<ol>{''.join(items)}</ol>"
    )
