"""Rendered-map tests: the HTML folium produces, checked without a browser."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date

import pytest
from render_fixtures import XSS, frames

from layers.catalogue.registry import LAYERS
from layers.map import render
from layers.map.features import feature_group, layer_features, static_layer_payloads
from layers.map.legend import legend_entries
from layers.map.render import build_map, map_payload_bytes
from layers.view.marks import Ring
from layers.view.select import select
from layers.view.view import BriefingView

VIEW = BriefingView()
PAYLOAD_LIMIT = 1_500_000


def _html(m) -> str:
    return m.get_root().render()


def _features(html: str) -> dict[str, list[dict]]:
    """Every FeatureLayer's features, keyed by its layer, parsed back from the page script."""
    out = {}
    layers = re.finditer(r'var cached = cache\["(\w+)"\];.*?var data = (\{.*?\});\n', html, re.S)
    for match in layers:
        out[match.group(1)] = json.loads(match.group(2).replace("<\\/", "</"))["features"]
    return out


@pytest.fixture(scope="module")
def cat():
    return frames()


@pytest.fixture(scope="module")
def static_html(cat):
    return _html(build_map(select(cat, VIEW), mode="static"))


def test_every_layer_is_in_the_switcher_by_title(static_html):
    for spec in LAYERS:
        assert json.dumps(spec.title) in static_html
    assert "L.control.layers(" in static_html


def test_the_switcher_offers_no_online_tiles(static_html):
    """Online tiles are chosen in the sidebar, with a warning: never one click in the map."""
    assert "tile.openstreetmap.org" not in static_html and "arcgisonline" not in static_html
    assert "L.tileLayer(" not in static_html


def test_feature_counts_match_the_frames(static_html, cat):
    drawn = _features(static_html)
    for key, frame in cat.items():
        assert len(drawn[key]) == len(frame), key


def test_filtered_events_only_are_drawn(cat):
    view = VIEW.with_changes(start=date(2025, 3, 1), end=date(2025, 3, 31))
    drawn = _features(_html(build_map(select(cat, view))))
    assert len(drawn["events"]) == 1
    assert "Bomber task force" in drawn["events"][0]["properties"]["t"]


def test_hidden_layers_are_not_drawn(cat):
    drawn = _features(_html(build_map(select(cat, VIEW.with_changes(layers=("bases",))))))
    assert set(drawn) == {"bases"}


def test_approximate_geometry_is_dashed_and_exact_is_not(cat):
    for key, frame in cat.items():
        for feature, row in zip(layer_features(key, frame), frame.to_dict("records"), strict=True):
            style = feature["properties"]["s"]
            approx = row["place_precision"] == "approximate" or row.get("approximate") is True
            assert ("bm-approx" in style["className"]) == approx
            if approx:
                assert style.get("dashArray")


def test_exact_adiz_is_solid(cat):
    features = layer_features("adiz", cat["adiz"])
    assert "dashArray" not in features[0]["properties"]["s"]


def test_data_text_is_escaped_everywhere(static_html):
    assert "<script>alert(1)" not in static_html
    assert 'onerror="alert(2)"' not in static_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in static_html
    assert 'href="javascript:' not in static_html


def test_no_remote_script_or_stylesheet(static_html):
    refs = re.findall(r'<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+)"', static_html)
    assert refs, "Leaflet must be referenced"
    assert all(ref.startswith("/app/static/vendor/") for ref in refs), refs


def test_the_only_remote_urls_are_source_links(static_html):
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", static_html))
    data_urls = {u for u in urls if "mod.go.jp" in u}  # source links inside popups
    svg_namespace = {"http://www.w3.org/2000/svg"}  # a name for createElementNS, never fetched
    assert urls - data_urls - svg_namespace == set()


def test_inline_map_references_nothing_outside_the_file(cat):
    html = _html(build_map(select(cat, VIEW), mode="inline"))
    refs = re.findall(r'<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+)"', html)
    assert refs and all(ref.startswith("data:") for ref in refs)
    assert "/app/static" not in html
    assert '"Sea of Japan"' not in html or "region_countries_10m" in html
    assert "world_countries_50m_pacific_display" in html  # the basemap is embedded
    assert '"format":"briefing-basemap"' in html  # in its compact form


def test_static_map_fetches_the_basemap_instead_of_embedding_it(static_html):
    assert "/app/static/basemap/world_countries_50m_pacific_display.json" in static_html
    assert '"FeatureCollection","name":"world_countries' not in static_html


