"""The map first: on a reader's first page load, everything else waits for the map.

The browser builds every element of a run before it mounts the map's frame: with the
Vega-Lite timeline and the events table in the same run, the map started about two
seconds after its message arrived (``bench/bench_page.py``), and each widget sent before
the map costs the page a render of its own (5–10 ms each on a 2-core machine: the
sidebar's thirty made the map's frame start about 0.4 s after its message). So a
browser session's first run draws the link's view (its rings and distances with it) and sends
the map alone, with a line in the sidebar; the sidebar's widgets, the range-ring tools,
the timeline and the tabs come with the run the map itself starts once drawn
(the page says so, ``PAINTED_JS``), or at the latest ``FALLBACK_S`` later (a fragment's
timer), so they are never missing for long. Nothing moves: the sidebar is
there from the start with its line, the tools are folded, the rest is under the map.
"""

from __future__ import annotations

import streamlit as st

from layers.map.elements.basemap import FETCH_JSON_JS, basemap_urls

KEY_DONE = "first_paint_done"
KEY_WAITING = "first_paint_waiting"
KEY_TICKED = "first_paint_ticked"
FALLBACK_S = 3.0
WAITING = "The timeline and the tables follow the map…"
SIDEBAR_WAITING = "The filters follow the map…"


# In the page: once the map's frame says it is painted, one trigger starts the run that
# brings the rest. (Its own report of its position comes before the basemap is drawn:
# a run then would send the widgets, the timeline and the table while the browser and
# the server still work on the basemap, and the map painted later.)
# It also fetches the basemap as soon as the first run reaches the page, while the map's
# frame is still loading Leaflet: the frame then takes the parsed files from here
# (layers.map.elements.basemap) instead of asking the server itself, about 0.3 s later.
# It asks as the frame would (``FETCH_JSON_JS``: a whole-file range, which Streamlit
# never gzips).
PAINTED_JS = """
export default function ({ setTriggerValue, data }) {
  if (data && data.basemap && !window.briefingBasemapPrefetch) {
    const early = Promise.all(data.basemap.map(FETCH_JSON_JS));
    early.catch(() => { window.briefingBasemapPrefetch = null; });  // the frame fetches
    window.briefingBasemapPrefetch = early;
  }
  let sent = false;
  function check() {
    if (sent) { return; }
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const page = frame && frame.contentWindow;
    if (page && (page.briefingMapReady === true || page.briefingMapError)) {
      sent = true;
      setTriggerValue("painted", true);
      return;
    }
    setTimeout(check, 40);
  }
  check();
  return () => { sent = true; };
}
""".replace("FETCH_JSON_JS", FETCH_JSON_JS)
_painted_signal = st.components.v2.component("briefing_map_painted", js=PAINTED_JS)


def waiting() -> bool:
    """True until this session's map has painted once (its first load).

    The page says so (``PAINTED_JS``), or the fallback timer gives up waiting. A session
    without a browser (Streamlit's AppTest: no request headers) has no map to wait for
    and gets everything at once.
    """
    if st.session_state.get(KEY_DONE):
        return False
    if not st.context.headers:
        st.session_state[KEY_DONE] = True
        return False
    return True


def _painted() -> None:
    st.session_state[KEY_DONE] = True


def sidebar_note() -> None:
    """A line in the sidebar, so it is there (and the map as wide) from the first paint."""
    st.sidebar.caption(SIDEBAR_WAITING)


def placeholder() -> None:
    """A line where the timeline will be, and the timer that brings it if the map is silent."""
    with st.container(key=KEY_WAITING):  # scripts/appserver.py waits for it to go
        st.caption(WAITING)
        _painted_signal(
            key="first_paint_signal",
            data={"basemap": basemap_urls()},
            on_painted_change=_painted,
        )
        _fallback()


@st.fragment(run_every=FALLBACK_S)
def _fallback() -> None:
    # The first call runs with the page; a later tick means the map has not reported
    # in FALLBACK_S: draw the rest anyway.
    if st.session_state.get(KEY_TICKED):
        st.session_state[KEY_DONE] = True
        st.rerun(scope="app")
    st.session_state[KEY_TICKED] = True
