"""The timeline under the map, in the real app: drawn offline, and wired to the map both ways.

Selecting on the chart (a dragged span, a clicked bar) filters the map; clicking an
event on the map shows its details and outlines its bar on the chart.
"""

from __future__ import annotations

import pytest

from scripts.appserver import POLL_MS, wait_for_idle

pytestmark = pytest.mark.browser

CHART = '[data-testid="stVegaLiteChart"]'
BARS = f"{CHART} .mark-rect path[aria-label]"
MAP_EVENTS_JS = """() => {
    const iframe = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const win = iframe && iframe.contentWindow;
    if (!win || win.briefingMapReady !== true) { return -1; }
    return win.document.querySelectorAll('.bm-feature.bm-layer-events').length;
}"""
MAP_SHOWS_JS = f"n => ({MAP_EVENTS_JS})() === n"
MAP_SHOWS_FEWER_JS = f"n => {{ const k = ({MAP_EVENTS_JS})(); return k > 0 && k < n; }}"
BRUSH_WIDTH_JS = f"""() => Math.max(0, ...[...document.querySelectorAll(
    '{CHART} .mark-rect[class*="brush"] path')].map(p => p.getBoundingClientRect().width))"""
OUTLINED_BARS_JS = f"""() => [...document.querySelectorAll('{BARS}')]
    .filter(p => p.getAttribute('stroke') === '#111111').map(p => p.getAttribute('aria-label'))"""
# Marks the point marker of the event whose tooltip starts with `name` (centring the
# map on it) so Playwright can click it like a user.
MARK_EVENT_JS = """name => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    let marker = null;
    map.eachLayer(layer => {
        const props = layer.feature && layer.feature.properties;
        const el = layer.getElement && layer.getElement();
        if (props && el && layer.getLatLng && (props.t || '').includes(name)
            && el.classList.contains('bm-layer-events')) { marker = layer; }
    });
    if (!marker) { return false; }
    map.setView(marker.getLatLng(), map.getZoom(), {animate: false});
    marker.getElement().setAttribute('data-test-target', 'event');
    return true;
}"""

# The names of the events drawn on the map (the first line of each tooltip).
DRAWN_EVENT_NAMES_JS = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const names = [];
    map.eachLayer(layer => {
        const props = layer.feature && layer.feature.properties;
        const el = layer.getElement && layer.getElement();
        if (props && el && el.classList.contains('bm-layer-events')) {
            const tip = document.createElement('div');
            tip.innerHTML = props.t || '';
            names.push(tip.querySelector('b').textContent);
        }
    });
    return names;
}"""


def map_events(page) -> int:
    return page.evaluate(MAP_EVENTS_JS)


def chart(page):
    locator = page.locator(CHART).first
    locator.scroll_into_view_if_needed()
    page.locator(BARS).first.wait_for(state="attached")
    return locator


def test_timeline_is_drawn_offline_with_a_bar_per_event(app_page, page_record, catalogue_frames):
    page, _ = app_page
    chart(page)
    labels = page.locator(BARS).evaluate_all("ps => ps.map(p => p.getAttribute('aria-label'))")
    names = set(catalogue_frames["events"]["name"])
    assert {n for n in names if any(f"Event: {n};" in label for label in labels)} == names
    assert page.locator(f"{CHART} svg.marks").count() == 1
    assert page_record.outside() == []
    assert page_record.errors == []


def test_dragging_a_span_filters_the_map_and_clear_brings_all_back(app_page, catalogue_frames):
    page, _ = app_page
    total = len(catalogue_frames["events"])
    assert map_events(page) == total
    box = chart(page).locator("svg.marks").bounding_box()
    y = box["y"] + box["height"] * 0.6
    page.mouse.move(box["x"] + box["width"] * 0.70, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.90, y, steps=8)
    page.mouse.up()
    page.wait_for_function(MAP_SHOWS_FEWER_JS, arg=total, polling=POLL_MS)
    shown = map_events(page)
    status = page.get_by_text("Chart selection:")
    status.wait_for()
    assert f"{shown} of {total} events" in status.locator("xpath=..").inner_text()
    page.get_by_role("button", name="Clear chart selection").click()
    page.wait_for_function(MAP_SHOWS_JS, arg=total, polling=POLL_MS)
    page.get_by_text("Chart selection:").wait_for(state="detached")
    assert page.locator(f"{CHART} .mark-rect path[aria-label]").count() > 0  # redrawn
    assert page.evaluate(BRUSH_WIDTH_JS) == 0, "the old brush is still drawn"


def test_clicking_a_bar_shows_only_that_event_on_the_map(app_page, catalogue_frames):
    page, frame = app_page
    events = catalogue_frames["events"]
    name = events.loc[events["id"] == "2025-04-15-btf-25-2-deployment", "name"].iloc[0]
    chart(page)
    page.locator(f'{BARS}[aria-label*="Event: {name};"]').click()
    page.wait_for_function(MAP_SHOWS_JS, arg=1, polling=POLL_MS)
    (drawn,) = frame.evaluate(DRAWN_EVENT_NAMES_JS)
    assert drawn == name, f"the map shows {drawn!r}, not the clicked event"
    # The status line comes after the map in the page: wait for it, do not just count.
    page.get_by_text("1 picked event").wait_for()


def test_clicking_an_event_on_the_map_shows_its_details_and_outlines_its_bar(
    app_page, catalogue_frames
):
    page, frame = app_page
    events = catalogue_frames["events"]
    name = events.loc[events["id"] == "2025-12-06-j15-radar-lock-f15", "name"].iloc[0]
    assert frame.evaluate(MARK_EVENT_JS, name), "no marker for the event"
    frame.locator('[data-test-target="event"]').click()
    page.get_by_role("heading", name=name).wait_for()
    page.wait_for_function(f"() => ({OUTLINED_BARS_JS})().length === 1", polling=POLL_MS)
    (outlined,) = page.evaluate(OUTLINED_BARS_JS)
    assert f"Event: {name};" in outlined


def test_clicking_a_bar_inside_a_dragged_span_picks_that_bar(app_page, catalogue_frames):
    page, frame = app_page
    events = catalogue_frames["events"]
    total = len(events)
    # The 10 Dec B-52H flight: alone in its row, among many events of Oct–Dec 2025.
    name = events.loc[events["id"] == "2025-12-10-us-jp-b52h-sea-of-japan", "name"].iloc[0]
    chart(page)
    bar = page.locator(f'{BARS}[aria-label*="Event: {name};"]')
    box = bar.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] - 60, y)  # a span around the bar, wide enough for its neighbours
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] + 60, y, steps=8)
    page.mouse.up()
    page.wait_for_function(MAP_SHOWS_FEWER_JS, arg=total, polling=POLL_MS)
    page.get_by_text("Chart selection:").wait_for()
    wait_for_idle(page)
    assert map_events(page) > 1, "the span holds only the bar: a pick would change nothing"
    assert page.evaluate(BRUSH_WIDTH_JS) > 0
    bar.click()  # Playwright clicks only what is on top: before, the brush took the click
    page.wait_for_function(MAP_SHOWS_JS, arg=1, polling=POLL_MS)
    (drawn,) = frame.evaluate(DRAWN_EVENT_NAMES_JS)
    assert drawn == name, f"the map shows {drawn!r}, not the clicked event"
    page.get_by_text("1 picked event").wait_for()
