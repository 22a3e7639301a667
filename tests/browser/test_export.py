"""The exporter in a real headless Chromium: briefing PNGs and the offline HTML file.

The data is built here (not the shipped catalogue), so the baseline picture changes
only when the drawing changes. Set ``BRIEFING_MAP_UPDATE_BASELINES=1`` to rewrite a
baseline after a deliberate change; a missing baseline is written and the test fails.
"""

from __future__ import annotations

import io
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import layers.catalogue.load
import layers.export.png
from layers.__main__ import main
from layers.catalogue.load import frame_from_features
from layers.export.briefing import briefing_page_html
from layers.export.html_file import render_html
from layers.export.page_layout import PageLayout
from layers.export.png import BriefingRenderer, ExportError
from layers.view.select import select
from layers.view.view import BriefingView
from scripts.appserver import POLL_MS

pytestmark = pytest.mark.browser

BASELINES = Path(__file__).resolve().parent.parent / "baselines"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
GENERATED = date(2026, 1, 5)  # fixed, so two runs draw the same picture
VIEW = BriefingView(title="Test briefing: exercises A and B", start=date(2025, 3, 1))
EXERCISE_A = VIEW.with_changes(
    exercises=("ex-a",), marking="TEST MARKING", zoom=4, center=(28.0, 138.0)
)
DARK_BAND = np.array([0x1B, 0x24, 0x30])
# What the legend of VIEW shows, in the colours the briefing is meant to use (written
# out here, not taken from the code that draws them).
LEGEND_COLOURS = {
    "Bilateral exercise": "#1f77b4",
    "Joint patrol": "#d62728",
    "Naval exercise": "#2ca02c",
    "Air base: Japan / ADIZ: Japan": "#c8102e",
    "Air base: United States": "#1f4e9c",
    "Island": "#5d4037",
    "Approximate geometry": "#555555",
}


def _feature(geometry_type, coordinates, **props) -> dict:
    props.setdefault("confidence", "high")
    props.setdefault("place_precision", "exact")
    props["sources"] = [
        {"title": f"Report on {props['name']}", "publisher": props.pop("publisher", "Test desk"),
         "url": f"https://example.org/{props['id']}", "published": "2025-03-02"}
    ]  # fmt: skip
    return {"type": "Feature", "geometry": {"type": geometry_type, "coordinates": coordinates},
            "properties": props}  # fmt: skip


def _event(ident, exercise, geometry_type, coordinates, start, end, **extra) -> dict:
    return _feature(
        geometry_type, coordinates, id=ident, name=f"Event {ident}", exercise_id=exercise,
        exercise=f"Exercise {exercise[-1].upper()}", kind=extra.pop("kind", "bilateral_exercise"),
        start=start, end=end, time_precision="day", participants=["USA", "JPN"], aircraft=[],
        summary="Test event.", **extra,
    )  # fmt: skip


def _base(ident, lon, lat, country) -> dict:
    return _feature("Point", [lon, lat], id=ident, name=f"Base {ident}", country=country,
                    operator="Test wing", units=[], aircraft=[])  # fmt: skip


FEATURES = {
    "bases": [_base("north", 141.37, 40.70, "USA"), _base("south", 127.77, 26.35, "JPN")],
    "adiz": [
        _feature(
            "Polygon",
            [[[125, 28], [129, 28], [129, 33], [125, 33], [125, 28]]],
            id="test-adiz",
            name="Test ADIZ",
            declaring_state="JPN",
            effective="1969-01-01",
            basis="Test rectangle.",
            place_precision="approximate",
            publisher="Atlas",
        ),
    ],
    "areas": [
        _feature(
            "Point",
            [123.5, 25.75],
            id="test-island",
            name="Test Island",
            category="island",
            country="JPN",
        ),
    ],
    "events": [
        _event(
            "a1",
            "ex-a",
            "LineString",
            [[144.9, 13.6], [133, 30], [137, 36]],
            "2025-03-01",
            "2025-03-02",
            place_precision="approximate",
        ),
        _event(
            "a2",
            "ex-a",
            "Polygon",
            [[[130, 37], [134, 37], [134, 39], [130, 39], [130, 37]]],
            "2025-03-05",
            "2025-03-07",
            kind="naval_exercise",
        ),
        _event(
            "b1", "ex-b", "Point", [139.5, 34.0], "2025-04-10", "2025-04-10", kind="joint_patrol"
        ),
        _event("old", "ex-b", "Point", [135.0, 30.0], "2024-01-01", "2024-01-02"),
    ],
}


