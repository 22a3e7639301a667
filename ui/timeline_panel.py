"""The timeline under the map: the view's events over time; picking on it narrows the view.

The chart always shows the events of the window and filters (``Selection.view_events``),
not only those picked, so a pick can be widened again. What is picked becomes the
view's ``pick`` (``st.session_state[KEY_PICK]``), which ``app.py`` puts into the view
before ``layers.view.select`` applies it, once, for every output.

Why the widget has its own key: Streamlit forbids writing a chart's selection through
session state and the browser re-sends the old selection with every rerun, so the only
way to clear the brush is a new widget. The widget key carries a generation number
that "Clear chart selection" bumps; an ``on_select`` callback (run before the script)
copies the pick to ``KEY_PICK`` so the map sees it on the same rerun.
"""

from __future__ import annotations

import json

import streamlit as st

from layers.outputs.timeline import AGGREGATE_ABOVE, TimelineChart, timeline_chart_for
from layers.safe_text import md
from layers.view.pick import describe_pick, pick_from_chart
from layers.view.view import Pick
from ui import state
from ui.context import KEY_CHART, KEY_CLICKED, KEY_PICK, AppContext

KEY_GENERATION = "timeline_chart_generation"  # bumped by "Clear chart selection"
KEY_MODE = "timeline_chart_mode"  # "events" or "aggregated" on the last run
KEY_MEMO = "timeline_chart_memo"  # (what it shows, chart, spec) of the last run
CLEAR_LABEL = "Clear chart selection"


def chart_widget_key() -> str:
    """The key of the chart widget on this run (changes when the selection is cleared)."""
    return f"{KEY_CHART}_widget_{st.session_state.get(KEY_GENERATION, 0)}"


def store_selection() -> None:
    """``on_select`` callback: the chart's selection becomes the view's pick."""
    state = st.session_state.get(chart_widget_key())
    st.session_state[KEY_PICK] = pick_from_chart(
        json.loads(json.dumps(state, default=str)) if state else None
    )


def clear_chart_selection() -> None:
    """Forget the pick and draw a fresh chart widget (so the brush disappears too)."""
    st.session_state[KEY_GENERATION] = st.session_state.get(KEY_GENERATION, 0) + 1
    st.session_state[KEY_PICK] = Pick()


def clicked_event_ids() -> tuple[str, ...]:
    """The event clicked on the map (``KEY_CLICKED``), to highlight on the chart."""
    clicked = st.session_state.get(KEY_CLICKED)
    if isinstance(clicked, list | tuple) and len(clicked) == 2 and clicked[0] == "events":
        return (str(clicked[1]),)
    return ()


def render(ctx: AppContext) -> None:
    """Draw the timeline, a line on what it shows, and the chart selection's status."""
    if "events" not in ctx.view.layers:
        st.caption("The events layer is hidden: tick it in the sidebar to see the timeline.")
        return
    if ctx.remote is not None and ctx.remote.view_events is None:  # counted in SQL
        from ui import db_large, db_state

        db_large.timeline(ctx, db_state.remote())
        return
    events = ctx.selection.view_events  # before the pick: a pick can be widened again
    if events.empty:
        st.caption("No events in this view: the timeline is empty.")
        selection_status(ctx)
        return
    drawn, spec = _chart(ctx, events)
    if _mode_changed("aggregated" if drawn.aggregated else "events"):
        return
    if drawn.aggregated:
        st.caption(
            f"{len(events):,} events: too many to draw one by one, so the timeline shows "
            f"events per {md(drawn.period)}, stacked by kind. Drag across it to select dates."
        )
    else:
        st.caption(
            "Drag across the timeline to select dates, or click a bar to select that event "
            "(shift-click for more): the map and the table then show only the selection."
        )
    st.vega_lite_chart(
        spec=spec, on_select=store_selection, key=chart_widget_key(), width="stretch"
    )
    selection_status(ctx)


def _chart(ctx: AppContext, events) -> tuple[TimelineChart, dict]:
    """The chart and its Vega-Lite spec, rebuilt only when what it shows changed.

    A click or a pan reruns the script with the same timeline: building the Altair
    chart and validating its spec took about 0.25 s of every rerun. The spec is
    made once per content (unvalidated: the chart's code is tested, not each use).
    """
    window, selected = (ctx.view.start, ctx.view.end), clicked_event_ids()
    key = None
    if len(events) <= AGGREGATE_ABOVE:  # large mode: too many ids to key on; build each time
        numbers = tuple(ctx.selection.numbers.items())
        key = (state.data_stamp(), tuple(events["id"]), window, selected, numbers)
    memo = st.session_state.get(KEY_MEMO)
    if key is not None and memo is not None and memo[0] == key:
        return memo[1], memo[2]
    drawn = timeline_chart_for(
        events, window=window, selected_ids=selected, numbers=ctx.selection.numbers
    )
    spec = drawn.chart.to_dict(validate=False)
    st.session_state[KEY_MEMO] = (key, drawn, spec)
    return drawn, spec


def _mode_changed(mode: str) -> bool:
    """Switching between bars and counts remounts the chart: drop the old selection with it."""
    previous = st.session_state.get(KEY_MODE)
    st.session_state[KEY_MODE] = mode
    if previous is None or previous == mode or st.session_state.get(KEY_PICK, Pick()).is_empty:
        return False
    clear_chart_selection()
    st.rerun()
    return True  # not reached: st.rerun() stops the script


def selection_status(ctx: AppContext) -> None:
    """The pick in words, how many events it keeps, and the button that clears it."""
    pick = ctx.view.pick
    if pick.is_empty:
        return
    kept, total = len(ctx.selection.events), len(ctx.selection.view_events)
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.markdown(
        f"**Chart selection:** {md(describe_pick(pick))}: "
        f"{kept:,} of {total:,} events on the map and in the table"
    )
    button.button(CLEAR_LABEL, on_click=clear_chart_selection, key="timeline_clear_selection")
