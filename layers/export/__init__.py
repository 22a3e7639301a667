"""Exports of a view: the briefing page and its PNG, the deck, the HTML file, their browser.

* ``briefing`` (the page) and ``page_layout`` (its sizes and boxes);
* ``png``: the page in headless Chromium (``BriefingRenderer``, ``render_png``), or
  the map alone (``map_page``, ``BriefingRenderer.map_png``); ``worker``: one
  browser thread shared by the app's sessions;
* ``deck``: the 16:9 PowerPoint deck (python-pptx), its slides (``deck_slide``) and
  their geometry (``deck_layout``);
* ``html_file``: one self-contained interactive HTML file;
* ``browser``: finding and launching Chromium, with every vendor call off;
* ``checks``: whether a view can be exported, and why not.
"""

from layers import lazy_exports

__all__, __getattr__ = lazy_exports(
    __name__,
    {
        "briefing": ("briefing_page_html",),
        "page_layout": ("PAGE_SIZES", "PageLayout", "parse_size"),
        "png": ("BriefingRenderer", "ExportError", "render_png"),
        "map_page": ("map_page_html",),
        "worker": ("PngWorker", "render_map_png_shared", "render_png_shared"),
        "deck": ("DeckSlide", "deck_bytes", "deck_parts", "render_deck"),
        "deck_layout": ("SLIDE_MAP_SIZE",),
        "html_file": ("recipe_of_html", "render_html"),
        "browser": ("BrowserNotFound", "launch"),
        "checks": ("export_problem",),
    },
)
