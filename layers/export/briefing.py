"""The briefing page: the map plus title block, legend, scale, marking and sources.

``briefing_page_html`` lays the page out to exactly ``width × height`` CSS pixels
(the PNG is taken at device scale 1), so a pixel in the picture is a pixel here.
The map itself comes from ``layers.map.render.build_map``, the same function the app
uses, so the picture shows what the screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from branca.element import Element

from layers.map.render import build_map, legend_entries
from layers.map.styles import APPROX_DASH, marker_shape_svg
from layers.view.filters import filter_view
from layers.view.selection import format_source, shown_frames, sources_of, view_bounds

# Named sizes offered by the app and the command line. A4 landscape at 150 dpi:
# 297 × 210 mm → 1754 × 1240 px.
PAGE_SIZES = {"1920x1080": (1920, 1080), "1280x720": (1280, 720), "a4": (1754, 1240)}
DEFAULT_SIZE = PAGE_SIZES["1920x1080"]
MIN_SIZE, MAX_SIZE = 640, 4096
LEGEND_ROW = 27  # px per legend row on a 1080-px slide
FONT_STACK = (  # Latin first; the CJK faces then draw Chinese, Japanese and Korean titles
    '"Liberation Sans", "DejaVu Sans", Arial, "Noto Sans CJK JP", "Noto Sans CJK SC", sans-serif'
)


def parse_size(text: str) -> tuple[int, int]:
    """``"1920x1080"``, ``"1280x720"`` or ``"a4"`` → ``(width, height)``; ``ValueError`` if bad."""
    key = text.strip().lower().replace("×", "x")
    if key in ("a4", "a4-landscape"):
        return PAGE_SIZES["a4"]
    try:
        width, height = (int(part) for part in key.split("x"))
    except ValueError as exc:
        raise ValueError(
            f"{text!r} is not a size: use WIDTHxHEIGHT (e.g. 1920x1080) or a4"
        ) from exc
    if not (MIN_SIZE <= width <= MAX_SIZE and MIN_SIZE // 2 <= height <= MAX_SIZE):
        raise ValueError(
            f"{text!r}: width must be {MIN_SIZE}–{MAX_SIZE} px, height up to {MAX_SIZE}"
        )
    return width, height


@dataclass(frozen=True)
class PageLayout:
    """Pixel boxes of the page parts; everything scales with the page height."""

    width: int
    height: int

    @property
    def scale(self) -> float:
        """Size factor against a 1080-px-high slide (at least 0.75, so text stays legible)."""
        return max(self.height / 1080, 0.75)

    def px(self, value: float) -> int:
        """``value`` (designed for 1080 px) at this page's scale."""
        return round(value * self.scale)

    @property
    def band(self) -> int:
        """Height of the marking band at the top and the bottom."""
        return self.px(30)

    @property
    def header(self) -> int:
        """Height of the title block."""
        return self.px(96)

    @property
    def footer(self) -> int:
        """Height of the sources footer."""
        return self.px(150)

    @property
    def legend_width(self) -> int:
        """Width of the legend column right of the map."""
        return self.px(330)

    @property
    def map_box(self) -> tuple[int, int, int, int]:
        """``(left, top, width, height)`` of the map area."""
        gap = self.px(16)
        top = self.band + self.header
        width = self.width - self.legend_width - 3 * gap
        height = self.height - 2 * self.band - self.header - self.footer
        return gap, top, width, height


def briefing_page_html(
    frames: dict, view, size: tuple[int, int] = DEFAULT_SIZE, generated: date | None = None
) -> str:
    """Self-contained HTML page of the briefing slide for ``view`` at ``size`` CSS px.

    Parameters
    ----------
    frames
        Catalogue frames keyed by layer (``layers.catalogue.load.load_catalogue().frames``).
    view
        The ``BriefingView`` to draw (window, filters, layers, centre, zoom, texts).
    size
        ``(width, height)`` of the page in CSS pixels.
    generated
        Date printed as "generated"; today when ``None``.
    """
    layout = PageLayout(*size)
    _, _, map_w, map_h = layout.map_box
    # Legend and footer describe what the picture shows: the filtered events and
    # the visible layers, cut to the map's bounds.
    shown = shown_frames(frames, view, bounds=view_bounds(view, (map_w, map_h)))
    events = filter_view(frames["events"], view) if "events" in view.layers else None
    folium_map = build_map(frames, view, mode="inline", controls=False, legend=False)
    figure = folium_map.get_root()
    figure.header.add_child(
        Element(f"<style>{_page_css(layout, folium_map.get_name())}</style>"), name="briefing_css"
    )
    legend = legend_entries(shown, view)
    chrome = _chrome_html(layout, view, events, legend, sources_of(shown), generated)
    figure.html.add_child(Element(chrome), name="briefing_chrome")
    html = figure.render()
    return html.replace("<head>", f"<head><title>{escape(view.title)}</title>", 1)


