"""Briefing PNGs, drawn in headless Chromium.

The PNG is a screenshot of ``layers.export.briefing.briefing_page_html`` (or, for the
deck, of the map alone: ``layers.export.map_page``) taken once the map reports itself
drawn (``window.briefingMapReady``), never after a fixed sleep. One
``BriefingRenderer`` keeps one browser for many pictures and always closes it; the
app's shared worker is ``layers.export.worker``. Never imports Streamlit.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import date
from urllib.parse import urlsplit

from layers.export.briefing import briefing_page_html
from layers.export.browser import launch
from layers.export.map_page import map_page_html
from layers.export.page_layout import DEFAULT_SIZE
from layers.map.tiles import tile_hosts
from layers.view.select import Selection

READY_TIMEOUT_MS = 30_000  # a slow machine draws the default view in ~1 s; this is a hang
_READY = "() => window.briefingMapReady === true"
# Poll on a timer, not requestAnimationFrame: rAF may not tick in headless Chromium
# on a loaded machine, and the wait would outlast a page that is drawn.
POLL_MS = 50
# Fonts are system fonts; two frames after they are ready the last paint has landed.
_SETTLED = """() => document.fonts.ready.then(() => new Promise(
  (done) => requestAnimationFrame(() => requestAnimationFrame(done))))"""


PROXY_ENV_VAR = "BRIEFING_MAP_EXPORT_PROXY"  # for audits: send the exporter's requests here


class ExportError(RuntimeError):
    """The export could not be produced (the message says why)."""


class BriefingRenderer:
    """A headless Chromium kept open for several PNGs; use as a context manager.

    It launches (and on exit closes) its own browser, or uses ``browser``, a
    Playwright ``Browser`` the caller owns. Playwright's sync API allows one
    instance per thread: share a browser rather than nesting renderers.

    Examples
    --------
    >>> with BriefingRenderer() as renderer:  # doctest: +SKIP
    ...     png = renderer.png(selection, (1920, 1080))
    """

    def __init__(
        self,
        browser=None,
        ready_timeout_ms: int = READY_TIMEOUT_MS,
        *,
        online: bool = False,
        proxy: str | None = None,
    ):
        self._ready_timeout_ms = ready_timeout_ms
        self._stack = ExitStack()
        self._given = browser  # a caller's browser is used, never closed, by this renderer
        self._browser = None
        self._page_obj = None
        # online: a picture with the online tiles the user chose; only their hosts pass.
        self._online, self._proxy = online, proxy or os.environ.get(PROXY_ENV_VAR)
        self._allowed_hosts: frozenset[str] = frozenset()
        self._errors: list[str] = []

    def __enter__(self) -> BriefingRenderer:
        if self._given is not None:
            self._browser = self._given
            return self
        from playwright.sync_api import sync_playwright

        try:
            playwright = self._stack.enter_context(sync_playwright())
            self._browser = launch(playwright, offline=not self._online, proxy=self._proxy)
            self._stack.callback(self._browser.close)
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self._browser = self._page_obj = None
        self._stack.close()

    def png(
        self,
        selection: Selection,
        size: tuple[int, int] = DEFAULT_SIZE,
        generated: date | None = None,
    ) -> bytes:
        """PNG bytes of the briefing slide of ``selection``, exactly ``size`` pixels."""
        html = briefing_page_html(selection, size=size, generated=generated)
        return self.screenshot_html(html, size, tile_hosts=self._tiles_of(selection.view))

    def map_png(self, selection: Selection, size: tuple[int, int]) -> bytes:
        """PNG bytes of the map of ``selection`` alone (the deck's picture), exactly ``size`` px.

        No title, legend, sources or controls; the scale bar and whatever the map draws
        over its data stay (``layers.export.map_page``). Drawn at device scale 1: one
        picture pixel per CSS pixel, the size the map box has on a 1920-px-wide slide
        (``deck_layout.SLIDE_MAP_SIZE``), so it is shown 1:1 on a 1080p screen. Device
        scale 2 was measured on the shipped catalogue at 1184 × 880: 1.6× the time
        (median 3.4 s against 2.1 s, on a loaded 2-core machine) and 2.5× the bytes
        (513 against 201 kB per slide), which a 10-slide deck cannot afford in 10 s.
        """
        html = map_page_html(selection, size)
        return self.screenshot_html(html, size, tile_hosts=self._tiles_of(selection.view))

    def map_pngs(self, selections: Iterable[Selection], size: tuple[int, int]) -> Iterator[bytes]:
        """``map_png`` of each selection in turn, for a deck: one browser, one page.

        The next page's HTML (0.3 s of Python for the inlined basemap and layers) is
        built in a thread while the browser draws the current one.
        """
        selections = list(selections)
        if not selections:
            return
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="map-page") as pool:
            pending = pool.submit(map_page_html, selections[0], size)
            for index, selection in enumerate(selections):
                html = pending.result()
                if index + 1 < len(selections):
                    pending = pool.submit(map_page_html, selections[index + 1], size)
                yield self.screenshot_html(html, size, tile_hosts=self._tiles_of(selection.view))

    def _tiles_of(self, view) -> frozenset[str]:
        """The online tile hosts ``view`` may fetch from; refuses them in an offline renderer."""
        if view.basemap != "offline" and not self._online:
            raise ExportError(
                f"the view asks for online tiles ({view.basemap}): use an online renderer"
            )
        return tile_hosts(view.basemap)

    def screenshot_html(
        self, html: str, size: tuple[int, int], tile_hosts: frozenset[str] = frozenset()
    ) -> bytes:
        """Load ``html`` at ``size``, wait for the map's ready flag, return a PNG of the page.

        The page is self-contained: every request is refused, except to ``tile_hosts``
        (the online tiles the user chose) in an online renderer.
        """
        if self._browser is None:
            raise ExportError("BriefingRenderer must be used inside a `with` block")
        page = self._page()
        self._allowed_hosts = tile_hosts if self._online else frozenset()
        self._errors = []
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.set_content(html, wait_until="load", timeout=self._ready_timeout_ms)
        _wait_until_drawn(page, self._ready_timeout_ms, self._errors)
        page.evaluate(_SETTLED)
        return page.screenshot(type="png", full_page=False, animations="disabled")

    def _page(self):
        """The renderer's one page, reused: a new document per picture, no new context."""
        if self._page_obj is None or self._page_obj.is_closed():
            context = self._browser.new_context(device_scale_factor=1)
            self._stack.callback(context.close)
            page = context.new_page()
            page.on("pageerror", lambda exc: self._errors.append(str(exc)))
            page.route("http*://**/*", self._route)
            self._page_obj = page
        return self._page_obj

    def _route(self, route) -> None:
        # A self-contained page: any request is a defect, never a wait.
        if urlsplit(route.request.url).hostname in self._allowed_hosts:
            route.continue_()
        else:
            route.abort()


def _wait_until_drawn(page, timeout_ms: int, errors: list[str]) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_READY, timeout=timeout_ms, polling=POLL_MS)
    except PlaywrightTimeout as exc:
        detail = f"; page errors: {'; '.join(errors)}" if errors else ""
        raise ExportError(
            f"the map did not finish drawing within {timeout_ms / 1000:.0f} s{detail}"
        ) from exc


def render_png(
    selection: Selection, size: tuple[int, int] = DEFAULT_SIZE, generated: date | None = None
) -> bytes:
    """One-shot PNG of a selection: starts and closes a browser (``BriefingRenderer`` for many).

    A view with online tiles gets a browser that may fetch them (and nothing else).
    """
    with BriefingRenderer(online=selection.view.basemap != "offline") as renderer:
        return renderer.png(selection, size, generated)
