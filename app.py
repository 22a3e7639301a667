"""Briefing map: a thin Streamlit UI over ``layers`` (run with ``make run``).

Widgets build a ``BriefingView``; ``layers`` filters and draws it. Nothing here
parses, filters geometry or styles features: if a line needs its own test, it
belongs in ``layers/``.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from layers.filters import aircraft_choices, filter_view
from layers.load import load_catalogue
from layers.registry import GEODATA_DIR, LAYERS
from layers.render import build_event_layer, build_static_map, make_layer_control
from layers.schema import COUNTRY_NAMES, EVENT_KINDS
from layers.validate import GeoDataError
from layers.view import DEFAULT_TITLE, BriefingView

MAP_KEY = "briefing_map"  # stable: reruns update the map in place instead of remounting it
MAP_HEIGHT = 680


def data_stamp() -> tuple[tuple[str, int], ...]:
    """Name and modification time of every catalogue file: the cache key of the load."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in GEODATA_DIR.glob("*.geojson")))


@st.cache_data(show_spinner="Loading the catalogue…")
def load_frames(stamp: tuple[tuple[str, int], ...]) -> dict:
    """The validated catalogue frames; ``stamp`` only keys the cache (an edit reloads)."""
    return load_catalogue().frames


def sidebar_view(events) -> BriefingView:
    """Read the sidebar widgets into the view they describe."""
    bar = st.sidebar
    first, last = events["start_date"].min().date(), events["end_date"].max().date()
    start, end = bar.slider(
        "Date window", min_value=first, max_value=last, value=(first, last), key="window"
    )
    names = dict(zip(events["exercise_id"], events["exercise"], strict=True))
    exercises = bar.multiselect(
        "Exercises", sorted(names, key=names.get), format_func=names.get, key="exercises"
    )
    kinds = bar.multiselect(
        "Event kinds", sorted(set(events["kind"])), format_func=EVENT_KINDS.get, key="kinds"
    )
    countries = sorted({code for codes in events["participants"] for code in codes})
    participants = bar.multiselect(
        "Participants", countries, format_func=lambda c: COUNTRY_NAMES.get(c, c), key="participants"
    )
    aircraft = bar.multiselect("Aircraft", aircraft_choices(events), key="aircraft")
    bar.subheader("Layers")
    shown = tuple(
        spec.key
        for spec in LAYERS
        if bar.checkbox(spec.title, value=spec.default_visible, key=f"layer_{spec.key}")
    )
    return BriefingView(
        start=None if start == first else start,
        end=None if end == last else end,
        exercises=tuple(exercises),
        kinds=tuple(kinds),
        participants=tuple(participants),
        aircraft=tuple(aircraft),
        layers=shown,
    )


def summary_line(events, view: BriefingView) -> str:
    """'12 events, 3 exercises': what the map shows, for the reader (and AppTest)."""
    if "events" not in view.layers:
        return "Events layer hidden"
    shown = filter_view(events, view)
    n_events, n_exercises = len(shown), shown["exercise_id"].nunique()
    return (
        f"{n_events} event{'s' * (n_events != 1)}, {n_exercises} exercise{'s' * (n_exercises != 1)}"
    )


def main() -> None:
    """Lay out the page: sidebar filters, summary line, map."""
    st.set_page_config(page_title="Briefing map", page_icon="🗺️", layout="wide")
    try:
        frames = load_frames(data_stamp())
    except GeoDataError as exc:
        st.error("The catalogue did not load:\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        st.stop()
    view = sidebar_view(frames["events"])
    st.markdown(f"#### {DEFAULT_TITLE}")
    st.markdown(f"**{summary_line(frames['events'], view)}**")
    if not view.layers:
        st.info("Every layer is switched off: tick one in the sidebar.")
    # Only the events change with the filters: sent as a separate group, st_folium
    # swaps that group in place instead of re-rendering the whole map.
    events = build_event_layer(frames["events"], view) if "events" in view.layers else None
    st_folium(
        build_static_map(frames, view, mode="static", layer_control=False),
        feature_group_to_add=events,
        layer_control=make_layer_control(collapsed=True),  # the sidebar has the layer toggles
        key=MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],  # the app reads nothing back: panning never reruns the script
    )


main()
