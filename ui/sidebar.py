"""The sidebar: date window (slider, quick choices, playback), filters and layer toggles.

Widgets are seeded once from the URL view, then they own the state. Everything that
moves a widget's value programmatically (quick choice, playback step, "Clear
filters") does so in a callback, or through a pending value applied before the
widget is drawn, as Streamlit requires.
"""

from __future__ import annotations

import time
from datetime import date

import streamlit as st

from layers.catalogue.registry import LAYERS
from layers.map.tiles import BASEMAP_LABELS, OFFLINE, TILE_WARNING
from layers.safe_text import md
from layers.view.filters import CRITERIA
from layers.view.playback import advance_window
from layers.view.view import BriefingView
from ui import say, state

FILTER_KEYS = CRITERIA  # exercises, kinds, participants, aircraft: the view's filters
KEY_WINDOW, KEY_QUICK, KEY_STEP, KEY_AUTOPLAY = "window", "quick_window", "play_step", "autoplay"
KEY_FROM, KEY_TO = "window_from", "window_to"  # the typed dates, kept in step with the slider
KEY_PENDING = "pending_window"  # (window chosen, window the page showed): see _choose
KEY_CLEARING = "pending_clear"  # the filters the page showed when "Clear filters" was pressed
KEY_PLAY_NOTE = "play_note"
KEY_BASEMAP = "basemap_choice"
KEY_FOLLOW = "follow_selection"  # read by ui.map_panel
LAYER_TITLES = {spec.key: spec.title for spec in LAYERS}  # code constants, in drawing order
KEY_LAST_TICK = "play_last_tick"
PLAY_SECONDS = 1.5  # one auto-play step
STEPS = {"day": "Day", "week": "Week"}


def _clamp(window, first: date, last: date) -> tuple[date, date]:
    start, end = window
    start = first if start is None else min(max(start, first), last)
    end = last if end is None else max(min(end, last), start)
    return (start, end)


def _choose(window: tuple) -> None:
    """Callbacks: the window to show, from the next run until a run of the page completes.

    Written straight to the slider, a chosen window could be lost. A rerun the page
    asked for before it had that run's new values (the map's report of its own move,
    sent while the choice's run was under way) interrupts the choice's run and brings
    the page's old slider and dates, which Streamlit takes over what the callback
    wrote: the page went back to the old window (seen in large mode as a quick choice
    lost about once in a hundred). So the choice is kept, with the window the page
    showed, and applied before the widgets until a run completes (``run_completed``);
    the old dates sent again meanwhile are not read as typed (``_dates_typed``).
    """
    shown = st.session_state.get(KEY_WINDOW)
    st.session_state[KEY_PENDING] = (tuple(window), None if shown is None else tuple(shown))


def run_completed() -> None:
    """End of a run that drew the whole page: the page shows the chosen window now."""
    st.session_state.pop(KEY_PENDING, None)
    st.session_state.pop(KEY_CLEARING, None)


def _shown_window(first: date, last: date) -> tuple[date, date]:
    """The window the reader sees: a choice not yet drawn, else the slider's."""
    pending = st.session_state.get(KEY_PENDING)
    window = pending[0] if pending else st.session_state.get(KEY_WINDOW, (first, last))
    return _clamp(window, first, last)


def _view_window(window, first: date, last: date) -> tuple[date | None, date | None]:
    """The view's window: open-ended where it reaches the data's first or last day."""
    start, end = window
    return (None if start == first else start, None if end == last else end)


def next_windows(events) -> tuple[dict[str, tuple], tuple | None]:
    """The view windows a click will choose: each quick choice's, and the next step's.

    For the page to show them the moment they are clicked (``ui/instant.py``); the
    callbacks (``_apply_quick``, ``step_forward``) choose the same.
    """
    choices = state.filter_choices(events)
    first, last = choices.span or (date.today(), date.today())
    quick = {
        label: _view_window(_clamp(window, first, last), first, last)
        for label, window in choices.quick.items()
    }
    window = _shown_window(first, last)
    new = advance_window(window, st.session_state.get(KEY_STEP, "day"), first, last)
    return quick, None if new == tuple(window) else _view_window(new, first, last)


