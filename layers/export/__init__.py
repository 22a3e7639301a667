"""Exports of a view: the briefing page and its PNG, the HTML file, the browser they use.

* ``briefing`` (the page) and ``page_layout`` (its sizes and boxes);
* ``png``: the page in headless Chromium (``BriefingRenderer``, ``render_png``);
  ``worker``: one browser thread shared by the app's sessions;
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
        "worker": ("PngWorker", "render_png_shared"),
        "html_file": ("recipe_of_html", "render_html"),
        "browser": ("BrowserNotFound", "launch"),
        "checks": ("export_problem",),
    },
)
