"""The exporter in a real headless Chromium: briefing PNGs and the offline HTML file.

The data is the test briefing of ``briefing_data`` (built in code); the pictures'
baselines are compared in ``test_baselines.py``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from PIL import Image

import layers.catalogue.load
import layers.export.png
from layers.__main__ import main
from layers.export.briefing import briefing_page_html
from layers.export.html_file import render_html
from layers.export.page_layout import PageLayout
from layers.export.png import BriefingRenderer, ExportError
from layers.view.select import select
from scripts.appserver import POLL_MS
from tests.browser.briefing_data import (
    GENERATED,
    VIEW,
    briefing_frames,
    differing_fraction,
    pixels,
)

pytestmark = pytest.mark.browser

DARK_BAND = np.array([0x1B, 0x24, 0x30])
# What the legend of VIEW shows, in the colours the briefing is meant to use (written
# out here, not taken from the code that draws them).
LEGEND_COLOURS = {
    "Bilateral exercise": "#1965b0",
    "Joint patrol": "#aa3377",
    "Naval exercise": "#332288",
    "Air base: Japan / ADIZ: Japan": "#c8102e",
    "Air base: United States": "#1f4e9c",
    "Island": "#5d4037",
    "Approximate geometry": "#555555",
}


@pytest.fixture(scope="module")
def frames() -> dict:
    return briefing_frames()


@pytest.fixture(scope="module")
def renderer(browser):
    with BriefingRenderer(browser) as shared:
        yield shared


def in_own_thread(function, *args):
    """Run code that starts its own Playwright: one sync instance per thread is allowed."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1754, 1240)])
def test_png_has_the_requested_size_and_is_not_blank(renderer, frames, size):
    image = pixels(renderer.png(select(frames, VIEW), size, generated=GENERATED))
    assert image.shape == (size[1], size[0], 3)
    left, top, width, height = PageLayout(*size).map_box
    map_area = image[top : top + height, left : left + width]
    assert map_area.std() > 8  # land, sea and features, not one flat colour
    assert len(np.unique(map_area.reshape(-1, 3), axis=0)) > 50


def test_page_shows_title_legend_marking_and_scale_but_no_controls(browser, frames):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    try:
        page.set_content(briefing_page_html(select(frames, VIEW), generated=GENERATED))
        page.wait_for_function("window.briefingMapReady === true", timeout=20_000, polling=POLL_MS)
        assert page.inner_text("#bm-title") == VIEW.title
        assert "Window 2025-03-01" in page.inner_text("#bm-subtitle")
        assert "Generated 2026-01-05" in page.inner_text("#bm-subtitle")
        for band in ("#bm-marking-top", "#bm-marking-bottom"):
            assert page.inner_text(band) == "UNCLASSIFIED — open sources"
        labels = page.locator("#bm-legend .bm-legend-row span").all_inner_texts()
        assert "Approximate geometry" in labels and "Joint patrol" in labels
        assert "Deployment" not in labels  # only what is shown
        scale = page.locator(".leaflet-control-scale-line").all_inner_texts()
        assert len(scale) == 2 and scale[0].endswith(" nm") and scale[1].endswith(" km")
        for control in (".leaflet-control-zoom", ".leaflet-control-layers", ".bm-map-legend"):
            assert page.locator(control).count() == 0, control
        assert page.locator(".bm-layer-events").count() == 3  # the 2024 event is filtered out
        dashed = page.locator(".bm-layer-events.bm-approx").first.get_attribute("stroke-dasharray")
        assert dashed  # approximate geometry keeps its dashed style
        # the list beside the map: each event numbered as on the map, with its footnote
        listed = page.locator("#bm-events li")
        assert listed.evaluate_all("els => els.map(e => e.dataset.number)") == ["1", "2", "3"]
        assert "Event a1" in listed.first.inner_text() and "[1]" in listed.first.inner_text()
        # the footer: short footnotes under those markers, the full line in each tooltip
        notes = page.locator("#bm-sources li")
        assert notes.first.inner_text() == "[1] Test desk, 2025-03-02"
        full = notes.evaluate_all("els => els.map(e => e.title)")
        assert full[0] == "Test desk: Report on Event a1 (2025-03-02) — example.org/a1"
        assert not any("Event old" in line for line in full)
    finally:
        page.close()


