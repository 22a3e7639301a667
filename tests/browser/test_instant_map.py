"""A date window picked in the sidebar shows on the map at once, before the server answers.

The page's connection to the server is held (Playwright routes the app's WebSocket):
whatever the map shows while the server has not heard of the click, the page drew by
itself from the lists the last run sent (``ui/instant.py``). Releasing the connection
lets the run happen; the map, the summary and the table then agree with it.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from layers.catalogue.schema import EVENT_KINDS
from layers.view.playback import advance_window, data_range
from layers.view.select import select
from layers.view.view import BriefingView
from scripts.appserver import wait_for_idle, wait_for_map

pytestmark = pytest.mark.browser

STREAM = re.compile(r".*/_stcore/stream")
MAP_EVENTS_JS = """() => {
    const w = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
    const numbers = Array.from(w.document.querySelectorAll('.bm-callout text'))
        .map(t => Number(t.textContent)).sort((a, b) => a - b);
    return {drawn: w.document.querySelectorAll('.bm-feature.bm-layer-events').length,
            numbers: numbers};
}"""
READY_JS = "() => !!(window.__briefingMapInstant && window.__briefingMapInstant.lists)"


class HeldConnection:
    """Forwards the page's WebSocket both ways, except the page's messages while held."""

    def __init__(self):
        self.holding, self.held, self.server = False, [], None

    def route(self, ws):
        self.server = ws.connect_to_server()
        ws.on_message(self._from_page)
        self.server.on_message(ws.send)

    def _from_page(self, message):
        if self.holding:
            self.held.append(message)
        else:
            self.server.send(message)

    def release(self):
        self.holding = False
        for message in self.held:
            self.server.send(message)
        self.held.clear()


def _open_held(page, url: str) -> HeldConnection:
    """Open the app through a connection the test can hold; its lists ready."""
    connection = HeldConnection()
    page.route_web_socket(STREAM, connection.route)
    page.goto(url)
    wait_for_map(page)
    wait_for_idle(page)
    page.wait_for_function(READY_JS)
    return connection


@pytest.fixture
def held_page(page, app_server):
    return page, _open_held(page, app_server.url)


def _map_events(page) -> dict:
    return page.evaluate(MAP_EVENTS_JS)


def _expected(frames, view: BriefingView) -> dict:
    selection = select(frames, view)
    drawn = ~(selection.events.geometry.isna() | selection.events.geometry.is_empty)
    return {"drawn": int(drawn.sum()), "numbers": sorted(selection.numbers.values())}


def _wait_for_map_events(page, want: dict) -> None:
    page.wait_for_function(f"want => JSON.stringify(({MAP_EVENTS_JS})()) === "
                           "JSON.stringify(want)", arg=want)


def _pick_quick(page, label: str) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("combobox", name="Quick window").click()
    page.get_by_role("option", name=label, exact=True).click()


def test_a_quick_window_shows_before_the_server_has_heard_of_it(held_page, catalogue_frames):
    page, connection = held_page
    year = BriefingView(start=date(2024, 1, 1), end=date(2024, 12, 31))
    want = _expected(catalogue_frames, year)
    assert _map_events(page) != want  # the default view shows every date
    connection.holding = True
    _pick_quick(page, "2024")
    _wait_for_map_events(page, want)  # every event of 2024, numbered as the server numbers
    assert connection.held, "the page told the server nothing: the test proves nothing"
    connection.release()  # the run happens now: the summary and the table catch up
    count = len(select(catalogue_frames, year).events)
    expect(page.get_by_text(re.compile(rf"^{count} events, \d+ exercises?$"))).to_be_visible()
    wait_for_idle(page)
    assert _map_events(page) == want  # the server's run drew the same


def test_a_playback_step_shows_before_the_server_has_heard_of_it(
    page, app_server, catalogue_frames
):
    connection = _open_held(page, f"{app_server.url}?start=2024-06-01&end=2024-06-30")
    page.get_by_test_id("stSidebar").get_by_text("Week", exact=True).click()
    wait_for_idle(page)
    page.wait_for_function(READY_JS)
    window = (date(2024, 6, 1), date(2024, 6, 30))
    start, end = advance_window(window, "week", *data_range(catalogue_frames["events"]))
    want = _expected(catalogue_frames, BriefingView(start=start, end=end))
    connection.holding = True
    page.get_by_test_id("stSidebar").get_by_role("button", name="Step ▶").click()
    _wait_for_map_events(page, want)
    assert connection.held
    connection.release()
    wait_for_idle(page)
    assert _map_events(page) == want


def test_a_kind_chosen_and_removed_shows_before_the_server_has_heard_of_it(
    held_page, catalogue_frames
):
    page, connection = held_page
    label = EVENT_KINDS["joint_patrol"]
    connection.holding = True
    page.get_by_test_id("stSidebar").get_by_role("combobox", name="Event kinds").click()
    page.get_by_role("option", name=label, exact=True).click()
    _wait_for_map_events(page, _expected(catalogue_frames, BriefingView(kinds=("joint_patrol",))))
    assert connection.held
    page.keyboard.press("Escape")
    connection.release()
    wait_for_idle(page)
    page.wait_for_function(READY_JS)
    connection.holding = True  # the tag's ✕ takes the kind away again
    page.get_by_test_id("stSidebar").get_by_role("button", name=f"Remove {label}").click()
    _wait_for_map_events(page, _expected(catalogue_frames, BriefingView()))
    assert connection.held
    connection.release()
    wait_for_idle(page)
    assert _map_events(page) == _expected(catalogue_frames, BriefingView())


def test_clear_filters_shows_every_event_before_the_server_has_heard_of_it(
    page, app_server, catalogue_frames
):
    link = f"{app_server.url}?kind=joint_patrol&start=2024-01-01&end=2024-12-31"
    connection = _open_held(page, link)
    view = BriefingView(kinds=("joint_patrol",), start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert _map_events(page) == _expected(catalogue_frames, view)  # the link's view
    connection.holding = True
    page.get_by_test_id("stSidebar").get_by_role("button", name="Clear filters").click()
    _wait_for_map_events(page, _expected(catalogue_frames, BriefingView()))
    assert connection.held
    connection.release()
    wait_for_idle(page)
    assert _map_events(page) == _expected(catalogue_frames, BriefingView())


def test_after_a_typed_date_the_map_waits_for_the_server(held_page, catalogue_frames):
    page, connection = held_page
    before = _map_events(page)
    connection.holding = True
    year = page.get_by_test_id("stSidebar").get_by_role("spinbutton", name="year, First day")
    year.click()  # typing a date is not predicted: the lists assumed the old window
    year.press("ArrowUp")
    _pick_quick(page, "2024")
    page.wait_for_timeout(600)  # the server is held: only the page could change the map
    assert _map_events(page) == before
    connection.release()  # now the run draws the new window
    page.wait_for_function(
        f"before => JSON.stringify(({MAP_EVENTS_JS})()) !== JSON.stringify(before)", arg=before
    )
