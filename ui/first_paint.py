"""The map first: on a reader's first page load, the timeline and the tabs wait for the map.

The browser builds every element of a run before it mounts the map's frame: with the
Vega-Lite timeline and the events table in the same run, the map started about two
seconds after its message arrived (``bench/bench_page.py``). So a browser session's
first run sends the sidebar and the map only; the timeline and the tabs come with the
run the map itself starts once drawn (``st_folium`` reports its position), or at the
latest ``FALLBACK_S`` later (a fragment's timer), so they are never missing for long.
Nothing moves: they are under the map.
"""

from __future__ import annotations

import streamlit as st

from ui.context import KEY_MAP

KEY_DONE = "first_paint_done"
KEY_WAITING = "first_paint_waiting"
KEY_TICKED = "first_paint_ticked"
FALLBACK_S = 3.0
WAITING = "The timeline and the tables follow the map…"


def waiting() -> bool:
    """True while this session's map has not reported back yet (its first load).

    A session without a browser (Streamlit's AppTest: no request headers) has no map
    to wait for and gets everything at once.
    """
    if st.session_state.get(KEY_DONE):
        return False
    reported = (st.session_state.get(KEY_MAP) or {}).get("zoom") is not None
    if reported or not st.context.headers:
        st.session_state[KEY_DONE] = True
        return False
    return True


def placeholder() -> None:
    """A line where the timeline will be, and the timer that brings it if the map is silent."""
    with st.container(key=KEY_WAITING):  # scripts/appserver.py waits for it to go
        st.caption(WAITING)
        _fallback()


@st.fragment(run_every=FALLBACK_S)
def _fallback() -> None:
    # The first call runs with the page; a later tick means the map has not reported
    # in FALLBACK_S: draw the rest anyway.
    if st.session_state.get(KEY_TICKED):
        st.session_state[KEY_DONE] = True
        st.rerun(scope="app")
    st.session_state[KEY_TICKED] = True