def _apply_quick(choices: dict, first: date, last: date) -> None:
    label = st.session_state.get(KEY_QUICK)
    if label in choices:
        _choose(_clamp(choices[label], first, last))
    st.session_state[KEY_QUICK] = None  # a one-shot choice: the slider shows the result


def clear_filters() -> None:
    """Callback: every filter back to "all", the window to the whole data range.

    Kept until a run completes, as a chosen window is (``_choose``): with the filters
    the page showed, so those sent again by a rerun it asked for before it drew the
    clearing are not taken as the reader's choice (``_cleared_filters``).
    """
    shown = {key: list(st.session_state.get(key) or []) for key in FILTER_KEYS}
    st.session_state[KEY_CLEARING] = shown
    for key in FILTER_KEYS:
        st.session_state[key] = []
    _choose((None, None))  # the whole data range (clamped when drawn)


def _cleared_filters() -> None:
    """Before the filter widgets: a clearing not yet drawn wins over the filters it cleared."""
    shown = st.session_state.get(KEY_CLEARING)
    for key, before in (shown or {}).items():
        if before and list(st.session_state.get(key) or []) == before:
            st.session_state[key] = []


def step_forward(first: date, last: date) -> bool:
    """Move the window one playback step (day or week); False when it already ends at ``last``."""
    window = _shown_window(first, last)
    new = advance_window(window, st.session_state.get(KEY_STEP, "day"), first, last)
    if new == tuple(window):
        st.session_state[KEY_PLAY_NOTE] = "Playback reached the last day of the data."
        return False
    _choose(new)
    st.session_state.pop(KEY_PLAY_NOTE, None)
    return True


@st.fragment(run_every=PLAY_SECONDS)
def _autoplay_ticker(first: date, last: date) -> None:
    """While auto-play is on: one step every ``PLAY_SECONDS``, then a full rerun."""
    now = time.monotonic()
    previous = st.session_state.get(KEY_LAST_TICK)
    st.session_state[KEY_LAST_TICK] = now if previous is None else previous
    if previous is None or now - previous < PLAY_SECONDS * 0.9:
        return  # the full run that drew the page, not a timer tick
    st.session_state[KEY_LAST_TICK] = now
    if not step_forward(first, last):
        st.session_state[KEY_AUTOPLAY + "_off"] = True
    st.rerun(scope="app")


def seed(events, url_view: BriefingView) -> None:
    """The widgets' values from the URL view, before they are drawn (see ``_seed``)."""
    first, last = state.filter_choices(events).span or (date.today(), date.today())
    _seed(url_view, first, last)


def _seed(url_view: BriefingView, first: date, last: date) -> None:
    """Widget values from the URL view, once per session (widgets own them afterwards)."""
    if st.session_state.get(state.KEY_SEEDED):
        return
    st.session_state[state.KEY_SEEDED] = True
    for key in (KEY_PENDING, KEY_CLEARING):  # the link (or a loaded recipe) decides
        st.session_state.pop(key, None)
    st.session_state[KEY_WINDOW] = _clamp((url_view.start, url_view.end), first, last)
    for key in FILTER_KEYS:
        st.session_state[key] = list(getattr(url_view, key))
    for spec in LAYERS:  # the URL view's layers default to each spec's default_visible
        st.session_state[f"layer_{spec.key}"] = spec.key in url_view.layers


def _window_widgets(bar, events, first: date, last: date) -> tuple[date, date]:
    choices = state.filter_choices(events).quick
    bar.selectbox(
        "Quick window",
        list(choices),
        index=None,
        placeholder="All dates, a year, an exercise…",
        key=KEY_QUICK,
        on_change=_apply_quick,
        args=(choices, first, last),
    )
    window = _shown_window(first, last)
    # Exact dates: typed or picked, both inclusive. Whatever moved the window last (the
    # slider, a quick choice, playback, a link) shows in the fields too. A widget value
    # is written only when it differs: writing it sends it to the browser, which would
    # undo keys the reader is pressing while the page redraws.
    for key, value in ((KEY_WINDOW, window), (KEY_FROM, window[0]), (KEY_TO, window[1])):
        if st.session_state.get(key) != value:
            st.session_state[key] = value
    for label, key in (("First day", KEY_FROM), ("Last day", KEY_TO)):
        bar.date_input(
            md(label), min_value=first, max_value=last, key=key, format="YYYY-MM-DD",
            on_change=_dates_typed, args=(first, last),
        )  # fmt: skip
    return bar.slider(
        "Date window", min_value=first, max_value=last, key=KEY_WINDOW, format="YYYY-MM-DD"
    )


