"""The first page load: the map comes first, the rest follows on its own and moves nothing."""

from __future__ import annotations

import pytest

from scripts.appserver import wait_for_idle, wait_for_map

pytestmark = pytest.mark.browser

MAP = 'iframe[title="streamlit_folium.st_folium"]'
TIMELINE = '[data-testid="stVegaLiteChart"]'


def test_the_timeline_and_tabs_follow_the_map_without_moving_it(page, app_server, page_record):
    page.goto(app_server.url)
    wait_for_map(page)
    at_paint = page.locator(MAP).bounding_box()
    wait_for_idle(page)  # the run the map starts once drawn
    page.locator(TIMELINE).first.wait_for(state="attached")
    assert page.get_by_role("tab", name="Events table").is_visible()
    page.locator('[data-testid="stDataFrame"]').first.wait_for(state="attached")  # open tab
    assert page.locator(MAP).bounding_box() == at_paint
    assert page.get_by_text("The timeline and the tables follow the map").count() == 0
    assert page_record.errors == []


def test_a_tab_is_built_when_opened_and_keeps_what_was_typed(app_page):
    page, _ = app_page
    assert page.get_by_label("Briefing title").count() == 0  # never opened: not built
    page.get_by_role("tab", name="Briefing export").click()
    title = page.get_by_label("Briefing title")
    title.fill("Week 50 air activity")
    title.press("Enter")
    wait_for_idle(page)
    page.get_by_role("tab", name="Events table").click()
    wait_for_idle(page)
    page.get_by_role("tab", name="Briefing export").click()
    wait_for_idle(page)
    assert page.get_by_label("Briefing title").input_value() == "Week 50 air activity"


def test_the_widgets_that_follow_the_map_show_the_links_view(page, app_server):
    """The sidebar comes after the first paint: it must show (and keep) what the link chose."""
    page.goto(f"{app_server.url}?kind=joint_patrol&layers=events,bases")
    wait_for_map(page)
    wait_for_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.locator('[data-tag][aria-label="Joint patrol"]').count() == 1
    checked = {name: sidebar.get_by_role("checkbox", name=name).is_checked()
               for name in ("Events", "Air bases", "ADIZ")}  # fmt: skip
    assert checked == {"Events": True, "Air bases": True, "ADIZ": False}
    sidebar.get_by_text("Week", exact=True).click()  # any run: the widgets send their values
    wait_for_idle(page)
    assert "kind=joint_patrol" in page.url and "layers=" in page.url
    assert sidebar.get_by_role("checkbox", name="Events").is_checked()


def test_the_basemap_is_fetched_once_by_the_page_and_never_gzipped(page, app_server):
    """The page fetches what the first picture draws, once, as whole ranges, which
    Streamlit sends as they are (a gzipped answer was 3-5 times slower); the map's frame
    takes them from there and fetches the full regional file after the first picture."""
    answers = []
    page.on("response", lambda r: "/basemap/" in r.url and answers.append(r))
    page.goto(app_server.url)
    frame = wait_for_map(page)
    assert frame.evaluate("window.briefingMapError || null") is None
    first = {a.url.rsplit("/", 1)[1]: a for a in answers}
    assert sorted(first) == [
        "region_countries_10m_display.json",
        "world_countries_50m_pacific_display.json",
    ]
    assert all(a.frame == page.main_frame for a in first.values())  # the page's, not the frame's
    frame.wait_for_function("performance.getEntriesByName('bm-basemap-detail').length > 0")
    later = [a for a in answers if a.url.rsplit("/", 1)[1] not in first]
    assert [a.url.rsplit("/", 1)[1] for a in later] == ["region_countries_10m.json"]
    for answer in answers:
        assert answer.request.headers.get("range") == "bytes=0-"
        assert answer.status == 206
        assert "content-encoding" not in answer.all_headers()


def test_a_view_that_opens_zoomed_in_draws_the_full_coastline_in_its_first_picture(
    page, app_server
):
    page.goto(f"{app_server.url}?z=8")
    frame = wait_for_map(page)
    marks = frame.evaluate(
        "() => Object.fromEntries("
        "performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))"
    )
    assert marks["bm-basemap-detail"] <= marks["bm-painted"]
