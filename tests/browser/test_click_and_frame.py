"""What you click is what you get (issue 13), in the real app with the network cut off.

The wrong-event case first: a click inside the area of the 10 Dec 2025 B-52H flight,
20 km from the line of the 9 Dec China–Russia patrol, must describe the B-52H flight
(it described the patrol before). Then: the click never pans the map; typed dates;
framing the selection; the position in the link without pressing anything; and the
README's five actions for "what happened around Japan 5–12 Dec 2025, and who flew?".
"""

from __future__ import annotations

import re

import pytest

from scripts.appserver import MAP_IFRAME, MAP_POINT_JS, POLL_MS, wait_for_idle, wait_for_map

pytestmark = pytest.mark.browser

WEEK = "?start=2025-12-05&end=2025-12-12"
B52 = "US–Japan B-52H show of force over the Sea of Japan"
PATROL = "10th China–Russia joint strategic air patrol"
CLICK = (39.1, 132.2)  # inside the B-52H area, 20 km from the patrol's line (test_picking)
SET_VIEW_JS = "([lat, lon, zoom]) => { window.map.setView([lat, lon], zoom, {animate: false}); }"
CENTRE_JS = """() => {
    const c = window.map.getCenter();
    return [c.lat, c.lng, window.map.getZoom()];
}"""
SELECTION_ON_SCREEN_JS = """() => !!L.bmSelectionBounds
    && window.map.getBounds().contains(L.bmSelectionBounds)"""


def open_app(page, app_server, query: str = ""):
    page.goto(app_server.url + query)
    frame = wait_for_map(page)
    wait_for_idle(page)
    return frame


def move_map(page, frame, lat: float, lon: float, zoom: int) -> None:
    """Pan and zoom as a reader does; the end of the move reruns the script (the view)."""
    frame.evaluate(SET_VIEW_JS, [lat, lon, zoom])
    page.wait_for_timeout(600)  # st_folium reports a move 250 ms after it ends
    wait_for_idle(page)


def click_map_at(page, frame, lat: float, lon: float) -> None:
    x, y = frame.evaluate(MAP_POINT_JS, [lat, lon])
    box = page.locator(MAP_IFRAME).bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def drawer_heading(page):
    return page.locator(".st-key-details_drawer h4")


def test_a_click_in_an_area_near_a_line_describes_the_area(page, app_server, page_record):
    frame = open_app(page, app_server, WEEK)
    move_map(page, frame, *CLICK, 6)
    click_map_at(page, frame, *CLICK)
    heading = drawer_heading(page)
    heading.wait_for(state="visible")
    frame.wait_for_selector(".bm-highlight", state="attached")  # the clicked shape outlined
    assert B52 in heading.inner_text()
    assert PATROL not in heading.inner_text()
    assert page_record.outside() == []


def test_a_click_never_pans_the_map_and_opens_no_popup(page, app_server):
    frame = open_app(page, app_server, WEEK)
    move_map(page, frame, *CLICK, 6)
    before = frame.evaluate(CENTRE_JS)
    click_map_at(page, frame, *CLICK)
    drawer_heading(page).wait_for(state="visible")
    wait_for_idle(page)
    after = frame.evaluate(CENTRE_JS)
    assert after == pytest.approx(before, abs=1e-6)
    assert frame.locator(".leaflet-popup").count() == 0
    # Close empties the drawer and the outline; the map stays where it was.
    page.get_by_role("button", name="✕ Close").click()
    drawer_heading(page).wait_for(state="detached")
    frame.wait_for_selector(".bm-highlight", state="detached")
    assert frame.evaluate(CENTRE_JS) == pytest.approx(before, abs=1e-6)


def type_date(page, label: str, text: str) -> None:
    """Type a date as a reader does: year, month and day of the field, then leave it."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("spinbutton", name=f"year, {label}").click()
    page.keyboard.type(text.replace("-", ""))  # each part moves on to the next when full
    sidebar.get_by_role("heading", name="When").click()  # leaving the field commits it
    wait_for_idle(page)


def test_typed_dates_set_the_window_and_the_map_follows(page, app_server):
    frame = open_app(page, app_server)
    move_map(page, frame, 20.0, 160.0, 6)  # far out in the Pacific: nothing selected in view
    type_date(page, "First day", "2025-12-05")
    type_date(page, "Last day", "2025-12-12")
    page.get_by_text(re.compile(r"^6 events, 3 exercises$")).wait_for()
    slider = page.get_by_test_id("stSidebar").get_by_test_id("stSlider").inner_text()
    assert "2025-12-05" in slider and "2025-12-12" in slider
    # "Follow the selection" (on by default) brought the selected events on screen.
    frame.wait_for_function(SELECTION_ON_SCREEN_JS, polling=POLL_MS)


def test_the_frame_button_fits_the_map_to_the_selection(page, app_server):
    frame = open_app(page, app_server, WEEK)
    move_map(page, frame, 20.0, 160.0, 7)
    assert not frame.evaluate(SELECTION_ON_SCREEN_JS)
    frame.locator(".bm-frame").click()
    frame.wait_for_function(SELECTION_ON_SCREEN_JS, polling=POLL_MS)


def test_the_position_goes_into_the_link_without_pressing_anything(page, app_server):
    frame = open_app(page, app_server)
    move_map(page, frame, 24.5, 125.25, 7)
    page.wait_for_function(
        "() => /[?&]c=24\\.5(,|%2C)125\\.25/.test(location.search)"
        " && /[?&]z=7\\b/.test(location.search)",
        polling=POLL_MS,
    )


def test_the_readme_question_in_four_actions(page, app_server):
    """README, "Using the app": what happened around Japan 5–12 Dec 2025, and who flew?"""
    open_app(page, app_server)  # 1. open the app
    type_date(page, "First day", "2025-12-05")  # 2. type the first day
    type_date(page, "Last day", "2025-12-12")  # 3. type the last day
    page.get_by_role("tab", name="Events table").click()  # 4. read the numbered table
    grid = page.get_by_test_id("stDataFrame")
    grid.wait_for()
    page.get_by_text(re.compile(r"^6 events, 3 exercises$")).wait_for()
    cells = grid.locator("[role=gridcell]")  # the grid's accessible cells, as read aloud
    cells.first.wait_for(state="attached")  # drawn on a canvas; the cells stay hidden
    text = " | ".join(cells.all_text_contents())
    for expected in ("B-52H", "F-35A", "H-6K", "Tu-95", "J-15", "2025-12-10"):
        assert expected in text, expected