def _dates_typed(first: date, last: date) -> None:
    """Callback: a typed date moves the window; a start after the end moves the end too."""
    start = st.session_state.get(KEY_FROM) or first
    end = st.session_state.get(KEY_TO) or last
    pending = st.session_state.get(KEY_PENDING)
    slider = st.session_state.get(KEY_WINDOW)
    if pending and slider is not None and tuple(slider) == pending[1] == (start, end):
        return  # the page's old dates, sent again before it drew the chosen window (_choose)
    if _shown_window(first, last)[0] != start:  # the start was typed
        end = max(end, start)
    else:
        start = min(start, end)
    _choose(_clamp((start, end), first, last))


def _playback_widgets(bar, first: date, last: date) -> None:
    if st.session_state.pop(KEY_AUTOPLAY + "_off", False):
        st.session_state[KEY_AUTOPLAY] = False
    left, right = bar.columns(2)
    left.radio("Step", list(STEPS), format_func=STEPS.get, key=KEY_STEP, horizontal=True)
    right.button(
        "Step ▶",
        key="play_step_button",
        on_click=step_forward,
        args=(first, last),
        help="Move the date window forward one step; the map keeps its position.",
    )
    playing = bar.toggle("Auto-play", key=KEY_AUTOPLAY, help="One step every 1.5 s.")
    if st.session_state.get(KEY_PLAY_NOTE):
        say.caption("{note}", where=bar, note=st.session_state[KEY_PLAY_NOTE])
    if playing:
        _autoplay_ticker(first, last)
    else:
        st.session_state.pop(KEY_LAST_TICK, None)


FILTER_TITLES = ("Exercises", "Event kinds", "Participants", "Aircraft")  # FILTER_KEYS' order


def _filter_widgets(bar, events) -> dict[str, tuple[str, ...]]:
    _cleared_filters()
    picked = {}
    labels = state.filter_choices(events).labels
    for key, title in zip(FILTER_KEYS, FILTER_TITLES, strict=True):
        text = labels[key]
        picked[key] = bar.multiselect(
            md(title), list(text), format_func=lambda v, text=text: text.get(v, v), key=key
        )
    bar.button("Clear filters", key="clear_filters_sidebar", on_click=clear_filters)
    return {key: tuple(values) for key, values in picked.items()}


def render(events, url_view: BriefingView) -> BriefingView:
    """Draw the sidebar and return the view it describes (position not included)."""
    bar = st.sidebar
    first, last = state.filter_choices(events).span or (date.today(), date.today())
    _seed(url_view, first, last)
    bar.subheader("When")
    start, end = _window_widgets(bar, events, first, last)
    _playback_widgets(bar, first, last)
    bar.subheader("What")
    filters = _filter_widgets(bar, events)
    bar.subheader("Layers")
    shown = tuple(
        key for key in LAYER_TITLES if bar.checkbox(LAYER_TITLES[key], key=f"layer_{key}")
    )
    bar.toggle(
        "Follow the selection", value=True, key=KEY_FOLLOW,
        help="When the window, a filter or a timeline pick changes, move the map to the "
        "selected events if some are off screen. The map's ⤢ button frames them any time.",
    )  # fmt: skip
    basemap = _basemap_widget(bar)
    start, end = _view_window((start, end), first, last)
    return url_view.with_changes(
        start=start,
        end=end,
        layers=shown,
        basemap=basemap,
        **filters,
    )


def _basemap_widget(bar) -> str:
    """Offline basemap, or online tiles: only ever switched on here, by the user.

    Not seeded from the link or a recipe (``layers.map.tiles``): every session starts
    offline, and choosing tiles shows what they reveal.
    """
    choice = bar.radio(
        "Basemap",
        list(BASEMAP_LABELS),
        format_func=BASEMAP_LABELS.get,
        key=KEY_BASEMAP,
        help="The offline basemap needs no network. Online tiles need internet.",
    )
    if choice != OFFLINE:
        bar.warning(TILE_WARNING, icon="🌐")
    return choice
