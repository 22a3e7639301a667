"""Two app servers on one database, in Chromium: an edit saved in one appears in the other.

Two ``scripts/serve.py`` processes (standing in for two machines) share a database of
their own. Server B shows an event; server A edits its name through the details
panel; B's next rerun (any widget) asks the stamp once, reloads, and shows the new
name. Also: hostile text saved as an edit is shown as text in the other server's
details and history. Every request stays on this machine.
"""

from __future__ import annotations

import json
import os
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

import pytest

from scripts.appserver import running_app, wait_for_idle, wait_for_map

pytestmark = [pytest.mark.browser, pytest.mark.database]

def _point_events() -> list[tuple[str, str]]:
    """(id, name) of the shipped point events, newest first (the tests follow the data)."""
    fc = json.loads((Path(__file__).resolve().parents[2] / "geodata/events.geojson").read_text())
    points = [f for f in fc["features"] if f["geometry"]["type"] == "Point"]
    points.sort(key=lambda f: f["properties"]["start"], reverse=True)
    return [(f["properties"]["id"], f["properties"]["name"]) for f in points]


(EVENT, NAME), OTHER = _point_events()[0], _point_events()[1]
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> **bold**'
# Centre the map on the event whose tooltip holds `text` and mark its element (test_explore).
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
    if (target.bringToFront) { target.bringToFront(); }
    target.getElement().setAttribute('data-test-target', 'event');
    return true;
}"""


@pytest.fixture(scope="module")
def servers(pg_cluster):
    """Two app servers on one fresh database: ``(url_a, url_b, database_url)``."""
    url = pg_cluster.fresh_database("briefing_two_servers")
    env = {"BRIEFING_MAP_DATABASE_URL": url, "PGPASSFILE": str(pg_cluster.pgpass)}
    with ExitStack() as stack:
        apps = []
        for _ in range(2):
            with mock.patch.dict(os.environ, env):
                apps.append(stack.enter_context(running_app(timeout=120)))
        yield apps[0].url, apps[1].url, url


def _open_event(page, url: str, search: str = NAME):
    page.goto(url)
    frame = wait_for_map(page)
    wait_for_idle(page)
    assert frame.evaluate(MARK_EVENT_JS, search), "the event is not on the map"
    frame.locator('[data-test-target="event"]').click()
    wait_for_idle(page)
    return frame


def _second_page(browser, page_record):
    from tests.browser.conftest import VIEWPORT, _record

    context = browser.new_context(viewport=VIEWPORT)
    _record(context, page_record)
    return context, context.new_page()


def _edit(page, field: str, value: str, why: str, author: str = "Ann on server A",
          event: str = EVENT) -> None:  # fmt: skip
    name = page.locator(".st-key-db_author_name input")
    name.fill(author)
    name.press("Enter")
    wait_for_idle(page)
    page.get_by_text("Edit this event").click()
    box = page.locator(f'[class*="st-key-db_edit_{event}_{field}_"] input, '
                       f'[class*="st-key-db_edit_{event}_{field}_"] textarea').first  # fmt: skip
    box.fill(value)
    box.press("Tab")
    why_box = page.locator(f'[class*="st-key-db_edit_{event}_why_"] input').first
    why_box.fill(why)
    why_box.press("Tab")
    wait_for_idle(page)
    page.get_by_role("button", name="Save as a new version").click()
    page.get_by_text("Saved version").wait_for(timeout=60_000)
    wait_for_idle(page)


def test_an_edit_saved_on_one_server_shows_on_the_other_at_its_next_rerun(
    servers, page, browser, page_record
):
    url_a, url_b, _ = servers
    context_b, page_b = _second_page(browser, page_record)
    try:
        _open_event(page_b, url_b)
        page_b.locator("h4", has_text=NAME).wait_for(state="visible")
        _open_event(page, url_a)
        _edit(page, "name", "Radar lock, renamed on server A", "as in the MoD release")
        page.locator("h4", has_text="Radar lock, renamed on server A").wait_for()
        # B has not rerun yet: it still shows what it drew. Any widget reruns it.
        assert page_b.locator("h4", has_text=NAME).count() == 1
        sidebar = page_b.get_by_test_id("stSidebar")
        sidebar.get_by_role("combobox", name="Quick window").click()
        page_b.get_by_role("option", name="All dates", exact=True).click()
        page_b.locator("h4", has_text="Radar lock, renamed on server A").wait_for(timeout=60_000)
        page_b.get_by_text("History (2 versions)").click()
        page_b.get_by_text("Ann on server A").first.wait_for()
    finally:
        context_b.close()
    assert page_record.errors == []
    assert page_record.outside() == []


def test_hostile_text_saved_as_an_edit_is_text_on_the_other_server(
    servers, page, browser, page_record
):
    url_a, url_b, _ = servers
    event, search = OTHER
    _open_event(page, url_a, search)
    _edit(page, "summary", HOSTILE, f"why {HOSTILE}", author=f"Mallory {HOSTILE}", event=event)
    context_b, page_b = _second_page(browser, page_record)
    try:
        _open_event(page_b, url_b, search)
        page_b.get_by_text("History (").click()
        wait_for_idle(page_b)
        body = page_b.locator("body").inner_text()
        assert "<script>window.__pwned=1</script>" in body  # the summary, as text
        assert "**bold**" in body  # Markdown not rendered
        flags = [f.evaluate("() => window.__pwned === undefined") for f in page_b.frames]
        assert all(flags)
    finally:
        context_b.close()
    assert page_record.errors == []
    assert page_record.outside() == []
