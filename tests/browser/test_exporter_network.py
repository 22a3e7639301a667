"""The exporter's own browser makes no request: checked through a proxy that records all.

Every request a browser makes off this machine goes to its proxy. Here the proxy is a
recorder (``recording_proxy.py``) that notes each one and refuses it: a ``brief`` run
and an exported HTML page opened in the exporter's browser must leave it empty. A
control test shows the recorder does see a request when there is one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from recording_proxy import RecordingProxy

from layers.export.browser import launch
from layers.export.html_file import render_html
from layers.export.png import PROXY_ENV_VAR
from layers.view.recipe import view_to_recipe
from layers.view.select import select
from layers.view.view import BriefingView
from scripts.appserver import POLL_MS

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SETTLE_MS = 3_000  # a browser's background services start within a second or two


@pytest.fixture
def proxy():
    with RecordingProxy() as recorder:
        yield recorder


def test_brief_makes_no_request_of_its_own(proxy, tmp_path):
    recipe = tmp_path / "osm.json"  # a recipe that asks for online tiles: not fetched
    recipe.write_text(view_to_recipe(BriefingView(basemap="osm")), encoding="utf-8")
    out = tmp_path / "brief.png"
    env = {**os.environ, PROXY_ENV_VAR: proxy.url}
    done = subprocess.run(
        [sys.executable, "-m", "layers", "brief", "--view", str(recipe), "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert "they were not fetched" in done.stderr
    assert out.stat().st_size > 10_000
    assert proxy.seen == []


def open_in_exporters_browser(html: str, proxy_url: str, wait_ready: bool) -> None:
    """Load ``html`` in a browser launched as the exporter launches it, behind ``proxy_url``.

    In a thread of its own: Playwright's sync API allows one instance per thread, and
    the session's browser fixture may hold this one.
    """
    from playwright.sync_api import sync_playwright

    def run() -> None:
        with sync_playwright() as playwright:
            browser = launch(playwright, proxy=proxy_url)
            try:
                page = browser.new_page()
                page.set_content(html)
                if wait_ready:
                    page.wait_for_function(
                        "() => window.briefingMapReady === true", polling=POLL_MS
                    )
                page.wait_for_timeout(SETTLE_MS)  # give background services their chance
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result(timeout=120)


def test_exported_html_in_the_exporters_browser_makes_no_request(proxy, catalogue_frames):
    html = render_html(select(catalogue_frames, BriefingView(basemap="offline")))
    open_in_exporters_browser(html, proxy.url, wait_ready=True)
    assert proxy.seen == []


def test_the_recorder_sees_a_request_when_there_is_one(proxy):
    """Control: the same browser, a page that asks for a remote image."""
    open_in_exporters_browser('<img src="http://203.0.113.5/p.png">', proxy.url, False)
    assert any("203.0.113.5" in line for line in proxy.seen), proxy.seen
