"""The map alone, filling a page of exactly ``width × height`` CSS px: the deck's picture.

No title block, legend, sources or marking (the slide draws its own); no zoom buttons,
layer switcher or attribution. The scale bar stays, and so does whatever the map
itself draws over the data (callouts, labels). Built with the same
``layers.map.render.build_map`` as the app and the briefing page, so the picture shows
what the screen shows; the page sets ``window.briefingMapReady`` like the others.
"""

from __future__ import annotations

from html import escape

from branca.element import Element

from layers.export.page_layout import FONT_STACK
from layers.map.render import build_map
from layers.view.select import Selection


def map_page_css(size: tuple[int, int], map_name: str) -> str:
    """The map at the page's full size, on white, with the briefing page's scale bar."""
    width, height = size
    return f"""
html, body {{ width: {width}px !important; height: {height}px !important; margin: 0;
  overflow: hidden; background: #ffffff; font-family: {FONT_STACK}; }}
#{map_name} {{ position: absolute !important; left: 0 !important; top: 0 !important;
  width: {width}px !important; height: {height}px !important; }}
.leaflet-control-scale-line {{ font-size: 12px; line-height: 1.3; overflow: visible;
  white-space: nowrap; background: rgba(255,255,255,0.85); }}
"""


def map_page_html(selection: Selection, size: tuple[int, int]) -> str:
    """Self-contained HTML page of the map of ``selection`` at ``size`` CSS px, nothing else."""
    folium_map = build_map(selection, mode="inline", controls=False, legend=False)
    figure = folium_map.get_root()
    css = map_page_css(size, folium_map.get_name())
    figure.header.add_child(Element(f"<style>{css}</style>"), name="map_page_css")
    html = figure.render()
    return html.replace("<head>", f"<head><title>{escape(selection.view.title)}</title>", 1)
