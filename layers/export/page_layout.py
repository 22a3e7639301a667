"""The briefing page's geometry: named sizes, and the pixel box of every part.

Everything scales with the page height against a 1080-px slide (``PageLayout.px``),
so an A4 page at 150 dpi and a 720-px slide keep the proportions of the 1080-px one.
"""

from __future__ import annotations

from dataclasses import dataclass

# Named sizes offered by the app and the command line. A4 landscape at 150 dpi:
# 297 × 210 mm → 1754 × 1240 px.
PAGE_SIZES = {"1920x1080": (1920, 1080), "1280x720": (1280, 720), "a4": (1754, 1240)}


DEFAULT_SIZE = PAGE_SIZES["1920x1080"]
MIN_SIZE, MAX_SIZE = 640, 4096


LEGEND_ROW = 27  # px per legend row on a 1080-px slide
EVENT_ROW = 50  # px per numbered event in the side list: name and details, a line each
EVENT_ROW_WIDE = 64  # … when there is room: the name may take two lines


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
        """Width of the side column right of the map (event list and legend)."""
        return self.px(440)

    @property
    def map_box(self) -> tuple[int, int, int, int]:
        """``(left, top, width, height)`` of the map area."""
        gap = self.px(16)
        top = self.band + self.header
        width = self.width - self.legend_width - 3 * gap
        height = self.height - 2 * self.band - self.header - self.footer
        return gap, top, width, height


def page_css(layout: PageLayout, map_name: str) -> str:
    """The page's stylesheet: every box at its place, sizes scaled with the page."""
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
  padding: {px(14)}px; background: #f4f6f8; display: flex; flex-direction: column;
  border: 1px solid #c9d0d8; font-size: {px(17)}px; overflow: hidden; }}
.bm-legend-block {{ margin-top: auto; padding-top: {px(8)}px; border-top: 1px solid #c9d0d8; }}
.bm-events {{ list-style: none; margin: {px(8)}px 0 0 0; padding: 0; }}
.bm-events li {{ display: flex; align-items: flex-start; height: {px(EVENT_ROW)}px;
  box-sizing: border-box; overflow: hidden; }}
.bm-events li > div {{ min-width: 0; flex: 1; }}
.bm-num {{ flex: none; min-width: {px(24)}px; height: {px(22)}px; line-height: {px(22)}px;
  border-radius: {px(11)}px; color: #ffffff; font-weight: bold; font-size: {px(14)}px;
  text-align: center; margin: {px(1)}px {px(8)}px 0 0; padding: 0 {px(3)}px;
  box-sizing: border-box; }}
.bm-ev-name, .bm-ev-detail {{ white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.bm-events.bm-wide li {{ height: {px(EVENT_ROW_WIDE)}px; }}
.bm-events.bm-wide .bm-ev-name {{ white-space: normal; display: -webkit-box;
  -webkit-line-clamp: 2; -webkit-box-orient: vertical; }}
.bm-ev-name {{ font-size: {px(15)}px; color: #1b2430; }}
.bm-ev-detail {{ font-size: {px(14)}px; color: #3d4a5c; }}
.bm-refs {{ color: #5a6472; font-size: {px(12)}px; }}
.bm-events .bm-more {{ height: auto; font-size: {px(14)}px; font-style: italic; color: #3d4a5c; }}
.bm-legend h2, .bm-sources h2 {{ margin: 0 0 {px(10)}px 0; font-size: {px(19)}px; }}
.bm-legend-rows {{ display: grid; grid-auto-flow: column; column-gap: {px(8)}px;
  grid-template-rows: repeat(var(--bm-rows), {px(LEGEND_ROW)}px); }}
.bm-legend-rows.bm-two {{ grid-template-columns: 1fr 1fr; font-size: {px(13)}px; }}
.bm-legend-row {{ display: flex; align-items: center; white-space: nowrap; overflow: hidden; }}
.bm-swatch {{ flex: none; width: {px(34)}px; margin-right: {px(10)}px; display: flex;
  align-items: center; justify-content: center; }}
.bm-counts {{ font-size: {px(17)}px; font-weight: bold; color: #1b2430; }}
.bm-sources {{ position: absolute; left: {left}px; right: {px(16)}px; top: {top + height + px(8)}px;
  height: {layout.footer - px(12)}px; overflow: hidden; font-size: {px(13)}px; }}
.bm-sources h2 {{ font-size: {px(15)}px; margin-bottom: {px(4)}px; }}
.bm-sources ol {{ list-style: none; margin: 0; padding: 0; display: grid; column-gap: {px(18)}px;
  grid-auto-flow: column; grid-template-columns: repeat({source_columns(layout)}, minmax(0, 1fr));
  grid-template-rows: repeat({source_rows(layout)}, {source_line(layout)}px); }}
.bm-sources li {{ white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  line-height: 1.15; }}  /* as Liberation Sans "normal"; taller CJK fallback faces keep it */
.bm-sources .bm-more {{ font-style: italic; color: #3d4a5c; }}
.leaflet-control-scale-line {{ font-size: {px(12)}px; line-height: 1.3; overflow: visible;
  white-space: nowrap; background: rgba(255,255,255,0.85); }}
"""


def source_columns(layout: PageLayout) -> int:
    """Columns of the sources footer."""
    return max(1, layout.width // layout.px(310))


def source_line(layout: PageLayout) -> int:
    """Height of one line of the sources footer."""
    return layout.px(17)


def source_rows(layout: PageLayout) -> int:
    """Lines of the sources footer (per column)."""
    usable = layout.footer - layout.px(12) - layout.px(24)
    return max(1, usable // source_line(layout))
