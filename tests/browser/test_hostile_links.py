"""A link, a view recipe or an imported name cannot make the page fetch, link or style.

An attacker who can hand the analyst a link puts Markdown in its values; a notice that
rendered it would fetch a tracking pixel (``![x](http://203.0.113.5/…)``), draw a fake
sign-in heading or colour text. Each test opens the real app in Chromium with every
request off the machine recorded and refused, and checks: no such request, and the
notice shows the value as text (no image, link, heading or styled span in it).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit

import pytest

from layers.safe_text import read_md
from scripts.appserver import POLL_MS, wait_for_idle, wait_for_map

pytestmark = pytest.mark.browser

PIXEL = "![x](http://203.0.113.5/p.png)"
PHISH = "x\n# Session expired\n[Sign in again](http://203.0.113.9/login)"
STYLED = ":red[alert] $x^2$ :material/warning: www.example.org"
KEYS = ("start", "end", "ex", "kind", "who", "ac", "layers", "c", "z", "bm")
ALERT = '[data-testid="stAlert"]'
# What rendered Markdown would leave inside a notice.
RENDERED_JS = """(sel) => Array.from(document.querySelectorAll(sel)).flatMap(a =>
  Array.from(a.querySelectorAll('img, a, h1, h2, h3, h4, h5, h6, .katex, [style*="color"], '
    + 'span[data-testid="stIconMaterial"]')).map(e => e.outerHTML.slice(0, 120)))"""


def open_app(page, base_url: str, query) -> None:
    page.goto(f"{base_url}/?{urlencode(query, doseq=True)}")
    wait_for_map(page)
    wait_for_idle(page)


def alerts(page) -> list[str]:
    """The text of every notice, as a reader sees it (invisible joiners dropped)."""
    return [read_md(text) for text in page.locator(ALERT).all_inner_texts()]


def assert_inert(page, record) -> None:
    assert page.evaluate(RENDERED_JS, ALERT) == []
    assert record.outside() == []
    assert not any(
        (urlsplit(url).hostname or "").startswith("203.0.113") for url in record.requests
    )


@pytest.mark.parametrize("key", KEYS)
def test_markdown_in_any_link_value_is_shown_as_text(page, page_record, app_url, key):
    open_app(page, app_url, {key: PIXEL})
    shown = " ".join(alerts(page))
    assert "203.0.113.5/p.png" in shown  # quoted in the notice, as text
    assert_inert(page, page_record)


@pytest.mark.parametrize("payload", [PHISH, STYLED], ids=["phishing", "styled"])
def test_headings_links_colours_and_maths_stay_text(page, page_record, app_url, payload):
    open_app(page, app_url, {"ex": payload})
    shown = " ".join(alerts(page))
    assert "Session expired" in shown or ":red[alert]" in shown
    assert_inert(page, page_record)


def test_two_hundred_values_give_a_few_notices_and_no_request(page, page_record, app_url):
    open_app(page, app_url, {"ex": [f"{PIXEL}{i}" for i in range(200)]})
    about_the_link = [text for text in alerts(page) if "URL" in text or "link" in text]
    assert len(about_the_link) == 6  # capped: five, then how many more
    assert_inert(page, page_record)


def test_a_link_asking_for_online_tiles_fetches_nothing_until_chosen(page, page_record, app_url):
    open_app(page, app_url, {"bm": "osm"})
    assert any("they stay off" in text for text in alerts(page))
    tiles = [url for url in page_record.requests if "tile.openstreetmap" in url]
    assert tiles == []
    page.get_by_text("OpenStreetMap (online)").click()  # the user's own choice, on screen
    page.wait_for_function(
        "() => document.body.innerText.includes('tells that server')", polling=POLL_MS
    )
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame.locator("img.leaflet-tile").first.wait_for(state="attached")
    tiles = [url for url in page_record.requests if "tile.openstreetmap" in url]
    assert tiles, "choosing the tiles on screen should request them"


def recipe_upload(page, name: str, data: bytes, expected: str) -> None:
    page.get_by_role("tab", name="Briefing export").click()
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="Load a view recipe")
    uploader.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": data}
    )
    page.locator(ALERT, has_text=expected).first.wait_for()
    wait_for_idle(page)


def test_a_hostile_recipe_is_refused_as_text(page, page_record, app_url):
    open_app(page, app_url, {})
    recipe = {"version": PIXEL, PHISH: 1, "basemap": "osm"}
    recipe_upload(page, f"{PIXEL}.json", json.dumps(recipe).encode(), "cannot be used")
    shown = " ".join(alerts(page))
    assert "cannot be used" in shown and "203.0.113.5/p.png" in shown
    assert_inert(page, page_record)


def test_a_recipe_with_hostile_lists_and_online_tiles_loads_offline(page, page_record, app_url):
    open_app(page, app_url, {})
    recipe = {"version": 1, "exercises": [PIXEL, PHISH], "basemap": "osm", "title": PIXEL}
    recipe_upload(page, "view.json", json.dumps(recipe).encode(), "Loaded view recipe")
    wait_for_map(page)
    wait_for_idle(page)
    shown = " ".join(alerts(page))
    assert "they were not fetched" in shown  # the recipe's tiles stay off
    assert "Unknown exercise" in shown and "203.0.113.5/p.png" in shown  # the lists, as text
    assert [url for url in page_record.requests if "tile.openstreetmap" in url] == []
    assert_inert(page, page_record)


def test_an_imported_aircraft_name_in_an_export_notice_stays_text(hostile_app, page, page_record):
    """'Nothing to export' lists the aircraft filter: a name from an import file."""
    hostile_type = "![pixel](http://203.0.113.5/md.png) www.example.org :red[red] $x^2$"
    open_app(page, hostile_app.url, {"ac": hostile_type, "kind": "incident"})
    page.get_by_role("tab", name="Briefing export").click()
    notice = page.locator(ALERT, has_text="Nothing to export")
    notice.wait_for()
    assert "203.0.113.5/md.png" in read_md(notice.inner_text())
    assert_inert(page, page_record)