@pytest.fixture(scope="module")
def frames() -> dict:
    return {
        key: frame_from_features({"type": "FeatureCollection", "features": features}, key)
        for key, features in FEATURES.items()
    }


@pytest.fixture(scope="module")
def renderer(browser):
    with BriefingRenderer(browser) as shared:
        yield shared


def in_own_thread(function, *args):
    """Run code that starts its own Playwright: one sync instance per thread is allowed."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def _image(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _differing_fraction(a: np.ndarray, b: np.ndarray, tolerance: int = 24) -> float:
    return float((np.abs(a - b).max(axis=2) > tolerance).mean())


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1754, 1240)])
def test_png_has_the_requested_size_and_is_not_blank(renderer, frames, size):
    image = _image(renderer.png(select(frames, VIEW), size, generated=GENERATED))
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
        assert page.locator(".leaflet-control-scale-line").count() == 2
        for control in (".leaflet-control-zoom", ".leaflet-control-layers", ".bm-map-legend"):
            assert page.locator(control).count() == 0, control
        assert page.locator(".bm-layer-events").count() == 3  # the 2024 event is filtered out
        dashed = page.locator(".bm-layer-events.bm-approx").first.get_attribute("stroke-dasharray")
        assert dashed  # approximate geometry keeps its dashed style
        sources = page.inner_text("#bm-sources")
        assert "Test desk: Report on Event a1 (2025-03-02) — example.org/a1" in sources
        assert "Event old" not in sources
    finally:
        page.close()


def test_picture_carries_the_marking_bands_title_and_legend(renderer, frames):
    size = (1920, 1080)
    image = _image(renderer.png(select(frames, VIEW), size, generated=GENERATED))
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
    first = _image(renderer.png(select(frames, VIEW), (1280, 720), generated=GENERATED))
    second = _image(renderer.png(select(frames, VIEW), (1280, 720), generated=GENERATED))
    assert _differing_fraction(first, second) < 0.001


def test_a_different_view_gives_a_different_picture(renderer, frames):
    first = _image(renderer.png(select(frames, VIEW), (1280, 720), generated=GENERATED))
    moved = _image(
        renderer.png(select(frames, VIEW.with_changes(zoom=6)), (1280, 720), generated=GENERATED)
    )
    assert _differing_fraction(first, moved) > 0.05  # so the comparisons above can fail


@pytest.mark.parametrize(
    ("name", "view", "size"),
    [
        ("briefing_1280x720.png", VIEW, (1280, 720)),
        ("briefing_exercise_a_a4.png", EXERCISE_A, (1754, 1240)),
    ],
)  # fmt: skip
def test_png_matches_its_baseline(renderer, frames, name, view, size):
    actual = renderer.png(select(frames, view), size, generated=GENERATED)
    baseline = BASELINES / name
    if not baseline.exists() or os.environ.get("BRIEFING_MAP_UPDATE_BASELINES") == "1":
        baseline.write_bytes(actual)
        pytest.fail(f"baseline {baseline.name} written: check it and commit it")
    got, want = _image(actual), _image(baseline.read_bytes())
    assert got.shape == want.shape
    fraction = _differing_fraction(got, want)
    if fraction > 0.005:  # anti-aliasing and font hinting move a few edge pixels
        ARTIFACTS.mkdir(exist_ok=True)
        stem = name.removesuffix(".png")
        (ARTIFACTS / f"{stem}.actual.png").write_bytes(actual)
        diff = (np.abs(got - want).max(axis=2) > 24).astype(np.uint8) * 255
        Image.fromarray(diff).save(ARTIFACTS / f"{stem}.diff.png")
        pytest.fail(f"{name}: {fraction:.2%} of pixels differ; see {ARTIFACTS}")


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
