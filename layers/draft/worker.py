"""Drafting in a process of its own, so one analyst's article never slows another's map.

Reading an article is pure Python work: in the server's process it would hold the
interpreter lock for seconds and every other session's rerun would wait. One worker
process (started on first use, stopped after ``IDLE_SECONDS`` without work) drafts one
article at a time with the shipped catalogue's gazetteer, built once per worker.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from datetime import date

from layers.draft.event import Draft, check_article

IDLE_SECONDS = 300.0
TIMEOUT_SECONDS = 120.0

_gazetteer = None  # in the worker process: built on its first draft
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_idle: threading.Timer | None = None


def _draft_here(text: str, published: date, title: str, publisher: str, url: str) -> Draft:
    """Run in the worker: draft with the catalogue's gazetteer (built once per process)."""
    global _gazetteer
    from layers.draft.event import draft_event
    from layers.draft.gazetteer import catalogue_gazetteer

    if _gazetteer is None:
        _gazetteer = catalogue_gazetteer()
    return draft_event(
        text, published=published, gazetteer=_gazetteer, title=title, publisher=publisher, url=url
    )


def draft_in_worker(
    text: str, *, published: date, title: str = "", publisher: str = "", url: str = ""
) -> Draft:
    """``layers.draft.draft_event`` on the shipped catalogue, run in the worker process.

    Raises ``ArticleTooLong`` at once (the text is never sent), and
    ``concurrent.futures.TimeoutError`` after ``TIMEOUT_SECONDS``.
    """
    check_article(text)
    future = _worker().submit(_draft_here, text, published, title, publisher, url)
    try:
        return future.result(timeout=TIMEOUT_SECONDS)
    finally:
        _schedule_stop()


def _worker() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _idle is not None:
            _idle.cancel()
        if _pool is None:
            # spawn: a fresh interpreter, not a fork of a threaded web server
            context = multiprocessing.get_context("spawn")
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        return _pool


def _schedule_stop() -> None:
    global _idle
    with _lock:
        _idle = threading.Timer(IDLE_SECONDS, shutdown)
        _idle.daemon = True
        _idle.start()


def shutdown() -> None:
    """Stop the worker process (the next draft starts a new one)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