def test_picture_carries_the_marking_bands_title_and_legend(renderer, frames):
    size = (1920, 1080)
    image = pixels(renderer.png(select(frames, VIEW), size, generated=GENERATED))
    layout = PageLayout(*size)
    for row in (layout.band // 2, size[1] - layout.band // 2):
        band = image[row, : size[0] // 4]
        assert np.abs(band - DARK_BAND).max() <= 2  # the band is there, edge to edge
        assert (image[row].min(axis=1) > 200).any()  # and has white marking text in it
    title = image[layout.band : layout.band + layout.header // 2, : size[0] // 3]
    assert (title.max(axis=2) < 80).mean() > 0.02  # dark title text
    left, top, width, height = layout.map_box
    legend = image[top : top + height, left + width + 20 :]
    colours = {_rgb(colour) for colour in LEGEND_COLOURS.values()}
    found = {c for c in colours if (np.abs(legend - c).max(axis=2) <= 8).any()}
    assert found == colours  # every swatch colour is drawn in the legend


def test_same_recipe_twice_gives_the_same_picture(renderer, frames):
    first = pixels(renderer.png(select(frames, VIEW), (1280, 720), generated=GENERATED))
    second = pixels(renderer.png(select(frames, VIEW), (1280, 720), generated=GENERATED))
    assert differing_fraction(first, second) < 0.001


def test_a_different_view_gives_a_different_picture(renderer, frames):
    first = pixels(renderer.png(select(frames, VIEW), (1280, 720), generated=GENERATED))
    moved = pixels(
        renderer.png(select(frames, VIEW.with_changes(zoom=6)), (1280, 720), generated=GENERATED)
    )
    assert differing_fraction(first, moved) > 0.05  # so the comparisons above can fail


def test_waiting_for_a_map_that_never_draws_fails_and_closes_the_browser():
    def draw_page_without_map():
        short = BriefingRenderer(ready_timeout_ms=2_000)
        try:
            with short:
                opened.append(short._browser)
                short.screenshot_html("<html><body>no map here</body></html>", (800, 600))
        finally:
            closed.append(not opened[0].is_connected())

    opened, closed = [], []
    with pytest.raises(ExportError, match="did not finish drawing within 2 s"):
        in_own_thread(draw_page_without_map)
    assert closed == [True]


def test_html_export_paints_the_map_with_all_network_refused(browser, frames, tmp_path):
    path = tmp_path / "map.html"
    path.write_text(render_html(select(frames, VIEW)), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    refused: list[str] = []

    def refuse(route):
        if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
            return route.continue_()
        refused.append(route.request.url)
        return route.abort()

    try:
        context.route("**/*", refuse)
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_function("window.briefingMapReady === true", timeout=20_000, polling=POLL_MS)
        assert refused == []
        assert page.locator(".bm-ready").count() == 1
        assert page.locator(".bm-layer-events").count() == 3
        assert page.locator(".bm-layer-adiz").count() == 1
        assert page.locator(".bm-layer-bases").count() == 2
        assert page.locator(".leaflet-control-zoom").count() == 1  # interactive
        assert page.inner_text("#bm-marking") == VIEW.marking
        page.click("#bm-sources-list summary")
        cited = page.locator("#bm-sources-list li").all_inner_texts()
        assert (
            len(cited) == 7
            and "Test desk: Report on Event b1 (2025-03-02) — example.org/b1" in cited
        )
        canvas_painted = page.evaluate(
            """() => [...document.querySelectorAll('canvas')].some((c) => {
                 const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                 for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) return true; }
                 return false; })"""
        )
        assert canvas_painted  # the inlined basemap was drawn
    finally:
        context.close()


def test_each_exercise_writes_one_png_per_exercise_with_one_browser(
    frames, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(
        layers.catalogue.load,
        "load_catalogue",
        lambda *a, **k: layers.catalogue.load.Catalogue(frames),
    )
    launches = []
    real_launch = layers.export.png.launch
    monkeypatch.setattr(
        layers.export.png, "launch", lambda pw, **kw: launches.append(1) or real_launch(pw, **kw)
    )
    argv = ["brief", "--each-exercise", "--out-dir", str(tmp_path), "--size", "1280x720"]
    code = in_own_thread(main, argv)
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ex-a.png", "ex-b.png"]
    assert len(launches) == 1
    for png in tmp_path.iterdir():
        assert Image.open(png).size == (1280, 720)


def test_brief_command_writes_the_png(frames, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(
        layers.catalogue.load,
        "load_catalogue",
        lambda *a, **k: layers.catalogue.load.Catalogue(frames),
    )
    out = tmp_path / "brief.png"
    code = in_own_thread(main, ["brief", "--out", str(out), "--size", "a4", "--exercise", "ex-b"])
    assert code == 0, capsys.readouterr().err
    assert Image.open(out).size == (1754, 1240)
    assert [p.name for p in tmp_path.iterdir()] == ["brief.png"]
