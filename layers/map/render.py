"""A ``Selection`` → one offline folium map (no file or network I/O, no filtering).

``build_map`` is the whole map (exporter, briefing PNG, HTML). The app splits it in
two: ``build_base_map`` (basemaps, CSS, controls: byte-identical for a whole session,
so the map is never remounted) and ``build_data_layers`` (one feature group per data
layer plus the legend, passed as a list to ``st_folium(feature_group_to_add=...)``),
so a filter change or a layer toggle swaps only groups. Both draw the selection's
frames as they are (``layers.view.select``), so the app and the exporter cannot
diverge. A map is built by adding its elements in drawing order
(``layers.map.elements``), the ready signal last.

Everything is drawn in the continuous Pacific window [-30, 330) (Dyess at lon ~260,
``layers.geo.longitude``), so panning from Texas to Misawa never crosses a seam.
Leaflet comes from installed packages (``layers.map.assets``); the basemap is fetched
once from Streamlit's static files (mode "static") or embedded (mode "inline"). When
the basemap and every layer are drawn, the page sets ``window.briefingMapReady`` and
the class ``bm-ready``.
"""

from __future__ import annotations

import folium
from branca.element import Element

from layers.catalogue.registry import LAYERS_BY_KEY
from layers.geo.longitude import to_window
from layers.map import assets
from layers.map.css import APP_CSS, MAP_CSS
from layers.map.elements.annotations import AnnotationScript, NauticalScale
from layers.map.elements.basemap import OfflineBasemap, OfflineMap
from layers.map.elements.event_set import EventSet
from layers.map.elements.feature_layer import FeatureLayer
from layers.map.elements.focus import FrameControl
from layers.map.elements.legend import GroupLegend, Legend
from layers.map.elements.signals import DataLayersReset, ReadySignal
from layers.map.elements.templates import compile_once
from layers.map.event_payload import EventPayload, shown
from layers.map.features import feature_group, layer_group
from layers.map.focus import focus_group
from layers.map.legend import legend_entries, legend_html
from layers.map.overlays import build_overlay_group
from layers.map.tiles import tile_layer
from layers.view.select import Selection

compile_once()  # every map this module builds, and st_folium's rendering of it

MIN_ZOOM, MAX_ZOOM = 2, 12


def make_layer_control(*, collapsed: bool = False) -> folium.LayerControl:
    """The layer switcher (add it last; st_folium accepts it as ``layer_control=``)."""
    return folium.LayerControl(position="topright", collapsed=collapsed)


def _new_map(view, mode: str, controls: bool) -> OfflineMap:
    lat, lon = view.center
    m = OfflineMap(
        assets.asset_urls(mode),
        location=[lat, to_window(lon)],  # everything is drawn in the window: centre there too
        zoom_start=view.zoom,
        tiles=None,
        control_scale=False,  # ours: nautical miles and kilometres
        zoom_control=controls,
        attribution_control=controls,
        prefer_canvas=False,  # SVG for data layers: CSS classes make features testable
        minZoom=MIN_ZOOM,
        maxZoom=MAX_ZOOM,
        worldCopyJump=False,
    )
    AnnotationScript().add_to(m)
    NauticalScale().add_to(m)
    return m


def _add_basemaps(m: folium.Map, view, mode: str) -> None:
    """The offline basemap, and over it the online tiles only when the view asks for them.

    The view's ``basemap`` is online only when the user chose it on screen or on the
    command line (links and recipes never set it: ``layers.map.tiles``); no online
    layer is ever offered in the map's own switcher, where it would fetch unasked.
    """
    OfflineBasemap(mode).add_to(m)
    tiles = tile_layer(view.basemap, MAX_ZOOM)
    if tiles is not None:
        tiles.add_to(m)


def _static_map(selection: Selection, *, mode: str, controls: bool, legend: bool) -> OfflineMap:
    """The map with its CSS, basemaps, the layers filters never change and the legend."""
    view = selection.view
    m = _new_map(view, mode, controls)
    m.get_root().header.add_child(Element(f"<style>{MAP_CSS}</style>"), name="bm_css")
    _add_basemaps(m, view, mode)
    for key, frame in selection.frames.items():
        if key != "events":
            feature_group(key, frame).add_to(m)
    if legend:
        Legend(legend_html(legend_entries(selection.frames, view))).add_to(m)
    return m