def test_dyess_is_drawn_east_of_the_antimeridian(static_html):
    bases = _features(static_html)["bases"]
    dyess = next(f for f in bases if "Dyess" in f["properties"]["t"])
    assert dyess["geometry"]["coordinates"][0] == pytest.approx(260.15)


def test_a_route_cut_at_the_antimeridian_is_one_continuous_line(static_html):
    route = next(f for f in _features(static_html)["events"] if "Bomber" in f["properties"]["t"])
    assert route["geometry"]["type"] == "LineString"
    lons = [lon for lon, _ in route["geometry"]["coordinates"]]
    assert max(abs(a - b) for a, b in itertools.pairwise(lons)) < 60
    assert min(lons) == pytest.approx(141.37) and max(lons) == pytest.approx(260.15)


def test_map_has_zoom_limits_scale_and_ready_signal(static_html):
    assert '"maxZoom": 12' in static_html
    assert "BM.scale({}).addTo(" in static_html  # nautical miles over km
    assert "L.control.scale()" not in static_html  # Leaflet's own: km and miles
    assert "window.briefingMapReady = true" in static_html


def test_controls_false_hides_switcher_and_zoom_but_keeps_scale_and_legend(cat):
    html = _html(build_map(select(cat, VIEW), controls=False))
    assert "L.control.layers(" not in html
    assert '"zoomControl": false' in html
    assert "BM.scale({}).addTo(" in html
    assert "bm-map-legend" in html


def test_a_view_with_chosen_tiles_draws_them_over_the_offline_basemap(cat):
    html = _html(build_map(select(cat, VIEW.with_changes(basemap="osm"))))
    osm = re.search(r"var (tile_layer_\w+) = L\.tileLayer\(\s*\"https://tile\.openstreetmap", html)
    assert osm and f"{osm.group(1)}.addTo(" in html
    assert "arcgisonline" not in html  # only the chosen source
    basemap = re.search(r"var (offline_basemap_\w+) = L\.layerGroup", html)
    assert basemap and f"{basemap.group(1)}.addTo(" in html  # still there, under the tiles


def test_offline_basemap_is_the_default_and_tiles_are_not_shown(static_html):
    basemap = re.search(r"var (offline_basemap_\w+) = L\.layerGroup", static_html)
    assert f"{basemap.group(1)}.addTo(" in static_html
    for tile in re.findall(r"var (tile_layer_\w+) = L\.tileLayer", static_html):
        assert f"{tile}.addTo(" not in static_html


def test_event_layer_is_a_named_feature_group(cat):
    group = feature_group("events", select(cat, VIEW).events)
    assert group.layer_name == "Events"
    assert len(next(iter(group._children.values())).data_js) > 100


def test_legend_lists_what_is_shown_with_line_styles(cat):
    entries = legend_entries(select(cat, VIEW).frames, VIEW)
    labels = [label for label, _, _ in entries]
    assert "ADIZ: China" in labels and "Air base: United States" in labels
    assert ("Approximate geometry", "#555555", "dashed") in entries
    assert {style for _, _, style in entries} <= {"solid", "dashed", "marker", "hatch"}
    bases_only = VIEW.with_changes(layers=("bases",))
    only_bases = legend_entries(select(cat, bases_only).frames, bases_only)
    assert all(label.startswith(("Air base", "Approximate")) for label, _, _ in only_bases)
    assert "ADIZ: China" not in [label for label, _, _ in only_bases]


def test_payload_of_a_realistic_catalogue_is_under_the_target():
    big = frames(extra_bases=60, extra_events=300)
    payload = map_payload_bytes(build_map(select(big, VIEW), mode="static"))
    assert payload < PAYLOAD_LIMIT, payload


def test_building_does_not_modify_the_frames(cat):
    before = {k: f.copy() for k, f in cat.items()}
    build_map(select(cat, VIEW))
    for key, frame in cat.items():
        assert frame.equals(before[key])
    assert XSS in set(cat["bases"]["name"])


def test_every_event_kind_and_area_category_has_its_own_style():
    from layers.catalogue.schema import AREA_CATEGORIES, EVENT_KINDS
    from layers.map.styles import AREA_STYLES, EVENT_COLOURS

    assert set(EVENT_COLOURS) == set(EVENT_KINDS)
    assert len(set(EVENT_COLOURS.values())) == len(EVENT_COLOURS)
    assert set(AREA_STYLES) == set(AREA_CATEGORIES)