def _page_css(layout: PageLayout, map_name: str) -> str:
    px = layout.px
    left, top, width, height = layout.map_box
    legend_left = left + width + px(16)
    return f"""
html, body {{ width: {layout.width}px !important; height: {layout.height}px !important;
  margin: 0; overflow: hidden; background: #ffffff; color: #1b2430; font-family: {FONT_STACK}; }}
#{map_name} {{ position: absolute !important; left: {left}px !important; top: {top}px !important;
  width: {width}px !important; height: {height}px !important; border: 1px solid #8a94a3;
  box-sizing: border-box; }}
.bm-marking {{ position: absolute; left: 0; width: 100%; height: {layout.band}px;
  line-height: {layout.band}px; text-align: center; background: #1b2430; color: #ffffff;
  font-weight: bold; font-size: {px(16)}px; letter-spacing: 0.08em; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; }}
.bm-title-block {{ position: absolute; left: {left}px; right: {px(16)}px; top: {layout.band}px;
  height: {layout.header}px; display: flex; flex-direction: column; justify-content: center; }}
.bm-title {{ font-size: {px(38)}px; font-weight: bold; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }}
.bm-subtitle {{ font-size: {px(19)}px; color: #3d4a5c; margin-top: {px(6)}px; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; }}
.bm-legend {{ position: absolute; left: {legend_left}px; top: {top}px;
  width: {layout.legend_width}px; height: {height}px; box-sizing: border-box;
  padding: {px(14)}px; background: #f4f6f8;
  border: 1px solid #c9d0d8; font-size: {px(17)}px; overflow: hidden; }}
.bm-legend h2, .bm-sources h2 {{ margin: 0 0 {px(10)}px 0; font-size: {px(19)}px; }}
.bm-legend-rows {{ display: grid; grid-auto-flow: column; column-gap: {px(8)}px;
  grid-template-rows: repeat(var(--bm-rows), {px(LEGEND_ROW)}px); }}
.bm-legend-rows.bm-two {{ grid-template-columns: 1fr 1fr; font-size: {px(13)}px; }}
.bm-legend-row {{ display: flex; align-items: center; white-space: nowrap; overflow: hidden; }}
.bm-swatch {{ flex: none; width: {px(34)}px; margin-right: {px(10)}px; display: flex;
  align-items: center; justify-content: center; }}
.bm-counts {{ margin-top: {px(16)}px; padding-top: {px(10)}px; border-top: 1px solid #c9d0d8;
  font-size: {px(16)}px; color: #3d4a5c; }}
.bm-exercises {{ list-style: none; margin: {px(10)}px 0 0 0; padding: 0; font-size: {px(15)}px;
  color: #3d4a5c; }}
.bm-exercises li {{ margin-bottom: {px(8)}px; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }}
.bm-ex-name {{ color: #1b2430; font-weight: bold; }}
.bm-sources {{ position: absolute; left: {left}px; right: {px(16)}px; top: {top + height + px(8)}px;
  height: {layout.footer - px(12)}px; overflow: hidden; font-size: {px(13)}px; }}
.bm-sources h2 {{ font-size: {px(15)}px; margin-bottom: {px(4)}px; }}
.bm-sources ol {{ list-style: none; margin: 0; padding: 0; display: grid; column-gap: {px(18)}px;
  grid-auto-flow: column; grid-template-columns: repeat({_source_columns(layout)}, minmax(0, 1fr));
  grid-template-rows: repeat({_source_rows(layout)}, {_source_line(layout)}px); }}
.bm-sources li {{ white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  line-height: 1.15; }}  /* as Liberation Sans "normal"; taller CJK fallback faces keep it */
.bm-sources .bm-more {{ font-style: italic; color: #3d4a5c; }}
.leaflet-control-scale-line {{ font-size: {px(12)}px; line-height: 1.3; overflow: visible;
  white-space: nowrap; background: rgba(255,255,255,0.85); }}
"""


def _source_columns(layout: PageLayout) -> int:
    return max(1, layout.width // layout.px(620))


def _source_line(layout: PageLayout) -> int:
    return layout.px(17)


def _source_rows(layout: PageLayout) -> int:
    usable = layout.footer - layout.px(12) - layout.px(24)
    return max(1, usable // _source_line(layout))


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
    capacity = _source_columns(layout) * _source_rows(layout)
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
