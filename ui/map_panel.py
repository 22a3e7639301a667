"""The map: one ``st_folium`` whose static part never changes, plus swappable data groups.

* The static map (``layers.map.render.build_base_map``) is built from the position the
  session started with: byte-identical on every rerun, so the component is never
  remounted and keeps the user's pan and zoom. Filters, layer toggles, playback,
  range rings and the legend arrive as ``feature_group_to_add=[...]``.
* Curated mode: ``returned_objects=["last_object_clicked"]``: a click on an event,
  base or zone reruns the script (details panel); panning does not. The map's ⌖
  button hands the current position over for the URL.
* Large-data mode: ``returned_objects`` adds zoom, bounds and centre, so a pan
  re-aggregates the events in view (``layers.view.large_selection``), and a note says whether the
  user sees individual events or aggregates.
"""

from __future__ import annotations

import os

import numpy as np
import streamlit as st
from streamlit_folium import st_folium

from layers.geo.units import DistanceError, parse_distance
from layers.map.large_events import build_scaled_event_layer, legend_note
from layers.map.overlays import (
    CoordinateError,
    Measure,
    Ring,
    aircraft_ranges,
    build_overlay_group,
    parse_latlon,
)
from layers.map.picking import feature_at
from layers.map.render import (
    build_base_map,
    build_data_layers,
    build_event_layer,
    build_map,
    make_layer_control,
)
from layers.safe_text import md, plural
from layers.view.large_selection import select_for_view
from ui import say, state
from ui.context import KEY_CLICKED, KEY_MAP, AppContext

MAP_HEIGHT = 640
# The tooltip tells apart two features on one spot; it changes only on a click.
CURATED_RETURNS = ["last_object_clicked", "last_object_clicked_tooltip"]
LARGE_RETURNS = [*CURATED_RETURNS, "zoom", "bounds", "center"]
NAIVE_ENV_VAR = "BRIEFING_MAP_NAIVE_RERUN"  # benchmark only: rebuild the whole map each rerun
KEY_LAST_CLICK = "map_last_click"
KEY_LAST_SAVE = "map_last_save"


def summary_line(ctx: AppContext) -> str:
    """'12 events, 3 exercises': what the map shows, for the reader (and AppTest)."""
    if "events" not in ctx.view.layers:
        return "Events layer hidden"
    n_events = len(ctx.events)
    n_exercises = ctx.events["exercise_id"].nunique() if "exercise_id" in ctx.events else 0
    return f"{plural(n_events, 'event')}, {plural(n_exercises, 'exercise')}"


def _bounds(value) -> tuple[float, float, float, float] | None:
    try:
        sw, ne = value["_southWest"], value["_northEast"]
        return (float(sw["lat"]), float(sw["lng"]), float(ne["lat"]), float(ne["lng"]))
    except (KeyError, TypeError, ValueError):
        return None


def _scaled_events(ctx: AppContext, index):
    """The events group of large mode, and the note that says what it draws."""
    view, events = ctx.view, ctx.frames["events"]
    last = st.session_state.get(KEY_MAP) or {}
    zoom = last.get("zoom") or view.zoom
    keep = None
    if len(ctx.events) < len(events):
        # ctx.events is the view's filters plus the timeline's selection: draw only those
        # (the index still does the window and the viewport, on sorted times).
        keep = np.zeros(len(events), dtype=bool)
        keep[events.index.get_indexer(ctx.events.index)] = True
    selection = select_for_view(
        index,
        start=view.start,
        end=view.end,
        zoom=zoom,
        bounds=_bounds(last.get("bounds")),
        keep=keep,
    )
    return build_scaled_event_layer(index, events, selection), legend_note(selection)


def _handle_click(ctx: AppContext, clicked, tooltip) -> None:
    """Resolve a clicked position to (layer, id) in ``KEY_CLICKED`` for the panels."""
    if not clicked or (clicked, tooltip) == st.session_state.get(KEY_LAST_CLICK):
        return
    st.session_state[KEY_LAST_CLICK] = (clicked, tooltip)
    frames = {**ctx.frames, "events": ctx.events}  # only what the map draws can be clicked
    hit = feature_at(frames, clicked["lat"], clicked["lng"], layers=ctx.view.layers, label=tooltip)
    st.session_state[KEY_CLICKED] = None if hit is None else (hit.layer, hit.feature_id)


def _handle_position(result: dict, large: bool) -> None:
    saved = result.get("saved_view")
    if saved and saved.get("at") != st.session_state.get(KEY_LAST_SAVE):
        st.session_state[KEY_LAST_SAVE] = saved.get("at")
        state.save_position(saved["lat"], saved["lng"], saved["zoom"])
        st.toast("Map position saved in the page link.")
    elif large and result.get("center") and result.get("zoom"):
        state.save_position(result["center"]["lat"], result["center"]["lng"], result["zoom"])


