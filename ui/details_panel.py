"""The details drawer: everything known about the feature last clicked on the map.

``app.py`` stores the click as ``st.session_state[KEY_CLICKED] = (layer, feature_id)``.
The details open in a drawer over the right of the map (``ui.layout``: a keyed
container after the map, so opening it never moves the map in the page and never
remounts it); *Close* empties it. Until something is clicked, a one-line hint.
The panel shows every field, every source (links only for http(s) URLs), confidence
and precision in words, an event's route from its home base, and the other events of
its exercise. All data text goes through ``layers.outputs.markdown.details_markdown``, which
escapes it: data never reaches ``unsafe_allow_html``.
"""

from __future__ import annotations

import streamlit as st

from layers.outputs.details import feature_details, find_feature
from layers.outputs.markdown import details_markdown
from ui import db_state
from ui.context import KEY_CLICKED, AppContext

HINT = "Click an event, a base or a zone on the map for its details."
DRAWER_KEY = "details_drawer"  # its CSS class st-key-details_drawer places it (ui.layout)


def clicked_feature() -> tuple[str, str] | None:
    """``(layer, feature_id)`` of the last map click, or ``None`` when there is none."""
    clicked = st.session_state.get(KEY_CLICKED)
    if isinstance(clicked, list | tuple) and len(clicked) == 2 and all(clicked):
        return str(clicked[0]), str(clicked[1])
    return None


def close_details() -> None:
    """Close the drawer (the map keeps its position; the click is forgotten)."""
    st.session_state[KEY_CLICKED] = None


def render(ctx: AppContext) -> None:
    """The clicked feature's details in the drawer, or a hint on how to pick one."""
    clicked = clicked_feature()
    if clicked is None:
        st.caption(HINT)
        return
    layer, feature_id = clicked
    row = find_feature(ctx.catalogue, layer, feature_id)
    if row is None and ctx.remote is not None and layer == "events":  # kept in the database
        found = db_state.remote().find(layer, feature_id)
        row = None if found is None else find_feature({layer: found}, layer, feature_id)
    if row is None:
        st.caption(f"The feature you clicked is no longer in the data. {HINT}")
        return
    model = feature_details(
        row,
        layer,
        bases=ctx.catalogue.get("bases"),
        events=ctx.catalogue.get("events"),
        number=ctx.selection.numbers.get(feature_id) if layer == "events" else None,
    )
    with st.container(key=DRAWER_KEY):
        st.button("✕ Close", key="close_details", on_click=close_details)
        st.markdown(details_markdown(model))
        if db_state.url():  # a shared database: edit, history, revert
            from ui import db_edit

            db_edit.render(ctx, layer, feature_id)
