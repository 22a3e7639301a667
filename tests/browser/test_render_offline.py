"""The self-contained ("inline") map in a real Chromium with every network request refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_fixtures import frames

from layers.map.render import build_map
from layers.view.select import select
from layers.view.view import BriefingView
from scripts.appserver import POLL_MS

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
READY = "() => window.briefingMapReady === true || !!window.briefingMapError"


@pytest.fixture(scope="module")
def catalogue():
    return frames()


def _open(browser, html: str, tmp_path: Path):
    """Open ``html`` from a file with all network refused; returns (page, errors, refused)."""
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    errors, refused = [], []

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort("internetdisconnected")

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function(READY, timeout=20_000, polling=POLL_MS)
    return page, errors, refused


def test_inline_map_draws_every_layer_offline(browser, catalogue, tmp_path):
    html = build_map(select(catalogue, BriefingView()), mode="inline").get_root().render()
    page, errors, refused = _open(browser, html, tmp_path)
    try:
        assert page.evaluate("window.briefingMapError || null") is None
        assert page.locator(".leaflet-container.bm-ready").count() == 1
        counts = page.evaluate("window.briefingMapFeatures")
        assert counts == {key: len(frame) for key, frame in catalogue.items()}
        for key, frame in catalogue.items():
            assert page.locator(f".bm-feature.bm-layer-{key}").count() == len(frame), key
        assert page.locator(".bm-approx").count() == 4
        assert page.locator("path.bm-approx[stroke-dasharray]").count() == 3
        assert page.locator(".leaflet-control-layers").count() == 1
        assert page.locator(".leaflet-control-scale").count() == 1
        assert page.locator(".bm-map-legend").count() == 1
        canvas_painted = page.evaluate(
            """() => [...document.querySelectorAll('.leaflet-bm-basemap-pane canvas')]
                 .some((c) => c.width > 0)"""
        )
        assert canvas_painted
        assert errors == [] and refused == []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "render_offline.png"))
    finally:
        page.context.close()


def test_hostile_name_shows_as_text_and_never_runs(browser, catalogue, tmp_path):
    html = build_map(select(catalogue, BriefingView()), mode="inline").get_root().render()
    page, errors, _ = _open(browser, html, tmp_path)
    try:
        page.evaluate(
            "() => { window.alerted = false; window.alert = () => { window.alerted = true; }; }"
        )
        incident = page.locator(".bm-kind-incident")
        incident.click(force=True)
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert "<script>alert(1)</script>" in popup.inner_text()
        assert popup.locator("script, img").count() == 0
        assert page.evaluate("window.alerted") is False
        assert errors == []
    finally:
        page.context.close()


def test_pan_from_dyess_to_misawa_stays_continuous(browser, catalogue, tmp_path):
    view = BriefingView(center=(35.0, 200.0), zoom=3)
    html = build_map(select(catalogue, view), mode="inline").get_root().render()
    page, errors, _ = _open(browser, html, tmp_path)
    try:
        boxes = {
            name: page.locator(".bm-layer-bases").nth(i).bounding_box()
            for i, name in enumerate(["dyess", "misawa"])
        }
        # Dyess (lon 260) is east of Misawa (lon 141) on one continuous map, both on screen.
        assert 0 < boxes["misawa"]["x"] < boxes["dyess"]["x"] < 1400
        route = page.locator(".bm-kind-deployment").bounding_box()
        assert route["width"] > boxes["dyess"]["x"] - boxes["misawa"]["x"] - 20
        assert errors == []
    finally:
        page.context.close()


MARK_JS = """(name) => {
    const m = performance.getEntriesByName(name)[0];
    return m ? {at: m.startTime, detail: m.detail} : null;
}"""
# Countries of the world basemap on the map (its canvas layers decoded with a bbox).
COUNTRIES_JS = """() => {
    const map = Object.values(window).find((v) => v instanceof L.Map);
    return Object.values(map._layers).filter(
        (l) => l.feature && l.feature.bbox && l.options.pane === "bm-basemap").length;
}"""


def test_the_world_far_from_the_view_follows_the_first_picture(browser, catalogue, tmp_path):
    html = build_map(select(catalogue, BriefingView()), mode="inline").get_root().render()
    page, errors, _ = _open(browser, html, tmp_path)
    try:
        page.wait_for_function(f"({MARK_JS})('bm-basemap-rest') !== null", timeout=5_000)
        painted = page.evaluate(MARK_JS, "bm-painted")
        first = page.evaluate(MARK_JS, "bm-basemap")["detail"]["countries"]
        rest = page.evaluate(MARK_JS, "bm-basemap-rest")
        # In the default view (Japan, China, the Koreas, Russia…), not Africa or Europe.
        assert 10 < first < 60 and first + rest["detail"]["countries"] == 240
        assert rest["at"] >= painted["at"]  # after the first picture
        assert page.evaluate(COUNTRIES_JS) == 240 + 9  # and the region's nine
        assert errors == []
    finally:
        page.context.close()
