"""The page's annotation script (callouts, arrows, hatches, label thinning) and scale bar.

The scripts are ``layers/map/js/annotate.js`` and ``events.js`` (the app's events
layer, ``EventSet``), run once in the map's
script section right after the map is made (``AnnotationScript``; st_folium runs
body scripts, not inline head scripts), before any data layer uses it. ``NauticalScale`` is
Leaflet's scale control showing nautical miles over kilometres.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from branca.element import MacroElement
from folium.template import Template

SCRIPTS = [Path(__file__).resolve().parent.parent / "js" / n for n in ("annotate.js", "events.js")]


@cache
def annotate_js() -> str:
    """The page's scripts (our own files: nothing from the data is in them)."""
    return "\n".join(path.read_text(encoding="utf-8") for path in SCRIPTS)


class AnnotationScript(MacroElement):
    """Defines ``window.BM`` (add it to the map first: every data layer calls it)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "AnnotationScript"
        self.js = annotate_js()


class NauticalScale(MacroElement):
    """Scale bar, bottom left: nautical miles over kilometres (``BM.scale``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        BM.scale({}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "NauticalScale"
