"""Briefing map: a thin Streamlit UI over ``layers`` (run with ``make run``).

Layout and wiring only. ``ui/`` holds the Streamlit panels (each ``render(ctx)``),
``layers/`` everything that can be tested without Streamlit. One run:

1. load the catalogue + user events (or a large events file: ``BRIEFING_MAP_EVENTS``);
2. the view: the URL (read once per session), the sidebar, the range-ring tools, the
   timeline's pick and the map's position → one ``BriefingView`` (a visitor's first run
   draws the link's view before any widget: ``ui/first_paint.py``);
3. ``select(catalogue, view)`` once → the ``Selection`` in ``AppContext``;
4. draw from it: summary, the map (details open in a drawer over it), timeline, tabs,
   and what each quick window or playback step will show (``ui/instant.py``);
5. write the view back to the URL.
"""

from __future__ import annotations

import streamlit as st

from layers.catalogue.problems import GeoDataError
from layers.view.select import select
from layers.view.view import DEFAULT_TITLE
from ui import (
    db_state,
    details_panel,
    first_paint,
    gc_freeze,
    held_files,
    instant,
    layout,
    map_panel,
    presses,
    say,
    sidebar,
    state,
)
from ui.context import AppContext, current_pick, linked_marks
from ui.upload_replies import keep_replies_across_reruns

TABS = ("Events table", "Briefing export", "Import data", "Draft from article")
KEY_TAB = "main_tab"  # the open tab
KEY_TABS_BUILT = "tabs_built"  # names of the tabs opened in this session


def load(notices) -> state.LoadedData:
    """The data of this run, or the catalogue's problems and a stop."""
    try:
        data = state.load_data()
    except GeoDataError as exc:
        st.error("The data did not load. Fix these problems and reload the page:")
        # Problem text quotes the files: a code block shows it as text, never as Markdown.
        st.code("\n".join(str(p) for p in exc.problems), language=None, wrap_lines=True)
        st.stop()
    except db_state.failures() as exc:  # the database cannot be used: one line, no password
        say.error("The shared database cannot be used: {reason}", reason=db_state.reason(exc))
        st.stop()
    if data.problems:
        with notices.expander(f"⚠️ {len(data.problems)} problem(s) in the saved imports"):
            for problem in data.problems:
                st.text(problem)
    return data


def make_context(data: state.LoadedData, notices, tools) -> AppContext:
    """The view from the URL, sidebar, tools, pick and position; selected once."""
    events = data.frames["events"]
    known_aircraft = state.filter_choices(events).aircraft if not data.large else None
    with notices:
        url_view = state.url_view(events, known_aircraft)
    if first_paint.waiting():  # the link's view, drawn before any widget (ui/first_paint.py)
        view, (rings, measures) = url_view, linked_marks()
        sidebar.seed(events, url_view)
        first_paint.sidebar_note()
        with tools:
            map_panel.marks_expander()  # folded and empty: the same height as when filled
    else:
        with notices:
            view = sidebar.render(events, url_view)
        with tools:
            rings, measures = map_panel.mark_tools(data.frames["bases"])
    view = state.with_position(view).with_changes(
        pick=current_pick(), rings=rings, measures=measures
    )
    if db_state.url():
        db_state.author()  # the name kept with this session's changes (sidebar)
    bases = frozenset(data.frames["bases"]["id"].astype(str))
    if data.remote is not None:  # a large database catalogue: this run's answer, from SQL
        from ui import db_large

        selection, remote = db_large.select(data, view, map_panel.viewport(view))
        return AppContext(selection, state.data_dir(), bases, remote=remote)
    viewport = map_panel.viewport(view) if data.large else None
    selection = select(data.frames, view, index=data.index, viewport=viewport)
    return AppContext(selection, state.data_dir(), bases)


EMPTY_NOTE = "No event matches these filters. The map still shows bases, ADIZ and areas."


def empty_result(ctx: AppContext, slot) -> None:
    """Say plainly when the filters select nothing, and offer the way back.

    The note is a toast and the button is always there: nothing appears above the map,
    so a playback step into an empty week never moves the map down the page.
    """
    empty = ctx.events.empty and "events" in ctx.view.layers
    if empty and not st.session_state.get("was_empty"):
        st.toast(EMPTY_NOTE, icon="ℹ️")
    st.session_state["was_empty"] = empty
    slot.button(
        "Clear filters", key="clear_filters_main", on_click=sidebar.clear_filters,
        type="primary" if empty else "secondary",
        help="Every filter back to all, the window to every date.",
    )  # fmt: skip


def tabs(ctx: AppContext, panels) -> None:
    """The tabs under the timeline, each built from the first time it is opened.

    A tab nobody opened costs the page nothing (the export, import and draft forms are
    most of the page's elements, and the browser drew them all before the map).
    Once opened it is built on every run, shown or not, so its fields keep what was typed.
    """
    built = st.session_state.setdefault(KEY_TABS_BUILT, {TABS[0]})
    containers = st.tabs(TABS, key=KEY_TAB, on_change="rerun")
    for name, tab, panel in zip(TABS, containers, panels, strict=True):
        if tab.open:
            built.add(name)
        if name in built:
            with tab:
                panel.render(ctx)


def main() -> None:
    """Lay out the page."""
    st.set_page_config(page_title="Briefing map", page_icon="🗺️", layout="wide")
    keep_replies_across_reruns()  # else a rerun can swallow a chosen file (see the module)
    held_files.hold()  # else another session's run can delete them (see the module)
    layout.apply()  # map first: see ui/layout.py
    # Messages that come and go live in fixed containers: an element appearing above
    # the map would shift it in the page and make Streamlit remount it (pan/zoom lost).
    notices = st.container()
    problem = state.assets_problem()
    if problem:  # a blank map would say nothing: say what is wrong and how to fix it
        say.error(
            "The map cannot be drawn: its files could not be prepared ({reason}). "
            "Reinstall the requirements (pip install -r requirements.txt) or run make assets, "
            "then reload the page.",
            reason=problem,
        )
        st.stop()
    data = load(notices)
    head, tools = st.container(), st.container()  # filled in page order, computed first
    ctx = make_context(data, notices, tools)
    title, summary, action = head.columns([4, 3, 1], vertical_alignment="bottom")
    title.markdown(f"#### {DEFAULT_TITLE}")
    summary.markdown(f"**{map_panel.summary_line(ctx)}**")
    empty_result(ctx, action)
    map_panel.render(ctx)
    details_panel.render(ctx)  # after the map: opening the drawer never moves the map
    # Imported once the map is on its way to the browser: their libraries (altair,
    # dateparser) take most of a second to import on a cold start, and the map
    # should not wait for them. Later runs find them already imported.
    if first_paint.waiting():  # the browser mounts the map sooner without them
        first_paint.placeholder()
    else:
        from ui import draft_panel, export_panel, import_panel, table_panel, timeline_panel

        timeline_panel.render(ctx)
        tabs(ctx, (table_panel, export_panel, import_panel, draft_panel))
        instant.render(ctx)  # last: an element with nothing to see, under everything
        presses.forget()  # every button was drawn and took its press (ui/presses.py)
        gc_freeze.freeze_once()  # the process is warm (`make run` froze it at start-up)
    state.write_url(state.with_position(ctx.view))  # the map may have saved a new position
    sidebar.run_completed()


main()
