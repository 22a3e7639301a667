"""Briefing-map core: the sourced catalogue, the view of it, and everything drawn from them.

Data flows one way::

    catalogue/  ──►  view/  ──►  selection  ──►  map/ · outputs/ · export/
    (files →         (what the   (what the view    (the map, details, table,
     frames)          user chose)  keeps)            timeline, PNG, HTML)

* ``catalogue``: schema, registry of layers, loading and validating files, the
  user-data store, large event files.
* ``view``: ``BriefingView`` and its serialisations (URL, recipe), filters, playback,
  the timeline's pick, the selection helpers and large-mode selection.
* ``map``: the folium map and its elements, styles, legend, popups, overlays.
* ``outputs``: the details panel's model, the events table, the timeline chart.
* ``export``: the briefing page, its PNG, the HTML file, the deck, the browser they share.
* ``draft``: an article → a draft event (dates, places, aircraft, participants).
* ``geo``: geodesy, units and the map's one longitude window.
* ``cli``: the commands (``python -m layers``), the only code that parses arguments.

Never imports Streamlit: the app (``app.py`` over ``ui/``) and the command line are
thin layers over this package. ``safe_text`` (escaping) and ``atomic`` (atomic writes)
serve every part.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_exports(
    package: str, modules: Mapping[str, tuple[str, ...]]
) -> tuple[list[str], Callable[[str], object]]:
    """``__all__`` and a module ``__getattr__`` for a subpackage's public names.

    ``modules`` maps each module of ``package`` to the names it offers. A name is
    imported from its module on first use (PEP 562), so ``from layers.view import
    BriefingView`` costs only that module, and a heavy library (altair, dateparser)
    is imported only by the code that needs it: the app's first paint does not wait
    for the panels below the map.
    """
    where = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> object:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f"{package}.{where[name]}"), name)

    return sorted(where), __getattr__