def render(ctx: AppContext, index=None, overlays=()) -> None:
    """Draw the map of ``ctx.view`` (large mode when ``index`` is given) and read clicks."""
    view = ctx.view
    # The events drawn are ctx.events: the view's filters plus the timeline's selection.
    events_layer = note = None
    note_slot = st.empty()  # always there, so the map keeps its place in the page
    if "events" in view.layers and index is None:
        events_layer = build_event_layer(ctx.events, view)
    elif "events" in view.layers:  # large mode: never one feature per event
        events_layer, note = _scaled_events(ctx, index)
        say.caption("{note}", where=note_slot, note=note)  # above the map and in its legend
    legend_frames = None
    if index is not None:  # the legend needs only the kinds, not a million rows
        legend_frames = {**ctx.frames, "events": ctx.frames["events"].drop_duplicates("kind")}
    if os.environ.get(NAIVE_ENV_VAR) == "1":
        base = build_map(ctx.frames, view)
        groups = None
        for group in overlays:
            if group is not None:
                group.add_to(base)
    else:
        base = build_base_map(state.map_origin_view(view))
        groups = build_data_layers(
            ctx.frames,
            view,
            events_layer=events_layer,
            extra=tuple(overlays),
            legend_frames=legend_frames,
            legend_note=note,
            payloads=state.static_payloads(),
        )
    result = st_folium(
        base,
        feature_group_to_add=groups,
        layer_control=make_layer_control(collapsed=True) if groups else None,
        key=KEY_MAP,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=LARGE_RETURNS if index is not None else CURATED_RETURNS,
    )
    result = result or {}
    _handle_click(ctx, result.get("last_object_clicked"), result.get("last_object_clicked_tooltip"))
    _handle_position(result, large=index is not None)


def _base_choices(ctx: AppContext) -> dict[str, tuple[float, float]]:
    bases = ctx.frames["bases"]
    return {
        f"{row['name']} ({row['id']})": (row["geometry"].x, row["geometry"].y)
        for row in bases.sort_values("name").to_dict("records")
        if row["geometry"] is not None and row["geometry"].geom_type == "Point"
    }


def _ring_widgets(column, bases: dict) -> list[Ring]:
    base = column.selectbox("Range ring around", list(bases), index=None, key="ring_base")
    radius = column.text_input("Radius", placeholder="300 nm or 500 km", key="ring_radius")
    ranges = aircraft_ranges()
    labels = {
        t: f"{t}: {r['text']} ({r.get('kind', 'range')}, {r.get('confidence', '?')} confidence)"
        for t, r in ranges.items()
    }
    aircraft = column.selectbox(
        "…or an aircraft's published range", list(ranges), index=None, format_func=labels.get,
        key="ring_aircraft",
    )  # fmt: skip
    rings: list[Ring] = []
    if radius.strip():
        try:
            metres = parse_distance(radius)
        except DistanceError as exc:
            say.error("{reason}", where=column, reason=exc)
        else:
            if base:
                rings.append(Ring(bases[base], metres, base))
    if aircraft and base:
        rings.append(Ring(bases[base], ranges[aircraft]["km"] * 1000.0, f"{base}, {aircraft}"))
    if (radius.strip() or aircraft) and not base:
        column.info("Pick a base to draw the ring around.")
    return rings


def _end_widget(column, label: str, bases: dict, key: str) -> tuple[str, tuple] | None:
    typed = "Type a position (lat, lon)"
    choice = column.selectbox(md(label), [typed, *bases], index=None, key=key)
    if choice != typed:
        return (choice, bases[choice]) if choice else None
    text = column.text_input(f"{md(label)} position", placeholder="13.58, 144.93", key=key + "_ll")
    if not text.strip():
        return None
    try:
        lonlat = parse_latlon(text)
    except CoordinateError as exc:
        say.error("{reason}", where=column, reason=exc)
        return None
    return (f"{lonlat[1]:.4f}, {lonlat[0]:.4f}", lonlat)


def overlay_tools(ctx: AppContext):
    """Range ring and distance widgets; returns the overlay group (or ``None``)."""
    bases = _base_choices(ctx)
    with st.expander("Range rings and distance", expanded=False):
        left, right = st.columns(2)
        rings = _ring_widgets(left, bases)
        start = _end_widget(right, "Measure from", bases, "measure_from")
        end = _end_widget(right, "Measure to", bases, "measure_to")
        measures = []
        if start and end:
            measure = Measure(start[1], end[1], start[0], end[0])
            measures.append(measure)
            say.markdown("**{text}** (geodesic, WGS84)", where=right, text=measure.text)
    return build_overlay_group(rings, measures)
