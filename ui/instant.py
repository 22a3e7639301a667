"""The map shows a date window the moment it is picked; the server's run then catches up.

A change of the date window through Streamlit costs a round trip, a run of the script
and the page laying out everything the run sent before the map's frame gets its new
layers (``make bench-filter``). The quick windows and the playback step change the
window only, so the events each will select are known now
(``layers.view.instant.window_lists``): this sends them to the page with the
run, in a small component of our own (``ui/js/instant.js``), and a click on one of
those controls hands its list to the map's frame at once (``BM.showEvents``). The run
the click starts sends the same list with the table, timeline and link; it is the
authority, and whatever the page showed is replaced by it.

Nothing is predicted while a timeline pick is active (the chart may drop it) or in
large mode (aggregated cells, drawn by the server).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import streamlit as st

from layers.map.elements.focus import FIT_MAX_ZOOM, FIT_PADDING_PX
from layers.view.instant import filter_lists, window_lists
from ui import sidebar, state
from ui.context import AppContext

SCRIPT = Path(__file__).resolve().parent / "js" / "instant.js"
KEY = "instant_window"
KEY_RUNS = "instant_runs"
STEP = "step"

_component = st.components.v2.component(
    "briefing_map_instant", js=SCRIPT.read_text(encoding="utf-8")
)


def _by_label(toggle: dict, labels: dict) -> dict:
    """The filters' predictions keyed by the text their lists show (unique texts only)."""
    out = {}
    for criterion, by_value in toggle.items():
        text = labels[criterion]
        seen = Counter(text.get(v, v) for v in by_value)
        out[criterion] = {
            text.get(v, v): shown for v, shown in by_value.items() if seen[text.get(v, v)] == 1
        }
    return out


def lists(ctx: AppContext) -> dict | None:
    """What each predictable click will show, or None when nothing is predictable.

    ``{"quick": {label: shown}, "step": shown | None, "filters": {criterion: {label:
    shown}}, "empty": {criterion: shown}, "clear": shown}``.
    """
    selection = ctx.selection
    if selection.large or ctx.remote is not None:
        return None
    events = selection.catalogue["events"]
    quick, step = sidebar.next_windows(events)
    windows = dict(quick)
    if step is not None:
        windows[STEP] = step
    index = state.events_payload().index
    chosen = window_lists(selection, windows, index)
    if not chosen:  # events hidden, or a timeline pick
        return None
    out = {"quick": {label: chosen[label] for label in quick}, "step": chosen.get(STEP)}
    filters = filter_lists(selection, state.filter_masks(), index)
    if filters:
        labels = state.filter_choices(events).labels
        out |= {"filters": _by_label(filters["toggle"], labels), "empty": filters["empty"],
                "clear": filters["clear"]}  # fmt: skip
    return out


def render(ctx: AppContext) -> None:
    """Hand this run's lists to the page (an element with nothing to see)."""
    runs = st.session_state[KEY_RUNS] = st.session_state.get(KEY_RUNS, 0) + 1
    frame = {
        "follow": bool(st.session_state.get(sidebar.KEY_FOLLOW, True)),
        "padding": FIT_PADDING_PX,
        "max_zoom": FIT_MAX_ZOOM,
    }
    # The run number makes each run's data new, so the page takes it even when the
    # lists are the same as the last run's (a list is used once).
    _component(key=KEY, data={"run": runs, "lists": lists(ctx), "frame": frame})
