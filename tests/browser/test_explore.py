"""Exploring in the real app: the date window, playback, a click for details.

The position in the link: tests/browser/test_click_and_frame.py.

The map must never be remounted by these: the static map is identical across reruns
and only the data groups are swapped, so the Leaflet map object, its position and its
zoom survive. Every test also runs with the internet cut off (see conftest).
"""

from __future__ import annotations

import re

import pytest

from scripts.appserver import MAP_IFRAME, POLL_MS, wait_for_idle

pytestmark = pytest.mark.browser

SUMMARY = re.compile(r"^[\d,]+ events?, \d+ exercises?$")
EVENTS_DRAWN_JS = "() => document.querySelectorAll('.bm-feature.bm-layer-events').length"
# Tag the live Leaflet map, so a remount (a new iframe, a new map) would be noticed.
TAG_MAP_JS = """([lat, lon, zoom]) => {
    window.map.setView([lat, lon], zoom, {animate: false});
    window.map.__bmTag = 'kept';
    return true;
}"""
MAP_STATE_JS = """() => {
    const c = window.map.getCenter();
    return {tag: window.map.__bmTag || null, lat: c.lat, lng: c.lng, zoom: window.map.getZoom()};
}"""
# Centres the map on the event whose tooltip contains `text` and marks its element.
MARK_EVENT_JS = """text => {
    let target = null;
    window.map.eachLayer(layer => {
        const p = layer.feature && layer.feature.properties;
        if (p && layer.getElement && layer.getElement() && layer.getLatLng
            && (p.t || '').includes(text)
            && layer.getElement().classList.contains('bm-layer-events')) { target = layer; }
    });
    if (!target) { return false; }
    window.map.setView(target.getLatLng(), 7, {animate: false});
    target.getElement().setAttribute('data-test-target', 'event');
    return true;
}"""


def summary_text(page) -> str:
    return page.get_by_text(SUMMARY).inner_text()


def wait_for_summary_change(page, before: str) -> str:
    page.wait_for_function(
        """before => [...document.querySelectorAll('strong')].some(
            s => /^[\\d,]+ events?, \\d+ exercises?$/.test(s.textContent)
                 && s.textContent !== before)""",
        arg=before,
        polling=POLL_MS,
    )
    wait_for_idle(page)
    return summary_text(page)


def choose_quick_window(page, label: str) -> None:
    """Type into the box, as a reader does with ~50 choices: the list shows only a screenful."""
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Quick window")
    box.click()
    box.fill(label)
    page.get_by_role("option", name=label).click()


def test_changing_the_window_changes_what_the_map_draws(app_page, page_record):
    page, frame = app_page
    before_summary, before = summary_text(page), frame.evaluate(EVENTS_DRAWN_JS)
    choose_quick_window(page, "Exercise: Liaoning carrier group near Okinawa, Dec 2025")
    after_summary = wait_for_summary_change(page, before_summary)
    n = int(after_summary.split()[0])
    frame.wait_for_function(f"() => ({EVENTS_DRAWN_JS})() === {n}", polling=POLL_MS)
    assert 0 < frame.evaluate(EVENTS_DRAWN_JS) < before
    assert page_record.errors == []
    assert page_record.outside() == []


def test_playback_advances_without_remounting_the_map(app_page, page_record):
    page, frame = app_page
    iframe = page.locator(MAP_IFRAME).element_handle()
    everything = summary_text(page)
    # a one-day flight with nothing on the next day (long coast-guard records cover most days)
    choose_quick_window(page, "Exercise: US–Japan B-1B bilateral, 30 Aug 2023")
    assert wait_for_summary_change(page, everything) == "1 event, 1 exercise"
    frame.wait_for_function(f"() => ({EVENTS_DRAWN_JS})() === 1", polling=POLL_MS)
    frame.evaluate(TAG_MAP_JS, [31.0, 128.0, 6])  # the reader pans and zooms...
    # The end of a move goes to the script (the view's position) 250 ms later; a reader's
    # hand takes longer than that to reach the sidebar, so let that rerun finish first.
    page.wait_for_timeout(600)
    wait_for_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("button", name="Step ▶").click()  # ...then plays 30 Aug → 31 Aug
    assert wait_for_summary_change(page, "1 event, 1 exercise") == "0 events, 0 exercises"
    assert "2023-08-31" in sidebar.get_by_test_id("stSlider").inner_text()
    frame.wait_for_function(f"() => ({EVENTS_DRAWN_JS})() === 0", polling=POLL_MS)
    state = frame.evaluate(MAP_STATE_JS)
    assert state["tag"] == "kept", "the map was rebuilt"
    assert (round(state["lat"], 3), round(state["lng"], 3), state["zoom"]) == (31.0, 128.0, 6)
    assert iframe.evaluate("el => el.isConnected"), "the map iframe was replaced"
    assert page.locator(MAP_IFRAME).count() == 1
    assert page_record.errors == []


def test_clicking_an_event_opens_its_details(app_page, page_record):
    page, frame = app_page
    name = "J-15 fire-control radar illumination of JASDF F-15s"
    heading = page.locator("h4", has_text=name)
    assert heading.count() == 0
    assert frame.evaluate(MARK_EVENT_JS, "radar illumination"), "no radar-lock marker"
    before = frame.evaluate(MAP_STATE_JS)
    frame.evaluate(TAG_MAP_JS, [before["lat"], before["lng"], before["zoom"]])
    frame.locator('[data-test-target="event"]').click()
    heading.wait_for(state="visible")
    assert frame.evaluate(MAP_STATE_JS)["tag"] == "kept", "the click rebuilt the map"
    assert page_record.errors == []
    assert page_record.outside() == []
