"""Find and launch a headless Chromium for the exporter and the browser tests.

Order of preference: ``BRIEFING_MAP_CHROMIUM`` (a path); Chromium's headless shell
(Debian's ``chromium-headless-shell``), which has no profile services and so makes no
request of its own; a full system Chromium; then Playwright's own download
(``playwright install chromium``, whose headless mode is the same shell). A full
Chromium, whatever its switches, still asks its vendor's update and account servers
at start (measured: update.googleapis.com, accounts.google.com): the refusing proxy
below stops those requests at the machine, but the headless shell never makes them.
Only this module and ``tests/browser`` know that a browser exists.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

# A browser left to itself calls its vendor: component and safe-browsing updates,
# sign-in and account checks, metrics, translation, network-time and optimisation
# hints. Each switch below stops one of those; tests/browser/test_exporter_network.py
# runs the exporter through a recording proxy and fails on any request it sees.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-component-extensions-with-background-pages",
    "--disable-client-side-phishing-detection",
    "--safebrowsing-disable-auto-update",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--no-pings",
    "--disable-quic",
    "--dns-prefetch-disable",
    "--password-store=basic",
    "--use-mock-keychain",
    "--disable-features=OptimizationHints,OptimizationHintsFetching,OptimizationGuideModelDownloading,"
    "OptimizationTargetPrediction,Translate,MediaRouter,DialMediaRouteProvider,"
    "CertificateTransparencyComponentUpdater,AutofillServerCommunication,NetworkTimeServiceQuerying,"
    "InterestFeedContentSuggestions,SafeBrowsingEnhancedProtection,PrivacySandboxSettings4,"
    "Signin,DiceWebSigninInterception,ChromeWhatsNewUI,HttpsUpgrades",
)
# What the exporter adds: every request that is not to this machine goes to a proxy
# that refuses it (loopback never goes through a proxy), and no name is looked up.
# The exporter's pages are self-contained, so any request at all is a defect.
REFUSING_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens, connections fail
OFFLINE_ARGS = ("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",)
_SYSTEM_NAMES = (
    "chromium-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
)


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


def launch(playwright, *, headless: bool = True, offline: bool = True, proxy: str | None = None):
    """Launch Chromium with the quiet flags; raise ``BrowserNotFound`` if there is none.

    ``offline`` (the exporter's default) also sends everything off this machine to
    ``proxy`` (default: a refusing one) and resolves no host name. ``offline=False``
    is for a picture with online tiles the user chose; the caller then decides which
    requests pass.
    """
    executable = find_chromium()
    args = list(CHROMIUM_ARGS)
    if offline:
        args += [*OFFLINE_ARGS, f"--proxy-server={proxy or REFUSING_PROXY}"]
    try:
        return playwright.chromium.launch(executable_path=executable, headless=headless, args=args)
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
