"""The view: everything that decides what an output shows, as one frozen value.

The window and filters, the timeline's pick, the layers, the map's centre and zoom,
the range rings and measured distances, the basemap, and the briefing's title and
marking. The app, the link, the saved "view recipe" and the commands all build their
outputs from a ``BriefingView`` through ``layers.view.select``, so the PNG, the HTML
and the deck show what the screen shows. Its three serialisations, each round-trip
tested against the others: the URL (``layers.view.url``), the recipe
(``layers.view.recipe``) and the command line (``layers.cli.view_args``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from layers.view.marks import Measure, Ring

VIEW_VERSION = 2  # 2 added the pick, the rings and the measures; 1 still reads
DEFAULT_CENTER = (34.0, 132.0)  # lat, lon: Japan, the Korean Peninsula and the East China Sea
DEFAULT_ZOOM = 5
DEFAULT_MARKING = "UNCLASSIFIED — open sources"
DEFAULT_TITLE = "Indo-Pacific air and maritime activity"
BASEMAPS = ("offline", "osm", "satellite")  # only "offline" works with no internet


class ViewError(ValueError):
    """A view (URL state or recipe) that cannot be used, with the reason."""


@dataclass(frozen=True)
class Pick:
    """What the user picked on the timeline, within the view's window and filters.

    ``window`` is an inclusive (start, end) pair of dates from a dragged span, or
    ``None``; ``ids`` holds the clicked event ids, in the order picked.
    """

    window: tuple[date, date] | None = None
    ids: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when nothing is picked."""
        return self.window is None and not self.ids


@dataclass(frozen=True)
class BriefingView:
    """What an output shows: window, filters, pick, layers, position, marks and texts.

    ``start``/``end`` of ``None`` mean "from the first event" / "to the last event".
    Empty filter tuples mean "no filter"; an empty ``pick`` keeps every event of the
    window and filters.
    """

    start: date | None = None
    end: date | None = None
    exercises: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    aircraft: tuple[str, ...] = ()
    pick: Pick = Pick()
    layers: tuple[str, ...] = ("areas", "adiz", "bases", "events")
    center: tuple[float, float] = DEFAULT_CENTER
    zoom: int = DEFAULT_ZOOM
    basemap: str = "offline"
    rings: tuple[Ring, ...] = ()
    measures: tuple[Measure, ...] = ()
    title: str = DEFAULT_TITLE
    marking: str = DEFAULT_MARKING
    version: int = field(default=VIEW_VERSION)

    def with_changes(self, **changes) -> BriefingView:
        """A copy with ``changes`` applied (the view itself never changes)."""
        return replace(self, **changes)
