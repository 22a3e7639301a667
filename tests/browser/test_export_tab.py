"""The "Briefing export" tab in the running app: real PNG, offline HTML, recipe → CLI.

Each test opens the app (``app_page``), switches to the tab, presses a button and
takes the file through the browser's own download (``page.expect_download``), as
a user would.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from layers.catalogue.load import load_catalogue
from layers.view.recipe import view_to_recipe
from layers.view.view import BriefingView
from scripts.appserver import POLL_MS, REPO, wait_for_idle, wait_for_map

pytestmark = pytest.mark.browser

TAB = "Briefing export"
DRAW_TIMEOUT_MS = 90_000  # a cold browser start plus one picture takes ~3 s; this is a hang
DARK_BAND = np.array([0x1B, 0x24, 0x30])  # the marking band's colour (layers.export.briefing)


@pytest.fixture
def export_tab(app_page):
    """The app with the export tab open; yields the page."""
    page, _ = app_page
    page.get_by_role("tab", name=TAB).click()
    page.get_by_role("button", name="Briefing PNG").wait_for()
    return page


def download(page, button_name: str, timeout_ms: float = DRAW_TIMEOUT_MS):
    """Press the download button ``button_name`` once it appears; return the ``Download``."""
    button = page.get_by_role("button", name=button_name)
    button.wait_for(timeout=timeout_ms)
    with page.expect_download(timeout=timeout_ms) as info:
        button.click()
    return info.value


def draw_png(page) -> bytes:
    """Press "Briefing PNG", wait for the picture, download it."""
    page.get_by_role("button", name="Briefing PNG").click()
    png = download(page, "Download PNG")
    assert png.suggested_filename.endswith("_1920x1080.png")
    return Path(png.path()).read_bytes()


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_briefing_png_downloads_the_view_at_1920x1080(export_tab):
    image = pixels(draw_png(export_tab))
    assert image.shape == (1080, 1920, 3)
    # not blank: the marking bands are drawn and the map area has many colours
    assert np.abs(image[5, 960] - DARK_BAND).max() <= 8
    assert np.abs(image[-5, 960] - DARK_BAND).max() <= 8
    map_area = image[200:900, 100:1400].reshape(-1, 3)
    assert len(np.unique(map_area, axis=0)) > 50
    assert map_area.std() > 20


def test_a_file_offered_stays_downloadable_while_the_next_is_made(export_tab, browser, app_server):
    # Making a file reruns only the files' part of the page. A whole rerun would first
    # forget the files the session offers, and two runs of other sessions finishing
    # meanwhile (a cell: several analysts on one server) make Streamlit delete them:
    # the download then fails with a 404 (seen with 8 sessions, ``make soak``).
    page = export_tab
    page.goto(app_server.url + "?start=2025-07-01&end=2025-12-31")  # 10 exercises: 11 slides
    wait_for_map(page)
    wait_for_idle(page)
    page.get_by_role("tab", name=TAB).click()
    page.get_by_role("button", name="HTML", exact=True).click()
    first = Path(download(page, "Download HTML").path()).read_bytes()
    wait_for_idle(page)
    page.get_by_text("One more slide per exercise").click()
    wait_for_idle(page)
    page.get_by_role("button", name="Briefing deck").click()  # many maps: seconds of drawing
    page.get_by_text("Making the briefing deck").first.wait_for()
    other = browser.new_page()
    try:
        for _ in range(2):  # another analyst: two runs finish while this deck is made
            other.goto(app_server.url)
            wait_for_map(other)
            wait_for_idle(other)
    finally:
        other.close()
    assert page.get_by_text("Making the briefing deck").first.is_visible(), "deck done too soon"
    again = download(page, "Download HTML")
    assert Path(again.path()).read_bytes() == first
    page.get_by_role("button", name="Download deck").wait_for(timeout=DRAW_TIMEOUT_MS)


def test_html_download_opens_offline_and_paints(export_tab, browser, tmp_path):
    export_tab.get_by_role("button", name="HTML", exact=True).click()
    html_path = tmp_path / "map.html"
    download(export_tab, "Download HTML").save_as(html_path)
    context = browser.new_context()
    refused: list[str] = []

    def refuse_network(route):
        if not route.request.url.startswith(("file:", "data:", "blob:", "about:")):
            refused.append(route.request.url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    context.route("**/*", refuse_network)
    try:
        offline = context.new_page()
        offline.goto(html_path.as_uri())
        offline.wait_for_function(
            "() => window.briefingMapReady === true", timeout=30_000, polling=POLL_MS
        )
        counts = offline.evaluate("() => window.briefingMapFeatures")
        assert counts.get("events", 0) > 0 and counts.get("bases", 0) > 0, counts
        assert offline.locator("#bm-marking").inner_text() == "UNCLASSIFIED — open sources"
    finally:
        context.close()
    assert refused == []


def test_recipe_saved_in_the_app_draws_the_same_png_from_the_command_line(export_tab, tmp_path):
    page = export_tab
    page.get_by_label("Briefing title", exact=True).fill("Recipe round trip")
    page.get_by_label("Briefing title", exact=True).press("Enter")
    page.get_by_text("briefing_recipe-round-trip_").wait_for()  # the rerun has the new title
    wait_for_idle(page)
    recipe = tmp_path / "recipe.json"
    download(page, "Save view recipe").save_as(recipe)
    assert '"title": "Recipe round trip"' in recipe.read_text(encoding="utf-8")
    from_app = pixels(draw_png(page))
    out = tmp_path / "cli.png"
    command = [sys.executable, "-m", "layers", "brief", "--view", str(recipe), "--out", str(out)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    from_cli = pixels(out.read_bytes())
    assert from_cli.shape == from_app.shape
    differing = (np.abs(from_cli - from_app).max(axis=2) > 24).mean()
    assert differing < 0.0001, (
        f"{differing:.3%} of the pixels differ"
    )  # a 2-letter title edit: 0.015%


MAP_POSITION_JS = """() => { for (const name in window) {
  const map = window[name];
  if (name.startsWith("map_") && map && map.getZoom) return [map.getZoom(), map.getCenter()];
} }"""


def test_loading_a_recipe_sets_the_filters_and_moves_the_map(export_tab, tmp_path):
    events = load_catalogue().frames["events"]
    exercise = events["exercise_id"].value_counts().index[0]
    recipe = BriefingView(exercises=(exercise,), center=(30.0, 127.0), zoom=6, title="Loaded")
    path = tmp_path / "recipe.json"
    path.write_text(view_to_recipe(recipe), encoding="utf-8")
    uploader = export_tab.get_by_label("Load a view recipe")
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
    export_tab.get_by_text("Loaded view recipe recipe.json").wait_for()
    wait_for_idle(export_tab)
    assert f"ex={exercise}" in export_tab.url and "z=6" in export_tab.url
    assert export_tab.get_by_label("Briefing title", exact=True).input_value() == "Loaded"
    n = int((events["exercise_id"] == exercise).sum())
    frame = wait_for_map(export_tab)
    assert frame.evaluate("() => window.briefingMapFeatures")["events"] == n
    zoom, centre = frame.evaluate(MAP_POSITION_JS)
    assert zoom == 6 and abs(centre["lat"] - 30.0) < 0.1 and abs(centre["lng"] - 127.0) < 0.1
