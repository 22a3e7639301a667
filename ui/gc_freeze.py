"""Leave what is loaded once per process out of every later garbage collection.

Streamlit collects all garbage after each script run (``runner.postScriptGC``), on the
thread that then holds Python's lock. With the libraries and the catalogue loaded that
took 35–100 ms on a 2-core machine, and the finished run's messages waited to be sent:
the first map reached the page about 0.1 s later than it could (``bench/bench_page.py``).
Frozen (``gc.freeze``), the modules and caches loaded by then are no longer traversed;
reference counting still frees them when a new data version replaces the caches.
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
