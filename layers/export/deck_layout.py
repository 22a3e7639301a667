"""The deck's slide geometry, and how much of the event list and legend fits beside the map.

A 16:9 slide (13.333 × 7.5 in) is laid out in pixels of its 1920 × 1080 rendering
(1 px = 6,350 EMU = 0.5 pt), so the map box is exactly the pixel size of the map
picture drawn for it (``SLIDE_MAP_SIZE``): the picture is shown 1:1 on a 1080p screen.

The slide: marking bands top and bottom (as the briefing PNG's), title and window,
the map on the left, and on the right the numbered event list with, when there is
room, a legend of what the map draws. Text is measured by estimate (characters per
line at the font size), never by a font engine: the estimate is deliberately on
the wide side, so a list that is cut says "… and N more" rather than overflowing.
"""

from __future__ import annotations

from dataclasses import dataclass

from layers.outputs.event_list import EventLine, markers_text

SLIDE_PX = (1920, 1080)
EMU_PER_PX = 6350  # 914,400 EMU per inch / 144 px per inch at 1920 px across 13.333 in
PX_PER_PT = 2  # 1920 px across 960 pt

BAND = 36  # marking band, top and bottom
MARGIN = 24
TITLE_BOX = (MARGIN, 42, SLIDE_PX[0] - 2 * MARGIN, 62)  # (left, top, width, height)
WINDOW_BOX = (MARGIN, 104, SLIDE_PX[0] - 2 * MARGIN, 30)
BODY_TOP = 140
BODY_HEIGHT = SLIDE_PX[1] - BAND - MARGIN - BODY_TOP
MAP_BOX = (MARGIN, BODY_TOP, 1184, BODY_HEIGHT)  # 1184 × 880: a 4:3 map
SLIDE_MAP_SIZE = (MAP_BOX[2], MAP_BOX[3])
COLUMN_LEFT = MAP_BOX[0] + MAP_BOX[2] + MARGIN
COLUMN_BOX = (COLUMN_LEFT, BODY_TOP, SLIDE_PX[0] - MARGIN - COLUMN_LEFT, BODY_HEIGHT)

# Type sizes in points; line heights are 1.2 × the size.
TITLE_PT, WINDOW_PT, MARKING_PT = 26, 13, 11
HEADING_PT, LINE_PT, DETAIL_PT, LEGEND_PT = 12, 11, 9.5, 9
CHAR_EM = 0.5  # mean advance of a character in ems, rounded up for Arial (0.44 in English text)
DETAIL_INDENT = 28  # px: the second line of an event sits under its name
EVENT_GAP = 8  # px after each event
LEGEND_ROW = 26  # px per legend row
LEGEND_SWATCH = 34  # px of a legend row taken by its sample
LEGEND_SHARE = 0.4  # the legend takes at most this share of the column beside a long list
LEGEND_GAP = 16  # px between the list and the legend

FONT = "Arial"  # metric-compatible Liberation Sans on Linux, as on the briefing PNG
DARK = "1B2430"  # the marking band and the title, as on the briefing PNG
MUTED = "3D4A5C"
BORDER = "8A94A3"


def emu(px: float) -> int:
    """Pixels of the 1920-px slide → EMU."""
    return round(px * EMU_PER_PX)


def line_height(pt: float) -> float:
    """Pixels one line of ``pt`` text takes."""
    return pt * 1.2 * PX_PER_PT


def chars_per_line(pt: float, width_px: float) -> int:
    """How many characters of ``pt`` text a line of ``width_px`` holds (by estimate)."""
    return max(int(width_px / PX_PER_PT / (pt * CHAR_EM)), 1)


def lines_of(text: str, pt: float, width_px: float) -> int:
    """Lines ``text`` wraps to in a box ``width_px`` wide (at least one)."""
    return max(1, -(-len(text) // chars_per_line(pt, width_px)))


def title_size(title: str) -> float:
    """The title's point size: ``TITLE_PT``, smaller for a title too long for one line."""
    fits = chars_per_line(TITLE_PT, TITLE_BOX[2])
    return TITLE_PT if len(title) <= fits else max(14.0, round(TITLE_PT * fits / len(title), 1))


def event_head(line: EventLine) -> str:
    """First line of a listed event, after its number: ``10 Dec 2025 · name``."""
    return f"{line.dates} · {line.name}"


def event_detail(line: EventLine) -> str:
    """Second line: force, participants, approximate place, footnote markers ``[4–5, 7]``."""
    parts = [p for p in (line.force, line.participants) if p]
    if line.approximate:
        parts.append("approx. place")
    refs = f"[{markers_text(line.sources)}]" if line.sources else ""
    return " · ".join(parts) + (" " if parts and refs else "") + refs


def event_height(line: EventLine, width: float = COLUMN_BOX[2]) -> float:
    """Pixels an event takes in the list: its head, its detail, the gap after it."""
    head = f"{line.number}  {event_head(line)}"
    height = lines_of(head, LINE_PT, width) * line_height(LINE_PT) + EVENT_GAP
    detail = event_detail(line)
    if detail:
        height += lines_of(detail, DETAIL_PT, width - DETAIL_INDENT) * line_height(DETAIL_PT)
    return height


def heading_height() -> float:
    """Pixels of the list's heading line and the space under it."""
    return line_height(HEADING_PT) + 8


def legend_columns(labels: list[str], width: float = COLUMN_BOX[2]) -> int:
    """Two columns when every label fits in half the width, else one."""
    half = chars_per_line(LEGEND_PT, width / 2 - LEGEND_SWATCH - 8)
    return 2 if all(len(label) <= half for label in labels) else 1


def legend_height(labels: list[str]) -> float:
    """Pixels of the legend: heading and rows (nothing for no entries)."""
    if not labels:
        return 0.0
    rows = -(-len(labels) // legend_columns(labels))
    return heading_height() + rows * LEGEND_ROW


@dataclass(frozen=True)
class ColumnPlan:
    """What the right-hand column shows: how many events, and whether the legend fits."""

    shown: int  # events listed; the rest are "… and N more"
    legend: bool
    list_height: float  # px given to the heading and the list
    legend_top: float  # px below the column's top: after the list, or at the column's foot


def plan_column(lines: tuple[EventLine, ...], labels: list[str]) -> ColumnPlan:
    """Fit the numbered list first, then the legend if there is room.

    The legend is kept when it takes at most ``LEGEND_SHARE`` of the column, or when
    the whole list fits above it; otherwise the list has the whole column.
    """
    column = COLUMN_BOX[3]
    legend = legend_height(labels)
    needed = heading_height() + sum(event_height(line) for line in lines)
    keep_legend = bool(labels) and (
        legend <= LEGEND_SHARE * column or needed + LEGEND_GAP + legend <= column
    )
    room = column - (legend + LEGEND_GAP if keep_legend else 0)
    more = line_height(LINE_PT)  # the "… and N more" line
    used, shown = heading_height(), 0
    for index, line in enumerate(lines):
        after = more if index < len(lines) - 1 else 0  # room to say what did not fit
        if used + event_height(line) + after > room:
            break
        used += event_height(line)
        shown += 1
    if shown < len(lines):
        used += more
    return ColumnPlan(shown, keep_legend, room, min(used + LEGEND_GAP, column - legend))
