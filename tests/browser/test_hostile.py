"""Hostile text in every field of an event never runs, anywhere it is shown.

The corpus (``tests/data/hostile``, see its ``make_hostile.py``) puts script tags,
event-handler attributes, ``javascript:`` URLs, quotes, backticks and Unicode direction
overrides into every text field. Each payload, if it ran, would set ``window.__pwned``
(or the document title). Checked: the app page and every frame in it (map tooltip,
popup, details panel, the import preview, the draft preview), the exported HTML and
the briefing (PNG) page, each in Chromium with the internet cut off; and the text
shows literally ("<script>" is visible as text).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from layers.catalogue.load import load_catalogue
from layers.catalogue.store import load_user_events
from layers.export.briefing import briefing_page_html
from layers.export.html_file import render_html
from layers.view.select import select
from layers.view.view import BriefingView
from scripts.appserver import POLL_MS, wait_for_idle

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "hostile"
MARK = "HOSTILE-MARK"
SCRIPT = "<script>window.__pwned=1</script>"
HANDLER = '<img src=x onerror="window.__pwned=2">'
URL = (
    "https://example.org/a?q=\"><script>window.__pwned=12</script>&x='onmouseover=window.__pwned=13"
)
EVENT_AT = (36.0, 144.0)  # lat, lon of the hostile events
PREVIEW_IMPORT = 'iframe[title="Preview of the valid events"]'
PREVIEW_DRAFT = 'iframe[title="Preview of the draft"]'

# The Leaflet map of a page (the app's iframe, a preview, an export): folium declares it
# as a global. Centre it on the hostile point, raise the point's marker and tag it.
MARK_TARGET_JS = """([mark, lat, lon]) => {
    const map = window.map || Object.keys(window).filter(k => k.startsWith('map_'))
        .map(k => window[k]).find(v => v instanceof L.Map);
    let target = null;
    map.eachLayer(layer => {
        const p = layer.feature && layer.feature.properties;
        if (p && p.t && p.t.includes(mark) && layer.getLatLng) { target = layer; }
    });
    if (!target) { return false; }
    map.setView([lat, lon], 7, {animate: false});
    target.bringToFront();
    target.getElement().setAttribute('data-test-target', 'hostile');
    return true;
}"""
FLAGS_JS = "() => [window.__pwned === undefined ? null : window.__pwned, document.title]"


def pwned(page) -> list:
    """Every frame of the page where a payload ran (flag set, or title changed)."""
    hits = []
    for frame in page.frames:
        if frame.is_detached():
            continue
        flag, title = frame.evaluate(FLAGS_JS)
        if flag is not None or title == "pwned":  # the payload sets exactly this title
            hits.append((frame.url, flag, title))
    return hits


def open_tooltip(frame) -> str:
    """Hover the hostile point like a user; return the tooltip's text."""
    assert frame.evaluate(MARK_TARGET_JS, [MARK, *EVENT_AT]), "hostile event not on the map"
    frame.locator('[data-test-target="hostile"]').hover()
    tooltip = frame.locator(".leaflet-tooltip", has_text=MARK)
    tooltip.wait_for(state="visible")
    return tooltip.inner_text()


def open_tooltip_and_popup(page, frame) -> tuple[str, str]:
    """Hover then click the hostile point like a user; return tooltip and popup text."""
    tooltip_text = open_tooltip(frame)
    frame.locator('[data-test-target="hostile"]').click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    return tooltip_text, popup.inner_text()


def assert_literal(text: str) -> None:
    assert SCRIPT in text
    assert HANDLER in text


def test_hostile_event_in_the_app_runs_nothing(hostile_page, page_record):
    page, frame = hostile_page
    assert_literal(open_tooltip(frame))
    frame.locator('[data-test-target="hostile"]').click()  # the app opens its drawer, no popup
    drawer = page.locator(".st-key-details_drawer")
    drawer.locator("h4", has_text=MARK).wait_for(state="visible")
    wait_for_idle(page)
    details = drawer.inner_text().replace("\u2060", "")  # word joiners after colons
    assert_literal(details)
    assert "javascript:window.__pwned=4" in details
    assert "\u202eevil" in details  # the direction override is kept as a character
    hrefs = drawer.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert URL in [unquote(h) for h in hrefs if h]  # percent-encoded, whole, in its attribute
    assert not any(h.startswith("javascript:") for h in hrefs if h)
    assert pwned(page) == []
    assert page_record.errors == []
    assert page_record.outside() == []


