"""The briefing deck with its maps drawn in a real headless Chromium.

The data is the deck's own small catalogue (``tests/deck_fixtures.py``), so the
baseline picture changes only when the drawing changes. Set
``BRIEFING_MAP_UPDATE_BASELINES=1`` to rewrite the baseline after a deliberate change;
a missing baseline is written and the test fails.
"""

from __future__ import annotations

import io
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from deck_fixtures import GENERATED, VIEW, deck_frames, deck_selection, open_deck, shape
from PIL import Image

import layers.catalogue.load
from layers.__main__ import main
from layers.export.deck import deck_parts, render_deck
from layers.export.deck_layout import SLIDE_MAP_SIZE
from layers.export.map_page import map_page_html
from layers.export.png import BriefingRenderer
from scripts.appserver import POLL_MS

pytestmark = pytest.mark.browser

BASELINE = Path(__file__).resolve().parent.parent / "baselines" / "deck_overview_map.png"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Pixels of the slide's map box allowed to differ from the baseline (a channel off by
# more than 24). Two drawings of one view on one machine differ by none; the smallest
# thing the map draws for a layer, the island's dot, is ~70 px, a callout ~340 px, each
# event kind's colour 197 px or more (the joint patrol: one point, its badge drawn on it).
# So a missing layer, event or callout fails.
BUDGET_PX = 50
# Colours of the events' kinds (written out here, not taken from the code that draws them)
KIND_COLOURS = {"bilateral": "#1965b0", "joint patrol": "#aa3377", "naval": "#332288"}


@pytest.fixture(scope="module")
def renderer(browser):
    with BriefingRenderer(browser) as shared:
        yield shared


def _image(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)


def _differing(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a - b).max(axis=2) > 24


def _colour_pixels(image: np.ndarray, hex_colour: str) -> int:
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return int((np.abs(image - rgb).max(axis=2) <= 24).sum())


def _slide_maps(data: bytes) -> list[np.ndarray]:
    """The map picture of each slide of a deck, as embedded in the file."""
    return [_image(shape(slide, "map").image.blob) for slide in open_deck(data).slides]


def _deck(renderer, selection, each_exercise=False, css: str = "") -> bytes:
    """A real deck; ``css`` is added to each map page (to hide a callout, for the control)."""

    def maps(parts, size):
        if not css:
            return renderer.map_pngs(parts, size)
        pages = (map_page_html(part, size).replace("</head>", f"<style>{css}</style></head>", 1)
                 for part in parts)  # fmt: skip
        return (renderer.screenshot_html(page, size) for page in pages)

    return render_deck(deck_parts(selection, each_exercise), maps, generated=GENERATED)


def _overview_map(renderer, view=VIEW, css="") -> np.ndarray:
    (picture,) = _slide_maps(_deck(renderer, deck_selection(view), css=css))
    return picture


@pytest.fixture(scope="module")
def overview_map(renderer) -> np.ndarray:
    return _overview_map(renderer)


def test_every_slide_map_is_the_slide_size_and_not_blank(renderer):
    pictures = _slide_maps(_deck(renderer, deck_selection(), each_exercise=True))
    assert len(pictures) == 4
    for picture in pictures:
        assert picture.shape == (SLIDE_MAP_SIZE[1], SLIDE_MAP_SIZE[0], 3)
        assert picture.std() > 8  # land, sea and features, not one flat colour
        assert len(np.unique(picture.reshape(-1, 3), axis=0)) > 50
    # each exercise slide is framed on its exercise: another picture than the overview
    for picture in pictures[1:]:
        assert _differing(picture, pictures[0]).mean() > 0.05


