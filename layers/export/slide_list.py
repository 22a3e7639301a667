"""The briefing slide's keyed parts: the numbered event list and the footnoted sources.

The list beside the map gives each event in the picture its map number (a badge in
its kind's colour, like the callout), dates, name, aircraft × count and participants,
and the footnote markers of its sources; the footer lists those sources under the same
markers, the events' first (``layers.outputs.event_list``). Everything from the data
is escaped here; sizes come from ``layers.export.page_layout``.
"""

from __future__ import annotations

from html import escape

from layers.export.page_layout import (
    EVENT_ROW,
    EVENT_ROW_WIDE,
    PageLayout,
    source_columns,
    source_rows,
)
from layers.map.styles import event_colour
from layers.outputs.event_list import EventList, markers_text
from layers.outputs.words import format_source, short_source


def _item(line, colour: str) -> str:
    detail = " · ".join(escape(part) for part in (line.force, line.participants) if part)
    refs = f' <span class="bm-refs">[{escape(markers_text(line.sources))}]</span>'
    return (
        f'<li data-number="{line.number}"><span class="bm-num" style="background:{colour}">'
        f"{line.number}</span><div><div class=\"bm-ev-name\"><b>{escape(line.dates)}</b> · "
        f"{escape(line.name)}</div><div class=\"bm-ev-detail\">{detail or '—'}"
        f"{refs if line.sources else ''}</div></div></li>"
    )


def event_list_html(
    layout: PageLayout, listing: EventList, kinds: dict[str, str], space: int
) -> str:
    """The numbered list in ``space`` px; "… and N more" when it does not fit.

    ``kinds`` maps event id → kind (the badge's colour).
    """
    lines = listing.lines
    if not lines:
        return ""
    roomy = len(lines) * layout.px(EVENT_ROW_WIDE) <= space  # names may take two lines
    row = layout.px(EVENT_ROW_WIDE if roomy else EVENT_ROW)
    fits = max(space // row, 0)
    if fits < len(lines):  # keep a line for "… and N more"
        fits = max((space - layout.px(24)) // row, 0)
    items = "".join(_item(line, event_colour(kinds.get(line.event_id))) for line in lines[:fits])
    more = ""
    if fits < len(lines):
        more = (
            f'<li class="bm-more">… and {len(lines) - fits} more, '
            "numbered on the map (all in the HTML export and the deck)</li>"
        )
    css_class = "bm-events bm-wide" if roomy else "bm-events"
    return f'<ol class="{css_class}" id="bm-events">{items}{more}</ol>'


def sources_html(layout: PageLayout, listing: EventList) -> str:
    """The footer: every footnote as ``[n] Publisher, date``, events' first.

    Short, so a well-sourced week still fits; each cell's tooltip (HTML export) and
    the deck's notes hold the full ``Publisher: Title (date) — url``.
    """
    notes = listing.footnotes
    capacity = source_columns(layout) * source_rows(layout)
    shown = notes if len(notes) <= capacity else notes[: capacity - 1]
    items = [
        f'<li title="{escape(format_source(source))}"><b>[{marker}]</b> '
        f"{escape(short_source(source))}</li>"
        for marker, source in shown
    ]
    if len(shown) < len(notes):
        more = len(notes) - len(shown)
        items.append(f'<li class="bm-more">… and {more} more (full list in the HTML export)</li>')
    return (
        f"<h2>Sources ({len(notes)}) · Basemap: Natural Earth (public domain)</h2>"
        f"<ol>{''.join(items)}</ol>"
    )