def test_hostile_upload_and_its_preview_run_nothing(hostile_page, page_record):
    page, _ = hostile_page
    page.get_by_role("tab", name="Import data").click()
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="Events file")
    uploader.locator("input[type=file]").set_input_files(CORPUS / "hostile_upload.geojson")
    preview = page.wait_for_selector(PREVIEW_IMPORT, state="attached", timeout=60_000)
    wait_for_idle(page)
    page.get_by_text("1 rejected").wait_for()
    frame = preview.content_frame()
    frame.wait_for_function("() => window.briefingMapReady === true", polling=POLL_MS)
    tooltip, popup = open_tooltip_and_popup(page, frame)
    assert_literal(tooltip)
    assert_literal(popup)
    assert pwned(page) == []
    assert page_record.errors == []
    assert page_record.outside() == []


def test_hostile_article_in_the_draft_tab_runs_nothing(hostile_page, page_record):
    page, _ = hostile_page
    page.get_by_role("tab", name="Draft from article").click()
    article = (REPO / "tests" / "data" / "articles" / "hostile.txt").read_text(encoding="utf-8")
    title = f"{SCRIPT} {HANDLER} [x](javascript:window.__pwned=4) `${{window.__pwned=5}}`"
    page.locator(".st-key-draft_article textarea").fill(article)
    page.locator(".st-key-draft_article_title input").fill(title)
    page.locator(".st-key-draft_article_title input").press("Tab")
    wait_for_idle(page)
    page.get_by_role("button", name="Draft event").click()
    page.wait_for_selector(PREVIEW_DRAFT, state="attached", timeout=60_000)
    wait_for_idle(page)
    name = page.locator(".st-key-draft_1_name input")
    assert name.input_value() == title
    assert page.locator(".st-key-draft_1_src_title input").input_value() == title
    assert page.get_by_text("“Sea of Japan”").count() >= 1  # evidence shown, as text
    assert pwned(page) == []
    assert page_record.errors == []
    assert page_record.outside() == []


@pytest.fixture(scope="module")
def hostile_frames(hostile_store) -> dict:
    user = load_user_events(hostile_store, on_problem=pytest.fail)
    return load_catalogue(extra_events=[user]).frames


def load_page(page, html: str) -> None:
    page.set_content(html)
    page.wait_for_function(
        "() => window.briefingMapReady === true", timeout=30_000, polling=POLL_MS
    )


def test_exported_html_runs_nothing(page, page_record, hostile_frames):
    view = BriefingView(center=EVENT_AT, zoom=6)
    load_page(page, render_html(select(hostile_frames, view)))
    tooltip, popup = open_tooltip_and_popup(page, page.main_frame)
    assert_literal(tooltip)
    assert_literal(popup)
    page.locator("#bm-sources-list summary").click()
    assert_literal(page.locator("#bm-sources-list").inner_text())
    assert pwned(page) == []
    assert page_record.errors == []
    assert page_record.outside() == []


def test_briefing_png_page_runs_nothing(page, page_record, hostile_frames):
    view = BriefingView(
        center=EVENT_AT,
        zoom=6,
        title=f"Brief {SCRIPT}",
        exercises=("hostile-stored-2025-12-10-exercise",),  # its sources fit on the page
    )
    load_page(page, briefing_page_html(select(hostile_frames, view), size=(1280, 720)))
    body = page.locator("body").inner_text()
    assert f"Brief {SCRIPT}" in body  # the title, as text
    assert f"{MARK} name {SCRIPT}" in body  # the event, numbered in the list, as text
    assert HANDLER in body  # its source's publisher, in the footnotes, as text
    tips = page.locator("#bm-sources li").evaluate_all("els => els.map(e => e.title)")
    assert any(f"{MARK} title {SCRIPT}" in tip for tip in tips)  # the full source, as text
    assert pwned(page) == []
    assert page_record.errors == []
    assert page_record.outside() == []


def test_the_check_sees_a_payload_that_runs(page):
    page.set_content(f"<p>{HANDLER}</p><script>document.title = 'pwned'</script>")
    page.wait_for_function("() => window.__pwned === 2", polling=POLL_MS)
    assert pwned(page) == [("about:blank", 2, "pwned")]
