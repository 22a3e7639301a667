"""``streamlit run app.py`` in a checkout that was never prepared draws the same map.

Every Streamlit user starts an app this way; before, ``static/`` was filled only by
``make``, so the page showed no map and no message (issue 14).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.appserver import running_app, wait_for_idle, wait_for_map

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
NOT_SHIPPED = ("static", ".venv", ".git", ".db", "userdata", "__pycache__", "artifacts", "bench")


def test_streamlit_run_in_an_unprepared_checkout_draws_the_map(tmp_path, page, page_record):
    checkout = tmp_path / "checkout"
    shutil.copytree(REPO, checkout, ignore=shutil.ignore_patterns(*NOT_SHIPPED))
    assert not (checkout / "static").exists()
    with running_app(repo=checkout, streamlit_run=True, timeout=120) as app:
        page.goto(app.url)
        frame = wait_for_map(page)
        wait_for_idle(page)
        drawn = frame.evaluate("() => window.briefingMapFeatures || {}")
        assert drawn.get("bases", 0) > 0 and drawn.get("events", 0) > 0, drawn
        assert frame.evaluate("() => document.querySelectorAll('.bm-basemap, path').length") > 0
    assert (checkout / "static" / "vendor" / "leaflet" / "leaflet.js").is_file()
    assert page_record.outside() == []
