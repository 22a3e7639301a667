"""The briefing deck: a 16:9 PowerPoint file of a selection, written with python-pptx.

The first slide is the overview of the view; with ``each_exercise`` one more slide
follows per exercise in it, framed on that exercise (``layers.view.framing``). Each
slide has the marking line top and bottom, the title, the window, the map picture
(drawn by the caller, e.g. ``BriefingRenderer.map_png``, at ``SLIDE_MAP_SIZE``) and
the numbered event list of ``layers.outputs.event_list`` beside it, keyed to the
map's callouts, with a legend of what the map draws when there is room
(``layers.export.deck_layout``). The speaker notes carry every event line and every
footnoted source. All text from the data, a recipe or the command line is written
as text runs (the XML writer escapes it) after ``safe_text.xml_text`` has dropped
what XML cannot hold. Never imports Streamlit.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from pptx import Presentation

from layers.export.deck_layout import SLIDE_MAP_SIZE, SLIDE_PX, emu
from layers.export.deck_slide import add_slide
from layers.safe_text import xml_text
from layers.view.framing import framed_parts
from layers.view.select import Selection

# (selections, size) -> their map PNGs in order, e.g. ``BriefingRenderer.map_pngs``
MapPictures = Callable[[list[Selection], tuple[int, int]], Iterable[bytes]]


@dataclass(frozen=True)
class DeckSlide:
    """One slide: what it shows, the picture of its map, and the date it says it was made."""

    selection: Selection
    map_png: bytes
    generated: date | None = None


def deck_parts(selection: Selection, each_exercise: bool = False) -> list[Selection]:
    """The selections of the deck's slides: the overview, then one per exercise if asked.

    Exercise slides come in order of their first event, each framed on its exercise
    for a map of ``SLIDE_MAP_SIZE`` and titled with the exercise's name.
    """
    parts = [selection]
    if each_exercise:
        framed = framed_parts(selection, SLIDE_MAP_SIZE).values()
        parts += sorted(framed, key=lambda p: (p.events["start_date"].min(), p.view.exercises))
    return parts


def render_deck(
    parts: list[Selection],
    map_pngs: MapPictures,
    *,
    generated: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The .pptx bytes of a deck of one slide per part (``deck_parts``).

    ``map_pngs`` draws the slides' maps; ``progress(done, total)`` is called after
    each map picture (for a progress bar).
    """
    pictures = map_pngs(parts, SLIDE_MAP_SIZE)
    slides = []
    for done, (part, png) in enumerate(zip(parts, pictures, strict=True), start=1):
        slides.append(DeckSlide(part, png, generated))
        if progress is not None:
            progress(done, len(parts))
    return deck_bytes(slides)


def deck_bytes(slides: list[DeckSlide]) -> bytes:
    """A 16:9 .pptx of ``slides`` (at least one), as bytes."""
    if not slides:
        raise ValueError("a deck needs at least one slide")
    deck = Presentation()
    deck.slide_width, deck.slide_height = emu(SLIDE_PX[0]), emu(SLIDE_PX[1])
    blank = deck.slide_layouts[6]  # the default template's "Blank" layout
    for slide in slides:
        add_slide(deck.slides.add_slide(blank), slide.selection, slide.map_png, slide.generated)
    _properties(deck, slides[0])
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _properties(deck, first: DeckSlide) -> None:
    """The file's own title and authorship (python-pptx's template has its own)."""
    now = datetime.now().replace(microsecond=0)
    props = deck.core_properties
    props.title = xml_text(first.selection.view.title, limit=250)
    props.subject = "Briefing deck"
    props.author = props.last_modified_by = "Briefing map"
    props.keywords = props.comments = ""
    props.revision = 1
    props.created = props.modified = now
