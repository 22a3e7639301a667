"""Export a view: self-contained interactive HTML, and briefing PNGs via headless Chromium.

The PNG is a screenshot of ``layers.export.briefing.briefing_page_html`` taken once the map
reports itself drawn (``window.briefingMapReady``), never after a fixed sleep. One
``BriefingRenderer`` keeps one browser for many pictures and always closes it.
Never imports Streamlit.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import threading
from concurrent.futures import Future
from contextlib import ExitStack, suppress
from datetime import date
from html import escape
from urllib.parse import urlsplit

from layers.export.briefing import DEFAULT_SIZE, FONT_STACK, briefing_page_html
from layers.export.browser import launch
from layers.map.render import build_map
from layers.map.tiles import tile_hosts
from layers.view.selection import format_source, sources_for_view

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


def render_html(frames: dict, view) -> str:
    """One self-contained interactive HTML file of ``view`` (assets and data inlined).

    The file carries the marking, a folded list of every source of what the view
    shows, and the view recipe (``<script id="briefing-view">``); it opens with no
    network.
    """
    folium_map = build_map(frames, view, mode="inline", controls=True)
    html = folium_map.get_root().render()
    recipe = view.to_json().replace("</", "<\\/")  # keep the JSON from closing the script
    extras = (
        f'<div id="bm-marking" style="{_MARKING_CSS}">{escape(view.marking)}</div>'
        f"{_sources_panel(sources_for_view(frames, view))}"
        f'<script type="application/json" id="briefing-view">{recipe}</script>'
    )
    html = html.replace("<head>", f"<head><title>{escape(view.title)}</title>", 1)
    return html.replace("<body>", f"<body>{extras}", 1)


_MARKING_CSS = (
    "position:fixed;top:0;left:50%;transform:translateX(-50%);z-index:1000;background:#1b2430;"
    "color:#fff;font:bold 13px " + FONT_STACK.replace('"', "'") + ";padding:3px 12px;"
    "pointer-events:none"
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


class BriefingRenderer:
    """A headless Chromium kept open for several PNGs; use as a context manager.

    It launches (and on exit closes) its own browser, or uses ``browser``, a
    Playwright ``Browser`` the caller owns. Playwright's sync API allows one
    instance per thread: share a browser rather than nesting renderers.

    Examples
    --------
    >>> with BriefingRenderer() as renderer:  # doctest: +SKIP
    ...     png = renderer.png(frames, view, (1920, 1080))
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
        frames: dict,
        view,
        size: tuple[int, int] = DEFAULT_SIZE,
        generated: date | None = None,
    ) -> bytes:
        """PNG bytes of the briefing slide for ``view``, exactly ``size`` pixels."""
        if view.basemap != "offline" and not self._online:
            raise ExportError(
                f"the view asks for online tiles ({view.basemap}): use an online renderer"
            )
        html = briefing_page_html(frames, view, size=size, generated=generated)
        return self.screenshot_html(html, size, tile_hosts=tile_hosts(view.basemap))

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
    frames: dict, view, size: tuple[int, int] = DEFAULT_SIZE, generated: date | None = None
) -> bytes:
    """One-shot PNG of ``view``: starts and closes a browser (``BriefingRenderer`` for many).

    A view with online tiles gets a browser that may fetch them (and nothing else).
    """
    with BriefingRenderer(online=view.basemap != "offline") as renderer:
        return renderer.png(frames, view, size, generated)


class PngWorker:
    """One background thread that owns one browser and draws PNGs for many callers.

    A web app asks for pictures from many threads (one per user session and rerun),
    but a Playwright browser belongs to the thread that started it. The worker keeps
    the browser in its own thread, draws one picture at a time (so a burst of
    clicks never starts a browser per user), and closes the browser after
    ``idle_seconds`` without work. A failed picture closes the browser too: the next
    one starts clean.
    """

    def __init__(self, idle_seconds: float = 120.0, renderer_factory=None):
        self._idle_seconds = idle_seconds
        self._factory = renderer_factory or BriefingRenderer
        self._jobs: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def png(self, frames, view, size=DEFAULT_SIZE, generated=None, timeout: float = 120.0):
        """PNG bytes of ``view`` (like ``render_png``); waits at most ``timeout`` seconds."""
        future: Future = Future()
        self._jobs.put((future, (frames, view, size, generated)))
        self._ensure_thread()
        return future.result(timeout=timeout)

    def close(self) -> None:
        """Stop the thread and close its browser (pending pictures still get drawn)."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._jobs.put(None)
            thread.join(timeout=30)

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._serve, name="briefing-png-worker", daemon=True
                )
                self._thread.start()

    def _serve(self) -> None:
        renderer = None
        try:
            while True:
                try:
                    job = self._jobs.get(timeout=self._idle_seconds if renderer else None)
                except queue.Empty:  # idle: give the memory back, relaunch when needed
                    renderer = _close_quietly(renderer)
                    continue
                if job is None:
                    return
                renderer = self._draw(renderer, *job)
        finally:
            _close_quietly(renderer)

    def _draw(self, renderer, future: Future, args: tuple):
        if not future.set_running_or_notify_cancel():
            return renderer
        try:
            if args[1].basemap != "offline":  # tiles the user chose: a browser of its own
                future.set_result(render_png(*args))
                return renderer
            if renderer is None:
                renderer = self._factory()
                renderer.__enter__()
            future.set_result(renderer.png(*args))
        except BaseException as exc:  # handed to the caller; the browser may be broken
            future.set_exception(exc)
            renderer = _close_quietly(renderer)
        return renderer


def _close_quietly(renderer) -> None:
    """Close ``renderer`` if any; return ``None`` (the caller's new "no browser" state)."""
    # A browser that died already has nothing left to close: that is not an error.
    with suppress(Exception):
        if renderer is not None:
            renderer.__exit__(None, None, None)


_SHARED_WORKER: PngWorker | None = None
_SHARED_LOCK = threading.Lock()


def render_png_shared(
    frames: dict, view, size: tuple[int, int] = DEFAULT_SIZE, generated: date | None = None
) -> bytes:
    """PNG of ``view`` drawn by the process-wide ``PngWorker`` (warm browser, one at a time).

    For servers (the Streamlit app): safe to call from any thread, including ones
    whose asyncio loop would make Playwright's sync API refuse to run.
    """
    global _SHARED_WORKER
    with _SHARED_LOCK:
        if _SHARED_WORKER is None:
            _SHARED_WORKER = PngWorker()
            atexit.register(_SHARED_WORKER.close)
        worker = _SHARED_WORKER
    return worker.png(frames, view, size, generated)


def recipe_of_html(html: str) -> dict:
    """The view recipe embedded by ``render_html`` (for tests and re-opening an export)."""
    start = html.index('<script type="application/json" id="briefing-view">')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(body.replace("<\\/", "</"))
