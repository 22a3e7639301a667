"""The map: one ``st_folium`` whose static part never changes, plus swappable data groups.

* The static map (``layers.map.render.build_base_map``) is built from the position the
  session started with: byte-identical on every rerun, so the component is never
  remounted and keeps the user's pan and zoom. Filters, layer toggles, playback,
  range rings and the legend arrive as ``feature_group_to_add=[...]``.
* Curated mode: a click on an event, base or zone reruns the script (details drawer,
  the feature outlined); so does the end of a pan or zoom, whose centre and zoom go
  into the view (the link, the PNG, the deck show what is on screen, nothing to press).
  The data groups then come back identical and the browser reuses every layer.
* Large-data mode: ``returned_objects`` adds zoom, bounds and centre, so a pan
  re-aggregates the events in view (``layers.view.large_selection``), and a note says whether the
  user sees individual events or aggregates.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit_folium import st_folium

from layers.geo.units import DistanceError, parse_distance
from layers.map.large_events import build_scaled_event_layer, legend_note
from layers.map.overlays import aircraft_ranges
from layers.map.picking import feature_at
from layers.map.render import build_base_map, build_data_layers, build_map, make_layer_control
from layers.safe_text import md, plural
from layers.view.marks import CoordinateError, Measure, Ring, latlon_text, parse_latlon
from layers.view.select import Viewport
from ui import db_large, say, state
from ui.context import KEY_CLICKED, KEY_LINK_MARKS, KEY_MAP, AppContext, linked_marks
from ui.sidebar import KEY_FOLLOW

MAP_HEIGHT = 640
# The clicked shape's tooltip carries its feature's reference (layers.map.picking).
CURATED_RETURNS = ["last_object_clicked", "last_object_clicked_tooltip", "center", "zoom"]
LARGE_RETURNS = [*CURATED_RETURNS, "bounds"]
NAIVE_ENV_VAR = "BRIEFING_MAP_NAIVE_RERUN"  # benchmark only: rebuild the whole map each rerun
KEY_LAST_CLICK = "map_last_click"
MARKS_LABEL = "Range rings and distance"


def summary_line(ctx: AppContext) -> str:
    """'12 events, 3 exercises': what the map shows, for the reader (and AppTest)."""
    if "events" not in ctx.view.layers:
        return "Events layer hidden"
    if ctx.remote is not None:  # a large database catalogue: counted by the database
        return db_large.summary_line(ctx)
    n_events = len(ctx.events)
    n_exercises = ctx.events["exercise_id"].nunique() if "exercise_id" in ctx.events else 0
    return f"{plural(n_events, 'event')}, {plural(n_exercises, 'exercise')}"


def _bounds(value) -> tuple[float, float, float, float] | None:
    try:
        sw, ne = value["_southWest"], value["_northEast"]
        return (float(sw["lat"]), float(sw["lng"]), float(ne["lat"]), float(ne["lng"]))
    except (KeyError, TypeError, ValueError):
        return None


def viewport(view) -> Viewport:
    """Where the map is now (large mode aggregates over it): its last reported bounds and zoom."""
    last = st.session_state.get(KEY_MAP) or {}
    return Viewport(_bounds(last.get("bounds")), last.get("zoom") or view.zoom)


def _handle_click(ctx: AppContext, result: dict) -> bool:
    """Resolve a click to (layer, id) in ``KEY_CLICKED``; True when it is a new click."""
    clicked, tooltip = result.get("last_object_clicked"), result.get("last_object_clicked_tooltip")
    if not clicked or (clicked, tooltip) == st.session_state.get(KEY_LAST_CLICK):
        return False
    st.session_state[KEY_LAST_CLICK] = (clicked, tooltip)
    frames = ctx.selection.frames  # only what the map draws can be clicked
    if ctx.remote is not None:  # a large database catalogue: the events the map drew
        frames = {**frames, "events": ctx.selection.catalogue["events"]}
    hit = feature_at(
        frames,
        clicked["lat"],
        clicked["lng"],
        zoom=result.get("zoom"),
        layers=ctx.view.layers,
        label=tooltip,
    )
    st.session_state[KEY_CLICKED] = None if hit is None else (hit.layer, hit.feature_id)
    return True


def _handle_position(result: dict) -> None:
    """The map's centre and zoom as the user left them: part of the view from now on."""
    center, zoom = result.get("center"), result.get("zoom")
    if center and zoom:
        state.save_position(center["lat"], center["lng"], zoom)


def render(ctx: AppContext) -> None:
    """Draw the map of the selection (aggregated in large mode) and read clicks."""
    selection, view = ctx.selection, ctx.view
    events_layer = note = None
    note_slot = st.empty()  # always there, so the map keeps its place in the page
    if selection.large and "events" in selection.frames:  # never one feature per event
        events_layer = build_scaled_event_layer(
            selection.index, selection.catalogue["events"], selection.scaled
        )
        note = legend_note(selection.scaled)
        say.caption("{note}", where=note_slot, note=note)  # above the map and in its legend
    if os.environ.get(NAIVE_ENV_VAR) == "1":
        base, groups = build_map(selection), None
    else:
        base = build_base_map(state.map_origin_view(view))
        groups = build_data_layers(
            selection,
            events_layer=events_layer,
            legend_note=note,
            payloads=state.static_payloads(),
            event_payload=None if selection.large else state.events_payload(),
            clicked=st.session_state.get(KEY_CLICKED),
            follow=st.session_state.get(KEY_FOLLOW, True),
        )
    result = st_folium(
        base,
        feature_group_to_add=groups,
        layer_control=make_layer_control(collapsed=True) if groups else None,
        key=KEY_MAP,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=LARGE_RETURNS if selection.large else CURATED_RETURNS,
    )
    result = result or {}
    _handle_position(result)
    if _handle_click(ctx, result):
        st.rerun()  # draw the drawer and the outline of what was just clicked


def _base_choices(bases) -> dict[str, tuple[float, float]]:
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
    return (latlon_text(lonlat), lonlat)


def marks_expander():
    """The folded "Range rings and distance" section (empty on a first paint: ui/first_paint)."""
    linked_rings, linked_measures = linked_marks()
    linked = len(linked_rings) + len(linked_measures)
    label = f"{MARKS_LABEL} ({linked:d} from the link)" if linked else MARKS_LABEL
    return st.expander(md(label), expanded=False)


def mark_tools(bases) -> tuple[tuple[Ring, ...], tuple[Measure, ...]]:
    """Range ring and distance widgets: the rings and measures they add to the view.

    Those a link or a recipe brought come first, listed with a button that clears them.
    """
    choices = _base_choices(bases)
    linked_rings, linked_measures = linked_marks()
    with marks_expander():
        if linked_rings or linked_measures:
            for mark in (*linked_rings, *linked_measures):
                say.caption("From the link: {text}", text=mark.text)
            st.button("Clear the link's rings and distances", on_click=_clear_link_marks)
        left, right = st.columns(2)
        rings = _ring_widgets(left, choices)
        start = _end_widget(right, "Measure from", choices, "measure_from")
        end = _end_widget(right, "Measure to", choices, "measure_to")
        measures = []
        if start and end:
            measure = Measure(start[1], end[1], start[0], end[0])
            measures.append(measure)
            say.markdown("**{text}** (geodesic, WGS84)", where=right, text=measure.text)
    return (*linked_rings, *rings), (*linked_measures, *measures)


def _clear_link_marks() -> None:
    st.session_state[KEY_LINK_MARKS] = ((), ())
