"""Find and launch a headless Chromium for the exporter and the browser tests.

Order of preference: ``BRIEFING_MAP_CHROMIUM`` (a path), the system Chromium
(Debian's ``/usr/bin/chromium`` and friends), then Playwright's own download
(``playwright install chromium``). Only this module and ``tests/browser`` know
that a browser exists.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

# Without the background-networking flags Chromium tries to reach Google's hosts at
# every start; on a closed network that is noise at best and a stall at worst.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
_SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class BrowserNotFound(RuntimeError):
    """No usable Chromium: the message says how to get one."""


def find_chromium() -> str | None:
    """Path of a system Chromium, or ``None`` to let Playwright use its own build."""
    explicit = os.environ.get("BRIEFING_MAP_CHROMIUM")
    if explicit:
        if not Path(explicit).is_file():
            raise BrowserNotFound(f"BRIEFING_MAP_CHROMIUM={explicit} does not exist")
        return explicit
    for name in _SYSTEM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def launch(playwright, *, headless: bool = True):
    """Launch Chromium with the offline-safe flags; raise ``BrowserNotFound`` if none."""
    executable = find_chromium()
    try:
        return playwright.chromium.launch(
            executable_path=executable, headless=headless, args=list(CHROMIUM_ARGS)
        )
    except Exception as exc:  # Playwright raises its own Error type for a missing build
        raise BrowserNotFound(
            "No Chromium found. Install one: `apt-get install chromium` (Debian/Ubuntu, as root), "
            "or `python -m playwright install chromium`, or set BRIEFING_MAP_CHROMIUM. "
            f"({exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
        ) from exc


@contextmanager
def chromium():
    """Context manager yielding a launched browser; always closes it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()