def test_the_map_page_is_the_map_alone_with_its_scale_bar_and_callouts(browser):
    width, height = SLIDE_MAP_SIZE
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.set_content(map_page_html(deck_selection(), SLIDE_MAP_SIZE))
        page.wait_for_function("window.briefingMapReady === true", timeout=20_000, polling=POLL_MS)
        box = page.locator(".leaflet-container").bounding_box()
        assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, width, height)
        assert page.locator(".leaflet-control-scale-line").count() == 2  # nm and km
        numbers = page.locator(".bm-callout").all_inner_texts()
        assert sorted(n.strip() for n in numbers) == ["1", "2", "3", "4"]
        for chrome in (".leaflet-control-zoom", ".leaflet-control-layers",
                       ".leaflet-control-attribution", ".bm-map-legend", "#bm-title"):  # fmt: skip
            assert page.locator(chrome).count() == 0, chrome
    finally:
        page.close()


def test_the_slide_map_matches_its_baseline(overview_map):
    if not BASELINE.exists() or os.environ.get("BRIEFING_MAP_UPDATE_BASELINES") == "1":
        Image.fromarray(overview_map.astype(np.uint8)).save(BASELINE)
        pytest.fail(f"baseline {BASELINE.name} written: check it and commit it")
    want = _image(BASELINE.read_bytes())
    # the budget is below what one layer puts on the map (so the test can fail) ...
    for colour in KIND_COLOURS.values():
        assert _colour_pixels(want, colour) > 3 * BUDGET_PX
    assert overview_map.shape == want.shape
    differing = _differing(overview_map, want)
    if differing.sum() > BUDGET_PX:
        ARTIFACTS.mkdir(exist_ok=True)
        Image.fromarray(overview_map.astype(np.uint8)).save(ARTIFACTS / "deck_map.actual.png")
        Image.fromarray(differing.astype(np.uint8) * 255).save(ARTIFACTS / "deck_map.diff.png")
        pytest.fail(f"{differing.sum()} px of the slide's map differ (budget {BUDGET_PX})")


@pytest.mark.parametrize(
    "layers",
    [("adiz", "areas", "bases"), ("events", "areas", "bases"), ("events", "adiz", "bases"),
     ("events", "adiz", "areas")],
    ids=["no-events", "no-adiz", "no-areas", "no-bases"],
)  # fmt: skip
def test_control_a_missing_layer_fails_the_baseline_comparison(renderer, overview_map, layers):
    """The comparison above can fail: the same slide without one layer is over budget."""
    without = _overview_map(renderer, VIEW.with_changes(layers=layers))
    assert _differing(without, overview_map).sum() > BUDGET_PX


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_control_a_missing_callout_fails_the_baseline_comparison(renderer, overview_map, number):
    hidden = f".bm-callout-{number} {{ display: none !important; }}"
    without = _overview_map(renderer, css=hidden)
    assert _differing(without, overview_map).sum() > BUDGET_PX


def test_deck_command_draws_every_slide_with_one_browser(tmp_path, monkeypatch, capsys):
    frames = deck_frames()
    catalogue = layers.catalogue.load.Catalogue(frames)
    monkeypatch.setattr(layers.catalogue.load, "load_catalogue", lambda *a, **k: catalogue)
    launches = []
    real_enter = BriefingRenderer.__enter__

    def counted_enter(self):
        launches.append(self)
        return real_enter(self)

    monkeypatch.setattr(BriefingRenderer, "__enter__", counted_enter)
    out = tmp_path / "deck.pptx"
    argv = ["deck", "--out", str(out), "--each-exercise", "--start", "2025-03-01",
            "--end", "2025-04-30", "--title", "CLI deck"]  # fmt: skip
    with ThreadPoolExecutor(max_workers=1) as pool:  # its own Playwright: its own thread
        code = pool.submit(main, argv).result()
    assert code == 0, capsys.readouterr().err
    assert len(launches) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]
    deck = open_deck(out.read_bytes())
    titles = [shape(slide, "title").text_frame.text for slide in deck.slides]
    assert titles == ["CLI deck", "Exercise A", "Exercise C", "Exercise B"]
    for picture in _slide_maps(out.read_bytes()):
        assert picture.shape == (SLIDE_MAP_SIZE[1], SLIDE_MAP_SIZE[0], 3) and picture.std() > 8