# --- The app's split: a never-changing base map + swappable data groups -----------------


def _strip_ids(text: str) -> str:
    return re.sub(r"_[0-9a-f]{32}", "", text)


def test_base_map_is_identical_whatever_the_filters_layers_and_window(cat):
    one = _html(render.build_base_map(VIEW))
    other = _html(
        render.build_base_map(
            VIEW.with_changes(start=date(2025, 1, 1), exercises=("x",), layers=("bases",))
        )
    )
    assert _strip_ids(one) == _strip_ids(other)
    assert "bm-layer-" not in one, "no data layer in the static map"
    assert "bm-frame" in one, "the frame-the-selection button lives in the static map"


def _group_classes(groups) -> list[set[str]]:
    found = []
    for group in groups:
        html = _html_of_group(group)
        found.append(set(re.findall(r"bm-layer-(\w+)", html)))
    return found


def _html_of_group(group) -> str:
    m = render.build_base_map(VIEW)
    group.add_to(m)
    return _html(m)


def test_data_layers_are_one_group_per_shown_layer_after_the_legend(cat):
    groups = render.build_data_layers(select(cat, VIEW))
    head = ["Legend", "Selection frame"]
    assert [g.layer_name for g in groups] == head + [spec.title for spec in LAYERS]
    assert _group_classes(groups[2:]) == [{spec.key} for spec in LAYERS]
    only = render.build_data_layers(select(cat, VIEW.with_changes(layers=("bases",))))
    assert [g.layer_name for g in only] == [*head, "Air bases"]


def test_first_group_resets_the_feature_registry_and_holds_the_legend(cat):
    html = _html_of_group(render.build_data_layers(select(cat, VIEW))[0])
    assert "window.briefingMapFeatures = {};" in html
    assert "bm-map-legend" in html and "ADIZ: China" in html
    hidden = render.build_data_layers(select(cat, VIEW.with_changes(layers=("bases",))))[0]
    assert "ADIZ: China" not in _html_of_group(hidden)


def test_data_layers_take_a_given_events_group_then_the_views_rings(cat):
    import folium

    events = folium.FeatureGroup(name="Scaled events")
    view = VIEW.with_changes(rings=(Ring((141.37, 40.70), 500_000.0, "Misawa"),))
    groups = render.build_data_layers(select(cat, view), events_layer=events)
    assert groups[-2] is events
    assert "bm-range-ring" in _html_of_group(groups[-1])


def test_data_layers_draw_only_the_filtered_events(cat):
    view = VIEW.with_changes(start=date(2099, 1, 1))
    groups = render.build_data_layers(select(cat, view))
    events_html = _html_of_group(groups[-1])
    assert _features(events_html)["events"] == []  # the events layer is there, empty


def test_cached_payloads_draw_the_same_layers_as_building_them(cat):
    payloads = static_layer_payloads(cat, popups=False)  # as the app caches them
    cached = render.build_data_layers(select(cat, VIEW), payloads=payloads)
    built = render.build_data_layers(select(cat, VIEW))
    for one, other in zip(cached[1:], built[1:], strict=True):
        assert _strip_ids(_html_of_group(one)) == _strip_ids(_html_of_group(other))
    assert set(static_layer_payloads(cat)) == {"areas", "adiz", "bases"}


def test_the_app_map_sends_tooltips_but_no_popup_html(cat):
    """The app opens a drawer on click: popup HTML would only make the page slower."""
    payloads = static_layer_payloads(cat, popups=False)
    groups = render.build_data_layers(select(cat, VIEW), payloads=payloads)
    drawn = {}
    for group in groups[1:]:
        drawn.update(_features(_html_of_group(group)))
    assert set(drawn) >= {"events", "bases", "adiz", "areas"}
    for key, features in drawn.items():
        assert features, key
        assert all("p" not in f["properties"] and f["properties"]["t"] for f in features), key
    exported = _features(_html(build_map(select(cat, VIEW))))  # an HTML file keeps its popups
    assert all(f["properties"]["p"] for f in exported["events"])


def test_shared_templates_render_the_same_page(cat):
    """compile_once only saves time: a map renders byte-for-byte as with fresh templates."""
    import branca.element
    from jinja2 import Template

    from layers.map.elements.templates import compile_once, compiled

    def page() -> str:
        return _strip_ids(_html(build_map(select(cat, VIEW))))

    branca.element.Template = Template
    try:
        fresh = page()
    finally:
        compile_once()
    assert branca.element.Template is compiled
    assert page() == fresh
