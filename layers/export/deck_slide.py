"""One slide of the deck: bands, title, window, map picture, numbered list, legend, notes.

Shapes are named (``marking-top``, ``title``, ``window``, ``map``, ``events``,
``legend``, ``marking-bottom``) so a reader of the file, or a test, can find each part.
Every text value goes through ``safe_text.xml_text`` and into a text run.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Pt

from layers.export import deck_layout as lay
from layers.map.legend import legend_entries
from layers.outputs.event_list import EventList, event_list, line_text
from layers.outputs.words import briefing_subtitle, format_source, window_text
from layers.safe_text import xml_text
from layers.view.framing import view_bounds
from layers.view.select import Selection

_HEX = re.compile(r"#?([0-9a-fA-F]{6})")
BASEMAP_CREDIT = "Basemap: Natural Earth (public domain)"


def add_slide(slide, selection: Selection, map_png: bytes, generated: date | None) -> None:
    """Fill ``slide`` (a blank python-pptx slide) with the briefing of ``selection``."""
    view = selection.view
    events = selection.events if "events" in selection.frames else None
    listed = event_list(selection)
    subtitle = briefing_subtitle(view, events, generated)
    _band(slide, "marking-top", 0, view.marking)
    _text_box(slide, "title", lay.TITLE_BOX, xml_text(view.title), lay.title_size(view.title),
              bold=True)  # fmt: skip
    window = xml_text(_one_line(subtitle, view, events, generated))
    _text_box(slide, "window", lay.WINDOW_BOX, window, lay.WINDOW_PT, colour=lay.MUTED)
    left, top, width, height = lay.MAP_BOX
    picture = slide.shapes.add_picture(
        io.BytesIO(map_png), lay.emu(left), lay.emu(top), lay.emu(width), lay.emu(height)
    )
    picture.name = "map"
    picture.line.color.rgb = RGBColor.from_string(lay.BORDER)
    picture.line.width = Pt(0.75)
    shown = selection.within(view_bounds(view, lay.SLIDE_MAP_SIZE))  # what the picture shows
    legend = legend_entries(shown, view)
    on_map = _on_map(listed, shown)
    plan = lay.plan_column(on_map.lines, [label for label, _, _ in legend])
    _event_column(slide, on_map, events, plan, outside=len(listed.lines) - len(on_map.lines))
    if plan.legend:
        _legend(slide, legend, top=lay.COLUMN_BOX[1] + plan.legend_top)
    _band(slide, "marking-bottom", lay.SLIDE_PX[1] - lay.BAND, view.marking)
    slide.notes_slide.notes_text_frame.text = "\n".join(
        xml_text(line) for line in notes_lines(view.title, subtitle, listed, events)
    )


def _one_line(subtitle: str, view, events, generated: date | None) -> str:
    """The subtitle, or when its exercises' names do not fit one line, their count instead.

    The notes keep the whole subtitle.
    """
    if lay.lines_of(subtitle, lay.WINDOW_PT, lay.WINDOW_BOX[2]) == 1 or events is None:
        return subtitle
    count = events["exercise_id"].nunique()
    generated_text = f"Generated {(generated or date.today()).isoformat()}"
    return " · ".join([window_text(view, events), f"{count} exercises", generated_text])


def _on_map(listed: EventList, shown) -> EventList:
    """The lines of the events the picture shows, with the whole list's markers.

    Like the briefing PNG's list (``event_list(selection, shown)``), but the markers
    stay those of the whole selection's list, so they match the notes, which list
    every selected event and every source.
    """
    frame = shown.get("events")
    ids = set() if frame is None else set(frame["id"].astype(str))
    return replace(listed, lines=tuple(line for line in listed.lines if line.event_id in ids))


def notes_lines(title: str, subtitle: str, listed: EventList, events) -> list[str]:
    """The speaker notes: title, window, every event line, every footnoted source."""
    lines = [title, subtitle, ""]
    if listed.lines:
        lines.append("Events, numbered as on the map:")
        lines += [line_text(line) for line in listed.lines]
    else:
        lines.append(_no_list_text(listed, events))
    lines += ["", f"Sources ({len(listed.footnotes)}):"]
    lines += [f"[{marker}] {format_source(source)}" for marker, source in listed.footnotes]
    lines.append(BASEMAP_CREDIT)
    return lines


def _no_list_text(listed: EventList, events) -> str:
    if events is None:
        return "Events layer hidden."
    if listed.unnumbered:
        return f"{listed.unnumbered:,} events selected: too many to number on the map."
    return "No events selected."


def _rgb(colour: str, fallback: str = "555555") -> RGBColor:
    match = _HEX.fullmatch(str(colour).strip())
    return RGBColor.from_string((match.group(1) if match else fallback).upper())


def _band(slide, name: str, top: int, marking: str) -> None:
    """A dark band across the slide with the marking line in white, as on the PNG."""
    band = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, 0, lay.emu(top), lay.emu(lay.SLIDE_PX[0]), lay.emu(lay.BAND)
    )
    band.name = name
    band.fill.solid()
    band.fill.fore_color.rgb = RGBColor.from_string(lay.DARK)
    band.line.fill.background()
    band.shadow.inherit = False
    frame = band.text_frame
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_top = frame.margin_bottom = 0
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.CENTER
    _run(paragraph, xml_text(marking), lay.MARKING_PT, bold=True, colour="FFFFFF")


def _text_box(slide, name, box, text, size, *, bold=False, colour=lay.DARK):
    left, top, width, height = (lay.emu(v) for v in box)
    shape = slide.shapes.add_textbox(left, top, width, height)
    shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # the box keeps its size: the layout measured it
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    _run(frame.paragraphs[0], text, size, bold=bold, colour=colour)
    return shape


def _run(paragraph, text: str, size: float, *, bold: bool = False, colour: str = lay.DARK):
    run = paragraph.add_run()
    run.text = text
    run.font.name = lay.FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor.from_string(colour)
    return run


def _event_column(slide, listed: EventList, events, plan: lay.ColumnPlan, outside: int) -> None:
    """The numbered list as far as it fits, then "… and N more".

    ``outside``: selected events the picture does not show (listed in the notes only).
    """
    left, top, width, _ = lay.COLUMN_BOX
    count = len(listed.lines)
    heading = f"{count} event{'s' * (count != 1)} on the map" if count else "Events"
    if outside:
        heading += f" ({outside} more outside it)"
    heading += " · sources in the notes" if count else ""
    box = _text_box(slide, "events", (left, top, width, plan.list_height), heading,
                    lay.HEADING_PT, bold=True)  # fmt: skip
    frame = box.text_frame
    frame.paragraphs[0].space_after = Pt(4)
    if not count:
        empty = "None inside this map's area." if outside else _no_list_text(listed, events)
        _run(frame.add_paragraph(), empty, lay.LINE_PT, colour=lay.MUTED)
    for line in listed.lines[: plan.shown]:
        head = frame.add_paragraph()
        _run(head, f"{line.number}  ", lay.LINE_PT, bold=True)
        _run(head, xml_text(line.dates), lay.LINE_PT, bold=True)
        _run(head, " · " + xml_text(line.name), lay.LINE_PT)
        last = head
        detail = lay.event_detail(line)
        if detail:
            last = frame.add_paragraph()
            last._p.get_or_add_pPr().set("marL", str(lay.emu(lay.DETAIL_INDENT)))
            _run(last, xml_text(detail), lay.DETAIL_PT, colour=lay.MUTED)
        last.space_after = Pt(lay.EVENT_GAP / lay.PX_PER_PT)
    hidden = count - plan.shown
    if hidden > 0:
        more = frame.add_paragraph()
        _run(more, f"… and {hidden} more (every event in the notes)", lay.LINE_PT,
             colour=lay.MUTED).font.italic = True  # fmt: skip


def _legend(slide, entries, top: float) -> None:
    """'Legend' and a sample and label per entry, in one or two columns."""
    left, _, width, _ = lay.COLUMN_BOX
    _text_box(slide, "legend", (left, top, width, lay.heading_height()), "Legend",
              lay.HEADING_PT, bold=True)  # fmt: skip
    labels = [label for label, _, _ in entries]
    columns = lay.legend_columns(labels)
    rows = -(-len(entries) // columns)
    column_width = width / columns
    for index, (label, colour, style) in enumerate(entries):
        x = left + (index // rows) * column_width
        y = top + lay.heading_height() + (index % rows) * lay.LEGEND_ROW
        _swatch(slide, x, y + lay.LEGEND_ROW / 2, colour, style)
        box = (x + lay.LEGEND_SWATCH + 8, y, column_width - lay.LEGEND_SWATCH - 8, lay.LEGEND_ROW)
        text = _text_box(slide, f"legend-{index + 1}", box, xml_text(label), lay.LEGEND_PT)
        text.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        text.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def _swatch(slide, x: float, middle: float, colour: str, style: str) -> None:
    """A legend sample: a dot, a hatched box (area-only events), a line (dashed: approximate)."""
    rgb = _rgb(colour)
    if style == "hatch":
        box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, lay.emu(x + 2), lay.emu(middle - 8),
                                     lay.emu(lay.LEGEND_SWATCH - 4), lay.emu(16))  # fmt: skip
        box.name = "legend-hatch"
        box.fill.patterned()
        box.fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
        box.fill.fore_color.rgb, box.fill.back_color.rgb = rgb, RGBColor(0xFF, 0xFF, 0xFF)
        box.line.color.rgb = rgb
        box.shadow.inherit = False
        return
    if style == "marker":
        size = 14
        dot = slide.shapes.add_shape(MSO_SHAPE.OVAL, lay.emu(x + 10), lay.emu(middle - size / 2),
                                     lay.emu(size), lay.emu(size))  # fmt: skip
        dot.fill.solid()
        dot.fill.fore_color.rgb = rgb
        dot.line.fill.background()
        dot.shadow.inherit = False
        return
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, lay.emu(x), lay.emu(middle),
                                      lay.emu(x + lay.LEGEND_SWATCH), lay.emu(middle))  # fmt: skip
    line.line.color.rgb = rgb
    line.line.width = Pt(2.25)
    if style == "dashed":
        line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
