"""The map first, and the marks on it, as a reader sees them in the app (issue 12).

The map's frame against the window at two sizes; the details drawer a click opens
(numbered as on the map) and its ✕ Close, which must not remount the map; the legend
control (closed, listing only what is drawn); the numbered callouts (one per event,
none overlapping, a leader line to each one moved off its place); base labels thinned
by zoom; the scale in nautical miles. Everything read from the page's DOM, as drawn.
"""

from __future__ import annotations

import re

import pytest

from layers.catalogue.schema import EVENT_KINDS
from layers.view.select import select
from layers.view.url import view_to_query_string
from layers.view.view import BriefingView
from scripts.appserver import MAP_IFRAME, wait_for_idle, wait_for_map

pytestmark = pytest.mark.browser

# Four events near Okinawa, Dec 2025: two tracks and two points, two kinds.
EXERCISE = BriefingView(exercises=("liaoning-2025-12",))
RADAR_LOCK = "2025-12-06-j15-radar-lock-f15"  # a point: a reader can click it
NO_EVENTS = BriefingView(layers=("areas", "adiz", "bases"))

# Visible area (clipped to the window) of the map's frame and of everything else a
# reader sees: the sidebar and each innermost Streamlit element not holding the map.
VISIBLE_AREAS_JS = """() => {
    const map = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const seen = el => {
        const r = el.getBoundingClientRect();
        const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0);
        const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
        return Math.max(w, 0) * Math.max(h, 0);
    };
    const ELEMENT = '[data-testid="stElementContainer"]';
    const others = [document.querySelector('[data-testid="stSidebar"]'),
        ...document.querySelectorAll(ELEMENT)]
        .filter(el => el && !el.contains(map) && !el.querySelector(ELEMENT))
        .map(el => [seen(el), (el.getAttribute('data-testid') + ': ' + el.innerText).slice(0, 60)]);
    others.sort((a, b) => b[0] - a[0]);
    return {map: seen(map), largest_other: others[0]};
}"""
# Every callout as drawn: its number, the point it marks (Leaflet puts the icon's
# 0×0 box there), its badge's box and whether a leader line joins them.
CALLOUTS_JS = """() => [...document.querySelectorAll('.bm-callout')].map(el => {
    const at = el.getBoundingClientRect(), r = el.querySelector('rect').getBoundingClientRect();
    return {n: el.textContent.trim(), x: at.left, y: at.top,
            box: [r.left, r.top, r.right, r.bottom], leader: !!el.querySelector('line')};
})"""
SET_ZOOM_JS = """zoom => { window.map.setView(window.map.getCenter(), zoom, {animate: false});
    return window.map.getZoom(); }"""
LABELS_JS = """() => [...document.querySelectorAll('.bm-label')].map(el => {
    const r = el.firstElementChild.getBoundingClientRect();
    return {base: el.classList.contains('bm-label-base'),
            hidden: el.classList.contains('bm-label-hidden'),
            box: [r.left, r.top, r.right, r.bottom]};
})"""
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


def open_app(page, app_url: str, view: BriefingView | None = None, size=None):
    """The app (at ``view``'s link, in a ``size`` window), map drawn and idle; the map's frame."""
    if size:
        page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/?{view_to_query_string(view)}" if view else app_url)
    frame = wait_for_map(page)
    wait_for_idle(page)
    return frame


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_at_1600_by_1000_the_map_takes_most_of_the_window(page, app_url, page_record):
    open_app(page, app_url, size=(1600, 1000))
    box = page.locator(MAP_IFRAME).bounding_box()
    # measured: 1252 × 825 px, 78 % of the width and 82 % of the height
    assert box["width"] >= 0.65 * 1600, box
    assert box["height"] >= 0.70 * 1000, box
    assert box["y"] + box["height"] <= 1000, "the map runs off the bottom of the window"
    assert page_record.errors == []


def test_at_1280_by_720_the_map_is_the_largest_thing_in_the_window(page, app_url):
    open_app(page, app_url, size=(1280, 720))
    areas = page.evaluate(VISIBLE_AREAS_JS)
    other_area, other = areas["largest_other"]
    assert areas["map"] > other_area, f"map {areas['map']:.0f} px² < {other!r} {other_area:.0f}"


def test_a_click_opens_the_numbered_drawer_and_close_keeps_the_map(
    page, app_url, catalogue_frames, page_record
):
    number = select(catalogue_frames, EXERCISE).numbers[RADAR_LOCK]
    events = catalogue_frames["events"]
    name = events.loc[events["id"] == RADAR_LOCK, "name"].iloc[0]
    frame = open_app(page, app_url, EXERCISE)
    drawer = page.locator(".st-key-details_drawer")
    assert drawer.count() == 0  # no column waiting for a click
    iframe = page.locator(MAP_IFRAME).element_handle()
    map_box = iframe.bounding_box()
    frame.evaluate("() => { window.__bmKept = 'kept'; }")  # lost if the map is remounted
    assert frame.evaluate(MARK_EVENT_JS, "radar illumination"), "no radar-lock marker"
    frame.locator('[data-test-target="event"]').click()
    drawer.wait_for(state="visible")
    assert drawer.locator("h4").first.inner_text().strip() == f"{number} · {name}"
    assert overlaps(_edges(drawer.bounding_box()), _edges(map_box)), "not a drawer over the map"
    assert iframe.bounding_box() == map_box, "opening the drawer moved the map"
    drawer.get_by_role("button", name="✕ Close").click()
    drawer.wait_for(state="detached")
    wait_for_idle(page)
    assert iframe.evaluate("el => el.isConnected"), "the map iframe was replaced"
    assert frame.evaluate("() => window.__bmKept") == "kept", "the map was reloaded"
    assert iframe.bounding_box() == map_box
    assert page_record.errors == []