def build_base_map(view, *, mode: str = "static") -> folium.Map:
    """The app's never-changing map: basemaps, CSS, controls and the ready signal.

    Only ``view.center`` and ``view.zoom`` are read: pass the
    position the session started with and the map stays byte-identical (never
    remounted) while filters, layers and playback change ``build_data_layers``.
    Its ⤢ button frames the selection (``layers.map.elements.focus``).
    """
    m = _new_map(view, mode, controls=True)
    m.get_root().header.add_child(Element(f"<style>{MAP_CSS}{APP_CSS}</style>"), name="bm_css")
    OfflineBasemap(mode).add_to(m)  # online tiles, when chosen, come as a data group
    FrameControl().add_to(m)
    ReadySignal().add_to(m)
    return m


def build_data_layers(
    selection: Selection,
    *,
    events_layer: folium.FeatureGroup | None = None,
    legend_note: str | None = None,
    payloads: dict[str, tuple[str, str]] | None = None,
    event_payload: EventPayload | None = None,
    clicked: tuple[str, str] | None = None,
    follow: bool = True,
) -> list[folium.FeatureGroup]:
    """Every layer the selection shows, one feature group each, in drawing order.

    The first group holds the legend and resets the drawn-feature registry (so a
    hidden layer does not keep its old count); then the online tiles the user chose,
    areas, ADIZ, bases, events (the selection's, or ``events_layer`` when given, e.g.
    large mode's cells), then the view's range rings and measured lines.
    ``legend_note`` heads the legend (large data: individual events or aggregated
    cells); ``payloads`` (``static_layer_payloads``) skips rebuilding unchanging layers
    and ``event_payload`` (``layers.map.event_payload``: every event, made once per
    data version) draws the events as the app's ``EventSet``: the run sends only which
    of them the selection shows.
    The app binds no popups (a click opens its details drawer); ``clicked``
    (layer, id) is outlined, and ``follow`` brings a changed selection back on screen
    (``layers.map.focus``).
    """
    view = selection.view
    chrome = folium.FeatureGroup(name="Legend", control=False, show=True)
    DataLayersReset().add_to(chrome)
    legend_frames = dict(selection.frames)
    if selection.large and "events" in legend_frames:  # the kinds, not a million rows
        legend_frames["events"] = legend_frames["events"].drop_duplicates("kind")
    GroupLegend(legend_html(legend_entries(legend_frames, view), note=legend_note)).add_to(chrome)
    groups = [chrome, focus_group(selection, follow=follow, clicked=clicked)]
    tiles = tile_layer(view.basemap, MAX_ZOOM)
    if tiles is not None:  # chosen in the sidebar: swapped in without remounting the map
        tile_group = folium.FeatureGroup(name="Online tiles", control=False, show=True)
        tiles.add_to(tile_group)
        groups.append(tile_group)
    for key, frame in selection.frames.items():
        if key == "events":
            groups.append(events_layer or _events_group(selection, frame, event_payload))
        elif payloads and key in payloads:
            layer = FeatureLayer.from_payload(key, payloads[key], popups=False)
            groups.append(layer_group(layer))
        else:
            groups.append(feature_group(key, frame, popups=False))
    overlays = build_overlay_group(view.rings, view.measures)
    if overlays is not None:
        groups.append(overlays)
    return groups


def _events_group(selection: Selection, frame, payload: EventPayload | None):
    """The selected events: shown from the whole set when the payload has them all."""
    if payload is None or not frame["id"].astype(str).isin(payload.index.keys()).all():
        return feature_group("events", frame, numbers=selection.numbers, popups=False)
    group = folium.FeatureGroup(name=LAYERS_BY_KEY["events"].title, overlay=True, show=True)
    EventSet(payload, shown(frame, payload.index)).add_to(group)
    return group


def build_map(
    selection: Selection, *, mode: str = "static", controls: bool = True, legend: bool = True
) -> folium.Map:
    """The whole map of a selection: basemaps, every layer it shows, rings and measures.

    ``mode`` is ``"static"`` (Streamlit static files) or ``"inline"`` (self-contained);
    ``controls`` False hides zoom buttons, layer switcher and attribution (briefing
    PNG; the scale bar stays); ``legend`` False leaves the in-map legend out (a page
    that draws its own).
    """
    m = _static_map(selection, mode=mode, controls=controls, legend=legend)
    if "events" in selection.frames:
        feature_group("events", selection.events, numbers=selection.numbers).add_to(m)
    overlays = build_overlay_group(selection.view.rings, selection.view.measures)
    if overlays is not None:
        overlays.add_to(m)
    if controls:
        make_layer_control().add_to(m)
    ReadySignal().add_to(m)
    return m


def map_payload_bytes(m: folium.Map) -> int:
    """Bytes of the rendered map page (what st_folium re-sends is a subset of it)."""
    return len(m.get_root().render().encode("utf-8"))
