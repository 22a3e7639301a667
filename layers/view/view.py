"""The view: everything that decides what the map shows, as one frozen value.

The app, the URL, the saved "view recipe" and the exporter all build the map from a
``BriefingView``, so the PNG matches the screen. Its serialisations: the URL
(``layers.view.url``), the recipe (``layers.view.recipe``) and the command line
(``layers.cli.options``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

VIEW_VERSION = 1
DEFAULT_CENTER = (34.0, 132.0)  # lat, lon: Japan, the Korean Peninsula and the East China Sea
DEFAULT_ZOOM = 5
DEFAULT_MARKING = "UNCLASSIFIED — open sources"
DEFAULT_TITLE = "Indo-Pacific air and maritime activity"
BASEMAPS = ("offline", "osm", "satellite")  # only "offline" works with no internet


class ViewError(ValueError):
    """A view (URL state or recipe) that cannot be used, with the reason."""


@dataclass(frozen=True)
class BriefingView:
    """What the map shows: window, filters, layers, position and briefing text.

    ``start``/``end`` of ``None`` mean "from the first event" / "to the last event".
    Empty filter tuples mean "no filter".
    """

    start: date | None = None
    end: date | None = None
    exercises: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    aircraft: tuple[str, ...] = ()
    layers: tuple[str, ...] = ("areas", "adiz", "bases", "events")
    center: tuple[float, float] = DEFAULT_CENTER
    zoom: int = DEFAULT_ZOOM
    basemap: str = "offline"
    title: str = DEFAULT_TITLE
    marking: str = DEFAULT_MARKING
    version: int = field(default=VIEW_VERSION)

    def with_changes(self, **changes) -> BriefingView:
        """A copy with ``changes`` applied (the view itself never changes)."""
        return replace(self, **changes)