def _edges(box: dict) -> tuple[float, float, float, float]:
    return box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]


def test_legend_is_a_closed_control_listing_only_what_is_drawn(page, app_url, catalogue_frames):
    drawn = select(catalogue_frames, EXERCISE).frames["events"]["kind"]
    kinds = {EVENT_KINDS[k] for k in drawn}
    assert kinds and kinds != set(EVENT_KINDS.values()), "the view must leave some kind out"
    frame = open_app(page, app_url, EXERCISE)
    legend = frame.locator(".leaflet-bottom.leaflet-right .bm-map-legend")
    assert legend.count() == 1
    assert legend.locator("details").evaluate("d => d.open") is False
    assert legend.bounding_box()["height"] < 40  # one line: "▸ Legend"
    legend.locator("summary").click()  # the reader opens it
    rows = legend.locator("details > div span").all_inner_texts()
    assert {row for row in rows if row in EVENT_KINDS.values()} == kinds


def test_callouts_number_each_event_once_and_never_overlap(page, app_url, catalogue_frames):
    n = len(select(catalogue_frames, EXERCISE).numbers)
    frame = open_app(page, app_url, EXERCISE)
    map_box = _edges(frame.locator(".leaflet-container").bounding_box())
    moved_at = {}
    for zoom in (frame.evaluate("() => window.map.getZoom()"), 3):  # as opened, then crowded
        assert frame.evaluate(SET_ZOOM_JS, zoom) == zoom
        callouts = frame.evaluate(CALLOUTS_JS)
        assert sorted(int(c["n"]) for c in callouts) == list(range(1, n + 1))
        for i, a in enumerate(callouts):
            for b in callouts[i + 1 :]:
                assert not overlaps(a["box"], b["box"]), f"callouts {a['n']} and {b['n']} overlap"
        moved = [c for c in callouts if _off_anchor(c)]
        for c in callouts:
            assert c["leader"] == (c in moved), f"callout {c['n']}: leader line {c['leader']}"
            if map_box[0] < c["x"] < map_box[2] and map_box[1] < c["y"] < map_box[3]:
                assert _inside(c["box"], map_box), f"callout {c['n']} is cut by the map's edge"
        moved_at[zoom] = len(moved)
    assert moved_at[3] > 0, "at zoom 3 the four anchors are within a badge of each other"


def _off_anchor(callout) -> bool:
    left, top, right, bottom = callout["box"]
    return abs((left + right) / 2 - callout["x"]) > 2 or abs((top + bottom) / 2 - callout["y"]) > 2


def _inside(box, outer) -> bool:
    return outer[0] <= box[0] and outer[1] <= box[1] and box[2] <= outer[2] and box[3] <= outer[3]


def test_base_labels_thin_out_at_low_zoom_and_come_back_zoomed_in(page, app_url):
    frame = open_app(page, app_url, NO_EVENTS)  # no callouts: labels only meet labels
    hidden_bases = {}
    for zoom in (4, 7):
        assert frame.evaluate(SET_ZOOM_JS, zoom) == zoom
        labels = frame.evaluate(LABELS_JS)
        shown = [label["box"] for label in labels if not label["hidden"]]
        for i, box in enumerate(shown):
            assert not any(overlaps(box, other) for other in shown[i + 1 :]), "labels collide"
        hidden = [label for label in labels if label["hidden"]]
        for label in hidden:  # each hidden one would have collided with one shown
            assert any(overlaps(label["box"], other) for other in shown)
        hidden_bases[zoom] = sum(label["base"] for label in hidden)
    assert hidden_bases[4] > 0, "at zoom 4 some base labels collide and must be hidden"
    assert hidden_bases[7] < hidden_bases[4]


def test_scale_bar_reads_nautical_miles_over_kilometres(app_page):
    _, frame = app_page
    nm, km = frame.locator(".bm-scale-nm"), frame.locator(".bm-scale-km")
    nm_text, km_text = nm.inner_text(), km.inner_text()
    assert re.fullmatch(r"\d+ nm", nm_text) and re.fullmatch(r"\d+ km", km_text)
    # each bar is as long as its distance: the two agree on the map's scale
    nm_m_per_px = int(nm_text.split()[0]) * 1852 / nm.bounding_box()["width"]
    km_m_per_px = int(km_text.split()[0]) * 1000 / km.bounding_box()["width"]
    assert nm_m_per_px == pytest.approx(km_m_per_px, rel=0.05)
