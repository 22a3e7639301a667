"""The dashboard as a user sees it: real app, real Chromium, no internet.

Every test runs with requests that leave this machine aborted (see conftest), so
"the map painted" here means "the map paints with the network unplugged".
"""

from __future__ import annotations

import pytest

from layers.catalogue.registry import LAYERS
from layers.view.filters import filter_view
from layers.view.view import BriefingView
from scripts.appserver import POLL_MS

pytestmark = pytest.mark.browser

DRAWN_PER_LAYER_JS = """keys => Object.fromEntries(keys.map(
    k => [k, document.querySelectorAll('.bm-feature.bm-layer-' + k).length]))"""

# Centres the map on the base marker whose tooltip names `name` (as a reader would pan
# to it) and marks it, so Playwright can click it like a user: a real pointer event at
# its position, after actionability checks.
MARK_BASE_JS = """name => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    let marker = null;
    map.eachLayer(layer => {
        const props = layer.feature && layer.feature.properties;
        if (props && layer.getElement && layer.getElement() && (props.t || '').includes(name)
            && layer.getElement().classList.contains('bm-layer-bases')) {
            marker = layer;
        }
    });
    if (!marker) { return false; }
    map.setView(marker.getLatLng(), map.getZoom(), {animate: false});
    marker.getElement().setAttribute('data-test-target', 'base');
    return true;
}"""


def expected_counts(frames: dict, view: BriefingView) -> dict[str, int]:
    """Features each visible layer should draw: all of them, events through the view."""
    counts = {}
    for spec in LAYERS:
        if spec.key not in view.layers:
            continue
        frame = filter_view(frames[spec.key], view) if spec.date_filtered else frames[spec.key]
        counts[spec.key] = int((~(frame.geometry.isna() | frame.geometry.is_empty)).sum())
    return counts


def drawn_counts(frame, keys) -> dict[str, int]:
    return frame.evaluate(DRAWN_PER_LAYER_JS, list(keys))


# From the page, not the frame: a change of layers remounts the map iframe.
MAP_SHOWS_JS = """want => {
    const iframe = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const win = iframe && iframe.contentWindow;
    if (!win || win.briefingMapReady !== true) { return false; }
    return Object.entries(want).every(([key, n]) =>
        win.document.querySelectorAll('.bm-feature.bm-layer-' + key).length === n);
}"""


def wait_until_map_shows(page, counts: dict[str, int]) -> None:
    """Wait until the (possibly remounted) map has drawn exactly ``counts`` features."""
    page.wait_for_function(MAP_SHOWS_JS, arg=counts, polling=POLL_MS)


def test_map_paints_every_layer_of_the_catalogue_offline(app_page, page_record, catalogue_frames):
    page, frame = app_page
    expected = expected_counts(catalogue_frames, BriefingView())
    assert all(expected.values()), f"an empty layer proves nothing: {expected}"
    frame.wait_for_function(
        "n => Object.keys(window.briefingMapFeatures || {}).length >= n",
        arg=len(expected),
        polling=POLL_MS,
    )
    assert frame.evaluate("window.briefingMapFeatures") == expected
    assert drawn_counts(frame, expected) == expected
    assert frame.locator(".leaflet-container.bm-ready").count() == 1
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert box["height"] > 400, "the map area collapsed (a script failed to load?)"
    assert page_record.blocked == []


def test_clicking_misawa_shows_its_details(app_page, catalogue_frames):
    page, frame = app_page
    bases = catalogue_frames["bases"]
    misawa = bases[bases["name"].str.contains("Misawa")].iloc[0]
    assert frame.evaluate(MARK_BASE_JS, "Misawa"), "no Misawa marker on the map"
    frame.locator('[data-test-target="base"]').click()
    drawer = page.locator(".st-key-details_drawer")  # the app opens no popup: the drawer
    drawer.locator("h4", has_text=misawa["name"]).wait_for(state="visible")
    assert frame.locator(".leaflet-popup").count() == 0
    # The Markdown escaping joins "word:" to what follows with an invisible U+2060.
    text = drawer.inner_text().replace("\u2060", "")
    assert misawa["name"] in text
    assert misawa["icao"] in text
    for unit in misawa["units"][:2]:
        assert unit in text


def test_switching_a_layer_off_removes_it_from_the_map(app_page, catalogue_frames):
    page, frame = app_page
    expected = expected_counts(catalogue_frames, BriefingView())
    assert drawn_counts(frame, ["bases"]) == {"bases": expected["bases"]}
    page.get_by_test_id("stSidebar").get_by_text("Air bases", exact=True).click()
    wait_until_map_shows(page, {**expected, "bases": 0})


def test_no_request_leaves_the_machine(app_page, page_record):
    page, frame = app_page
    # Use the map as a reader would, so lazily loaded assets are requested too.
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 200, y - 100, steps=5)
    page.mouse.up()
    frame.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')", polling=POLL_MS)
    assert page_record.requests, "no request was recorded: the recorder is broken"
    assert any(url.startswith("ws") for url in page_record.requests), "WebSockets not recorded"
    assert page_record.outside() == []


def test_page_logs_no_console_errors(app_page, page_record):
    page, frame = app_page
    frame.locator(".leaflet-control-zoom-in").click()
    page.get_by_test_id("stSidebar").get_by_text("Events", exact=True).click()
    wait_until_map_shows(page, {"events": 0})
    assert page_record.errors == []
