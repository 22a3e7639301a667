"""The briefing deck without a browser: slides, texts, list, notes and picture of a known selection.

The map pictures are stubs of the right size (``deck_fixtures.stub_maps``); the real
pictures are drawn in ``tests/browser/test_deck_browser.py``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import pytest
from deck_fixtures import (
    GENERATED,
    VIEW,
    deck_selection,
    features,
    frames_of,
    many_events_frames,
    notes,
    open_deck,
    picture_size,
    shape,
    slide_text,
    stub_maps,
    stub_png,
)
from pptx.enum.dml import MSO_FILL, MSO_PATTERN

from layers.export.deck import deck_bytes, deck_parts, render_deck
from layers.export.deck_layout import (
    COLUMN_BOX,
    MAP_BOX,
    SLIDE_MAP_SIZE,
    emu,
    plan_column,
)
from layers.export.map_page import map_page_html
from layers.outputs.event_list import event_list, line_text
from layers.outputs.words import briefing_subtitle, format_source
from layers.view.framing import fit_view
from layers.view.view import BriefingView

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile" / "hostile_events.geojson"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def deck(selection=None, each_exercise=False) -> bytes:
    stub_maps.calls.clear()
    parts = deck_parts(selection or deck_selection(), each_exercise)
    return render_deck(parts, stub_maps, generated=GENERATED)


@pytest.fixture(scope="module")
def overview():
    return open_deck(deck())


@pytest.fixture(scope="module")
def by_exercise():
    return open_deck(deck(each_exercise=True))


def test_the_overview_deck_is_one_16_9_slide(overview):
    assert len(overview.slides) == 1
    assert (overview.slide_width, overview.slide_height) == (
        12_192_000,
        6_858_000,
    )  # 13.333 × 7.5 in
    assert overview.slide_width * 9 == overview.slide_height * 16


def test_each_exercise_adds_one_slide_per_exercise_in_order_of_first_event(by_exercise):
    titles = [shape(slide, "title").text_frame.text for slide in by_exercise.slides]
    assert titles == [VIEW.title, "Exercise A", "Exercise C", "Exercise B"]  # 1 Mar, 20 Mar, 10 Apr


def test_each_exercise_slide_is_framed_on_its_exercise():
    deck(each_exercise=True)
    ((overview, *parts),) = stub_maps.calls  # one call for the whole deck
    assert overview[0] == VIEW
    selection = deck_selection()
    for (view, size), exercise in zip(parts, ("ex-a", "ex-c", "ex-b"), strict=True):
        events = selection.events[selection.events["exercise_id"] == exercise]
        framed = fit_view(VIEW.with_changes(exercises=(exercise,)), events.geometry, size)
        assert (view.exercises, view.center, view.zoom) == ((exercise,), framed.center, framed.zoom)
    assert len({(view.center, view.zoom) for view, _ in parts}) == 3


def test_marking_is_a_dark_band_with_white_text_at_the_top_and_the_bottom(by_exercise):
    for slide in by_exercise.slides:
        top, bottom = shape(slide, "marking-top"), shape(slide, "marking-bottom")
        assert top.top == 0 and bottom.top + bottom.height == by_exercise.slide_height
        for band in (top, bottom):
            assert band.width == by_exercise.slide_width
            assert str(band.fill.fore_color.rgb) == "1B2430"
            (run,) = band.text_frame.paragraphs[0].runs
            assert run.text == "TEST MARKING" and str(run.font.color.rgb) == "FFFFFF"


def test_title_and_window_are_the_briefing_pngs(overview):
    slide = overview.slides[0]
    assert shape(slide, "title").text_frame.text == VIEW.title
    selection = deck_selection()
    window = shape(slide, "window").text_frame.text
    assert window == briefing_subtitle(VIEW, selection.events, GENERATED)
    assert window == "Window 2025-03-01 – 2025-04-30 · Generated 2026-01-05"


def test_the_map_picture_fills_the_map_box_at_its_pixel_size(by_exercise):
    assert {size for call in stub_maps.calls for _, size in call} == {SLIDE_MAP_SIZE}
    for slide in by_exercise.slides:
        picture = shape(slide, "map")
        left, top, width, height = MAP_BOX
        assert (picture.left, picture.top) == (emu(left), emu(top))
        assert (picture.width, picture.height) == (emu(width), emu(height))
        assert picture_size(slide) == SLIDE_MAP_SIZE == (width, height)
    # 1:1 on a 1920-px-wide slide: one picture pixel per slide pixel
    assert by_exercise.slide_width // emu(1) == 1920


def _listed(slide) -> list[str]:
    """The list's paragraphs that start with an event's number."""
    paragraphs = shape(slide, "events").text_frame.paragraphs
    return [p.text for p in paragraphs if re.match(r"\d+  ", p.text)]


def test_list_numbers_and_lines_are_the_event_lists(overview, by_exercise):
    expected = event_list(deck_selection())
    listed = _listed(overview.slides[0])
    assert [int(text.split()[0]) for text in listed] == [line.number for line in expected.lines]
    assert [line.event_id for line in expected.lines] == ["a1", "a2", "c1", "b1"]
    for text, line in zip(listed, expected.lines, strict=True):
        assert text == f"{line.number}  {line.dates} · {line.name}"
    details = shape(overview.slides[0], "events").text_frame.text
    assert "2 × B-52H · USA, JPN · approx. place [1]" in details  # a1: dashed, its source
    assert "Test Maru (destroyer) · USA, JPN [2]" in details  # a2: ships when no aircraft
    assert "2 × B-52H · USA, JPN [3–4]" in details  # c1 (numbered before b1) opens "Wire"
    assert "2 × B-52H · CHN, RUS [4–5]" in details  # b1 shares "Wire" ([4]) with c1
    # an exercise slide numbers its own events, as its map draws them
    exercise_b = by_exercise.slides[3]
    assert _listed(exercise_b) == ["1  10 Apr 2025 · Event b1"]


def test_notes_carry_every_event_line_and_every_footnoted_source(overview):
    expected = event_list(deck_selection())
    text = notes(overview.slides[0])
    for line in expected.lines:
        assert line_text(line) in text
    assert len(expected.footnotes) == 9  # 5 events' sources, then ADIZ, island, 2 bases
    for marker, source in expected.footnotes:
        assert f"[{marker}] {format_source(source)}" in text
    assert "[4] Wire: Report on shared (2025-03-02) — example.org/shared" in text
    assert text.startswith(f"{VIEW.title}\nWindow 2025-03-01 – 2025-04-30")


def test_legend_lists_what_the_map_draws(overview):
    slide = overview.slides[0]
    assert shape(slide, "legend").text_frame.text == "Legend"
    labels = [s.text_frame.text for s in slide.shapes if s.name.startswith("legend-")]
    assert "Bilateral exercise" in labels and "Joint patrol" in labels
    assert "Approximate geometry" in labels and "ADIZ: Japan" in labels
    assert "Deployment" not in labels  # only what is drawn
    assert "Event area" in labels  # a2 is an area: outlined and hatched on the map, and here
    hatch = shape(slide, "legend-hatch")
    assert hatch.fill.type == MSO_FILL.PATTERNED
    assert hatch.fill.pattern == MSO_PATTERN.WIDE_UPWARD_DIAGONAL
    legend_top = shape(slide, "legend").top
    assert legend_top > shape(slide, "events").top  # below the list, in the same column
    assert shape(slide, "legend").left == emu(COLUMN_BOX[0])


def test_a_list_too_long_for_the_slide_ends_with_and_n_more():
    selection = deck_selection(frames=many_events_frames(40))
    slide = open_deck(deck(selection)).slides[0]
    listed = _listed(slide)
    lines = event_list(selection).lines
    assert 5 < len(listed) < len(lines) == 44
    assert [int(t.split()[0]) for t in listed] == list(range(1, len(listed) + 1))
    more = shape(slide, "events").text_frame.paragraphs[-1].text
    assert more == f"… and {len(lines) - len(listed)} more (every event in the notes)"
    for line in lines:  # the notes keep them all
        assert line_text(line) in notes(slide)


def test_the_legend_gives_way_to_a_long_list_when_it_would_take_too_much_room():
    lines = event_list(deck_selection(frames=many_events_frames(40))).lines
    assert plan_column(lines, ["a label"] * 6).legend  # a short legend stays
    crowded = plan_column(lines, [f"A rather long legend label {n}" for n in range(40)])
    assert not crowded.legend and crowded.list_height == COLUMN_BOX[3]
    assert crowded.shown > plan_column(lines, ["a label"] * 6).shown
    short = plan_column(lines[:2], [f"A rather long legend label {n}" for n in range(40)])
    assert short.legend and short.shown == 2  # a short list leaves room for any legend


def test_events_layer_hidden_says_so_and_keeps_the_other_layers():
    view = VIEW.with_changes(layers=("adiz", "areas", "bases"))
    slide = open_deck(deck(deck_selection(view))).slides[0]
    assert "Events layer hidden." in shape(slide, "events").text_frame.text
    assert "Events layer hidden." in notes(slide)
    assert "[1] Atlas: Report on adiz" in notes(slide)
    assert not _listed(slide)


def _without_isolates(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")


def test_hostile_text_stays_literal_text_and_control_characters_are_dropped():
    layers = features()
    (hostile,) = json.loads(HOSTILE.read_text(encoding="utf-8"))["features"]
    props = hostile["properties"]
    props |= {"start": "2025-03-10", "end": "2025-03-10"}
    name = props["name"]
    props["name"] = name + " \x00NUL\x1b[31mESC\x0bVT\ufffe"  # what no import would let in
    layers["events"].append(hostile)
    view = VIEW.with_changes(title="Title \x1b]0;pwned\x07 <i>x</i> \udcff", marking="M\x00ARK")
    data = deck(deck_selection(view, frames_of(layers)), each_exercise=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # a valid file: every part is XML
        xml = {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith("ml")}
    for part, text in xml.items():
        assert not CONTROL.search(text) and "_x00" not in text, part
        assert "<script>" not in text, part  # written as &lt;script&gt;: text, not markup
    slides = open_deck(data).slides
    everything = _without_isolates(
        "\n".join(slide_text(slide) + "\n" + notes(slide) for slide in slides)
    )
    assert not CONTROL.search(everything)
    # the controls dropped (a vertical tab is a line break: one space), every letter kept
    assert f"{name} NUL[31mESC VT" in everything
    assert "2 × B-52H<script>window.__pwned=1</script>, 1 × ![pixel](http" in everything
    (source,) = props["sources"]
    assert format_source(source) in _without_isolates(notes(slides[0]))
    titles = [shape(slide, "title").text_frame.text for slide in slides]
    assert titles[0] == "Title ]0;pwned <i>x</i>"
    assert "\u2068" + props["exercise"] + "\u2069" in titles  # right-to-left text isolated
    assert shape(slides[0], "marking-top").text_frame.text == "MARK"


def test_an_empty_deck_is_refused():
    with pytest.raises(ValueError, match="at least one slide"):
        deck_bytes([])


def test_a_map_drawer_that_returns_too_few_pictures_fails():
    parts = deck_parts(deck_selection(), each_exercise=True)
    with pytest.raises(ValueError):
        render_deck(parts, lambda parts, size: [stub_png(size)])


def test_progress_is_reported_per_slide():
    seen = []
    parts = deck_parts(deck_selection(), each_exercise=True)
    render_deck(parts, stub_maps, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_the_map_page_is_the_map_alone_at_the_given_size():
    html = map_page_html(deck_selection(), (1184, 880))
    assert "width: 1184px !important; height: 880px !important;" in html
    for chrome in ("bm-marking-top", "bm-title", "bm-legend", "bm-sources", "bm-events"):
        assert f'id="{chrome}"' not in html, chrome
    assert "leaflet-control-layers" not in html.split("</style>")[-1]  # no layer switcher
    assert '"zoomControl": false' in html and "briefingMapReady" in html
    assert "BM.scale(" in html  # the scale bar stays (nautical miles over kilometres)
    assert f"<title>{VIEW.title}</title>" in html
    hostile = map_page_html(
        deck_selection(VIEW.with_changes(title="<script>x</script>")), (800, 600)
    )
    assert "<title>&lt;script&gt;x&lt;/script&gt;</title>" in hostile


class _FakeRenderer:
    entered: ClassVar[list] = []

    def __enter__(self):
        self.entered.append(self)
        return self

    def __exit__(self, *exc_info):
        pass

    def map_png(self, selection, size):
        return f"map:{selection.view.title}@{size[0]}x{size[1]}".encode()


def test_the_shared_worker_draws_map_pictures_with_its_one_browser():
    from layers.export.worker import PngWorker

    _FakeRenderer.entered = []
    worker = PngWorker(renderer_factory=_FakeRenderer)
    try:
        titled = [SimpleNamespace(view=BriefingView(title=t)) for t in ("one", "two")]
        assert [worker.map_png(s, (1184, 880)) for s in titled] == [
            b"map:one@1184x880",
            b"map:two@1184x880",
        ]
        assert len(_FakeRenderer.entered) == 1
    finally:
        worker.close()


def test_the_list_is_of_the_events_the_picture_shows_and_the_notes_of_all():
    view = VIEW.with_changes(center=(34.0, 139.5), zoom=9)  # b1 alone in the picture
    selection = deck_selection(view)
    slide = open_deck(deck(selection)).slides[0]
    whole = event_list(selection)
    (b1,) = [line for line in whole.lines if line.event_id == "b1"]
    assert _listed(slide) == [f"{b1.number}  10 Apr 2025 · Event b1"]  # its map number: 4
    text = shape(slide, "events").text_frame.text
    assert text.startswith("1 event on the map (3 more outside it) · sources in the notes")
    assert "[4–5]" in text  # the whole list's markers, as in the notes
    for line in whole.lines:
        assert line_text(line) in notes(slide)


def test_xml_text_drops_what_xml_cannot_hold_and_keeps_markup_as_text():
    from layers.safe_text import xml_text

    assert xml_text("a\x00b\x1b[1mc\x7f\ud800d\ufffe\uffff <b>&amp;</b> ") == "ab[1mcd <b>&amp;</b>"
    assert xml_text("x" * 10, limit=5) == "xxxx…"
    assert xml_text("مرحبا") == "\u2068مرحبا\u2069"


def test_a_window_line_too_long_for_the_slide_counts_the_exercises_and_notes_keep_it_all():
    view = VIEW.with_changes(exercises=("ex-a", "ex-b", "ex-c"))
    frames = deck_frames_with_long_names()
    selection = deck_selection(view, frames)
    slide = open_deck(deck(selection)).slides[0]
    full = briefing_subtitle(view, selection.events, GENERATED)
    assert len(full) > 200  # three long exercise names
    window = shape(slide, "window").text_frame.text
    assert window == "Window 2025-03-01 – 2025-04-30 · 3 exercises · Generated 2026-01-05"
    assert full in notes(slide)


def deck_frames_with_long_names():
    layers = features()
    for item in layers["events"]:
        item["properties"]["exercise"] += " with a name long enough for a whole line" * 2
    return frames_of(layers)
