"""The briefing pictures against their committed baselines, region by region.

A whole-page budget is blind: the data layers are a small part of a slide (0.31 % of
the 1280×720 picture), so a 0.5 % budget passed with every layer gone. Each region is
compared on its own, with a budget below the smallest change that matters there:

- the **map box** (``PageLayout.map_box``): what one data layer puts in it, measured
  with the layer switched off (headless Chromium, this test data, tolerance 24):

  ========================  =====================  =====================
  in the map box            1280×720 (914×492 px)  A4 (1195×890 px)
  ========================  =====================  =====================
  events layer              3,488 px (0.776 %)     2,105 px (0.198 %)
  ADIZ layer                1,186 px (0.264 %)       838 px (0.079 %)
  bases layer                 839 px (0.187 %)       842 px (0.079 %)
  areas layer (one island)     70 px (0.016 %)        70 px (0.007 %)
  one callout                 288 px (0.064 %)       365 px (0.034 %)
  the same view drawn again     0 px                   0 px
  ========================  =====================  =====================

  so the budget is 0.003 % of the box (13 px at 1280×720, 32 px on A4): under the
  smallest layer (the one island marker) with room for a few anti-aliased edge pixels;
- the **side panel** (numbered list and legend): moving the legend changes 5–9 % of it,
  a layer off (its legend row, its list lines) at least 0.7 %; budget 0.1 %;
- the **whole page** (title, sources, marking bands): budget 0.1 %.

The control tests draw views that differ by one layer, one callout or the legend's
place and check that this same comparison fails on them: a test that cannot fail is
a defect. Set ``BRIEFING_MAP_UPDATE_BASELINES=1`` to rewrite the baselines after a
deliberate change (and look at them); a missing baseline is written and the test fails.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import layers.map.features
from layers.export.briefing import briefing_page_html
from layers.export.page_layout import PageLayout
from layers.export.png import BriefingRenderer
from layers.view.select import select
from tests.browser.briefing_data import (
    EXERCISE_A,
    GENERATED,
    VIEW,
    briefing_frames,
    differing,
    pixels,
)

pytestmark = pytest.mark.browser

BASELINES = Path(__file__).resolve().parent.parent / "baselines"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
BUDGETS = {"map": 0.00003, "side": 0.001, "page": 0.001}  # see the module docstring
PICTURES = {
    "briefing_1280x720.png": (VIEW, (1280, 720)),
    "briefing_exercise_a_a4.png": (EXERCISE_A, (1754, 1240)),
}
# Puts the legend at the top of the side panel instead of under the list.
LEGEND_MOVED_CSS = "<style>.bm-legend-block { order: -1; margin-top: 0; }</style></head>"


@pytest.fixture(scope="module")
def frames() -> dict:
    return briefing_frames()


@pytest.fixture(scope="module")
def renderer(browser):
    with BriefingRenderer(browser) as shared:
        yield shared


def regions(size: tuple[int, int]) -> dict[str, tuple[int, int, int, int]]:
    """``(left, top, width, height)`` of the map box, the side panel and the page."""
    layout = PageLayout(*size)
    left, top, width, height = layout.map_box
    side = (left + width + layout.px(16), top, layout.legend_width, height)
    return {"map": layout.map_box, "side": side, "page": (0, 0, *size)}


def over_budget(got: np.ndarray, want: np.ndarray, size) -> dict[str, float]:
    """The regions whose share of differing pixels exceeds their budget, with that share."""
    assert got.shape == want.shape
    changed = differing(got, want)
    shares = {
        name: float(changed[top : top + height, left : left + width].mean())
        for name, (left, top, width, height) in regions(size).items()
    }
    return {name: share for name, share in shares.items() if share > BUDGETS[name]}


def baseline(name: str) -> np.ndarray:
    return pixels((BASELINES / name).read_bytes())


@pytest.mark.parametrize("name", PICTURES)
def test_png_matches_its_baseline(renderer, frames, name):
    view, size = PICTURES[name]
    actual = renderer.png(select(frames, view), size, generated=GENERATED)
    path = BASELINES / name
    if not path.exists() or os.environ.get("BRIEFING_MAP_UPDATE_BASELINES") == "1":
        path.write_bytes(actual)
        pytest.fail(f"baseline {name} written: look at it, then commit it")
    got, want = pixels(actual), baseline(name)
    failed = over_budget(got, want, size)
    if failed:
        ARTIFACTS.mkdir(exist_ok=True)
        stem = name.removesuffix(".png")
        (ARTIFACTS / f"{stem}.actual.png").write_bytes(actual)
        Image.fromarray(differing(got, want).astype(np.uint8) * 255).save(
            ARTIFACTS / f"{stem}.diff.png"
        )
        shares = ", ".join(f"{k} {v:.3%} (budget {BUDGETS[k]:.3%})" for k, v in failed.items())
        pytest.fail(f"{name}: pixels differ in {shares}; see {ARTIFACTS}")


def _without(view, layer):
    return view.with_changes(layers=tuple(key for key in view.layers if key != layer))


def _one_event_fewer(view):
    """The window closed the day before its last event (b1 for VIEW, a2 for exercise A)."""
    return view.with_changes(end=date(2025, 3, 4) if view.exercises else date(2025, 4, 9))


CHANGED_VIEWS = {  # one change each, and the region it must show in
    "events layer off": (lambda v: _without(v, "events"), "map"),
    "ADIZ layer off": (lambda v: _without(v, "adiz"), "map"),
    "bases layer off": (lambda v: _without(v, "bases"), "map"),
    "areas layer off (one island)": (lambda v: _without(v, "areas"), "map"),
    "one event fewer": (_one_event_fewer, "map"),
}


@pytest.mark.parametrize("name", PICTURES)
@pytest.mark.parametrize("change", CHANGED_VIEWS)
def test_control_a_changed_view_fails_the_comparison(renderer, frames, name, change):
    view, size = PICTURES[name]
    changed, region = CHANGED_VIEWS[change]
    got = pixels(renderer.png(select(frames, changed(view)), size, generated=GENERATED))
    assert region in over_budget(got, baseline(name), size), f"{change} passed the comparison"


@pytest.mark.parametrize("name", PICTURES)
def test_control_one_callout_dropped_fails_the_comparison(renderer, frames, name, monkeypatch):
    view, size = PICTURES[name]
    make_marks = layers.map.features.event_marks

    def without_last_callout(events, numbers):
        marks = make_marks(events, numbers)
        assert marks["callouts"], "no callout to drop"
        return {**marks, "callouts": marks["callouts"][:-1]}

    monkeypatch.setattr(layers.map.features, "event_marks", without_last_callout)
    got = pixels(renderer.png(select(frames, view), size, generated=GENERATED))
    assert "map" in over_budget(got, baseline(name), size)


@pytest.mark.parametrize("name", PICTURES)
def test_control_legend_moved_fails_the_comparison(renderer, frames, name):
    view, size = PICTURES[name]
    html = briefing_page_html(select(frames, view), size=size, generated=GENERATED)
    moved = html.replace("</head>", LEGEND_MOVED_CSS, 1)
    assert moved != html
    got = pixels(renderer.screenshot_html(moved, size))
    assert "side" in over_budget(got, baseline(name), size)
