"""Briefing map: a thin Streamlit UI over ``layers`` (run with ``make run``).

Layout and wiring only. ``ui/`` holds the Streamlit panels (each ``render(ctx)``),
``layers/`` everything that can be tested without Streamlit. One run:

1. load the catalogue + user events (or a large events file: ``BRIEFING_MAP_EVENTS``);
2. read the URL once per session, then the sidebar widgets → a ``BriefingView``;
3. filter (+ the timeline's chart selection) → ``AppContext``;
4. draw: summary, range-ring tools, map beside the details panel, timeline, tabs;
5. write the view back to the URL.
"""

from __future__ import annotations

import streamlit as st

from layers.catalogue.problems import GeoDataError
from layers.view.chart_selection import apply_chart_selection
from layers.view.filters import filter_view
from layers.view.view import DEFAULT_TITLE
from ui import details_panel, map_panel, sidebar, state
from ui.context import KEY_CHART, AppContext

TABS = ("Events table", "Briefing export", "Import data", "Draft from article")


def load(notices) -> state.LoadedData:
    """The data of this run, or the catalogue's problems and a stop."""
    try:
        data = state.load_data()
    except GeoDataError as exc:
        st.error("The data did not load. Fix these problems and reload the page:")
        # Problem text quotes the files: a code block shows it as text, never as Markdown.
        st.code("\n".join(str(p) for p in exc.problems), language=None, wrap_lines=True)
        st.stop()
    if data.problems:
        with notices.expander(f"⚠️ {len(data.problems)} problem(s) in the saved imports"):
            for problem in data.problems:
                st.text(problem)
    return data


def make_context(data: state.LoadedData) -> AppContext:
    """Sidebar + URL → the view; the view (+ chart selection) → the events shown."""
    events = data.frames["events"]
    known_aircraft = state.filter_choices(events).aircraft if not data.large else None
    view = sidebar.render(events, state.url_view(events, known_aircraft))
    view = state.with_position(view)
    in_view = filter_view(events, view)
    shown = apply_chart_selection(in_view, st.session_state.get(KEY_CHART))
    bases = data.frames["bases"]
    return AppContext(
        frames=data.frames,
        view=view,
        events=shown,
        data_dir=state.data_dir(),
        base_ids=frozenset(bases["id"].astype(str)),
        view_events=in_view,
    )


def empty_result(ctx: AppContext, slot) -> None:
    """Say plainly when the filters select nothing, and offer the way back."""
    if ctx.events.empty and "events" in ctx.view.layers:
        slot.info("No event matches these filters. The map still shows bases, ADIZ and areas.")
        slot.button("Clear filters", key="clear_filters_main", on_click=sidebar.clear_filters)


def main() -> None:
    """Lay out the page."""
    st.set_page_config(page_title="Briefing map", page_icon="🗺️", layout="wide")
    # Messages that come and go live in fixed containers: an element appearing above
    # the map would shift it in the page and make Streamlit remount it (pan/zoom lost).
    notices = st.container()
    data = load(notices)
    with notices:
        ctx = make_context(data)
    st.markdown(f"#### {DEFAULT_TITLE}")
    st.markdown(f"**{map_panel.summary_line(ctx)}**")
    empty_result(ctx, st.container())
    overlays = map_panel.overlay_tools(ctx)
    map_column, details_column = st.columns([3, 1])
    with map_column:
        map_panel.render(ctx, index=data.index, overlays=(overlays,))
    with details_column:
        details_panel.render(ctx)
    # Imported once the map is on its way to the browser: their libraries (altair,
    # dateparser) take most of a second to import on a cold start, and the map
    # should not wait for them. Later runs find them already imported.
    from ui import draft_panel, export_panel, import_panel, table_panel, timeline_panel

    timeline_panel.render(ctx)
    for tab, panel in zip(
        st.tabs(TABS), (table_panel, export_panel, import_panel, draft_panel), strict=True
    ):
        with tab:
            panel.render(ctx)
    state.write_url(state.with_position(ctx.view))  # the map may have saved a new position


main()
