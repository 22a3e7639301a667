"""Leave what is loaded once per process out of every later garbage collection.

Streamlit collects all garbage after each script run (``runner.postScriptGC``), on the
thread that then holds Python's lock. With the libraries and the catalogue loaded a
collection took 35–50 ms of the server's time on a 2-core machine, on every run of every
session; frozen (``gc.freeze``), the modules and caches loaded by then are no longer
traversed (under 1 ms). Reference counting still frees them when a new data version
replaces the caches.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_frozen = False


def freeze_once() -> None:
    """Collect once, then freeze everything alive: called when the process is warm."""
    global _frozen
    with _lock:
        if _frozen:
            return
        _frozen = True
        gc.collect()  # nothing collectable is frozen with the rest
        gc.freeze()
