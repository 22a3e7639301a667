"""Briefing PNGs for a web app: one background thread owns one browser for every caller.

A web app asks for pictures from many threads (one per user session and rerun), but a
Playwright browser belongs to the thread that started it: ``PngWorker`` keeps the
browser in its own thread and draws one picture at a time; ``render_png_shared``
(briefing PNGs) and ``render_map_png_shared`` (the deck's map pictures) use the
process-wide worker the app shares.
"""

from __future__ import annotations

import atexit
import queue
import threading
from concurrent.futures import Future
from contextlib import suppress
from datetime import date

from layers.export.page_layout import DEFAULT_SIZE
from layers.export.png import BriefingRenderer


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

    def png(self, selection, size=DEFAULT_SIZE, generated=None, timeout: float = 120.0):
        """PNG bytes of a selection (like ``render_png``); waits at most ``timeout`` seconds."""
        return self._ask("png", (selection, size, generated), timeout)

    def map_png(self, selection, size, timeout: float = 120.0):
        """PNG bytes of the map alone (``BriefingRenderer.map_png``), for a slide."""
        return self._ask("map_png", (selection, size), timeout)

    def _ask(self, method: str, args: tuple, timeout: float):
        future: Future = Future()
        self._jobs.put((future, method, args))
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

    def _draw(self, renderer, future: Future, method: str, args: tuple):
        if not future.set_running_or_notify_cancel():
            return renderer
        try:
            if args[0].view.basemap != "offline":  # tiles the user chose: a browser of its own
                with BriefingRenderer(online=True) as online:
                    future.set_result(getattr(online, method)(*args))
                return renderer
            if renderer is None:
                renderer = self._factory()
                renderer.__enter__()
            future.set_result(getattr(renderer, method)(*args))
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


def _shared_worker() -> PngWorker:
    global _SHARED_WORKER
    with _SHARED_LOCK:
        if _SHARED_WORKER is None:
            _SHARED_WORKER = PngWorker()
            atexit.register(_SHARED_WORKER.close)
        return _SHARED_WORKER


def render_png_shared(
    selection, size: tuple[int, int] = DEFAULT_SIZE, generated: date | None = None
) -> bytes:
    """PNG of a selection drawn by the process-wide ``PngWorker`` (warm browser, one at a time).

    For servers (the Streamlit app): safe to call from any thread, including ones
    whose asyncio loop would make Playwright's sync API refuse to run.
    """
    return _shared_worker().png(selection, size, generated)


def render_map_png_shared(selection, size: tuple[int, int]) -> bytes:
    """The map alone at ``size`` px (a slide's picture), by the process-wide ``PngWorker``."""
    return _shared_worker().map_png(selection, size)
