"""One self-contained interactive HTML file of a view: opens with no network.

Leaflet, the basemap and the data are inlined (``build_map(mode="inline")``); the page
carries the marking, a folded list of every source of what the view shows, and the
view recipe (``<script id="briefing-view">``).
"""

from __future__ import annotations

import json
from html import escape

from layers.export.page_layout import FONT_STACK
from layers.map.render import build_map
from layers.outputs.words import briefing_subtitle, format_source
from layers.view.recipe import view_to_recipe
from layers.view.select import Selection


def render_html(selection: Selection) -> str:
    """One self-contained interactive HTML file of a selection (assets and data inlined).

    The file carries the marking, the title and window, a folded list of every
    source of what the view shows, and the view recipe (``<script id="briefing-view">``);
    it opens with no network.
    """
    view = selection.view
    folium_map = build_map(selection, mode="inline", controls=True)
    html = folium_map.get_root().render()
    recipe = view_to_recipe(view).replace("</", "<\\/")  # keep the JSON from closing the script
    events = selection.events if "events" in selection.frames else None
    subtitle = briefing_subtitle(view, events, None)
    extras = (
        f'<div id="bm-marking" style="{_MARKING_CSS}">{escape(view.marking)}</div>'
        f'<header id="bm-title-block" style="{_TITLE_CSS}"><div id="bm-title" '
        f'style="font-weight:bold;font-size:15px">{escape(view.title)}</div>'
        f'<div id="bm-subtitle">{escape(subtitle)}</div></header>'
        f"{_sources_panel(selection.sources())}"
        f'<script type="application/json" id="briefing-view">{recipe}</script>'
    )
    html = html.replace("<head>", f"<head><title>{escape(view.title)}</title>", 1)
    return html.replace("<body>", f"<body>{extras}", 1)


_MARKING_CSS = (
    "position:fixed;top:0;left:50%;transform:translateX(-50%);z-index:1000;background:#1b2430;"
    "color:#fff;font:bold 13px " + FONT_STACK.replace('"', "'") + ";padding:3px 12px;"
    "pointer-events:none"
)
# The title and window on the page itself: a file read days later says what it shows.
_TITLE_CSS = (
    "position:fixed;top:8px;left:56px;z-index:1000;max-width:40vw;"
    "background:rgba(255,255,255,0.92);font:12px/1.4 " + FONT_STACK.replace('"', "'") + ";"
    "padding:4px 10px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,0.3);pointer-events:none"
)
_PANEL_CSS = (
    "position:fixed;top:26px;left:50%;transform:translateX(-50%);z-index:1000;max-width:70vw;"
    "background:rgba(255,255,255,0.95);font:12px/1.4 " + FONT_STACK.replace('"', "'") + ";"
    "padding:2px 10px;"
    "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,0.3)"
)


def _sources_panel(sources: list[dict]) -> str:
    """Folded list of sources; http(s) URLs are links (nothing loads until clicked)."""
    items = []
    for source in sources:
        url = str(source.get("url") or "")
        text = escape(format_source(source))
        if url.startswith(("http://", "https://")):
            text = f'<a href="{escape(url, quote=True)}" rel="noreferrer">{text}</a>'
        items.append(f"<li>{text}</li>")
    return (
        f'<details id="bm-sources-list" style="{_PANEL_CSS}"><summary>Sources ({len(sources)})'
        f'</summary><ol style="max-height:50vh;overflow:auto;margin:4px 0;padding-left:22px">'
        f"{''.join(items)}</ol></details>"
    )


def recipe_of_html(html: str) -> dict:
    """The view recipe embedded by ``render_html`` (for tests and re-opening an export)."""
    start = html.index('<script type="application/json" id="briefing-view">')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(body.replace("<\\/", "</"))
